// The words and labels a driver reads for a station or a connector, shared by markers, popup and legend.
import {
  countAvailability,
  summariseStation,
  type StationState,
} from "@/lib/domain/availability";
import type { PublicStation } from "@/lib/domain/station";
import type { ConnectorStatus } from "@/lib/domain/vocabulary";

/** Each state has its own word and glyph (stateGlyphs.ts) as well as its colour: WCAG 1.4.1, never colour alone. */
export const stateWords: Record<StationState, string> = {
  free: "Free",
  busy: "In use",
  down: "Out of order",
  unknown: "Offline",
};

export const legendOrder: readonly StationState[] = [
  "free",
  "busy",
  "down",
  "unknown",
];

export const connectorStatusWords: Record<ConnectorStatus, string> = {
  AVAILABLE: "Free",
  CHARGING: "In use",
  RESERVED: "Reserved",
  BLOCKED: "Blocked",
  INOPERATIVE: "Out of service",
  OUTOFORDER: "Out of order",
  PLANNED: "Planned",
  REMOVED: "Removed",
  UNKNOWN: "Offline",
};

/** The state a connector's status shows as, so its dot in the popup matches the marker colours. */
export function connectorState(status: ConnectorStatus): StationState {
  return summariseStation([{ status }]);
}

const stateSuffix: Record<StationState, string> = {
  free: "",
  busy: ", all in use",
  down: ", out of order",
  unknown: ", offline",
};

/** What a screen reader says for a marker, e.g. "Mobi.E Alfama: 2 of 4 free". */
export function describeStation(station: PublicStation): string {
  const state = summariseStation(station.connectors);
  const { available, total } = countAvailability(station.connectors);
  return `${station.name}: ${available} of ${total} free${stateSuffix[state]}`;
}

/** What a screen reader says for a cluster marker; activating it zooms in. Drivers know "group", not "cluster". */
export function describeCluster(
  stations: number,
  available: number,
  total: number,
): string {
  return `Group of ${stations} stations: ${available} of ${total} connectors free. Zoom in`;
}

export function formatTariff(tariff: PublicStation["tariff"]): string | null {
  if (!tariff) return null;
  const money = new Intl.NumberFormat("en-IE", {
    style: "currency",
    currency: tariff.currency,
    minimumFractionDigits: 2,
  });
  const parts = [`${money.format(tariff.pricePerKwh)}/kWh`];
  if (tariff.pricePerMinute)
    parts.push(
      `${money.format(tariff.pricePerMinute)}/min` +
        (tariff.pricePerMinuteAfterMin
          ? ` after ${tariff.pricePerMinuteAfterMin} min`
          : ""),
    );
  return parts.join(" + ");
}
