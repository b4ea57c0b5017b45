// The map screens: one live map that stays mounted while the driver opens and closes station details over it.
import type { ReactNode } from "react";
import { LiveMapLoader } from "@/components/map/LiveMapLoader";
import { MapFocusProvider } from "@/components/map/MapFocus";

export default function MapLayout({ children }: { children: ReactNode }) {
  return (
    <main className="app-main">
      <MapFocusProvider>
        <LiveMapLoader />
        {children}
      </MapFocusProvider>
    </main>
  );
}
