// Clusters stations with supercluster: positions are indexed once per set of stations, counts come from live stations.
import Supercluster from "supercluster";
import {
  combineSummaries,
  summariseConnectors,
  type AvailabilitySummary,
} from "@/lib/domain/availability";
import type { PublicStation } from "@/lib/domain/station";
import { mapMaxZoom } from "./tiles";

/** At the map's deepest zoom every station shows on its own, even several at one address. */
export const MAX_CLUSTER_ZOOM = mapMaxZoom - 1;

/** Roughly one marker pill, in screen pixels: stations closer than this share a cluster marker. */
const CLUSTER_RADIUS_PX = 60;

/** A point's place in the station list the index was built from; live lists keep that order. */
type Place = { at: number };

export type StationClusters = {
  index: Supercluster<Place>;
  stations: readonly PublicStation[];
  /** Each cluster's stations by list position, and its key, filled as clusters come into view. */
  leaves: Map<number, Leaves>;
};

/** `maxZoom`: the deepest zoom that still clusters; deeper, every station shows, even several at one address. */
export function clusterStations(
  stations: readonly PublicStation[],
  maxZoom: number,
): StationClusters {
  // Leaflet's tiles are 256 px: with that extent the radius is in screen pixels.
  const index = new Supercluster<Place>({
    radius: CLUSTER_RADIUS_PX,
    extent: 256,
    maxZoom,
  });
  index.load(
    stations.map((station, at) => ({
      type: "Feature",
      geometry: { type: "Point", coordinates: [station.lng, station.lat] },
      properties: { at },
    })),
  );
  return { index, stations, leaves: new Map() };
}

/** True when the lists hold the same stations at the same places in the same order: a live update, no new index. */
export function hasSamePlaces(
  a: readonly PublicStation[],
  b: readonly PublicStation[],
): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const [x, y] = [a[i], b[i]];
    if (x !== y && (x.id !== y.id || x.lat !== y.lat || x.lng !== y.lng))
      return false;
  }
  return true;
}

/** `key` names a cluster by its stations, not by its id in one index, so it outlives a rebuilt index. */
type Leaves = { at: number[]; key: string };

export type ClusterItem = {
  kind: "cluster";
  id: number;
  key: string;
  lat: number;
  lng: number;
  stations: number;
  summary: AvailabilitySummary;
};

export type MarkerItem =
  { kind: "station"; station: PublicStation } | ClusterItem;

/** West, south, east, north, as supercluster takes them. */
export type Bounds = [number, number, number, number];

/** Live stations change a few at a time: keep each one's summary until the station object itself is replaced. */
const summaries = new WeakMap<PublicStation, AvailabilitySummary>();

function summaryOf(station: PublicStation): AvailabilitySummary {
  let summary = summaries.get(station);
  if (!summary) {
    summary = summariseConnectors(station.connectors);
    summaries.set(station, summary);
  }
  return summary;
}

function leavesOf(clusters: StationClusters, id: number): Leaves {
  let leaves = clusters.leaves.get(id);
  if (!leaves) {
    const at = clusters.index
      .getLeaves(id, Infinity)
      .map((leaf) => leaf.properties.at);
    // The cluster holding the smallest station id: the same stations give the same key after a new fetch, so React
    // keeps the marker (and a keyboard user's focus on it) instead of drawing a new one.
    const first = at.reduce((a, b) =>
      clusters.stations[b].id < clusters.stations[a].id ? b : a,
    );
    leaves = { at, key: `cluster:${clusters.stations[first].id}` };
    clusters.leaves.set(id, leaves);
  }
  return leaves;
}

/**
 * The markers within `bounds` at `zoom`: single stations, and clusters summed from `live`, the current version of
 * the list the index was built from.
 */
export function visibleMarkers(
  clusters: StationClusters,
  live: readonly PublicStation[],
  bounds: Bounds,
  zoom: number,
): MarkerItem[] {
  return clusters.index.getClusters(bounds, zoom).map((feature) => {
    const [lng, lat] = feature.geometry.coordinates;
    if (!("cluster" in feature.properties))
      return { kind: "station", station: live[feature.properties.at] };
    const { cluster_id: id, point_count: stations } = feature.properties;
    const leaves = leavesOf(clusters, id);
    const summary = combineSummaries(
      leaves.at.map((at) => summaryOf(live[at])),
    );
    return {
      kind: "cluster",
      id,
      key: leaves.key,
      lat,
      lng,
      stations,
      summary,
    };
  });
}
