// The charging-curve model (full power to a knee SoC, then linear taper to a floor at 100 %) and its fit to a session.
import type { SeriesPoint } from "./session-energy";

export type CurveShape = {
  /** SoC (%) up to which the car takes full power. 100 means no taper (AC). */
  kneePct: number;
  /** Power at 100 % as a share of full power. */
  floor: number;
};

/** A value with its plausible range: `low` ≤ `at` ≤ `high`. */
export type Estimate = { at: number; low: number; high: number };

export type FittedCurve = {
  kneePct: Estimate;
  floor: Estimate;
  /** True once samples above the knee showed the taper; false while the shape is the defaults narrowed by data. */
  isTaperObserved: boolean;
};

// DC cars hold full power to somewhere between 55 and 80 % and end at 10–35 % of it (published curves of common
// EVs; the simulator uses 80 % and 15 %). AC onboard chargers hold their power to the car's limit.
const DC_DEFAULT_KNEE = { low: 55, high: 80 } as const;
const DC_DEFAULT_FLOOR: Estimate = { at: 0.2, low: 0.1, high: 0.35 };
const AC_CURVE: FittedCurve = {
  kneePct: { at: 100, low: 100, high: 100 },
  floor: { at: 1, low: 1, high: 1 },
  isTaperObserved: false,
};
// A taper is seen when at least 3 SoC points above the knee show power at least 10 % below full.
const MIN_BINS_ABOVE_KNEE = 3;
const MIN_TAPER_DROP = 0.1;
const KNEE_SEARCH = { from: 40, to: 97 } as const;

/** Power at `socPct` as a share of full power. */
export function powerShare(shape: CurveShape, socPct: number): number {
  if (socPct <= shape.kneePct || shape.kneePct >= 100) return 1;
  const progress =
    (Math.min(socPct, 100) - shape.kneePct) / (100 - shape.kneePct);
  return 1 - (1 - shape.floor) * progress;
}

/**
 * Hours from `fromPct` to `toPct` for a car now taking `powerKw` at `fromPct`, needing `kwhPerPct` per SoC point.
 * Closed form: the flat part is length over power, the linear taper integrates to a logarithm.
 */
export function hoursToSoc(
  shape: CurveShape,
  fromPct: number,
  toPct: number,
  powerKw: number,
  kwhPerPct: number,
): number {
  if (toPct <= fromPct) return 0;
  const fullKw = powerKw / powerShare(shape, fromPct);
  const flatPct = Math.max(0, Math.min(toPct, shape.kneePct) - fromPct);
  const taperFrom = Math.max(fromPct, shape.kneePct);
  let taperPct = 0; // SoC points weighted by 1/share, i.e. ∫ ds / share(s)
  if (toPct > taperFrom) {
    const slope = (1 - shape.floor) / (100 - shape.kneePct);
    const a = powerShare(shape, taperFrom);
    const b = powerShare(shape, toPct);
    taperPct =
      slope < 1e-9
        ? toPct - taperFrom
        : Math.log(a / Math.max(b, 1e-9)) / slope;
  }
  return ((flatPct + taperPct) * kwhPerPct) / fullKw;
}

/**
 * Fits the knee and floor to the session's (SoC, power) samples. Power is averaged per whole SoC point, then for
 * each candidate knee the two-parameter line `full − slope·max(0, soc − knee)` is solved by least squares; the best
 * knee wins if it shows a real taper. Otherwise the defaults hold, narrowed by what was seen: a car still at full
 * power at 72 % has its knee at 72 % or above.
 */
export function fitChargingCurve(
  series: readonly SeriesPoint[],
  isDc: boolean,
): FittedCurve {
  if (!isDc) return AC_CURVE;
  const powerSum = new Float64Array(101);
  const count = new Uint32Array(101);
  let topSoc = -1;
  for (const p of series) {
    if (p.socPct === null || p.powerKw === null || p.powerKw <= 0) continue;
    const bin = Math.min(100, Math.max(0, Math.floor(p.socPct)));
    powerSum[bin] += p.powerKw;
    count[bin]++;
    topSoc = Math.max(topSoc, bin);
  }
  const taper = fitTaper(powerSum, count, topSoc);
  if (taper) {
    // The knee is pinned to about a point once many SoC points above it agree; a few leave it looser.
    const kneeError = Math.max(1, 6 / Math.sqrt(taper.binsAbove));
    const floorError = Math.max(0.03, 0.3 / Math.sqrt(taper.binsAbove));
    return {
      kneePct: {
        at: taper.kneePct,
        low: Math.max(0, taper.kneePct - kneeError),
        high: Math.min(100, taper.kneePct + kneeError),
      },
      floor: {
        at: taper.floor,
        low: Math.max(0.05, taper.floor - floorError),
        high: Math.min(1, taper.floor + floorError),
      },
      isTaperObserved: true,
    };
  }
  const low = Math.max(DC_DEFAULT_KNEE.low, topSoc);
  const high = Math.min(100, Math.max(DC_DEFAULT_KNEE.high, topSoc + 5));
  return {
    kneePct: { at: (low + high) / 2, low, high },
    floor: DC_DEFAULT_FLOOR,
    isTaperObserved: false,
  };
}

function fitTaper(
  powerSum: Float64Array,
  count: Uint32Array,
  topSoc: number,
): { kneePct: number; floor: number; binsAbove: number } | null {
  let best: {
    kneePct: number;
    floor: number;
    binsAbove: number;
    sse: number;
  } | null = null;
  for (let knee = KNEE_SEARCH.from; knee <= KNEE_SEARCH.to; knee++) {
    // Sums over populated bins, each bin one point (its mean): time spent at a SoC does not weigh more.
    let n = 0,
      sx = 0,
      sxx = 0,
      sp = 0,
      spp = 0,
      sxp = 0,
      binsAbove = 0;
    for (let s = 0; s <= topSoc; s++) {
      if (count[s] === 0) continue;
      const p = powerSum[s] / count[s];
      const x = Math.max(0, s - knee);
      if (x > 0) binsAbove++;
      n++;
      sx += x;
      sxx += x * x;
      sp += p;
      spp += p * p;
      sxp += x * p;
    }
    if (binsAbove < MIN_BINS_ABOVE_KNEE) break; // higher knees leave even fewer
    const det = n * sxx - sx * sx;
    if (det <= 0) continue;
    const beta = (n * sxp - sx * sp) / det;
    const full = (sp - beta * sx) / n;
    if (beta >= 0 || full <= 0) continue;
    if ((-beta * (topSoc - knee)) / full < MIN_TAPER_DROP) continue;
    const sse = spp - full * sp - beta * sxp;
    if (best === null || sse < best.sse) {
      const floor = Math.min(
        1,
        Math.max(0.05, 1 + (beta * (100 - knee)) / full),
      );
      best = { kneePct: knee, floor, binsAbove, sse };
    }
  }
  return best;
}
