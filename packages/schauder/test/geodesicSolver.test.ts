import {
  conformalMetric,
  halfPlaneMetric,
  riemannianCurvature,
  stereographicSphereMetric,
} from '@curv/geometry';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { geodesicSolver, metricGrid } from '../src/index.js';
import { init } from './setup.js';

beforeAll(init);

/** A smooth 2π-periodic conformal metric λ = 2 + sin x cos 2y with its exact gradient. */
const wavyConformal = conformalMetric(
  (z) =>
    tf.tidy(() => {
      const [x, y] = tf.unstack(z, 1);
      return tf.add(2, tf.mul(tf.sin(x), tf.cos(tf.mul(2, y)))) as tf.Tensor1D;
    }),
  {
    gradient: (z) =>
      tf.tidy(() => {
        const [x, y] = tf.unstack(z, 1);
        return tf.stack(
          [tf.mul(tf.cos(x), tf.cos(tf.mul(2, y))), tf.mul(-2, tf.mul(tf.sin(x), tf.sin(tf.mul(2, y))))],
          1,
        ) as tf.Tensor2D;
      }),
  },
);

describe('metricGrid takes a RiemannianMetric and is one', () => {
  it('stores values in the torusGrid order (x fastest) and interpolates ∂g', () => {
    const n = 32;
    const grid = metricGrid(wavyConformal, { n, interpolation: 'bspline' });
    expect(grid.dim).toBe(2);
    const h = (2 * Math.PI) / n;
    // node (i, j) = (x_i, y_j) at j·n + i; λ depends differently on x and y, so a transposed layout fails
    for (const [i, j] of [
      [3, 7],
      [10, 1],
      [0, 20],
    ]) {
      const x = -Math.PI + i * h;
      const y = -Math.PI + j * h;
      expect(grid.values[(j * n + i) * 4]).toBeCloseTo(2 + Math.sin(x) * Math.cos(2 * y), 5);
      expect(grid.values[(j * n + i) * 4 + 1]).toBe(0);
    }
    const z = tf.tensor2d([
      [0.3, -1.1],
      [2.2, 0.7],
    ]);
    const dg = grid.metricDerivative(z);
    const exact = wavyConformal.metricDerivative?.(z) as tf.Tensor4D;
    const err = tf.tidy(() => tf.max(tf.abs(tf.sub(dg, exact))).dataSync()[0]);
    expect(err).toBeLessThan(2e-3);
    // a grid is a metric: curvature of the interpolated metric ≈ curvature of the original
    const Rg = riemannianCurvature(grid, z).R.dataSync();
    const Rm = riemannianCurvature(wavyConformal, z).R.dataSync();
    expect(Math.abs(Rm[0])).toBeGreaterThan(0.1);
    for (let k = 0; k < 2; k++)
      expect(Math.abs(Rg[k] - Rm[k])).toBeLessThan(2e-2 * Math.max(1, Math.abs(Rm[k])));
    tf.dispose([z, dg, exact]);
  });

  it('domain option: a metric of period 1 sampled on [0, 1)² is reproduced between nodes', () => {
    const period1 = conformalMetric((z) =>
      tf.tidy(() => tf.add(1.5, tf.sin(tf.mul(2 * Math.PI, tf.unstack(z, 1)[0]))) as tf.Tensor1D),
    );
    const grid = metricGrid(period1, { n: 32, domain: [0, 1] });
    expect(grid.lo).toBe(0);
    expect(grid.hi).toBe(1);
    const z = tf.tensor2d([
      [0.123, 0.4],
      [1.123, -2.6],
    ]);
    const g = grid.metricMatrix(z).arraySync();
    const want = 1.5 + Math.sin(2 * Math.PI * 0.123);
    expect(g[0][0][0]).toBeCloseTo(want, 3);
    expect(g[1][0][0]).toBeCloseTo(want, 3);
    z.dispose();
  });
});

describe('geodesicSolver with a bare RiemannianMetric (no decoder)', () => {
  it('half-plane: the geodesic from (−1, 1) to (1, 1) has length arccosh 3 (the straight segment has length 2)', () => {
    const solver = geodesicSolver(
      { metric: halfPlaneMetric() },
      { nMax: 5, S: 65, mode: 'clean', steps: 600, lr: 0.02 },
    );
    expect(solver.mode).toBe('metric');
    const r = solver.solve([[-1, 1]], [[1, 1]]);
    expect(r.baseLengths[0]).toBeCloseTo(2, 3);
    expect(Math.abs(r.lengths[0] - Math.acosh(3))).toBeLessThan(5e-3);
    // the geodesic is the semicircle x² + y² = 2: its midpoint is (0, √2)
    const mid = r.curve(0)[32];
    expect(Math.abs(mid[0])).toBeLessThan(2e-2);
    expect(Math.abs(mid[1] - Math.SQRT2)).toBeLessThan(2e-2);
  });

  it('relaxation: two calls of k steps equal one solve of 2k steps (warm coefficients and optimiser state)', () => {
    const solver = geodesicSolver({ metric: stereographicSphereMetric() }, { nMax: 3, S: 17, lr: 0.01 });
    const starts = Float32Array.from([-0.5, 0.2, 0.3, -0.6]);
    const ends = Float32Array.from([0.6, 0.1, -0.2, 0.7]);
    const before = tf.memory().numTensors;
    const warm = solver.relaxation(2, 2);
    const first = warm.relax(starts, ends, 0);
    expect(Array.from(first.curves.subarray(0, 2))).toEqual([-0.5, 0.2].map(Math.fround));
    warm.relax(starts, ends, 10);
    const second = warm.relax(starts, ends, 10);
    warm.dispose();
    expect(tf.memory().numTensors).toBe(before);
    const once = solver.solve(
      [
        [-0.5, 0.2],
        [0.3, -0.6],
      ],
      [
        [0.6, 0.1],
        [-0.2, 0.7],
      ],
      { steps: 20, objective: 'sum' },
    );
    for (let k = 0; k < once.curves.length; k++) expect(second.curves[k]).toBeCloseTo(once.curves[k], 6);
    for (let j = 0; j < 2; j++) {
      expect(second.lengths[j]).toBeCloseTo(once.lengths[j], 5);
      expect(second.lengths[j]).toBeLessThan(first.lengths[j]);
    }
  });
});
