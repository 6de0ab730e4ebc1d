import { CurvInputError } from '@curv/core';
import { torusGrid } from '@curv/geometry';
import type { PeriodicGridGeometry } from '@curv/geometry-fd';
import * as tf from '@tensorflow/tfjs-core';
import { type CurvatureOptions, curvatureAndMetric } from './scalarCurvature.js';
import type { JetCapable } from './validate.js';

export interface CurvatureGridOptions extends CurvatureOptions {
  /** Points per axis of the `torusGrid` of @curv/geometry: x_i = −π + 2πi/n, i = 0..n−1, x fastest. */
  n: number;
  /** Points per curvature call (default 1024). */
  batchSize?: number;
}

/**
 * Exact (jet-based) metric, √det g, ½ tr g and R of a d = 2 SequentialDecoder on the n×n torus grid,
 * on the `torusGrid` of @curv/geometry (x fastest, from (−π, −π)), like `periodicGridGeometry`, so the two
 * are interchangeable in reports. Costs one curvature evaluation per grid point (batched);
 * `periodicGridGeometry` is cheaper (one decoder evaluation per point) but O(h²)-accurate.
 * `h` in the result is the grid spacing. No gradients are kept.
 */
export function curvatureGrid(dec: JetCapable, opts: CurvatureGridOptions): PeriodicGridGeometry {
  const { n } = opts;
  if (!Number.isInteger(n) || n < 1)
    throw new CurvInputError(`curvatureGrid n: expected a positive integer, got ${n}`, 'n');
  if (dec.latentDim !== 2) {
    throw new CurvInputError(
      `curvatureGrid: needs a decoder with latentDim 2, got ${dec.latentDim}`,
      'latentDim',
    );
  }
  const batch = opts.batchSize ?? 1024;
  if (!Number.isInteger(batch) || batch < 1) {
    throw new CurvInputError(
      `curvatureGrid batchSize: expected a positive integer, got ${batch}`,
      'batchSize',
    );
  }
  const { h, coords, points } = torusGrid(n);
  const N = n * n;
  const out = {
    g11: new Float32Array(N),
    g12: new Float32Array(N),
    g22: new Float32Array(N),
    sqrtDetG: new Float32Array(N),
    halfTraceG: new Float32Array(N),
    R: new Float32Array(N),
  };
  for (let p0 = 0; p0 < N; p0 += batch) {
    const m = Math.min(batch, N - p0);
    const z = tf.tensor2d(points.subarray(2 * p0, 2 * (p0 + m)), [m, 2]);
    const { R, g } = curvatureAndMetric(dec, z, opts);
    const r = R.dataSync();
    const gd = g.dataSync();
    tf.dispose([z, R, g]);
    for (let k = 0; k < m; k++) {
      const p = p0 + k;
      const [a, b, c] = [gd[4 * k], gd[4 * k + 1], gd[4 * k + 3]];
      out.g11[p] = a;
      out.g12[p] = b;
      out.g22[p] = c;
      out.sqrtDetG[p] = Math.sqrt(Math.max(0, a * c - b * b));
      out.halfTraceG[p] = 0.5 * (a + c);
      out.R[p] = r[k];
    }
  }
  return { n, h, coords, ...out };
}
