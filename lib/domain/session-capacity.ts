// Estimates a battery's usable capacity from the energy the meter counted per SoC point the car reported.
import type { SeriesPoint } from "./session-energy";
import { quantile } from "./session-stats";

export type CapacityEstimate = {
  /** Metered kWh per 100 SoC points: charging losses included, which is what time-to-target needs. */
  kwh: number;
  /** One-sided relative uncertainty of `kwh` (0.05 = ±5 %). */
  relativeError: number;
};

// SoC comes in whole points: a ratio over fewer than 5 of them is mostly quantisation.
const MIN_SOC_STEP = 5;
// Cars from a 10 kWh city car to a 200+ kWh pickup; outside this the SoC readings are not the battery's.
const PLAUSIBLE_KWH = { min: 5, max: 250 } as const;
const MIN_RELATIVE_ERROR = 0.02;

/**
 * Each whole SoC point's mean metered energy, then the median of ΔkWh/ΔSoC between points half the span apart.
 * Binning keeps this O(n) with fixed memory; the median shrugs off a car's glitching SoC reading.
 */
export function estimateCapacity(
  series: readonly SeriesPoint[],
): CapacityEstimate | null {
  const energySum = new Float64Array(101);
  const count = new Uint32Array(101);
  for (const p of series) {
    if (p.socPct === null) continue;
    const bin = Math.min(100, Math.max(0, Math.floor(p.socPct)));
    energySum[bin] += p.energyKwh;
    count[bin]++;
  }
  const bins: number[] = [];
  for (let s = 0; s <= 100; s++) if (count[s] > 0) bins.push(s);
  if (bins.length < 2 || bins.at(-1)! - bins[0] < MIN_SOC_STEP) return null;

  const meanKwh = (s: number) => energySum[s] / count[s];
  const span = bins.at(-1)! - bins[0];
  // Pairs half the span apart: each as long as it can be (quantisation shrinks with length), and there are many.
  const step = Math.max(MIN_SOC_STEP, Math.floor(span / 2));
  const ratios: number[] = [];
  let j = 0;
  for (let i = 0; i < bins.length; i++) {
    while (j < bins.length && bins[j] < bins[i] + step) j++;
    if (j === bins.length) break;
    const ratio = (meanKwh(bins[j]) - meanKwh(bins[i])) / (bins[j] - bins[i]);
    if (ratio > 0) ratios.push(ratio);
  }
  if (ratios.length === 0) return null;
  ratios.sort((a, b) => a - b);
  const median = quantile(ratios, 0.5);
  const kwh = median * 100;
  if (kwh < PLAUSIBLE_KWH.min || kwh > PLAUSIBLE_KWH.max) return null;

  // Half a point of quantisation at each end of the span, plus the ratios' spread over the pairs.
  const spread = (quantile(ratios, 0.75) - quantile(ratios, 0.25)) / median;
  const independentPairs = ratios.length;
  return {
    kwh,
    relativeError: Math.max(
      MIN_RELATIVE_ERROR,
      1 / span + spread / Math.sqrt(independentPairs),
    ),
  };
}
