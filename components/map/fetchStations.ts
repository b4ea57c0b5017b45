// Fetches what the map shows of an area from the public read API: its stations, or server-side clusters of them when
// the view holds more than the API answers station by station (GET /api/stations?zoom=).
import type { Bbox } from "@/lib/domain/geo";
import type { PublicStation } from "@/lib/domain/station";
import type { StationCluster } from "@/lib/store/station-clusters";

export type AreaSnapshot = {
  stations: PublicStation[];
  /** Empty unless the view was too crowded for its stations. */
  clusters: StationCluster[];
};

export async function fetchStations(
  bbox: Bbox,
  zoom: number,
  filterQuery: string,
  signal: AbortSignal,
): Promise<AreaSnapshot> {
  const params = new URLSearchParams(filterQuery);
  params.set("bbox", bbox.join(","));
  params.set("zoom", String(Math.round(zoom)));
  const response = await fetch(`/api/stations?${params}`, {
    signal,
    cache: "no-store",
  });
  if (!response.ok)
    throw new Error(`GET /api/stations answered ${response.status}`);
  const body = (await response.json()) as {
    stations: PublicStation[];
    clusters?: StationCluster[];
  };
  return { stations: body.stations, clusters: body.clusters ?? [] };
}
