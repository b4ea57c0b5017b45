// The home page: the live charging map, full screen.
import { LiveMapLoader } from "@/components/map/LiveMapLoader";

export default function HomePage() {
  return (
    <main className="app-main">
      <LiveMapLoader />
    </main>
  );
}
