// The server's clusters layer: one marker per cluster of a view too crowded for its stations (GET /api/stations?zoom=).
import { latLngBounds } from "leaflet";
import { useCallback } from "react";
import { useMap } from "react-leaflet";
import type { StationCluster } from "@/lib/store/station-clusters";
import { ClusterMarker } from "./ClusterMarker";

/** Drawn as the browser's own clusters are (ClusterMarker): state, free/total connectors and the station count. */
export function ServerClusterMarkers({
  clusters,
}: {
  clusters: readonly StationCluster[];
}) {
  const map = useMap();
  // A tap zooms to where the cluster's stations all fit, which ClusterMarker makes at least one level deeper.
  const expansionZoom = useCallback(
    (at: number) => {
      const [minLng, minLat, maxLng, maxLat] = clusters[at].bbox;
      return map.getBoundsZoom(
        latLngBounds([minLat, minLng], [maxLat, maxLng]),
      );
    },
    [map, clusters],
  );
  return clusters.map((cluster, at) => {
    // Named by its place, so a refresh that keeps the cluster keeps its marker (and a keyboard user's focus).
    const key = `server-cluster:${cluster.bbox.join(",")}`;
    return (
      <ClusterMarker
        key={key}
        id={at}
        markerKey={key}
        lat={cluster.lat}
        lng={cluster.lng}
        stations={cluster.count}
        state={cluster.state}
        available={cluster.available}
        total={cluster.connectors}
        expansionZoom={expansionZoom}
      />
    );
  });
}
