// Counts what a driver asks first about a station or an area: how many connectors are free, and how many in use.
import type { ConnectorStatus } from "./vocabulary";

export type Availability = {
  available: number;
  charging: number;
  total: number;
};

export function countAvailability(
  connectors: readonly { status: ConnectorStatus | string }[],
): Availability {
  let available = 0;
  let charging = 0;
  for (const { status } of connectors) {
    if (status === "AVAILABLE") available++;
    else if (status === "CHARGING") charging++;
  }
  return { available, charging, total: connectors.length };
}

/** One word for a station marker, so status never relies on colour alone. */
export type StationState = "free" | "busy" | "down" | "unknown";

export function summariseStation(
  connectors: readonly { status: ConnectorStatus | string }[],
): StationState {
  if (connectors.some((c) => c.status === "AVAILABLE")) return "free";
  if (
    connectors.some(
      (c) =>
        c.status === "CHARGING" ||
        c.status === "RESERVED" ||
        c.status === "BLOCKED",
    )
  )
    return "busy";
  if (connectors.length > 0 && connectors.every((c) => c.status === "UNKNOWN"))
    return "unknown";
  return "down";
}

/** What a marker shows for a station or a cluster of stations: its state and free/total connectors. */
export type AvailabilitySummary = Pick<Availability, "available" | "total"> & {
  state: StationState;
};

export function summariseConnectors(
  connectors: readonly { status: ConnectorStatus | string }[],
): AvailabilitySummary {
  const { available, total } = countAvailability(connectors);
  return { state: summariseStation(connectors), available, total };
}

/**
 * A cluster reads as if its stations' connectors were one station's, without revisiting the connectors: a map
 * combines thousands of summaries on every live update.
 */
export function combineSummaries(
  summaries: Iterable<AvailabilitySummary>,
): AvailabilitySummary {
  let available = 0;
  let total = 0;
  let isAnyBusy = false;
  // A station without connectors adds none, so it cannot stop the rest from reading as offline.
  let isAllUnknown = true;
  for (const summary of summaries) {
    available += summary.available;
    total += summary.total;
    if (summary.state === "busy") isAnyBusy = true;
    if (summary.total > 0 && summary.state !== "unknown") isAllUnknown = false;
  }
  const state: StationState =
    available > 0
      ? "free"
      : isAnyBusy
        ? "busy"
        : total > 0 && isAllUnknown
          ? "unknown"
          : "down";
  return { state, available, total };
}
