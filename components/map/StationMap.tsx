// The Leaflet map: it only composes layers (base tiles, zoom control, words, view watcher, stations, server clusters,
// you-are-here, place focus).
import { useLocale, useTranslations } from "next-intl";
import { MapContainer, TileLayer, ZoomControl } from "react-leaflet";
import type { PublicStation } from "@/lib/domain/station";
import type { StationCluster } from "@/lib/store/station-clusters";
import type { LatLng } from "../list/StationList";
import { MapWordsLayer } from "./MapWordsLayer";
import { PlaceFocusLayer } from "./PlaceFocusLayer";
import { StationMarkers } from "./StationMarkers";
import { mapMaxZoom, tileCopyrightUrl, tileUrl } from "./tiles";
import { ServerClusterMarkers } from "./ServerClusterMarkers";
import { ViewportWatcher, type Viewport } from "./ViewportWatcher";
import { YouAreHereLayer } from "./YouAreHereLayer";

/** Lisbon, a little north of Baixa: centred on Baixa itself, half of a phone's first view was the Tagus. */
const LISBON: [number, number] = [38.735, -9.145];

type StationMapProps = {
  stations: readonly PublicStation[];
  clusters: readonly StationCluster[];
  onViewChange: (viewport: Viewport) => void;
  driver: LatLng | null;
  place: LatLng | null;
};

export function StationMap({
  stations,
  clusters,
  onViewChange,
  driver,
  place,
}: StationMapProps) {
  const t = useTranslations("Map");
  // Leaflet reads a control's titles and a layer's attribution once: a new language builds them afresh.
  const locale = useLocale();
  const attribution = t.markup("attribution", {
    osm: (chunks) => `<a href="${tileCopyrightUrl}">${chunks}</a>`,
  });
  return (
    <MapContainer
      center={LISBON}
      zoom={13}
      maxZoom={mapMaxZoom}
      zoomControl={false}
      className="station-map"
    >
      <TileLayer
        key={`tiles-${locale}`}
        url={tileUrl}
        attribution={attribution}
      />
      <ZoomControl
        key={`zoom-${locale}`}
        position="bottomright"
        zoomInTitle={t("zoomIn")}
        zoomOutTitle={t("zoomOut")}
      />
      <MapWordsLayer label={t("label")} closePopup={t("closePopup")} />
      <ViewportWatcher onChange={onViewChange} />
      <StationMarkers stations={stations} />
      <ServerClusterMarkers clusters={clusters} />
      <YouAreHereLayer position={driver} label={t("youAreHere")} />
      <PlaceFocusLayer place={place} />
    </MapContainer>
  );
}
