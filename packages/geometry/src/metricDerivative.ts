import * as tf from '@tensorflow/tfjs-core';
import type { RiemannianMetric } from './riemannianMetric.js';
import { checkLatentBatch, checkStep } from './validate.js';

export interface FiniteDifferenceOptions {
  /** Step of the central differences (default 5e-3: balances the O(h²) truncation against float32 rounding ≈ 6e-8·|g|/h). */
  h?: number;
}

/**
 * The 2·d·B points z ± h e_k of a batch z [B, d] for central differences, concatenated as
 * [z + h e_0; z − h e_0; z + h e_1; z − h e_1; …] → [2·d·B, d].
 */
export function centralShifts(z: tf.Tensor2D, h: number): tf.Tensor2D {
  return tf.tidy(() => {
    const d = z.shape[1];
    const shifted: tf.Tensor2D[] = [];
    for (let k = 0; k < d; k++) {
      const row = new Float32Array(d);
      row[k] = h;
      const e = tf.tensor2d(row, [1, d]);
      shifted.push(tf.add(z, e), tf.sub(z, e));
    }
    return tf.concat(shifted, 0);
  });
}

/**
 * ∂g of any metric by central differences, ∂_k g_ij ≈ (g(z + h e_k) − g(z − h e_k)) / 2h, from one call of
 * `metricMatrix` on the 2·d·B shifted points. Returns [B, d, d, d] with entry [b, k, i, j] = ∂g_ij/∂z_k (the
 * layout of {@link RiemannianMetric.metricDerivative}). Truncation error O(h²).
 */
export function finiteDifferenceMetricDerivative(
  metric: RiemannianMetric,
  z: tf.Tensor2D,
  opts: FiniteDifferenceOptions = {},
): tf.Tensor4D {
  const h = opts.h ?? 5e-3;
  checkLatentBatch(z, 'finiteDifferenceMetricDerivative z', metric.dim);
  checkStep(h, 'finiteDifferenceMetricDerivative h');
  return tf.tidy(() => {
    const [b, d] = z.shape;
    const g = tf.reshape(metric.metricMatrix(centralShifts(z, h)), [d, 2, b, d, d]);
    const [plus, minus] = tf.unstack(g, 1);
    // [k, b, i, j] → [b, k, i, j]
    return tf.transpose(tf.mul(tf.sub(plus, minus), 1 / (2 * h)), [1, 0, 2, 3]) as tf.Tensor4D;
  });
}

/** ∂g of `metric` at z: its own `metricDerivative` when it has one, otherwise central differences. Layout [B, k, i, j]. */
export function metricDerivativeAt(
  metric: RiemannianMetric,
  z: tf.Tensor2D,
  opts: FiniteDifferenceOptions = {},
): tf.Tensor4D {
  if (metric.metricDerivative) return metric.metricDerivative(z);
  return finiteDifferenceMetricDerivative(metric, z, opts);
}
