// The stations layer: a labelled, focusable marker per station, or per cluster of stations that would overlap.
import type { PublicStation } from "@/lib/domain/station";
import { ClusterMarker } from "./ClusterMarker";
import { StationMarker } from "./StationMarker";
import { useStationClusters } from "./useStationClusters";

/** Only markers in and around the view are drawn, so 20,000 stations cost what the few dozen on screen cost. */
export function StationMarkers({
  stations,
}: {
  stations: readonly PublicStation[];
}) {
  const { markers, expansionZoom } = useStationClusters(stations);
  return markers.map((marker) =>
    marker.kind === "station" ? (
      <StationMarker key={marker.station.id} station={marker.station} />
    ) : (
      <ClusterMarker
        key={marker.key}
        id={marker.id}
        markerKey={marker.key}
        lat={marker.lat}
        lng={marker.lng}
        stations={marker.stations}
        {...marker.summary}
        expansionZoom={expansionZoom}
      />
    ),
  );
}
