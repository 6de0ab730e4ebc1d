import { centralShifts, checkLatentBatch, checkStep } from '@curv/geometry';
import * as tf from '@tensorflow/tfjs-core';
import type { LatentFunction } from './types.js';

export interface CentralDifferenceOptions {
  /** Step (default 5e-3: balances the O(h²) truncation against float32 rounding ~6e-8/h). */
  h?: number;
}

/**
 * Jacobian columns ∂_iΨ ≈ (Ψ(z + h e_i) − Ψ(z − h e_i)) / 2h of any latent function, by one decoder
 * call on the 2·d·B shifted points. Any d. Returns d tensors [B, D] (column i = ∂_iΨ).
 */
export function centralDifferenceJacobian(
  decoder: LatentFunction,
  z: tf.Tensor2D,
  opts: CentralDifferenceOptions = {},
): tf.Tensor2D[] {
  const h = opts.h ?? 5e-3;
  checkLatentBatch(z, 'centralDifferenceJacobian z');
  checkStep(h, 'centralDifferenceJacobian h');
  return tf.tidy(() => {
    const [b, d] = z.shape;
    const out = decoder(centralShifts(z, h));
    const parts = tf.split(out, 2 * d, 0);
    const cols: tf.Tensor2D[] = [];
    for (let i = 0; i < d; i++) cols.push(tf.mul(tf.sub(parts[2 * i], parts[2 * i + 1]), 1 / (2 * h)));
    if (cols[0].shape[0] !== b) throw new Error('centralDifferenceJacobian: decoder changed the batch size');
    return cols;
  });
}

/**
 * Pull-back metric g_ij = ⟨∂_iΨ, ∂_jΨ⟩ of any latent function by central differences, [B, d, d].
 * Truncation error O(h²); in float32 the rounding error is ≈ 6e-8·|Ψ|/h.
 */
export function centralDifferenceMetric(
  decoder: LatentFunction,
  z: tf.Tensor2D,
  opts: CentralDifferenceOptions = {},
): tf.Tensor3D {
  return tf.tidy(() => {
    const cols = centralDifferenceJacobian(decoder, z, opts);
    const jac = tf.stack(cols, 1); // [B, d, D]
    return tf.matMul(jac, tf.transpose(jac, [0, 2, 1])) as tf.Tensor3D;
  });
}
