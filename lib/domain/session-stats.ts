// Small statistics the session math shares: quantiles of a sorted sample and a least-squares line kept as sums.

/** Linear interpolation between the closest ranks of a sorted, non-empty array. */
export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

export type Line = {
  slope: number;
  intercept: number;
  /** Sum of squared residuals about the line. */
  residualSs: number;
  /** Standard error of the slope; Infinity with two points. */
  slopeError: number;
};

/** Least squares of y on x over points added one by one, keeping five sums and no points: O(1) memory. */
export class LineFit {
  n = 0;
  private sx = 0;
  private sy = 0;
  private sxx = 0;
  private sxy = 0;
  private syy = 0;

  add(x: number, y: number): void {
    this.n++;
    this.sx += x;
    this.sy += y;
    this.sxx += x * x;
    this.sxy += x * y;
    this.syy += y * y;
  }

  get meanY(): number {
    return this.sy / this.n;
  }

  /** The line, or null with fewer than two points or all at one x. */
  solve(): Line | null {
    const n = this.n;
    if (n < 2) return null;
    const varX = this.sxx - (this.sx * this.sx) / n;
    if (varX <= 0) return null;
    const covariance = this.sxy - (this.sx * this.sy) / n;
    const slope = covariance / varX;
    const residualSs = Math.max(
      0,
      this.syy - (this.sy * this.sy) / n - slope * covariance,
    );
    return {
      slope,
      intercept: (this.sy - slope * this.sx) / n,
      residualSs,
      slopeError: n > 2 ? Math.sqrt(residualSs / (n - 2) / varX) : Infinity,
    };
  }
}
