// Loads the live map in the browser only: Leaflet needs `window`, so it is never rendered on the server.
"use client";

import dynamic from "next/dynamic";
import { useTranslations } from "next-intl";

function MapLoading() {
  const t = useTranslations("Map");
  return (
    <div className="live-map live-map--loading">
      <p className="map-loading">{t("loading")}</p>
    </div>
  );
}

const LiveMap = dynamic(() => import("./LiveMap").then((m) => m.LiveMap), {
  ssr: false,
  loading: () => <MapLoading />,
});

export function LiveMapLoader() {
  return <LiveMap />;
}
