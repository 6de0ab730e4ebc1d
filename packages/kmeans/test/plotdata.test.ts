import { CurvInputError, Random } from '@curv/core';
import { describe, expect, it } from 'vitest';
import {
  fMeasureStats,
  historyColumns,
  knnDecisionGrid,
  mapClustersToLabels,
  summarize,
} from '../src/index.js';

describe('mapClustersToLabels', () => {
  it('mapClustersToLabels maps each cluster to its most frequent true label, ties → smallest', () => {
    const r = mapClustersToLabels([2, 2, 2, 0, 0, 5, 5], [1, 1, 0, 3, 1, 4, 4]);
    expect(r.mapping.get(2)).toBe(1);
    expect(r.mapping.get(0)).toBe(1); // tie between 3 and 1 → 1
    expect(r.mapping.get(5)).toBe(4);
    expect(Array.from(r.labels)).toEqual([1, 1, 1, 1, 1, 4, 4]);
  });
});

describe('knnDecisionGrid', () => {
  it('knnDecisionGrid uses the torusGrid convention: −π + 2πi/n (π excluded), x fastest', () => {
    // two points separated in x: label 0 on the left half, 1 on the right half
    const g = knnDecisionGrid(
      [
        [-1.5, 0],
        [1.5, 0],
      ],
      [0, 1],
      { k: 1, resolution: 8 },
    );
    expect(g.xs[0]).toBeCloseTo(-Math.PI, 15);
    expect(g.xs[7]).toBeCloseTo(Math.PI - Math.PI / 4, 15);
    expect(g.xs[4]).toBeCloseTo(0, 15);
    expect(g.extent[1]).toBe(g.xs[7]);
    // row iy = 0 (y = −π): varying x changes the label, so x is the fast index
    expect(g.grid[0 * 8 + 2]).toBe(0); // x = −π/2
    expect(g.grid[0 * 8 + 6]).toBe(1); // x = π/2
    // column ix = 2 is constant in y
    for (let iy = 0; iy < 8; iy++) expect(g.grid[iy * 8 + 2]).toBe(0);
  });

  it('knnDecisionGrid uses the torus distance: a grid point at x = −π is near a point at x = 3', () => {
    const pts = [
      [3.0, 0],
      [-1.0, 0],
    ];
    const torus = knnDecisionGrid(pts, [1, 0], { k: 1, resolution: 4 });
    const plane = knnDecisionGrid(pts, [1, 0], { k: 1, resolution: 4, distance: 'plane' });
    // grid point (−π, 0): torus distance to (3, 0) is 2π − 6.14 = 0.14, to (−1, 0) is 2.14
    expect(torus.grid[2 * 4 + 0]).toBe(1);
    expect(plane.grid[2 * 4 + 0]).toBe(0);
  });

  it('knnDecisionGrid takes the majority of k neighbours, ties → smallest label', () => {
    // three points at one spot with labels 2, 2, 1 and a far point with label 0
    const pts = [
      [0, 0],
      [0.01, 0],
      [0, 0.01],
      [3, 3],
    ];
    const g = knnDecisionGrid(pts, [2, 2, 1, 0], { k: 3, resolution: 4 });
    expect(g.grid[2 * 4 + 2]).toBe(2); // centre (0,0): votes {2,2,1}
    const tie = knnDecisionGrid(pts, [2, 1, 0, 0], { k: 2, resolution: 4 });
    expect(tie.grid[2 * 4 + 2]).toBe(1); // votes {2, 1} → smallest label
  });

  it('knnDecisionGrid with truth maps cluster ids to true labels first (SPEC §7.4)', () => {
    const rng = new Random(1);
    const pts = Array.from({ length: 20 }, () => [rng.uniformIn(-3, 3), rng.uniformIn(-3, 3)]);
    const clusters = Array.from({ length: 20 }, (_, i) => (i < 10 ? 7 : 9));
    const truth = Array.from({ length: 20 }, (_, i) => (i < 10 ? 1 : 0));
    const g = knnDecisionGrid(pts, clusters, { truth, resolution: 10 });
    expect(Array.from(g.pointLabels)).toEqual(truth);
    expect(new Set(g.grid)).toEqual(new Set([0, 1]));
  });

  it('knnDecisionGrid rejects ragged points with CurvInputError', () => {
    expect(() => knnDecisionGrid([[0, 0], [1]], [0, 1])).toThrow(CurvInputError);
    expect(() => knnDecisionGrid([0, 0, 1], [0])).toThrow(/multiple of d = 2/);
  });
});

describe('summarize', () => {
  it('summarize gives mean, population std and SEM = std/√n', () => {
    const s = summarize([1, 2, 3, 4]);
    expect(s.mean).toBe(2.5);
    expect(s.std).toBeCloseTo(Math.sqrt(1.25), 15);
    expect(s.sem).toBeCloseTo(Math.sqrt(1.25) / 2, 15);
    expect(summarize([0.7])).toEqual({ n: 1, mean: 0.7, std: 0, sem: 0 });
  });

  it('fMeasureStats has the f_measure_stats.json keys of SPEC §15.2', () => {
    const r = fMeasureStats([0.5, 0.7], [0.9, 0.9]);
    expect(r.euclidean_F_measure_mean).toBeCloseTo(0.6, 15);
    expect(r.euclidean_F_measure_std).toBeCloseTo(0.1, 15);
    expect(r.euclidean_F_measure_SEM).toBeCloseTo(0.1 / Math.SQRT2, 15);
    expect(r.riemannian_F_measure_std).toBe(0);
    expect(() => summarize([])).toThrow(CurvInputError);
  });
});

describe('historyColumns', () => {
  it('historyColumns turns history entries into T and T×K columns', () => {
    const entry = (t: number) => ({
      intraclass_variance: t,
      intraclass_variance_by_cluster: [t, 2 * t],
      norm_Frechet_mean_gradient: 10 + t,
      geodesics_to_nearest_centroids_lengths: 100 + t,
      geodesics_to_nearest_centroids_lengths_by_cluster: [t, -t],
    });
    const c = historyColumns([entry(1), entry(2), entry(3)]);
    expect(c.k).toBe(2);
    expect(Array.from(c.normGradient)).toEqual([11, 12, 13]);
    expect(Array.from(c.varianceByCluster)).toEqual([1, 2, 2, 4, 3, 6]);
    expect(Array.from(c.lengthsByCluster)).toEqual([1, -1, 2, -2, 3, -3]);
    expect(Array.from(c.lengthsTotal)).toEqual([101, 102, 103]);
    expect(() => historyColumns([])).toThrow(CurvInputError);
  });
});
