import * as tf from '@tensorflow/tfjs-core';
import type { RiemannianMetric } from './riemannianMetric.js';

/**
 * The Poincaré half-plane metric g(z) = I / z₂² on {z₂ > 0} (curvature −1), whose distances are known in
 * closed form: d(p, q) = arccosh(1 + ‖p − q‖² / (2 p₂ q₂)). A reference metric for geodesic solvers.
 *
 * ```ts
 * const g = halfPlaneMetric().metricMatrix(tf.tensor2d([[0, 2]])); // [[[0.25, 0], [0, 0.25]]]
 * ```
 */
export function halfPlaneMetric(): RiemannianMetric {
  return {
    dim: 2,
    metricMatrix(z: tf.Tensor2D): tf.Tensor3D {
      return tf.tidy(() => {
        const y = z.slice([0, 1], [-1, 1]);
        const s = tf.reciprocal(tf.square(y)).reshape([-1, 1, 1]);
        return tf.mul(s, tf.eye(2).expandDims(0)) as tf.Tensor3D;
      });
    },
    metricDerivative(z: tf.Tensor2D): tf.Tensor4D {
      return tf.tidy(() => {
        // ∂_k g_ij = δ_ij · ∂_k (y⁻²) = −2 δ_ij δ_k1 / y³
        const B = z.shape[0];
        const y = z.slice([0, 1], [-1, 1]);
        const dy = tf.mul(-2, tf.pow(y, -3)).reshape([B, 1, 1, 1]);
        const pattern = tf.tensor4d([0, 0, 0, 0, 1, 0, 0, 1], [1, 2, 2, 2]);
        return tf.mul(dy, pattern) as tf.Tensor4D;
      });
    },
  };
}

/** Closed-form half-plane distance arccosh(1 + ‖p − q‖² / (2 p₂ q₂)). */
export function halfPlaneDistance(p: readonly number[], q: readonly number[]): number {
  const d2 = (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2;
  return Math.acosh(1 + d2 / (2 * p[1] * q[1]));
}
