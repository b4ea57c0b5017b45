// The marker pills for one station and for a cluster of stations that would overlap.
import type { DivIcon } from "leaflet";
import type { AvailabilitySummary } from "@/lib/domain/availability";
import type { PublicStation } from "@/lib/domain/station";
import { pillIcon } from "./markerIcon";
import { describeCluster, describeStation } from "./stationPresentation";

export function stationIcon(
  station: PublicStation,
  summary: AvailabilitySummary,
): DivIcon {
  return pillIcon({
    ...summary,
    label: describeStation(station),
    key: station.id,
  });
}

/** A cluster reads like a station (its summary combines its stations'), with a badge counting its stations. */
export function clusterIcon(
  key: string,
  summary: AvailabilitySummary,
  stations: number,
): DivIcon {
  return pillIcon({
    ...summary,
    label: describeCluster(stations, summary.available, summary.total),
    key,
    clusterSize: stations,
  });
}
