// Fetches the stations in an area from the public read API (contract 3), with the filters the API applies.
import type { Bbox } from "@/lib/domain/geo";
import type { PublicStation } from "@/lib/domain/station";

export async function fetchStations(
  bbox: Bbox,
  filterQuery: string,
  signal: AbortSignal,
): Promise<PublicStation[]> {
  const params = new URLSearchParams(filterQuery);
  params.set("bbox", bbox.join(","));
  const response = await fetch(`/api/stations?${params}`, {
    signal,
    cache: "no-store",
  });
  if (!response.ok)
    throw new Error(`GET /api/stations answered ${response.status}`);
  const body = (await response.json()) as { stations: PublicStation[] };
  return body.stations;
}
