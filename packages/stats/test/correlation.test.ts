import { describe, expect, it } from 'vitest';
import { pearson, ranks, StatsInputError, spearman } from '../src/index.js';

describe('correlation', () => {
  it('pearson([1..5], [2,4,5,4,5]) = 6/√60 (Σdxdy = 6, Σdx² = 10, Σdy² = 6)', () => {
    expect(pearson([1, 2, 3, 4, 5], [2, 4, 5, 4, 5])).toBeCloseTo(6 / Math.sqrt(60), 15);
    expect(pearson([1, 2, 3], [-2, -4, -6])).toBe(-1);
    // invariant under positive affine maps
    const x = [0.3, 1.7, -2.2, 4.1, 0.9];
    const y = [1, 0.5, -1, 3, 2];
    expect(
      pearson(
        x.map((v) => 3 * v + 10),
        y,
      ),
    ).toBeCloseTo(pearson(x, y), 14);
  });

  it('spearman of a strictly monotone map is ±1 while pearson is not', () => {
    const x = Array.from({ length: 30 }, (_, i) => Math.sin(i * 1.3) * 5 + i * 0.01);
    const exp = x.map(Math.exp);
    expect(spearman(x, exp)).toBe(1);
    expect(pearson(x, exp)).toBeLessThan(0.95);
    expect(
      spearman(
        x,
        x.map((v) => -(v ** 3)),
      ),
    ).toBe(-1);
  });

  it('ranks gives tied values the mean of their ranks; spearman with ties is pearson of those ranks', () => {
    const a = [1, 2, 2, 3, 5, 5, 5, 8];
    const b = [3, 1, 4, 4, 9, 2, 6, 5];
    expect(Array.from(ranks(a))).toEqual([1, 2.5, 2.5, 4, 6, 6, 6, 8]);
    expect(Array.from(ranks(b))).toEqual([3, 1, 4.5, 4.5, 8, 2, 7, 6]);
    // scipy.stats.spearmanr(a, b) = 0.5618997059516708; the no-ties shortcut 1 − 6Σd²/(n(n² − 1)) gives
    // 1 − 6·35.5/504 = 0.5774 instead.
    expect(spearman(a, b)).toBeCloseTo(0.5618997059516708, 14);
    expect(spearman(a, b)).toBeCloseTo(pearson(ranks(a), ranks(b)), 15);
    expect(Math.abs(spearman(a, b) - (1 - (6 * 35.5) / 504))).toBeGreaterThan(0.01);
  });

  it('rejects constant samples, samples of different lengths and non-finite values', () => {
    expect(() => pearson([1, 1, 1], [1, 2, 3])).toThrow(/x: all values are equal/);
    expect(() => spearman([1, 2, 3], [4, 4, 4])).toThrow(/y: all values are equal/);
    expect(() => pearson([1, 2, 3], [1, 2])).toThrow(/y: expected 3 values/);
    expect(() => pearson([1], [1])).toThrow(StatsInputError);
    expect(() => spearman([1, Number.NaN], [1, 2])).toThrow(/x\[1\]/);
  });
});
