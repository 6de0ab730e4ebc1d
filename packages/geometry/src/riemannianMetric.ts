import { CurvInputError } from '@curv/core';
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

/** True when `x` has the shape of a {@link RiemannianMetric} (a positive integer `dim` and a `metricMatrix` method). */
export function isRiemannianMetric(x: unknown): x is RiemannianMetric {
  if (typeof x !== 'object' || x === null) return false;
  const m = x as RiemannianMetric;
  return Number.isInteger(m.dim) && m.dim >= 1 && typeof m.metricMatrix === 'function';
}

/** Throw a {@link CurvInputError} naming `name` unless `x` is a {@link RiemannianMetric} (of dimension `dim` when given). */
export function checkRiemannianMetric(x: unknown, name: string, dim?: number): asserts x is RiemannianMetric {
  if (!isRiemannianMetric(x)) {
    throw new CurvInputError(
      `${name}: expected a RiemannianMetric { dim, metricMatrix(z) } (e.g. from pullbackRiemannianMetric or conformalMetric)`,
      name,
    );
  }
  if (dim !== undefined && x.dim !== dim) {
    throw new CurvInputError(`${name}: expected a metric of dimension ${dim}, got ${x.dim}`, name);
  }
}
