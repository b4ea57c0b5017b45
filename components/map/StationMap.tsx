// The Leaflet map: it only composes layers (base tiles, zoom control, view watcher, stations).
import type { Map as LeafletMap } from "leaflet";
import { MapContainer, TileLayer, ZoomControl } from "react-leaflet";
import type { Bbox } from "@/lib/domain/geo";
import type { PublicStation } from "@/lib/domain/station";
import { StationMarkers } from "./StationMarkers";
import { tileAttribution, tileUrl } from "./tiles";
import { ViewportWatcher } from "./ViewportWatcher";

const LISBON: [number, number] = [38.7223, -9.1393];

/** Leaflet makes its container focusable for keyboard panning; give that stop a name. */
function labelContainer(map: LeafletMap | null) {
  map
    ?.getContainer()
    .setAttribute(
      "aria-label",
      "Map of charging stations; arrow keys pan, plus and minus zoom",
    );
}

type StationMapProps = {
  stations: readonly PublicStation[];
  onViewChange: (bbox: Bbox) => void;
};

export function StationMap({ stations, onViewChange }: StationMapProps) {
  return (
    <MapContainer
      center={LISBON}
      zoom={13}
      zoomControl={false}
      className="station-map"
      ref={labelContainer}
    >
      <TileLayer url={tileUrl} attribution={tileAttribution} />
      <ZoomControl position="bottomright" />
      <ViewportWatcher onChange={onViewChange} />
      <StationMarkers stations={stations} />
    </MapContainer>
  );
}
