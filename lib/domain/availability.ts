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
