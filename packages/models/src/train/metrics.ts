/**
 * Test R² of SPEC §10.8: R² = 1 − mse / var, where `mse` is the mean of the per-batch test MSEs
 * and var the **unbiased** variance (n − 1) of all test values pooled (all samples, all
 * coordinates).
 */
export function rSquared(meanBatchMse: number, data: Float32Array): number {
  return 1 - meanBatchMse / unbiasedVariance(data);
}

/** Unbiased variance of all values (two-pass, float64). */
export function unbiasedVariance(data: ArrayLike<number>): number {
  const n = data.length;
  if (n < 2) return Number.NaN;
  let mean = 0;
  for (let i = 0; i < n; i++) mean += data[i];
  mean /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (data[i] - mean) ** 2;
  return s / (n - 1);
}

/** Mean of a list (NaN for an empty list). */
export function mean(xs: number[]): number {
  return xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : Number.NaN;
}
