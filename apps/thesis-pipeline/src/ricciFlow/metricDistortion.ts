import { CurvInputError } from '@curv/core';

/** Condition number and volume element of 2×2 metrics. */
export interface MetricDistortion {
  /** λ_max / λ_min of each g (1 for a conformal metric). */
  conditionNumbers: Float64Array;
  /** √det g of each g (constant for a metric of constant area density). */
  sqrtDet: Float64Array;
}

/**
 * Per-point distortion of 2×2 metrics g given row-major as [g₁₁, g₁₂, g₂₁, g₂₂] per point: the condition
 * number (ratio of the eigenvalues (tr ± √(tr² − 4 det))/2, how anisotropic the local stretching is) and
 * √det g (the local area scale).
 */
export function metricDistortion(g: ArrayLike<number>): MetricDistortion {
  if (g.length % 4 !== 0) {
    throw new CurvInputError(`metric: ${g.length} values is not a multiple of 4 (2×2 per point)`, 'metric');
  }
  const n = g.length / 4;
  const conditionNumbers = new Float64Array(n);
  const sqrtDet = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const a = g[4 * i];
    const b = 0.5 * (g[4 * i + 1] + g[4 * i + 2]);
    const d = g[4 * i + 3];
    const tr = a + d;
    const det = a * d - b * b;
    const disc = Math.sqrt(Math.max(tr * tr - 4 * det, 0));
    const hi = (tr + disc) / 2;
    const lo = (tr - disc) / 2;
    conditionNumbers[i] = lo > 0 ? hi / lo : Number.POSITIVE_INFINITY;
    sqrtDet[i] = Math.sqrt(Math.max(det, 0));
  }
  return { conditionNumbers, sqrtDet };
}

/** Summary of a sample: mean, median, 10th and 90th percentiles, coefficient of variation (std / |mean|). */
export interface SampleSummary {
  mean: number;
  median: number;
  p10: number;
  p90: number;
  cv: number;
}

/** {@link SampleSummary} of the finite values of `x` (NaN fields when none is finite). */
export function summarize(x: ArrayLike<number>): SampleSummary {
  const v = Array.from(x)
    .filter(Number.isFinite)
    .sort((p, q) => p - q);
  if (v.length === 0)
    return { mean: Number.NaN, median: Number.NaN, p10: Number.NaN, p90: Number.NaN, cv: Number.NaN };
  const q = (p: number) => {
    const pos = p * (v.length - 1);
    const lo = Math.floor(pos);
    const hi = Math.ceil(pos);
    return v[lo] + (v[hi] - v[lo]) * (pos - lo);
  };
  const mean = v.reduce((s, t) => s + t, 0) / v.length;
  const variance = v.length > 1 ? v.reduce((s, t) => s + (t - mean) ** 2, 0) / (v.length - 1) : 0;
  return { mean, median: q(0.5), p10: q(0.1), p90: q(0.9), cv: Math.sqrt(variance) / Math.abs(mean) };
}
