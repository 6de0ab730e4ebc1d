import { Random } from '@curv/core';
import { describe, expect, it } from 'vitest';
import { bottleneckDistance, persistenceLandscape, wassersteinDistance } from '../src/index.js';

type D = [number, number][];

/** All matchings by brute force over permutations of the (M+N)² matrix: min max cost and min Σ cost^p. */
function bruteForce(F: D, G: D, p: number): { bottleneck: number; wasserstein: number } {
  const M = F.length;
  const N = G.length;
  const K = M + N;
  const cost = (r: number, c: number): number => {
    if (r < M && c < N) return Math.max(Math.abs(F[r][0] - G[c][0]), Math.abs(F[r][1] - G[c][1]));
    if (r < M) return c - N === r ? (F[r][1] - F[r][0]) / 2 : Number.POSITIVE_INFINITY;
    if (c < N) return r - M === c ? (G[c][1] - G[c][0]) / 2 : Number.POSITIVE_INFINITY;
    return 0;
  };
  let bottleneck = Number.POSITIVE_INFINITY;
  let wasserstein = Number.POSITIVE_INFINITY;
  const perm = Array.from({ length: K }, (_, i) => i);
  const rec = (k: number) => {
    if (k === K) {
      let mx = 0;
      let sum = 0;
      for (let r = 0; r < K; r++) {
        const c = cost(r, perm[r]);
        mx = Math.max(mx, c);
        sum += c ** p;
      }
      bottleneck = Math.min(bottleneck, mx);
      wasserstein = Math.min(wasserstein, sum);
      return;
    }
    for (let i = k; i < K; i++) {
      [perm[k], perm[i]] = [perm[i], perm[k]];
      rec(k + 1);
      [perm[k], perm[i]] = [perm[i], perm[k]];
    }
  };
  rec(0);
  return { bottleneck, wasserstein: wasserstein ** (1 / p) };
}

describe('bottleneckDistance', () => {
  it('bottleneckDistance({(0,1)}, {(0,3)}) = 1.5 with the bottleneck pair "second point to the diagonal"', () => {
    const r = bottleneckDistance([[0, 1]], [[0, 3]]);
    expect(r.distance).toBe(1.5);
    expect(r.pair).toEqual({ i: -1, j: 0, cost: 1.5 });
  });

  it('bottleneckDistance({(0,3)}, {(0,1)}) = 1.5 with the bottleneck pair "first point to the diagonal"', () => {
    const r = bottleneckDistance([[0, 3]], [[0, 1]]);
    expect(r.distance).toBe(1.5);
    expect(r.pair).toEqual({ i: 0, j: -1, cost: 1.5 });
  });

  it('bottleneckDistance({(0,2),(0,5)}, {(0,2.2),(0,4)}) = 1 with the pair 5 ↔ 4', () => {
    const r = bottleneckDistance(
      [
        [0, 2],
        [0, 5],
      ],
      [
        [0, 2.2],
        [0, 4],
      ],
    );
    expect(r.distance).toBe(1);
    expect(r.pair).toEqual({ i: 1, j: 1, cost: 1 });
    expect(r.matching[0]).toMatchObject({ i: 0, j: 0 });
    expect(r.matching[0].cost).toBeCloseTo(0.2, 12);
  });

  it('bottleneckDistance ignores infinite points and handles empty diagrams', () => {
    expect(bottleneckDistance([[0, Number.POSITIVE_INFINITY]], []).distance).toBe(0);
    const r = bottleneckDistance([[1, 4]], []);
    expect(r.distance).toBe(1.5);
    expect(r.matching).toEqual([{ i: 0, j: -1, cost: 1.5 }]);
    expect(() => bottleneckDistance([[2, 1]], [])).toThrow(
      /point 0 is \(2, 1\); expected a finite birth ≤ death/,
    );
  });

  it('bottleneckDistance and wassersteinDistance equal brute force over all matchings on random diagrams', () => {
    const rng = new Random(1);
    for (let t = 0; t < 40; t++) {
      const M = t % 4;
      const N = (t >> 2) % 4;
      const rand = (k: number): D =>
        Array.from({ length: k }, () => {
          const b = rng.uniform();
          return [b, b + rng.uniform()];
        });
      const F = rand(M);
      const G = rand(N);
      const p = 1 + (t % 3);
      const ref = bruteForce(F, G, p);
      const bn = bottleneckDistance(F, G);
      expect(bn.distance).toBeCloseTo(ref.bottleneck, 12);
      // the matching is optimal: its largest cost is the distance, and every point appears once
      expect(Math.max(0, ...bn.matching.map((m) => m.cost))).toBeCloseTo(bn.distance, 12);
      expect(bn.matching.filter((m) => m.i >= 0).length).toBe(M);
      expect(new Set(bn.matching.filter((m) => m.j >= 0).map((m) => m.j)).size).toBe(N);
      const w = wassersteinDistance(F, G, p);
      expect(w.distance).toBeCloseTo(ref.wasserstein, 10);
      const sum = w.matching.reduce((s, m) => s + m.cost ** p, 0);
      expect(sum ** (1 / p)).toBeCloseTo(w.distance, 10);
    }
  });

  it('wassersteinDistance: 1-Wasserstein of {(0,2),(0,5)} and {(0,2.2),(0,4)} is 1.2; p → large approaches the bottleneck', () => {
    const F: D = [
      [0, 2],
      [0, 5],
    ];
    const G: D = [
      [0, 2.2],
      [0, 4],
    ];
    expect(wassersteinDistance(F, G, 1).distance).toBeCloseTo(1.2, 12);
    expect(wassersteinDistance(F, G, 2).distance).toBeCloseTo(Math.sqrt(0.04 + 1), 12);
    expect(wassersteinDistance(F, G, 60).distance).toBeCloseTo(1, 2);
    expect(() => wassersteinDistance(F, G, 0.5)).toThrow(/p = 0.5; expected a finite number ≥ 1/);
  });
});

describe('persistenceLandscape', () => {
  it('persistenceLandscape: one point (0, 2) is a tent of height 1 at t = 1; overlapping points stack into layers', () => {
    const one = persistenceLandscape([[0, 2]], { layers: 2, grid: [0, 0.5, 1, 1.5, 2, 3] });
    expect(Array.from(one.values[0])).toEqual([0, 0.5, 1, 0.5, 0, 0]);
    expect(Array.from(one.values[1])).toEqual([0, 0, 0, 0, 0, 0]);
    // (0, 4) and (1, 3): at t = 2 the tents are 2 and 1; at t = 1, 1 and 0
    const two = persistenceLandscape(
      [
        [1, 3],
        [0, 4],
      ],
      { layers: 3, grid: [1, 2, 3.5] },
    );
    expect(Array.from(two.values[0])).toEqual([1, 2, 0.5]);
    expect(Array.from(two.values[1])).toEqual([0, 1, 0]);
    expect(Array.from(two.values[2])).toEqual([0, 0, 0]);
    // an infinite point is a ramp
    expect(
      Array.from(
        persistenceLandscape([[1, Number.POSITIVE_INFINITY]], { layers: 1, grid: [0, 2, 5] }).values[0],
      ),
    ).toEqual([0, 1, 4]);
    expect(() => persistenceLandscape([[0, 1]], { layers: 0 })).toThrow(
      /layers = 0; expected an integer ≥ 1/,
    );
  });
});
