// When a charging session reaches its target (SoC or kWh), with a band from the uncertainty of what was fitted.
import type { SessionTarget } from "../sessions/contract";
import {
  fitChargingCurve,
  hoursToSoc,
  powerShare,
  type CurveShape,
  type Estimate,
} from "./charging-curve";
import type { CapacityEstimate } from "./session-capacity";
import type { SeriesPoint } from "./session-energy";
import { LineFit, quantile } from "./session-stats";

export type EtaBand = { at: Date; low: Date; high: Date };

export type EtaInput = {
  series: readonly SeriesPoint[];
  energyKwh: number;
  target: SessionTarget;
  capacity: CapacityEstimate | null;
  /** False once the transaction stopped or charging ended; a suspension shows as no power in the samples. */
  isCharging: boolean;
  isDc: boolean;
  now: Date;
};

// Recent power: the last 8 samples, none older than 5 minutes.
const RECENT = { points: 8, windowMs: 300_000 } as const;
const MIN_POWER_ERROR = 0.03;
const MAX_POWER_ERROR = 0.5;
// The SoC now comes from the last few readings, each carried forward by the energy since it (a median, so one
// glitching reading does not move it).
const RECENT_SOC_READINGS = 10;
// Cars report whole points, some truncating (a reading of 63 is 63.0–63.99), some rounding (62.5–63.49): a quarter
// point up sits between the two, and half a point either way covers both.
const SOC_READING_OFFSET = 0.25;
const SOC_READING_ERROR = 0.5;
const MS_PER_HOUR = 3_600_000;
// A suspended session still shows a few watts (the charger's own draw, meter noise): that is not charging.
const SUSPENDED_BELOW_KW = 0.1;

/** Where the session stands: the point the ETA counts from. */
type Anchor = {
  at: number;
  /** Mean power over the last few samples (their energy over their time), and its relative error. */
  powerKw: number;
  powerError: number;
  /** Energy since the middle of those samples: where on the curve that mean power was drawn. */
  powerLagKwh: number;
  /** The latest reported SoC, or null when the car reports none. */
  socPct: number | null;
  /** The last few SoC readings with the energy when each came, latest first. */
  socReadings: SeriesPoint[];
  energyKwh: number;
};

type Params = {
  shape: CurveShape;
  powerKw: number;
  capacityKwh: number | null;
  /** Added to the SoC estimate: the reading's own uncertainty. */
  socShift: number;
};

export function isTargetReached(
  target: SessionTarget,
  socPct: number | null,
  energyKwh: number,
): boolean {
  return "socPct" in target
    ? socPct !== null && socPct >= target.socPct
    : energyKwh >= target.energyKwh;
}

/**
 * The ETA at the fit's central values, and a band from moving one uncertain parameter at a time to each edge of its
 * range. Measured errors (capacity, power, the SoC reading) are independent and add in quadrature; the curve's
 * shape (knee, floor) is a bounded range, not a spread, and its shift adds in full, as a systematic bound does.
 * The band narrows as samples pin the parameters and, being a share of the time left, as the target nears.
 * Null when there is no honest answer: not charging, no power yet, a SoC target without SoC or capacity.
 */
export function estimateEta(input: EtaInput): EtaBand | null {
  const { series, target } = input;
  if (!input.isCharging) return null;
  const anchor = findAnchor(series, input.energyKwh);
  if (!anchor) return null;
  if (isTargetReached(target, anchor.socPct, anchor.energyKwh)) return null;
  const usesCurve = anchor.socPct !== null && input.capacity !== null;
  if ("socPct" in target && !usesCurve) return null;

  const curve = fitChargingCurve(series, input.isDc);
  const central: Params = {
    shape: { kneePct: curve.kneePct.at, floor: curve.floor.at },
    powerKw: anchor.powerKw,
    capacityKwh: usesCurve ? input.capacity!.kwh : null,
    socShift: 0,
  };
  const atMs = anchor.at + hoursToTarget(central, target, anchor) * MS_PER_HOUR;
  const shiftsOf = (variants: Params[]) =>
    variants.map(
      (v) => anchor.at + hoursToTarget(v, target, anchor) * MS_PER_HOUR - atMs,
    );
  const measured = shiftsOf(
    edges(anchor.powerKw, anchor.powerError).map((powerKw) => ({
      ...central,
      powerKw,
    })),
  );
  const bounded: number[] = [];
  if (usesCurve) {
    measured.push(
      ...shiftsOf([
        ...edges(input.capacity!.kwh, input.capacity!.relativeError).map(
          (capacityKwh) => ({ ...central, capacityKwh }),
        ),
        ...[-SOC_READING_ERROR, SOC_READING_ERROR].map((socShift) => ({
          ...central,
          socShift,
        })),
      ]),
    );
    bounded.push(
      ...shiftsOf([
        ...rangeOf(curve.kneePct).map((kneePct) => ({
          ...central,
          shape: { ...central.shape, kneePct },
        })),
        ...rangeOf(curve.floor).map((floor) => ({
          ...central,
          shape: { ...central.shape, floor },
        })),
      ]),
    );
  }
  const quadrature = (shifts: number[]) =>
    Math.sqrt(shifts.reduce((sum, d) => sum + d * d, 0));
  const sum = (shifts: number[]) => shifts.reduce((total, d) => total + d, 0);
  const late =
    quadrature(measured.filter((d) => d > 0)) +
    sum(bounded.filter((d) => d > 0));
  const early =
    quadrature(measured.filter((d) => d < 0)) -
    sum(bounded.filter((d) => d < 0));
  const notBefore = input.now.getTime();
  const clamp = (ms: number) => new Date(Math.max(ms, notBefore));
  return {
    at: clamp(atMs),
    low: clamp(atMs - early),
    high: clamp(atMs + late),
  };
}

function hoursToTarget(p: Params, target: SessionTarget, from: Anchor) {
  if (p.capacityKwh !== null) {
    const kwhPerPct = p.capacityKwh / 100;
    const fromPct = Math.min(100, estimateSocNow(from, kwhPerPct) + p.socShift);
    // A kWh target maps onto the SoC axis, so the taper applies; past 100 % the car stops taking energy.
    const toPct =
      "socPct" in target
        ? target.socPct
        : Math.min(
            100,
            fromPct + (target.energyKwh - from.energyKwh) / kwhPerPct,
          );
    // The mean power was drawn a little lower on the curve: in a taper, power now is below it.
    const meanAtPct = fromPct - from.powerLagKwh / kwhPerPct;
    const powerKw =
      (p.powerKw * powerShare(p.shape, fromPct)) /
      powerShare(p.shape, meanAtPct);
    return hoursToSoc(p.shape, fromPct, toPct, powerKw, kwhPerPct);
  }
  // Only kWh targets get here (see estimateEta): without SoC, recent power is all there is.
  const energyKwh = "energyKwh" in target ? target.energyKwh : 0;
  return Math.max(0, energyKwh - from.energyKwh) / p.powerKw;
}

/** The median of the recent readings, each carried forward to now by the energy delivered since it. */
function estimateSocNow(from: Anchor, kwhPerPct: number): number {
  const carried = from.socReadings
    .map((r) => r.socPct! + (from.energyKwh - r.energyKwh) / kwhPerPct)
    .sort((a, b) => a - b);
  return quantile(carried, 0.5) + SOC_READING_OFFSET;
}

/** The latest point, the power there and its uncertainty, and the last SoC readings; null with no power. */
function findAnchor(
  series: readonly SeriesPoint[],
  energyKwh: number,
): Anchor | null {
  const last = series.at(-1);
  if (!last || last.powerKw === null || last.powerKw < SUSPENDED_BELOW_KW)
    return null;
  const power = estimateRecentPower(series);
  if (!power) return null;
  const socReadings: SeriesPoint[] = [];
  for (
    let i = series.length - 1;
    i >= 0 && socReadings.length < RECENT_SOC_READINGS;
    i--
  )
    if (series[i].socPct !== null) socReadings.push(series[i]);
  return {
    at: last.at.getTime(),
    powerKw: power.kw,
    powerError: power.relativeError,
    powerLagKwh: power.lagKwh,
    socPct: socReadings[0]?.socPct ?? null,
    socReadings,
    energyKwh: Math.max(energyKwh, last.energyKwh),
  };
}

/**
 * Mean power over the last few samples: the energy they delivered over their time, exact where single readings are
 * noisy (and all there is from a charger sending energy only). Its error is two standard errors of the readings'
 * scatter about their trend (noise, not the taper), at least 3 %, for what the next minutes may change.
 */
function estimateRecentPower(series: readonly SeriesPoint[]) {
  const last = series.at(-1)!;
  const lastAt = last.at.getTime();
  const readings = new LineFit();
  let oldest: SeriesPoint = last;
  for (let i = series.length - 1; i >= 0 && readings.n < RECENT.points; i--) {
    const t = (series[i].at.getTime() - lastAt) / RECENT.windowMs;
    if (t < -1) break;
    oldest = series[i];
    const p = series[i].powerKw;
    if (p !== null) readings.add(t, p);
  }
  const spanMs = lastAt - oldest.at.getTime();
  const deliveredKwh = last.energyKwh - oldest.energyKwh;
  const kw =
    spanMs > 0 && deliveredKwh > 0
      ? (deliveredKwh * MS_PER_HOUR) / spanMs
      : readings.meanY;
  if (!(kw > 0)) return null;
  const line = readings.n >= 3 ? readings.solve() : null;
  const scatter = line ? Math.sqrt(line.residualSs / (readings.n - 2)) : 0;
  return {
    kw,
    relativeError: Math.min(
      MAX_POWER_ERROR,
      Math.max(MIN_POWER_ERROR, (2 * scatter) / Math.sqrt(readings.n) / kw),
    ),
    lagKwh: spanMs > 0 ? deliveredKwh / 2 : 0,
  };
}

function edges(value: number, relativeError: number): number[] {
  return [value * (1 - relativeError), value * (1 + relativeError)];
}

function rangeOf(estimate: Estimate): number[] {
  return [estimate.low, estimate.high];
}
