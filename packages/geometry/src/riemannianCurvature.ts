import * as tf from '@tensorflow/tfjs-core';
import { type CurvatureTensors, curvatureFromMetricDerivatives } from './curvatureTensors.js';
import { centralShifts, finiteDifferenceMetricDerivative } from './metricDerivative.js';
import type { RiemannianMetric } from './riemannianMetric.js';
import { checkEps, checkLatentBatch, checkStep } from './validate.js';

export interface RiemannianCurvatureOptions {
  /**
   * Step of the central differences that give ∂²g from ∂g (and ∂g from g when the metric has no
   * `metricDerivative`). Default 1e-2: in float32 the rounding error of a second difference is ≈ 6e-8·|g|/h².
   */
  h?: number;
  /** Metric regulariser: (g + eps·I)⁻¹ in Γ, ∂Γ and the final trace (default 0). */
  eps?: number;
}

/**
 * Curvature tensors (g, g⁻¹, ∂g, Γ, ∂Γ, Riemann, Ricci, R) of any {@link RiemannianMetric} at z [B, d]:
 * ∂g from the metric's own `metricDerivative` (or central differences of g), ∂²g by central differences of
 * ∂g, then {@link curvatureFromMetricDerivatives}. With an exact ∂g the error is O(h²) from the second
 * derivatives only. Differentiable w.r.t. any weights the metric closes over.
 *
 * ```ts
 * const { R } = riemannianCurvature(halfPlaneMetric(), tf.tensor2d([[0, 1]])); // R ≈ −2
 * ```
 */
export function riemannianCurvature(
  metric: RiemannianMetric,
  z: tf.Tensor2D,
  opts: RiemannianCurvatureOptions = {},
): CurvatureTensors {
  const h = opts.h ?? 1e-2;
  const eps = opts.eps ?? 0;
  checkLatentBatch(z, 'riemannianCurvature z', metric.dim);
  checkStep(h, 'riemannianCurvature h');
  checkEps(eps, 'riemannianCurvature eps');
  return tf.tidy((): tf.TensorContainer => {
    const [b, d] = z.shape;
    const derivative = (pts: tf.Tensor2D): tf.Tensor4D =>
      metric.metricDerivative
        ? metric.metricDerivative(pts)
        : finiteDifferenceMetricDerivative(metric, pts, { h });
    // One call on the 2d + 1 shifted batches: ∂g at z (first block) and at z ± h e_m.
    const all = tf.reshape(derivative(tf.concat([z, centralShifts(z, h)], 0)), [2 * d + 1, b, d, d, d]); // [·, b, k, i, j]
    const parts = tf.unstack(all, 0);
    const dg = tf.transpose(parts[0], [0, 2, 3, 1]) as tf.Tensor4D; // [b, i, j, k]
    const ddgs: tf.Tensor[] = [];
    for (let m = 0; m < d; m++) ddgs.push(tf.mul(tf.sub(parts[1 + 2 * m], parts[2 + 2 * m]), 1 / (2 * h)));
    // [m, b, k, i, j] → [b, i, j, k, m]
    const ddg = tf.transpose(tf.stack(ddgs, 0), [1, 3, 4, 2, 0]) as tf.Tensor5D;
    return { ...curvatureFromMetricDerivatives(metric.metricMatrix(z), dg, ddg, eps) };
  }) as unknown as CurvatureTensors;
}

/** Scalar curvature R of any {@link RiemannianMetric} at z [B, d] → [B]. See {@link riemannianCurvature}. */
export function scalarCurvatureOf(
  metric: RiemannianMetric,
  z: tf.Tensor2D,
  opts: RiemannianCurvatureOptions = {},
): tf.Tensor1D {
  return tf.tidy(() => riemannianCurvature(metric, z, opts).R);
}
