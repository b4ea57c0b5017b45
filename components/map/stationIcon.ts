// The marker pills for one station and for a cluster of stations that would overlap.
import type { DivIcon } from "leaflet";
import type { AvailabilitySummary } from "@/lib/domain/availability";
import { pillIcon } from "./markerIcon";

/** `label`: what a screen reader says for the marker (describeStation), in the driver's language. */
export function stationIcon(
  stationId: string,
  summary: AvailabilitySummary,
  label: string,
): DivIcon {
  return pillIcon({ ...summary, label, key: stationId });
}

/** A cluster reads like a station (its summary combines its stations'), with a badge counting its stations. */
export function clusterIcon(
  key: string,
  summary: AvailabilitySummary,
  stations: number,
  label: string,
): DivIcon {
  return pillIcon({ ...summary, label, key, clusterSize: stations });
}
