// Small robust statistics the session math shares: quantiles of an already sorted sample.

/** Linear interpolation between the closest ranks of a sorted, non-empty array. */
export function quantile(sorted: readonly number[], q: number): number {
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
