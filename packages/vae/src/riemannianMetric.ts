// TODO(geometry-merge): import from @curv/geometry
import type * as tf from '@tensorflow/tfjs-core';

/** A Riemannian metric on (a chart of) R^d, evaluated at batches of points. Returned tensors are owned by the caller. */
export interface RiemannianMetric {
  /** Dimension d of the space. */
  readonly dim: number;
  /** g at a batch of points: z [B, d] → [B, d, d] (symmetric positive definite). Differentiable w.r.t. z and any weights. */
  metricMatrix(z: tf.Tensor2D): tf.Tensor3D;
  /** Optional ∂g: z [B, d] → [B, d, d, d] with entry [b, k, i, j] = ∂g_ij/∂z_k. Absent → consumers use finite differences. */
  metricDerivative?(z: tf.Tensor2D): tf.Tensor4D;
}
