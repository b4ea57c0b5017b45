// Estimates a battery's usable capacity from the energy the meter counted per SoC point the car reported.
import type { SeriesPoint } from "./session-energy";
import { LineFit, type Line } from "./session-stats";

export type CapacityEstimate = {
  /** Metered kWh per 100 SoC points: charging losses included, which is what time-to-target needs. */
  kwh: number;
  /** One-sided relative uncertainty of `kwh` (0.05 = ±5 %). */
  relativeError: number;
};

// SoC comes in whole points: a slope over fewer than 5 of them is mostly quantisation.
const MIN_SOC_SPAN = 5;
// Cars from a 10 kWh city car to a 200+ kWh pickup; outside this the SoC readings are not the battery's.
const PLAUSIBLE_KWH = { min: 5, max: 250 } as const;
// A reading more than 2 points off the line is a glitch (whole-point rounding is at most 1 off).
const OUTLIER_PCT = 2;
const FIT_PASSES = 3;
// Charging losses and the BMS's SoC are not quite linear over a session: below 2 % the fit claims too much.
const MIN_RELATIVE_ERROR = 0.02;

/**
 * Least squares of SoC on energy over every sample carrying both (truncation or rounding of the reading shifts the
 * line, not its slope), refitted twice without readings far off the line so a glitching SoC does not bend it.
 * O(n), fixed memory. The error is two standard errors of the slope plus half a point over the span: whole-point
 * readings err in runs (a sawtooth), not independently, so the standard error alone claims too much early on.
 */
export function estimateCapacity(
  series: readonly SeriesPoint[],
): CapacityEstimate | null {
  let line: Line | null = null;
  let relativeError = 0;
  for (let pass = 0; pass < FIT_PASSES; pass++) {
    const fit = fitLine(series, line);
    if (!fit || fit.spanPct < MIN_SOC_SPAN || fit.slope <= 0) return null;
    line = fit;
    relativeError = (2 * fit.slopeError) / fit.slope + 0.5 / fit.spanPct;
  }
  const kwh = 100 / line!.slope;
  if (kwh < PLAUSIBLE_KWH.min || kwh > PLAUSIBLE_KWH.max) return null;
  return { kwh, relativeError: Math.max(MIN_RELATIVE_ERROR, relativeError) };
}

function fitLine(series: readonly SeriesPoint[], previous: Line | null) {
  const fit = new LineFit();
  let minY = Infinity;
  let maxY = -Infinity;
  for (const p of series) {
    if (p.socPct === null) continue;
    const x = p.energyKwh;
    const y = p.socPct;
    if (
      previous &&
      Math.abs(y - (previous.intercept + previous.slope * x)) > OUTLIER_PCT
    )
      continue;
    fit.add(x, y);
    minY = Math.min(minY, y);
    maxY = Math.max(maxY, y);
  }
  const line = fit.n >= 3 ? fit.solve() : null;
  return line && { ...line, spanPct: maxY - minY };
}
