import { checkedSample, type Sample } from './sample.js';

/** Arithmetic mean (float64 accumulation). Throws on an empty sample or a non-finite value. */
export function mean(values: Sample, name = 'values'): number {
  const x = checkedSample(values, name);
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/**
 * Variance Σ(x − x̄)² / (n − ddof), two-pass in float64. `ddof` 1 (default) is the unbiased sample
 * variance, 0 the population variance. NaN when n ≤ ddof (a single value has no sample variance).
 */
export function variance(values: Sample, ddof: 0 | 1 = 1, name = 'values'): number {
  const x = checkedSample(values, name);
  const n = x.length;
  if (n <= ddof) return Number.NaN;
  let m = 0;
  for (let i = 0; i < n; i++) m += x[i];
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - m) ** 2;
  return ss / (n - ddof);
}

/** √{@link variance}. */
export function standardDeviation(values: Sample, ddof: 0 | 1 = 1, name = 'values'): number {
  return Math.sqrt(variance(values, ddof, name));
}

/** Summary statistics of a sample. */
export interface Summary {
  count: number;
  mean: number;
  /** Standard deviation with divisor n − ddof; 0 for a single value. */
  std: number;
  /** Standard error of the mean std/√n. */
  sem: number;
  min: number;
  max: number;
}

export interface SummaryOptions {
  /** 1 (default): unbiased std (n − 1); 0: population std (n). */
  ddof?: 0 | 1;
  /** Name of the sample in error messages. */
  name?: string;
}

/**
 * Count, mean, standard deviation, standard error of the mean, min and max. A single value has
 * std = sem = 0. Throws on an empty sample or a non-finite value (they would poison every
 * statistic silently); drop them first with `finiteValues` where that is intended.
 *
 * ```ts
 * summary([1, 2, 3, 4]); // { count: 4, mean: 2.5, std: 1.2909…, sem: 0.6454…, min: 1, max: 4 }
 * ```
 */
export function summary(values: Sample, options: SummaryOptions = {}): Summary {
  const ddof = options.ddof ?? 1;
  const x = checkedSample(values, options.name ?? 'values');
  const n = x.length;
  let m = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < n; i++) {
    m += x[i];
    if (x[i] < min) min = x[i];
    if (x[i] > max) max = x[i];
  }
  m /= n;
  let ss = 0;
  for (let i = 0; i < n; i++) ss += (x[i] - m) ** 2;
  const std = n > ddof ? Math.sqrt(ss / (n - ddof)) : 0;
  return { count: n, mean: m, std, sem: std / Math.sqrt(n), min, max };
}
