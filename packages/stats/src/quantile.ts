import { StatsInputError } from './errors.js';
import { checkedSample, type Sample } from './sample.js';

function checkQ(q: number): void {
  if (!(q >= 0 && q <= 1)) throw new StatsInputError(`q: expected a number in [0, 1]; got ${q}`, 'q');
}

/**
 * Quantile q ∈ [0, 1] of values already sorted ascending, by linear interpolation between the
 * order statistics at position (n − 1)·q (numpy's default "linear" method). NaN for no values.
 */
export function quantileSorted(sorted: Sample, q: number): number {
  checkQ(q);
  const n = sorted.length;
  if (n === 0) return Number.NaN;
  const pos = (n - 1) * q;
  const i = Math.floor(pos);
  const f = pos - i;
  return i + 1 < n ? sorted[i] * (1 - f) + sorted[i + 1] * f : sorted[i];
}

/** The sample sorted ascending (float64 copy), after checking it is non-empty and finite. */
export function sortedSample(values: Sample, name = 'values'): Float64Array {
  return checkedSample(values, name).sort();
}

/** Quantiles (numpy "linear") of a sample at each q of `qs`. */
export function quantiles(values: Sample, qs: readonly number[], name = 'values'): number[] {
  const s = sortedSample(values, name);
  return qs.map((q) => quantileSorted(s, q));
}

/** Quantile q ∈ [0, 1] of a sample (numpy "linear"). */
export function quantile(values: Sample, q: number, name = 'values'): number {
  return quantiles(values, [q], name)[0];
}

/** Median (mean of the two middle values for an even count). */
export function median(values: Sample, name = 'values'): number {
  return quantile(values, 0.5, name);
}

/**
 * Trimmed mean: the mean after removing ⌊proportion·n⌋ values from each end of the sorted sample
 * (the convention of scipy.stats.trim_mean), 0 ≤ proportion < 0.5.
 */
export function trimmedMean(values: Sample, proportion: number, name = 'values'): number {
  if (!(proportion >= 0 && proportion < 0.5)) {
    throw new StatsInputError(`proportion: expected a number in [0, 0.5); got ${proportion}`, 'proportion');
  }
  const s = sortedSample(values, name);
  const cut = Math.floor(proportion * s.length);
  let sum = 0;
  for (let i = cut; i < s.length - cut; i++) sum += s[i];
  return sum / (s.length - 2 * cut);
}
