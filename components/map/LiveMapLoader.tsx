// Loads the live map in the browser only: Leaflet needs `window`, so it is never rendered on the server.
"use client";

import dynamic from "next/dynamic";

const LiveMap = dynamic(() => import("./LiveMap").then((m) => m.LiveMap), {
  ssr: false,
  loading: () => (
    <div className="live-map live-map--loading">
      <p className="map-loading">Loading map…</p>
    </div>
  ),
});

export function LiveMapLoader() {
  return <LiveMap />;
}
