import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import type { RiemannianMetric } from './riemannianMetric.js';
import { checkLatentBatch } from './validate.js';

/**
 * The same symmetric positive-definite matrix G at every point (flat; ∂g = 0). G is given as rows;
 * `constantMetric(2)` is the Euclidean metric of R².
 *
 * ```ts
 * const euclid = constantMetric(2);
 * const stretched = constantMetric([[4, 0], [0, 1]]);
 * ```
 */
export function constantMetric(matrix: number | number[][]): RiemannianMetric {
  const rows =
    typeof matrix === 'number'
      ? Array.from({ length: matrix }, (_, i) => Array.from({ length: matrix }, (__, j) => (i === j ? 1 : 0)))
      : matrix;
  const d = rows.length;
  if (d < 1 || !rows.every((r) => Array.isArray(r) && r.length === d && r.every(Number.isFinite))) {
    throw new CurvInputError(
      'constantMetric: expected a positive dimension or a square matrix of finite numbers',
      'matrix',
    );
  }
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < i; j++) {
      if (rows[i][j] !== rows[j][i])
        throw new CurvInputError('constantMetric: the matrix must be symmetric', 'matrix');
    }
  }
  if (!isPositiveDefinite(rows)) {
    throw new CurvInputError('constantMetric: the matrix must be positive definite', 'matrix');
  }
  const flat = Float32Array.from(rows.flat());
  return {
    dim: d,
    metricMatrix(z) {
      checkLatentBatch(z, 'constantMetric z', d);
      return tf.tidy(() => tf.tile(tf.tensor3d(flat, [1, d, d]), [z.shape[0], 1, 1]) as tf.Tensor3D);
    },
    metricDerivative(z) {
      checkLatentBatch(z, 'constantMetric z', d);
      return tf.zeros([z.shape[0], d, d, d]);
    },
  };
}

/** Cholesky test in double precision. */
function isPositiveDefinite(a: number[][]): boolean {
  const d = a.length;
  const l = a.map(() => new Float64Array(d));
  for (let i = 0; i < d; i++) {
    for (let j = 0; j <= i; j++) {
      let s = a[i][j];
      for (let k = 0; k < j; k++) s -= l[i][k] * l[j][k];
      if (i === j) {
        if (!(s > 0)) return false;
        l[i][i] = Math.sqrt(s);
      } else l[i][j] = s / l[j][j];
    }
  }
  return true;
}
