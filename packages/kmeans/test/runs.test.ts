import { CurvInputError, initBackend } from '@curv/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fMeasure, riemannianKMeansRuns, selectPointsPerLabel, summarize } from '../src/index.js';
import { sideBySide, stretchedDecoder } from './fixtures/stretched.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('selectPointsPerLabel', () => {
  // 4 labels with 5, 4, 6, 3 members; point i = (i, −i)
  const labels = [0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 2, 3, 3, 3];
  const enc = labels.map((_, i) => [i, -i]);

  it('selectPointsPerLabel takes ⌊N/K⌋ points per selected label, ordered by label (B25 fixed)', () => {
    const s = selectPointsPerLabel(enc, labels, [2, 0], 8, 1);
    expect(s.perLabel).toBe(4);
    expect(Array.from(s.labels)).toEqual([2, 2, 2, 2, 0, 0, 0, 0]);
    for (let j = 0; j < s.indices.length; j++) {
      expect(labels[s.indices[j]]).toBe(s.labels[j]);
      expect(s.points[2 * j]).toBe(s.indices[j]);
      expect(s.points[2 * j + 1]).toBe(-s.indices[j]);
    }
    expect(new Set(s.indices).size).toBe(8);
  });

  it('selectPointsPerLabel with legacy takes ⌊N/3⌋ regardless of K and caps at the label count', () => {
    const s = selectPointsPerLabel(enc, labels, [1, 3], 12, 0, { legacy: true });
    expect(s.perLabel).toBe(4);
    expect(Array.from(s.labels)).toEqual([1, 1, 1, 1, 3, 3, 3]); // label 3 has only 3 members
    const fixed = selectPointsPerLabel(enc, labels, [1, 3], 12, 0);
    expect(fixed.perLabel).toBe(6);
  });

  it('selectPointsPerLabel is reproducible for a seed and rejects duplicate labels', () => {
    const a = selectPointsPerLabel(enc, labels, [0, 1, 2], 9, 7);
    const b = selectPointsPerLabel(enc, labels, [0, 1, 2], 9, 7);
    const c = selectPointsPerLabel(enc, labels, [0, 1, 2], 9, 8);
    expect(Array.from(a.indices)).toEqual(Array.from(b.indices));
    expect(Array.from(a.indices)).not.toEqual(Array.from(c.indices));
    expect(() => selectPointsPerLabel(enc, labels, [0, 0], 4, 0)).toThrow(CurvInputError);
  });
});

describe('riemannianKMeansRuns', () => {
  it('riemannianKMeansRuns keeps every run and summarises F-measures against the flat baseline', () => {
    const { points, truth } = sideBySide(10, 5);
    const { runs, summary } = riemannianKMeansRuns(points, 2, {
      decoder: stretchedDecoder(2.5),
      nMax: 2,
      S: 9,
      beta: 5e-3,
      learningRate: 1e-3,
      outerIterations: 15,
      innerIterations: 2,
      seeds: [0, 1, 2],
      truth,
      baseline: { nInit: 3 },
    });
    expect(runs.map((r) => r.seed)).toEqual([0, 1, 2]);
    for (const r of runs) {
      expect(r.result.history).toHaveLength(15);
      expect(r.scores!.fMeasure).toBe(fMeasure(r.result.labels, truth));
      expect(r.baseline!.scores!.fMeasure).toBe(fMeasure(r.baseline!.result.labels, truth));
    }
    const rf = runs.map((r) => r.scores!.fMeasure);
    expect(summary.fMeasure).toEqual(summarize(rf));
    expect(summary.fMeasureStats!.riemannian_F_measure_mean).toBeCloseTo(summarize(rf).mean, 15);
    expect(summary.fMeasureStats!.riemannian_F_measure_mean).toBeGreaterThan(
      summary.fMeasureStats!.euclidean_F_measure_mean + 0.3,
    );
    expect(summary.timeSecs.n).toBe(3);
  });

  it('riemannianKMeansRuns rejects an empty seed list', () => {
    expect(() => riemannianKMeansRuns([[0, 0]], 1, { decoder: stretchedDecoder(1), seeds: [] })).toThrow(
      /seeds/,
    );
  });
});
