import { finiteValues, quantileSorted as linearQuantileSorted, summary } from '@curv/stats';
import type { NumericArray } from './input.js';

/** Mean and unbiased (n − 1) standard deviation of the finite values; NaN when undefined. */
export function meanStd(values: NumericArray): { mean: number; std: number; count: number } {
  const finite = finiteValues(values);
  if (finite.length === 0) return { mean: Number.NaN, std: Number.NaN, count: 0 };
  const s = summary(finite);
  return { mean: s.mean, std: s.count > 1 ? s.std : Number.NaN, count: s.count };
}

/** Linear-interpolation quantile (numpy default, "linear") of already sorted values, q clamped to [0, 1]. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  return linearQuantileSorted(sorted, Math.max(0, Math.min(1, q)));
}

/** Finite values sorted ascending. */
export function sortedFinite(values: NumericArray): Float64Array {
  return finiteValues(values).sort();
}

/** Sturges' number of bins: 1 + ⌈log₂ n⌉ (7 for n = 45). */
export function sturgesBins(n: number): number {
  return 1 + Math.ceil(Math.log2(Math.max(1, n)));
}

/**
 * Equal-width histogram of `values` over [lo, hi] with `bins` bins (left-closed, the last bin also
 * closed on the right, like numpy.histogram); values outside [lo, hi] or non-finite are ignored.
 */
export function histogramCounts(values: NumericArray, bins: number, lo: number, hi: number): Float64Array {
  const counts = new Float64Array(bins);
  const w = (hi - lo) / bins;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v) || v < lo || v > hi) continue;
    let b = w > 0 ? Math.floor((v - lo) / w) : 0;
    if (b >= bins) b = bins - 1;
    counts[b] += 1;
  }
  return counts;
}
