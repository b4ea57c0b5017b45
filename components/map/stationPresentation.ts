// What a driver reads for a station or a connector, shared by markers, popup, list and legend (words: lib/i18n).
import {
  countAvailability,
  summariseStation,
  type StationState,
} from "@/lib/domain/availability";
import type { PublicStation } from "@/lib/domain/station";
import type { ConnectorStatus } from "@/lib/domain/vocabulary";
import type { Translator } from "@/lib/i18n/types";

/** Each state has its own word (State.*) and glyph (stateGlyphs.ts) as well as its colour: WCAG 1.4.1. */
export const legendOrder: readonly StationState[] = [
  "free",
  "busy",
  "down",
  "unknown",
];

/** The state a connector's status shows as, so its dot in the popup matches the marker colours. */
export function connectorState(status: ConnectorStatus): StationState {
  return summariseStation([{ status }]);
}

/** What a screen reader says for a marker, e.g. "Mobi.E Alfama: 2 of 4 free". */
export function describeStation(
  station: PublicStation,
  t: Translator<"Marker">,
): string {
  const state = summariseStation(station.connectors);
  const { available, total } = countAvailability(station.connectors);
  return t("station", { name: station.name, available, total, state });
}

/** What a screen reader says for a cluster marker; activating it zooms in. Drivers know "group", not "cluster". */
export function describeCluster(
  stations: number,
  available: number,
  total: number,
  t: Translator<"Marker">,
): string {
  return t("cluster", { stations, available, total });
}
