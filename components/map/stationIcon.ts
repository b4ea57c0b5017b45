// The marker pills for one station and for a group of overlapping stations.
import type { DivIcon } from "leaflet";
import { countAvailability, summariseStation } from "@/lib/domain/availability";
import type { PublicStation } from "@/lib/domain/station";
import { pillIcon } from "./markerIcon";
import { describeGroup, describeStation } from "./stationPresentation";

export function stationIcon(station: PublicStation): DivIcon {
  const { available, total } = countAvailability(station.connectors);
  const state = summariseStation(station.connectors);
  return pillIcon({
    state,
    available,
    total,
    label: describeStation(station),
    key: station.id,
  });
}

/** A group reads like a station: free/total connectors, and free if any of its stations has a free connector. */
export function groupIcon(
  key: string,
  stations: readonly PublicStation[],
): DivIcon {
  const connectors = stations.flatMap((s) => s.connectors);
  const { available, total } = countAvailability(connectors);
  const state = summariseStation(connectors);
  const label = describeGroup(stations.length, available, total);
  return pillIcon({
    state,
    available,
    total,
    label,
    key,
    groupSize: stations.length,
  });
}
