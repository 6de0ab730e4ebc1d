import type { NumericArray } from './input.js';

/** Mean and unbiased (n − 1) standard deviation of the finite values; NaN when undefined. */
export function meanStd(values: NumericArray): { mean: number; std: number; count: number } {
  let n = 0;
  let mean = 0;
  let m2 = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    n += 1;
    const delta = v - mean;
    mean += delta / n;
    m2 += delta * (v - mean);
  }
  return { mean: n > 0 ? mean : Number.NaN, std: n > 1 ? Math.sqrt(m2 / (n - 1)) : Number.NaN, count: n };
}

/** Linear-interpolation quantile (numpy default, "linear") of already sorted values, q ∈ [0, 1]. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number {
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = (n - 1) * Math.max(0, Math.min(1, q));
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < n ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
}

/** Finite values sorted ascending. */
export function sortedFinite(values: NumericArray): Float64Array {
  return Float64Array.from(Array.from(values).filter((v) => Number.isFinite(v))).sort();
}

/** Sturges' number of bins: 1 + ⌈log₂ n⌉ (SPEC §16.1: 7 for n = 45). */
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
