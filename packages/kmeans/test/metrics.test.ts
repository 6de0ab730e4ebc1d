import { CurvInputError, Random } from '@curv/core';
import { describe, expect, it } from 'vitest';
import { adjustedRandIndex, contingency, fMeasure, normalizedMutualInfo, pairCounts } from '../src/index.js';

/** Brute-force pair counting over all n(n−1)/2 pairs (reference for the O(n + k²) version). */
function bruteForce(p: ArrayLike<number>, q: ArrayLike<number>) {
  let a = 0;
  let b = 0;
  let c = 0;
  let d = 0;
  for (let i = 0; i < p.length; i++) {
    for (let j = i + 1; j < p.length; j++) {
      const sp = p[i] === p[j];
      const sq = q[i] === q[j];
      if (sp && sq) a++;
      else if (sq) b++;
      else if (sp) c++;
      else d++;
    }
  }
  return { a, b, c, d };
}

function randomLabels(rng: Random, n: number, k: number): Int32Array {
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) out[i] = rng.int(k);
  return out;
}

describe('fMeasure', () => {
  it('fMeasure([0,0,1,1], [0,0,0,1]) is 0.4 (SPEC §7.3)', () => {
    expect(fMeasure([0, 0, 1, 1], [0, 0, 0, 1])).toBeCloseTo(0.4, 15);
  });

  it('fMeasure(P, relabelled P) is 1 and two all-singleton partitions give 1', () => {
    expect(fMeasure([0, 0, 1, 1, 2], [7, 7, -3, -3, 4])).toBe(1);
    expect(fMeasure([0, 1, 2, 3], [3, 2, 1, 0])).toBe(1);
  });

  it('fMeasure agrees with brute-force pair counting on random labelings', () => {
    const rng = new Random(11);
    for (let trial = 0; trial < 40; trial++) {
      const n = 1 + rng.int(80);
      const p = randomLabels(rng, n, 1 + rng.int(6));
      const q = randomLabels(rng, n, 1 + rng.int(6));
      const { a, b, c, d } = bruteForce(p, q);
      const expected = 2 * a + b + c === 0 ? 1 : (2 * a) / (2 * a + b + c);
      expect(fMeasure(p, q)).toBeCloseTo(expected, 12);
      expect(pairCounts(p, q)).toEqual({
        both: a,
        truthOnly: b,
        predictedOnly: c,
        neither: d,
        total: a + b + c + d,
      });
    }
  });

  it('fMeasure is invariant to relabelling either argument and symmetric', () => {
    const rng = new Random(3);
    const p = randomLabels(rng, 60, 4);
    const q = randomLabels(rng, 60, 3);
    const perm = [2, 0, 3, 1];
    const p2 = Array.from(p, (v) => perm[v] * 10 + 5);
    const f = fMeasure(p, q);
    expect(f).toBeGreaterThan(0);
    expect(f).toBeLessThan(1);
    expect(fMeasure(p2, q)).toBe(f);
    expect(fMeasure(q, p)).toBe(f);
  });

  it('fMeasure rejects non-integer labels and mismatched lengths with CurvInputError', () => {
    expect(() => fMeasure([0, 1.5], [0, 1])).toThrow(CurvInputError);
    expect(() => fMeasure([0, 1, 1], [0, 1])).toThrow(/truth: expected 3 labels/);
  });
});

describe('contingency', () => {
  it('contingency(predicted, truth) counts co-occurrences with sorted distinct labels', () => {
    const t = contingency([1, 1, 0, 0, 0], [9, 4, 4, 4, 9]);
    expect(Array.from(t.rowLabels)).toEqual([0, 1]);
    expect(Array.from(t.colLabels)).toEqual([4, 9]);
    expect(Array.from(t.table)).toEqual([2, 1, 1, 1]);
    expect(Array.from(t.rowSums)).toEqual([3, 2]);
    expect(Array.from(t.colSums)).toEqual([3, 2]);
  });
});

describe('adjustedRandIndex', () => {
  it('adjustedRandIndex matches known values (4/7, −1/2, 0, 1)', () => {
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 14);
    expect(adjustedRandIndex([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 14);
    expect(adjustedRandIndex([0, 0, 0, 0], [0, 1, 2, 3])).toBeCloseTo(0, 14);
    expect(adjustedRandIndex([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(adjustedRandIndex([0, 1, 2], [5, 6, 7])).toBe(1);
  });

  it('adjustedRandIndex agrees with the Hubert–Arabie formula on brute-force pair counts', () => {
    const rng = new Random(5);
    for (let trial = 0; trial < 20; trial++) {
      const n = 5 + rng.int(60);
      const p = randomLabels(rng, n, 2 + rng.int(4));
      const q = randomLabels(rng, n, 2 + rng.int(4));
      const { a, b, c, d } = bruteForce(p, q);
      const total = a + b + c + d;
      // RI adjusted: (index − expected) / (max − expected), with index = a, expected = |S_P||S_Q|/total
      const sp = a + c;
      const sq = a + b;
      const expected = (sp * sq) / total;
      const ari = b === 0 && c === 0 ? 1 : (a - expected) / ((sp + sq) / 2 - expected);
      expect(adjustedRandIndex(p, q)).toBeCloseTo(ari, 10);
    }
  });
});

describe('normalizedMutualInfo', () => {
  it('normalizedMutualInfo([0,0,1,1], [0,0,1,2]) is ln2 / (2.5 ln2 / 2) = 0.8 (arithmetic normalisation)', () => {
    expect(normalizedMutualInfo([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(0.8, 14);
  });

  it('normalizedMutualInfo is 1 for relabelled partitions and 0 for independent ones', () => {
    expect(normalizedMutualInfo([0, 0, 1, 1, 2], [3, 3, 1, 1, 0])).toBeCloseTo(1, 14);
    expect(normalizedMutualInfo([0, 0, 1, 1], [0, 1, 0, 1])).toBe(0);
    expect(normalizedMutualInfo([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    expect(normalizedMutualInfo([2, 2, 2], [1, 1, 1])).toBe(1);
  });

  it('normalizedMutualInfo is symmetric and in [0, 1] on random labelings', () => {
    const rng = new Random(8);
    for (let trial = 0; trial < 20; trial++) {
      const p = randomLabels(rng, 50, 3);
      const q = randomLabels(rng, 50, 4);
      const v = normalizedMutualInfo(p, q);
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
      expect(normalizedMutualInfo(q, p)).toBeCloseTo(v, 14);
    }
  });
});
