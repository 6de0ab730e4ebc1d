import { describe, expect, it } from 'vitest';
import {
  finiteValues,
  mean,
  median,
  quantile,
  quantiles,
  StatsInputError,
  standardDeviation,
  summary,
  trimmedMean,
  variance,
} from '../src/index.js';

// s = [3.1, −2, 7.5, 0.25, 4, 4, 11, −6.5, 1]: Σ = 22.35, n = 9, sorted −6.5 −2 0.25 1 3.1 4 4 7.5 11.
const s = [3.1, -2, 7.5, 0.25, 4, 4, 11, -6.5, 1];

describe('summary statistics', () => {
  it('summary([1, 2, 3, 4]) = count 4, mean 2.5, std √(5/3), sem √(5/3)/2, min 1, max 4', () => {
    const r = summary([1, 2, 3, 4]);
    expect(r.count).toBe(4);
    expect(r.mean).toBe(2.5);
    expect(r.std).toBeCloseTo(Math.sqrt(5 / 3), 15);
    expect(r.sem).toBeCloseTo(Math.sqrt(5 / 3) / 2, 15);
    expect([r.min, r.max]).toEqual([1, 4]);
    // population: Σ(x − x̄)² = 5, /4
    expect(summary([1, 2, 3, 4], { ddof: 0 }).std).toBeCloseTo(Math.sqrt(5 / 4), 15);
    expect(summary([0.7])).toEqual({ count: 1, mean: 0.7, std: 0, sem: 0, min: 0.7, max: 0.7 });
  });

  it('mean, variance and standardDeviation are float64 two-pass (no cancellation at an offset of 1e9)', () => {
    expect(mean(s)).toBeCloseTo(22.35 / 9, 14);
    const shifted = s.map((v) => v + 1e9);
    expect(variance(shifted)).toBeCloseTo(variance(s), 5);
    expect(standardDeviation(s)).toBeCloseTo(5.1316420373989455, 13);
    expect(variance([1, 3], 0)).toBe(1);
    expect(variance([5])).toBeNaN();
  });

  it('rejects empty samples and non-finite values, naming the argument', () => {
    expect(() => summary([])).toThrow(StatsInputError);
    expect(() => summary([1, Number.NaN], { name: 'E_tilde' })).toThrow(
      /E_tilde\[1\]: expected a finite number/,
    );
    expect(() => mean([Number.POSITIVE_INFINITY])).toThrow(StatsInputError);
    try {
      mean([]);
    } catch (e) {
      expect((e as Error).name).toBe('CurvInputError');
    }
  });

  it('finiteValues drops NaN and ±Infinity in order', () => {
    expect(Array.from(finiteValues([1, Number.NaN, -2, Number.POSITIVE_INFINITY, 3]))).toEqual([1, -2, 3]);
  });
});

describe('quantiles', () => {
  it('quantile interpolates linearly at (n − 1)q like numpy (q = 0.1 → −2.9, 0.9 → 8.2)', () => {
    // (n − 1)·0.1 = 0.8 → −6.5 + 0.8·4.5 = −2.9; (n − 1)·0.9 = 7.2 → 7.5 + 0.2·3.5 = 8.2
    const q = quantiles(s, [0, 0.1, 0.25, 0.5, 0.9, 1]);
    const expected = [-6.5, -2.9, 0.25, 3.1, 8.2, 11];
    for (const [i, v] of q.entries()) expect(v).toBeCloseTo(expected[i], 13);
    expect(median(s)).toBe(3.1);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(quantile([7], 0.3)).toBe(7);
    expect(() => quantile(s, 1.5)).toThrow(/q: expected a number in \[0, 1\]/);
  });

  it('trimmedMean cuts ⌊proportion·n⌋ values at each end (scipy.stats.trim_mean)', () => {
    // 0.2·9 → 1 each side: mean of −2 … 7.5 = 17.85 / 7
    expect(trimmedMean(s, 0.2)).toBeCloseTo(17.85 / 7, 13);
    // 0.1·9 → 0: the plain mean
    expect(trimmedMean(s, 0.1)).toBeCloseTo(mean(s), 14);
    // an outlier does not move the 25 % trimmed mean of 1…7 ∪ {1000}: cut 2 each side → mean of 3…6
    expect(trimmedMean([1, 2, 3, 4, 5, 6, 7, 1000], 0.25)).toBe(4.5);
    expect(() => trimmedMean(s, 0.5)).toThrow(StatsInputError);
  });
});
