import { CurvInputError } from '@curv/core';
import { StatsInputError, summary } from '@curv/stats';

/** Summary of a sample: size, mean, unbiased standard deviation (n − 1) and standard error std/√n. */
export interface SampleStatistics {
  count: number;
  mean: number;
  std: number;
  sem: number;
}

/**
 * Mean, unbiased standard deviation (divisor n − 1; 0 for a single value) and standard error of the
 * mean std/√n of a sample. Non-finite values are an input error (they would poison
 * every statistic silently).
 */
export function sampleStatistics(values: ArrayLike<number>, name = 'values'): SampleStatistics {
  try {
    const { count, mean, std, sem } = summary(values, { name });
    return { count, mean, std, sem };
  } catch (e) {
    if (e instanceof StatsInputError) throw new CurvInputError(e.message, e.subject);
    throw e;
  }
}

/**
 * The text of a `statistical_analysis_<name>_<tag>.txt` file: sample size, mean and unbiased std with 3
 * decimals, standard error with 4 (as the original notebook), then the full-precision values.
 */
export function statisticsText(title: string, s: SampleStatistics, samples = 'straight lines'): string {
  return [
    title,
    `Number of ${samples} (samples): ${s.count}`,
    `Mean: ${s.mean.toFixed(3)}`,
    `Standard deviation (unbiased): ${s.std.toFixed(3)}`,
    `Standard error of the mean: ${s.sem.toFixed(4)}`,
    `(full precision: mean ${s.mean}, std ${s.std}, sem ${s.sem})`,
    '',
  ].join('\n');
}
