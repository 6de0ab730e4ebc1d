import type * as tf from '@tensorflow/tfjs-core';

/**
 * A decoder given as a plain function Ψ: R^d → R^D on a batch of latent points: [N, d] → [N, D].
 * It must be built from tfjs ops (so that results are differentiable w.r.t. the weights it closes
 * over) and must treat rows independently.
 */
export type LatentFunction = (z: tf.Tensor2D) => tf.Tensor2D;

/** Scalar curvature and metric per point, as returned by the curvature routines. */
export interface CurvatureAndMetric {
  /** Scalar curvature R per point, [B]. */
  R: tf.Tensor1D;
  /** Pull-back metric g = JᵀJ per point, [B, d, d]. */
  g: tf.Tensor3D;
}
