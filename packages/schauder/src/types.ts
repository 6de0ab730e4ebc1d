import type * as tf from '@tensorflow/tfjs-core';

/**
 * A decoder Ψ: R^d → R^D applied row-wise: `[B, d]` latent points → `[B, D]` decoded points.
 * Any tfjs function works (a TorusAE decoder, an analytic embedding such as the sphere); it must be
 * differentiable with tfjs' reverse mode when used by the geodesic solver.
 */
export type DecoderFn = (z: tf.Tensor2D) => tf.Tensor2D;

/**
 * A Riemannian metric field on the latent space: `[B, d]` points → `[B, d, d]` symmetric positive
 * matrices g(z) (e.g. the pull-back metric JᵀJ of a decoder, or an analytic metric).
 */
export type MetricFn = (z: tf.Tensor2D) => tf.Tensor3D;

/** How per-curve energies / lengths are combined: one value per curve, their sum, or their mean. */
export type Reduction = 'none' | 'sum' | 'mean';

/** Points given either as a `[b, d]` tensor or as plain rows. */
export type PointsLike = tf.Tensor2D | ArrayLike<ArrayLike<number>>;
