// When a charging session reaches its target (SoC or kWh), with a band from the uncertainty of what was fitted.
import type { SessionTarget } from "../sessions/contract";
import {
  fitChargingCurve,
  hoursToSoc,
  type CurveShape,
  type Estimate,
} from "./charging-curve";
import type { CapacityEstimate } from "./session-capacity";
import type { SeriesPoint } from "./session-energy";
import { quantile } from "./session-stats";

export type EtaBand = { at: Date; low: Date; high: Date };

export type EtaInput = {
  series: readonly SeriesPoint[];
  energyKwh: number;
  target: SessionTarget;
  capacity: CapacityEstimate | null;
  /** False once stopped, finished or suspended with no power: there is no time to reach anything. */
  isCharging: boolean;
  isDc: boolean;
  now: Date;
};

// Recent power: the last few samples of the last two minutes; their spread is the power's uncertainty.
const RECENT = { points: 5, windowMs: 120_000 } as const;
const MIN_POWER_ERROR = 0.03;
const MAX_POWER_ERROR = 0.5;
// A reported SoC of 63 is a true SoC anywhere in about a point around it.
const SOC_READING_ERROR = 0.5;
const MS_PER_HOUR = 3_600_000;

/** Where the session stands: the point the ETA counts from. */
type Anchor = {
  at: number;
  powerKw: number;
  powerError: number;
  socPct: number | null;
  /** Energy when that SoC was reported: samples may carry SoC less often than energy. */
  socEnergyKwh: number;
  energyKwh: number;
};

type Params = {
  shape: CurveShape;
  powerKw: number;
  capacityKwh: number | null;
  socPct: number | null;
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
 * range (capacity, knee, floor, power, the SoC reading) and adding the shifts in quadrature, as independent errors
 * add. The band narrows as samples pin the parameters and, being a share of the time left, as the target nears.
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
  const at = (p: Params) =>
    anchor.at + hoursToTarget(p, target, anchor) * MS_PER_HOUR;
  const central: Params = {
    shape: { kneePct: curve.kneePct.at, floor: curve.floor.at },
    powerKw: anchor.powerKw,
    capacityKwh: input.capacity?.kwh ?? null,
    socPct: anchor.socPct,
  };
  const atMs = at(central);
  const variants: Params[] = [
    ...edges(anchor.powerKw, anchor.powerError).map((powerKw) => ({
      ...central,
      powerKw,
    })),
  ];
  if (usesCurve) {
    variants.push(
      ...edges(input.capacity!.kwh, input.capacity!.relativeError).map(
        (capacityKwh) => ({ ...central, capacityKwh }),
      ),
      ...rangeOf(curve.kneePct).map((kneePct) => ({
        ...central,
        shape: { ...central.shape, kneePct },
      })),
      ...rangeOf(curve.floor).map((floor) => ({
        ...central,
        shape: { ...central.shape, floor },
      })),
      ...[-SOC_READING_ERROR, SOC_READING_ERROR].map((d) => ({
        ...central,
        socPct: anchor.socPct! + d,
      })),
    );
  }
  let late = 0;
  let early = 0;
  for (const v of variants) {
    const shift = at(v) - atMs;
    if (shift > 0) late += shift * shift;
    else early += shift * shift;
  }
  const floorMs = input.now.getTime();
  const clamp = (ms: number) => new Date(Math.max(ms, floorMs));
  return {
    at: clamp(atMs),
    low: clamp(atMs - Math.sqrt(early)),
    high: clamp(atMs + Math.sqrt(late)),
  };
}

function hoursToTarget(p: Params, target: SessionTarget, from: Anchor) {
  if (p.socPct !== null && p.capacityKwh !== null) {
    const kwhPerPct = p.capacityKwh / 100;
    const fromPct = Math.min(
      100,
      p.socPct + (from.energyKwh - from.socEnergyKwh) / kwhPerPct,
    );
    // A kWh target maps onto the SoC axis, so the taper applies; past 100 % the car stops taking energy.
    const toPct =
      "socPct" in target
        ? target.socPct
        : Math.min(
            100,
            fromPct + (target.energyKwh - from.energyKwh) / kwhPerPct,
          );
    return hoursToSoc(p.shape, fromPct, toPct, p.powerKw, kwhPerPct);
  }
  // Only kWh targets get here (see estimateEta): without SoC, recent power is all there is.
  const energyKwh = "energyKwh" in target ? target.energyKwh : 0;
  return Math.max(0, energyKwh - from.energyKwh) / p.powerKw;
}

/** The latest point, its recent power (median of the last few) and that power's spread; null with no power. */
function findAnchor(
  series: readonly SeriesPoint[],
  energyKwh: number,
): Anchor | null {
  const last = series.at(-1);
  if (!last || last.powerKw === null || last.powerKw <= 0) return null;
  const recent: number[] = [];
  for (
    let i = series.length - 1;
    i >= 0 && recent.length < RECENT.points;
    i--
  ) {
    const p = series[i];
    if (last.at.getTime() - p.at.getTime() > RECENT.windowMs) break;
    if (p.powerKw !== null) recent.push(p.powerKw);
  }
  recent.sort((a, b) => a - b);
  const powerKw = quantile(recent, 0.5);
  if (powerKw <= 0) return null;
  const spread = (quantile(recent, 0.75) - quantile(recent, 0.25)) / powerKw;
  let socPct: number | null = null;
  let socEnergyKwh = 0;
  for (let i = series.length - 1; i >= 0 && socPct === null; i--) {
    socPct = series[i].socPct;
    socEnergyKwh = series[i].energyKwh;
  }
  return {
    at: last.at.getTime(),
    powerKw,
    powerError: Math.min(MAX_POWER_ERROR, Math.max(MIN_POWER_ERROR, spread)),
    socPct,
    socEnergyKwh,
    energyKwh: Math.max(energyKwh, last.energyKwh),
  };
}

function edges(value: number, relativeError: number): number[] {
  return [value * (1 - relativeError), value * (1 + relativeError)];
}

function rangeOf(estimate: Estimate): number[] {
  return [estimate.low, estimate.high];
}
