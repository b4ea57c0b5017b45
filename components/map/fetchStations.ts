// Fetches the stations in an area from the public read API (contract 3).
import type { Bbox } from "@/lib/domain/geo";
import type { PublicStation } from "@/lib/domain/station";

export async function fetchStations(
  bbox: Bbox,
  signal: AbortSignal,
): Promise<PublicStation[]> {
  const response = await fetch(`/api/stations?bbox=${bbox.join(",")}`, {
    signal,
    cache: "no-store",
  });
  if (!response.ok)
    throw new Error(`GET /api/stations answered ${response.status}`);
  const body = (await response.json()) as { stations: PublicStation[] };
  return body.stations;
}
