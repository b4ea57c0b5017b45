// A charging session's progress from its meter samples: energy, power, SoC, cost from its tariff, and an ETA band.
// Pure: the caller passes every fact and `now`. Each part has its own module; this one composes them.
import type { SessionCost, SessionTarget } from "../sessions/contract";
import { estimateCapacity } from "./session-capacity";
import { computeSessionCost, findIdleFeeFrom, roundCost } from "./session-cost";
import { cleanMeterSeries, type SeriesPoint } from "./session-energy";
import { estimateEta, isTargetReached } from "./session-eta";
import type { PowerType } from "./vocabulary";

export type MeterPoint = {
  at: Date;
  /** The meter register (lifetime Wh), as the charger reports it: it may reset or roll over mid-session. */
  energyWh?: number;
  powerW?: number;
  socPct?: number;
};

/** A station's tariff as the session keeps it (OCPI ENERGY, TIME after a free period, PARKING_TIME after grace). */
export type SessionTariff = {
  currency: string;
  pricePerKwh?: number | null;
  pricePerMinute?: number | null;
  pricePerMinuteAfterMin?: number | null;
  idlePricePerMinute?: number | null;
  idleGraceMinutes?: number | null;
};

export type SessionFacts = {
  startedAt: Date;
  /** When the charger ended the transaction, or null while it is open. */
  stoppedAt: Date | null;
  meterStartWh: number;
  meterStopWh: number | null;
  /** Any order, repeats allowed. */
  samples: MeterPoint[];
  /** When energy stopped flowing for good (SuspendedEV, Finishing or the stop), or null while it flows. */
  chargingEndedAt: Date | null;
  /** When the car left the connector, or null while it is there. */
  departedAt: Date | null;
  /** The connector's rated power: what bounds a plausible step of the meter register. */
  maxPowerKw: number;
  /** The connector's power type. Without it, a session whose car reports SoC is taken for DC (AC cars rarely do). */
  powerType?: PowerType;
  target: SessionTarget;
  tariff: SessionTariff | null;
};

export type SessionProgress = {
  energyKwh: number;
  powerKw: number | null;
  socPct: number | null;
  /** Rounded to the currency's minor unit; total is the sum of the rounded parts. */
  cost: SessionCost;
  /** Null when there is nothing honest to say (no target reachable, not charging, too few samples). */
  eta: { at: Date; low: Date; high: Date } | null;
  targetReached: boolean;
  /** When the idle fee starts (chargingEndedAt + grace), or null (no idle price, or still charging). */
  idleFeeFrom: Date | null;
  capacityKwh: number | null;
  /** The session's samples cleaned for its chart: in time order, each instant once, energy since the start. */
  series: SeriesPoint[];
};

export const DEFAULT_CURRENCY = "EUR";

export function computeSessionProgress(
  facts: SessionFacts,
  now: Date,
): SessionProgress {
  const { series, energyKwh } = cleanMeterSeries(facts);
  const socPct = latestSoc(series);
  const capacity = estimateCapacity(series);
  const isStopped = facts.stoppedAt !== null;
  return {
    energyKwh,
    powerKw: isStopped ? null : (series.at(-1)?.powerKw ?? null),
    socPct,
    cost: roundCost(computeSessionCost({ ...facts, energyKwh }, now)),
    eta: estimateEta({
      series,
      energyKwh,
      target: facts.target,
      capacity,
      isCharging: !isStopped && facts.chargingEndedAt === null,
      isDc: isDcSession(facts, socPct),
      now,
    }),
    targetReached: isTargetReached(facts.target, socPct, energyKwh),
    idleFeeFrom: findIdleFeeFrom(facts.tariff, facts.chargingEndedAt),
    capacityKwh: capacity ? Math.round(capacity.kwh * 10) / 10 : null,
    series,
  };
}

/** The latest SoC the car reported, or null (AC cars rarely report it). */
export function latestSoc(series: readonly SeriesPoint[]): number | null {
  for (let i = series.length - 1; i >= 0; i--)
    if (series[i].socPct !== null) return series[i].socPct;
  return null;
}

export function isDcSession(
  facts: Pick<SessionFacts, "powerType">,
  socPct: number | null,
): boolean {
  return facts.powerType ? facts.powerType === "DC" : socPct !== null;
}
