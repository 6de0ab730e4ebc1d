import { variance } from '@curv/stats';

/**
 * Test R²: R² = 1 − mse / var, where `mse` is the mean of the per-batch test MSEs
 * and var the **unbiased** variance (n − 1) of all test values pooled (all samples, all
 * coordinates).
 */
export function rSquared(meanBatchMse: number, data: Float32Array): number {
  return 1 - meanBatchMse / unbiasedVariance(data);
}

/** Unbiased variance of all values (two-pass, float64); NaN for fewer than two values. */
export function unbiasedVariance(data: ArrayLike<number>): number {
  return data.length < 2 ? Number.NaN : variance(data, 1, 'data');
}

/** Mean of a list (NaN for an empty list). */
export function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
}
