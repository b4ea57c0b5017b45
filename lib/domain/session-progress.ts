// A charging session's progress from its meter samples: energy, power, SoC, cost from its tariff, and an ETA band.
// Pure: the caller passes every fact and `now`. (First cut by the lead; the curve model and its tests replace it.)
import type { SessionTarget } from "../sessions/contract";

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
  /** The connector's rated power: the curve's ceiling before any sample says more. */
  maxPowerKw: number;
  target: SessionTarget;
  tariff: SessionTariff | null;
};

export type SessionProgress = {
  energyKwh: number;
  powerKw: number | null;
  socPct: number | null;
  cost: {
    currency: string;
    total: number;
    energy: number;
    time: number;
    idle: number;
  };
  /** Null when there is nothing honest to say (no target reachable, not charging, too few samples). */
  eta: { at: Date; low: Date; high: Date } | null;
  targetReached: boolean;
  /** When the idle fee starts (chargingEndedAt + grace), or null (no idle price, or still charging). */
  idleFeeFrom: Date | null;
  capacityKwh: number | null;
  /** The session's samples cleaned for its chart: in time order, each instant once, energy since the start. */
  series: {
    at: Date;
    energyKwh: number;
    powerKw: number | null;
    socPct: number | null;
  }[];
};

export const DEFAULT_CURRENCY = "EUR";

export function computeSessionProgress(
  facts: SessionFacts,
  now: Date,
): SessionProgress {
  const ordered = [...facts.samples].sort(
    (a, b) => a.at.getTime() - b.at.getTime(),
  );
  const series = ordered.map((s) => ({
    at: s.at,
    energyKwh:
      s.energyWh === undefined
        ? 0
        : Math.max(0, (s.energyWh - facts.meterStartWh) / 1000),
    powerKw: s.powerW === undefined ? null : s.powerW / 1000,
    socPct: s.socPct ?? null,
  }));
  const last = series.at(-1);
  const energyKwh =
    facts.meterStopWh !== null
      ? Math.max(0, (facts.meterStopWh - facts.meterStartWh) / 1000)
      : (last?.energyKwh ?? 0);
  const tariff = facts.tariff;
  const energy = (tariff?.pricePerKwh ?? 0) * energyKwh;
  const end = facts.stoppedAt ?? now;
  const minutes = Math.max(
    0,
    (end.getTime() - facts.startedAt.getTime()) / 60_000,
  );
  const time =
    (tariff?.pricePerMinute ?? 0) *
    Math.max(0, minutes - (tariff?.pricePerMinuteAfterMin ?? 0));
  return {
    energyKwh,
    powerKw: facts.stoppedAt ? null : (last?.powerKw ?? null),
    socPct: last?.socPct ?? null,
    cost: {
      currency: tariff?.currency ?? DEFAULT_CURRENCY,
      total: energy + time,
      energy,
      time,
      idle: 0,
    },
    eta: null,
    targetReached: false,
    idleFeeFrom: null,
    capacityKwh: null,
    series,
  };
}
