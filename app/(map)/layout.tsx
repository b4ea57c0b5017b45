// The map screens: one live map that stays mounted while the driver opens and closes station details over it, and
// the device's alerts and the account's session notices, whose toasts reach the driver on every one of them.
import type { ReactNode } from "react";
import { AlertsProvider } from "@/components/alerts/AlertsProvider";
import { LiveMapLoader } from "@/components/map/LiveMapLoader";
import { MapFocusProvider } from "@/components/map/MapFocus";
import { MapSessionNotices } from "@/components/session/SessionNotices";

export default function MapLayout({ children }: { children: ReactNode }) {
  return (
    <main className="app-main">
      <AlertsProvider otherToasts={<MapSessionNotices />}>
        <MapFocusProvider>
          <LiveMapLoader />
          {children}
        </MapFocusProvider>
      </AlertsProvider>
    </main>
  );
}
