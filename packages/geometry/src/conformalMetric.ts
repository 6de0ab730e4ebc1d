import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import type { RiemannianMetric } from './riemannianMetric.js';
import { checkLatentBatch } from './validate.js';

export interface ConformalMetricOptions {
  /** Dimension d (default 2). */
  dim?: number;
  /**
   * ∇λ: z [B, d] → [B, d], the gradient of the factor. When given the metric has an exact
   * `metricDerivative` (∂_k g_ij = ∂_kλ δ_ij); otherwise consumers use finite differences.
   */
  gradient?: (z: tf.Tensor2D) => tf.Tensor2D;
}

/**
 * A conformal metric g(z) = λ(z)·I from a positive factor λ: z [B, d] → [B] built from tfjs ops.
 *
 * ```ts
 * const halfPlane = conformalMetric((z) => tf.pow(tf.unstack(z, 1)[1], -2)); // I / y², R = −2
 * ```
 */
export function conformalMetric(
  factor: (z: tf.Tensor2D) => tf.Tensor1D,
  options: ConformalMetricOptions = {},
): RiemannianMetric {
  const d = options.dim ?? 2;
  if (!Number.isInteger(d) || d < 1) {
    throw new CurvInputError(`conformalMetric dim: expected a positive integer, got ${d}`, 'dim');
  }
  if (typeof factor !== 'function') {
    throw new CurvInputError('conformalMetric factor: expected a function z [B, d] → λ [B]', 'factor');
  }
  const gradient = options.gradient;
  const metric: RiemannianMetric = {
    dim: d,
    metricMatrix(z) {
      checkLatentBatch(z, 'conformalMetric z', d);
      return tf.tidy(() => tf.mul(tf.reshape(factor(z), [-1, 1, 1]), tf.eye(d)) as tf.Tensor3D);
    },
  };
  if (gradient) {
    return {
      ...metric,
      metricDerivative(z) {
        checkLatentBatch(z, 'conformalMetric z', d);
        return tf.tidy(
          () =>
            tf.mul(
              tf.reshape(gradient(z), [-1, d, 1, 1]),
              tf.reshape(tf.eye(d), [1, 1, d, d]),
            ) as tf.Tensor4D,
        );
      },
    };
  }
  return metric;
}

/** The Poincaré half-plane {y > 0} with g = (dx² + dy²)/y²: constant scalar curvature R = −2. */
export function halfPlaneMetric(): RiemannianMetric {
  return conformalMetric((z) => tf.tidy(() => tf.pow(tf.unstack(z, 1)[1], -2) as tf.Tensor1D), {
    gradient: (z) =>
      tf.tidy(() => {
        const y = tf.unstack(z, 1)[1];
        return tf.stack([tf.zerosLike(y), tf.mul(tf.pow(y, -3), -2)], 1) as tf.Tensor2D;
      }),
  });
}

/**
 * The round sphere of radius r in the stereographic chart of R²: g = 4r² / (1 + |z|²)² · I, constant
 * scalar curvature R = 2/r² (R = 2 for the unit sphere).
 */
export function stereographicSphereMetric(radius = 1): RiemannianMetric {
  if (!(Number.isFinite(radius) && radius > 0)) {
    throw new CurvInputError(
      `stereographicSphereMetric radius: expected a positive number, got ${radius}`,
      'radius',
    );
  }
  const c = 4 * radius * radius;
  const q = (z: tf.Tensor2D) => tf.add(1, tf.sum(tf.square(z), 1));
  return conformalMetric((z) => tf.tidy(() => tf.div(c, tf.square(q(z))) as tf.Tensor1D), {
    gradient: (z) =>
      tf.tidy(() => tf.mul(z, tf.reshape(tf.div(-4 * c, tf.pow(q(z), 3)), [-1, 1])) as tf.Tensor2D),
  });
}
