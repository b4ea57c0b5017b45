// The markers the stations layer draws: clusters and stations in and just around the view, asked again as it moves.
import type { Map as LeafletMap } from "leaflet";
import { useCallback, useMemo, useState } from "react";
import { useMap, useMapEvent } from "react-leaflet";
import type { PublicStation } from "@/lib/domain/station";
import {
  clusterStations,
  hasSamePlaces,
  MAX_CLUSTER_ZOOM,
  visibleMarkers,
  type Bounds,
  type MarkerItem,
} from "./stationClusters";

/** Markers just outside the view are drawn too, so a short pan shows no gap before they are asked for again. */
const VIEW_PADDING = 0.25;

type View = { bounds: Bounds; zoom: number };

function viewOf(map: LeafletMap): View {
  const padded = map.getBounds().pad(VIEW_PADDING);
  return {
    bounds: [
      Math.max(-180, padded.getWest()),
      Math.max(-90, padded.getSouth()),
      Math.min(180, padded.getEast()),
      Math.min(90, padded.getNorth()),
    ],
    zoom: map.getZoom(),
  };
}

export type StationClusterMarkers = {
  markers: MarkerItem[];
  /** The zoom at which a cluster splits into several markers. */
  expansionZoom: (clusterId: number) => number;
};

/**
 * Live updates replace a station a dozen times a second: the index (tens of ms at 20,000 stations) is rebuilt only
 * when stations come, go or move, and clusters sum the live stations each time (about a millisecond).
 */
export function useStationClusters(
  stations: readonly PublicStation[],
): StationClusterMarkers {
  const map = useMap();
  const [view, setView] = useState(() => viewOf(map));
  // Leaflet ends every zoom with a moveend too.
  useMapEvent("moveend", () => setView(viewOf(map)));

  const [clusters, setClusters] = useState(() =>
    clusterStations(stations, MAX_CLUSTER_ZOOM),
  );
  let current = clusters;
  if (!hasSamePlaces(clusters.stations, stations)) {
    current = clusterStations(stations, MAX_CLUSTER_ZOOM);
    setClusters(current);
  }

  const markers = useMemo(
    () => visibleMarkers(current, stations, view.bounds, view.zoom),
    [current, stations, view],
  );
  const expansionZoom = useCallback(
    (clusterId: number) => current.index.getClusterExpansionZoom(clusterId),
    [current],
  );
  return { markers, expansionZoom };
}
