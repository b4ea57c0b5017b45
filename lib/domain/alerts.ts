// Alert rules, pure: which alerts a freed connector concerns, who in a station's line gets the hold, places in line.
import { distanceM } from "./geo";
import type { ConnectorStandard } from "./vocabulary";

/** A connector flapping AVAILABLE/CHARGING tells each alert about it once in this long. */
export const ALERT_COOL_DOWN_MS = 5 * 60_000;

/** What an alert asks about, as stored (a station's id, or a circle with filters). */
export type AlertCriteria = {
  id: string;
  stationId: string | null;
  nearLat: number | null;
  nearLng: number | null;
  radiusKm: number | null;
  standards: readonly ConnectorStandard[] | null;
  minPowerKw: number | null;
  hold: boolean;
  expiresAt: Date;
};

export type FreedConnector = {
  stationId: string;
  lat: number;
  lng: number;
  standard: string;
  maxPowerKw: number;
};

/** Whether a connector that just became AVAILABLE is what this alert waits for, while it still waits. */
export function alertMatches(
  alert: AlertCriteria,
  connector: FreedConnector,
  now: Date,
): boolean {
  if (alert.expiresAt <= now) return false;
  if (alert.stationId !== null) {
    if (alert.stationId !== connector.stationId) return false;
  } else if (
    alert.nearLat === null ||
    alert.nearLng === null ||
    alert.radiusKm === null ||
    distanceM(alert.nearLat, alert.nearLng, connector.lat, connector.lng) >
      alert.radiusKm * 1000
  ) {
    return false;
  }
  if (
    alert.standards &&
    !alert.standards.includes(connector.standard as ConnectorStandard)
  )
    return false;
  return alert.minPowerKw === null || connector.maxPowerKw >= alert.minPowerKw;
}

/** The latitude band a circle of `radiusKm` can reach: the store's cheap pre-filter before alertMatches. */
export function latitudeBand(lat: number, radiusKm: number): [number, number] {
  const degrees = radiusKm / 111.2;
  return [lat - degrees, lat + degrees];
}

/** One alert with a hold in a station's line. */
export type Waiting = {
  id: string;
  createdAt: Date;
  /** "Not yet": let the next freeing pass to the next in line, once. */
  skipNext: boolean;
  /** It keeps a connector of this station already (a live reservation). */
  isHolding: boolean;
};

/** First come, first served; equal times (one batch) by id, so every instance reads the same line. */
export function lineOrder(a: Waiting, b: Waiting): number {
  return (
    a.createdAt.getTime() - b.createdAt.getTime() || (a.id < b.id ? -1 : 1)
  );
}

/**
 * Who gets a freed connector's hold: the first in line who is not holding one already and did not say "not yet".
 * Those who said "not yet" ahead of the one served have used their pass (their flags are to be cleared); a "not
 * yet" behind them is kept for a later freeing.
 */
export function pickHolder(line: readonly Waiting[]): {
  holder: Waiting | null;
  passedOver: Waiting[];
} {
  const passedOver: Waiting[] = [];
  for (const waiting of [...line].sort(lineOrder)) {
    if (waiting.isHolding) continue;
    if (waiting.skipNext) {
      passedOver.push(waiting);
      continue;
    }
    return { holder: waiting, passedOver };
  }
  // Nobody behind wants it: the connector stays free for anyone, and the pass was spent on this freeing.
  return { holder: null, passedOver };
}

/** Each waiting alert's place in its station's line, 1 first. */
export function placesInLine(line: readonly Waiting[]): Map<string, number> {
  return new Map([...line].sort(lineOrder).map((w, i) => [w.id, i + 1]));
}

/** Whether this alert told about this connector recently enough to stay quiet now. */
export function isCoolingDown(
  lastFiredAt: Date | undefined,
  now: Date,
  coolDownMs = ALERT_COOL_DOWN_MS,
): boolean {
  return (
    lastFiredAt !== undefined &&
    now.getTime() - lastFiredAt.getTime() < coolDownMs
  );
}
