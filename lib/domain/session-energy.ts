// Turns a session's raw meter samples into its clean series: time order, one point per instant, energy since start.
import type { SessionFacts } from "./session-progress";

export type SeriesPoint = {
  at: Date;
  /** Energy since the session's start; never decreases along the series. */
  energyKwh: number;
  /** Reported power, or derived from energy over time when the charger sends energy only. */
  powerKw: number | null;
  socPct: number | null;
};

// Registers wrap at a power of ten (a display's digits) or at 2^31/2^32 (a counter's width).
const WRAP_POINTS_WH = [
  ...Array.from({ length: 9 }, (_, i) => 10 ** (i + 4)),
  2 ** 31,
  2 ** 32,
].sort((a, b) => a - b);

// An energy step larger than twice the rated power (or 50 kW, if the rating is smaller or unknown) could deliver
// over the gap, plus 1 kWh for timestamp granularity, is not energy: it is a register that jumped.
const PLAUSIBLE_POWER_FACTOR = 2;
const MIN_PLAUSIBLE_KW = 50;
const SLACK_WH = 1000;

// Power derived from energy is averaged over at least this long: 1 Wh register steps over a few seconds are noise.
const DERIVED_POWER_WINDOW_MS = 60_000;

/**
 * Follows one register across resets, rollovers and jitter, adding only the energy it can justify.
 * `count` takes readings in time order and returns the energy (Wh) counted since the start.
 */
function createRegisterCounter(
  meterStartWh: number,
  startedAt: Date,
  maxPowerKw: number,
) {
  let lastWh = meterStartWh;
  let lastAt = startedAt.getTime();
  let countedWh = 0;
  const plausibleWh = (ms: number) =>
    (Math.max(maxPowerKw, MIN_PLAUSIBLE_KW) *
      PLAUSIBLE_POWER_FACTOR *
      Math.max(0, ms)) /
      3600 +
    SLACK_WH;
  return (registerWh: number, at: number): number => {
    const bound = plausibleWh(at - lastAt);
    const rise = registerWh - lastWh;
    if (rise >= 0) {
      // A rise beyond what the connector could deliver is a bogus start value or a swapped meter: rebase.
      if (rise <= bound) countedWh += rise;
    } else {
      const wrap = WRAP_POINTS_WH.find((w) => w > lastWh);
      const continued =
        wrap === undefined ? Infinity : wrap - lastWh + registerWh;
      if (continued <= bound) countedWh += continued;
      else if (registerWh <= bound && registerWh < lastWh / 2) {
        // Reset to about zero: what it shows now was delivered since the reset.
        countedWh += registerWh;
      } else if (-rise <= bound) {
        // A small step back (rounding between measurands): keep the higher reading as the base.
        return countedWh;
      }
      // Otherwise a jump down to an arbitrary value (a new meter): rebase without counting.
    }
    lastWh = registerWh;
    lastAt = at;
    return countedWh;
  };
}

export type MeterFacts = Pick<
  SessionFacts,
  | "samples"
  | "meterStartWh"
  | "meterStopWh"
  | "startedAt"
  | "stoppedAt"
  | "maxPowerKw"
>;

/**
 * The clean series, and the session's energy: the last point's, or the stop reading's when the transaction ended
 * (counted like one more sample, so a bogus stop value cannot take back what the samples proved).
 */
export function cleanMeterSeries(facts: MeterFacts): {
  series: SeriesPoint[];
  energyKwh: number;
} {
  const count = createRegisterCounter(
    facts.meterStartWh,
    facts.startedAt,
    facts.maxPowerKw,
  );
  const startAt = facts.startedAt.getTime();
  const series: SeriesPoint[] = [];
  let countedWh = 0;
  let from = -1; // the latest point a derivation window back; -1 is the start, where energy is 0
  const ordered = [...facts.samples].sort(
    (a, b) => a.at.getTime() - b.at.getTime(),
  );
  for (const s of ordered) {
    const at = s.at.getTime();
    const hasEnergy = s.energyWh !== undefined && Number.isFinite(s.energyWh);
    if (hasEnergy) countedWh = count(s.energyWh!, at);
    const powerKw =
      s.powerW !== undefined && Number.isFinite(s.powerW)
        ? Math.max(0, s.powerW) / 1000
        : null;
    const socPct =
      s.socPct !== undefined && Number.isFinite(s.socPct) ? s.socPct : null;
    const last = series.at(-1);
    if (last && last.at.getTime() === at) {
      // The same instant again (a repeated or split MeterValues): one point, carrying what either said.
      last.energyKwh = countedWh / 1000;
      last.powerKw = powerKw ?? last.powerKw;
      last.socPct ??= socPct;
      continue;
    }
    while (
      from + 1 < series.length &&
      series[from + 1].at.getTime() <= at - DERIVED_POWER_WINDOW_MS
    )
      from++;
    const fromAt = from < 0 ? startAt : series[from].at.getTime();
    const fromKwh = from < 0 ? 0 : series[from].energyKwh;
    series.push({
      at: s.at,
      energyKwh: countedWh / 1000,
      powerKw:
        powerKw ??
        (hasEnergy && at > fromAt
          ? ((countedWh / 1000 - fromKwh) * 3_600_000) / (at - fromAt)
          : null),
      socPct,
    });
  }
  if (facts.stoppedAt && facts.meterStopWh !== null)
    countedWh = count(facts.meterStopWh, facts.stoppedAt.getTime());
  return { series, energyKwh: countedWh / 1000 };
}
