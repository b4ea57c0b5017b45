// The Leaflet map: it only composes layers (base tiles, zoom control, view watcher, stations, you-are-here, place focus).
import type { Map as LeafletMap } from "leaflet";
import { MapContainer, TileLayer, ZoomControl } from "react-leaflet";
import type { Bbox } from "@/lib/domain/geo";
import type { PublicStation } from "@/lib/domain/station";
import type { LatLng } from "../list/StationList";
import { PlaceFocusLayer } from "./PlaceFocusLayer";
import { StationMarkers } from "./StationMarkers";
import { mapMaxZoom, tileAttribution, tileUrl } from "./tiles";
import { ViewportWatcher } from "./ViewportWatcher";
import { YouAreHereLayer } from "./YouAreHereLayer";

/** Lisbon, a little north of Baixa: centred on Baixa itself, half of a phone's first view was the Tagus. */
const LISBON: [number, number] = [38.735, -9.145];

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
  driver: LatLng | null;
  place: LatLng | null;
};

export function StationMap({
  stations,
  onViewChange,
  driver,
  place,
}: StationMapProps) {
  return (
    <MapContainer
      center={LISBON}
      zoom={13}
      maxZoom={mapMaxZoom}
      zoomControl={false}
      className="station-map"
      ref={labelContainer}
    >
      <TileLayer url={tileUrl} attribution={tileAttribution} />
      <ZoomControl position="bottomright" />
      <ViewportWatcher onChange={onViewChange} />
      <StationMarkers stations={stations} />
      <YouAreHereLayer position={driver} />
      <PlaceFocusLayer place={place} />
    </MapContainer>
  );
}
