import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MetricFn } from '../src/index.js';
import { graphInitialization, metricGrid, schauderBasis, solveGeodesics } from '../src/index.js';
import { flatTorus } from './fixtures.js';
import { init } from './setup.js';

beforeAll(init);

const identity: MetricFn = (z) =>
  tf.tidy(() => tf.tile(tf.eye(2).reshape([1, 2, 2]), [z.shape[0], 1, 1]) as tf.Tensor3D);

describe('graphInitialization', () => {
  it('graphInitialization finds the short way across the seam where the straight start converges to the long geodesic', () => {
    const grid = metricGrid(identity, { n: 32 });
    const basis = schauderBasis(4, 33, { mode: 'clean' });
    const starts = [
      [3, 0.2],
      [-0.5, -3],
    ];
    const ends = [
      [-3, -0.1],
      [0.5, 2.9],
    ];
    const gi = graphInitialization(grid, starts, ends, basis);
    const short = [Math.hypot(2 * Math.PI - 6, 0.3), Math.hypot(1, 2 * Math.PI - 5.9)];
    for (let i = 0; i < 2; i++) {
      expect(gi.ends[i]).toEqual(ends[i]);
      // start is a 2π-shifted image of the given start
      for (let k = 0; k < 2; k++) {
        const q = (gi.starts[i][k] - starts[i][k]) / (2 * Math.PI);
        expect(Math.abs(q - Math.round(q))).toBeLessThan(1e-9);
      }
      // graph length between the snapped nodes: within 8 % of the true distance plus the snapping error (√2·h)
      expect(Math.abs(gi.lengths[i] - short[i])).toBeLessThan(
        0.08 * short[i] + Math.SQRT2 * ((2 * Math.PI) / 32),
      );
      expect(gi.lengths[i]).toBeLessThan(1.5); // not the long way (≥ 5)
    }
    const r = solveGeodesics({ decoder: flatTorus }, gi.starts, gi.ends, {
      basis,
      initialCoefficients: gi.initialCoefficients,
      steps: 200,
    });
    const plain = solveGeodesics({ decoder: flatTorus }, starts, ends, { basis, steps: 200 });
    for (let i = 0; i < 2; i++) {
      expect(Math.abs(r.lengths[i] - short[i]) / short[i]).toBeLessThan(1e-2);
      expect(plain.lengths[i]).toBeGreaterThan(5); // straight start: the long way round
    }
  });

  it('graphInitialization coefficients reproduce the resampled path through the basis (flat metric: a straight path)', () => {
    const grid = metricGrid(identity, { n: 32 });
    const basis = schauderBasis(5, 65, { mode: 'clean' });
    const h = (2 * Math.PI) / 32;
    // along a grid axis the graph path is exactly straight, so the coefficients are ~0
    const gi = graphInitialization(
      grid,
      [[-Math.PI + 3 * h, -Math.PI + 5 * h]],
      [[-Math.PI + 13 * h, -Math.PI + 5 * h]],
      basis,
    );
    expect(gi.lengths[0]).toBeCloseTo(10 * h, 6);
    expect(Math.max(...Array.from(gi.initialCoefficients, Math.abs))).toBeLessThan(1e-4);
  });

  it('graphInitialization rejects mismatched inputs and shooting bases', () => {
    const grid = metricGrid(identity, { n: 8 });
    expect(() => graphInitialization(grid, [[0, 0]], [], schauderBasis(3, 17))).toThrow(CurvInputError);
    expect(() =>
      graphInitialization(grid, [[0, 0]], [[1, 1]], schauderBasis(3, 17, { variant: 'shooting' })),
    ).toThrow(/zeroBoundary/);
  });
});
