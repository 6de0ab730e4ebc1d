import * as tf from '@tensorflow/tfjs-core';
import type { DecoderFn, Reduction } from './types.js';
import { checkCurves, checkReduction } from './validate.js';

/** Decoded increments ‖Ψ(γ_{s+1}) − Ψ(γ_s)‖² as a `[b, S−1]` tensor. */
export function decodedSquaredSteps(decoder: DecoderFn, curves: tf.Tensor3D): tf.Tensor2D {
  return tf.tidy(() => {
    const [b, S, d] = curves.shape;
    const x = decoder(curves.reshape([b * S, d]) as tf.Tensor2D);
    const D = x.shape[1];
    const y = x.reshape([b, S, D]);
    const delta = tf.sub(y.slice([0, 1, 0], [b, S - 1, D]), y.slice([0, 0, 0], [b, S - 1, D]));
    return tf.sum(tf.square(delta), 2) as tf.Tensor2D;
  });
}

/** Apply a reduction to per-curve values `[b]`. */
export function reduce(perCurve: tf.Tensor1D, reduction: Reduction): tf.Tensor {
  if (reduction === 'none') return perCurve;
  return reduction === 'sum' ? tf.sum(perCurve) : tf.mean(perCurve);
}

/** √(x + 1e-20): the tiny offset keeps the gradient finite (0, not NaN) for zero-length steps. */
export function safeSqrt(x: tf.Tensor): tf.Tensor {
  return tf.sqrt(tf.add(x, 1e-20));
}

/**
 * Discrete energy of latent curves under a decoder Ψ:
 * E = (S − 1) · Σ_{s=0}^{S−2} ‖Ψ(γ_{s+1}) − Ψ(γ_s)‖² per curve; the (S−1) factor (dt = 1/(S−1)) applies
 * in every reduction.
 *
 * Shapes: curves `[b, S, d]` (curve, time, coordinate) → `[b]` (`'none'`) or a scalar (`'sum'`, `'mean'`).
 * An unknown reduction throws. Differentiable w.r.t. the curves.
 *
 * ```ts
 * curveEnergy(psi, straightSegment(p, q, 11), 'none'); // [b]
 * ```
 */
export function curveEnergy(
  decoder: DecoderFn,
  curves: tf.Tensor3D,
  reduction: Reduction = 'none',
): tf.Tensor {
  checkReduction(reduction, 'curveEnergy');
  checkCurves(curves, 'curveEnergy');
  return tf.tidy(() => {
    const S = curves.shape[1];
    const e = tf.mul(tf.sum(decodedSquaredSteps(decoder, curves), 1), S - 1) as tf.Tensor1D;
    return reduce(e, reduction);
  });
}

/**
 * Discrete length of latent curves under a decoder Ψ: L = Σ_s ‖Ψ(γ_{s+1}) − Ψ(γ_s)‖.
 *
 * Shapes: curves `[b, S, d]` → `[b]` (`'none'`) or a scalar (`'sum'`, `'mean'`). An unknown reduction throws.
 */
export function curveLength(
  decoder: DecoderFn,
  curves: tf.Tensor3D,
  reduction: Reduction = 'none',
): tf.Tensor {
  checkReduction(reduction, 'curveLength');
  checkCurves(curves, 'curveLength');
  return tf.tidy(() =>
    reduce(tf.sum(safeSqrt(decodedSquaredSteps(decoder, curves)), 1) as tf.Tensor1D, reduction),
  );
}
