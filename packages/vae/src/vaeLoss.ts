import * as tf from '@tensorflow/tfjs-core';
import type { GaussianVae } from './gaussianVae.js';

/** The terms of the VAE objective on a batch (scalars; the caller disposes them). */
export interface VaeLossTerms {
  /** nll + r·kl, the minimised objective. */
  loss: tf.Scalar;
  /** ½ mean_batch Σ_D [log σ²(z) + (x − μ(z))² / σ²(z)] (Gaussian negative log-likelihood without ½ D log 2π). */
  nll: tf.Scalar;
  /** ½ mean_batch Σ_d [μ_z² + σ_z² − log σ_z² − 1] = KL(q(z|x) ‖ N(0, I)). */
  kl: tf.Scalar;
}

/**
 * The Gaussian VAE objective with KL weight r (warm-up): one reparameterised sample z = μ_z + σ_z ⊙ ε per
 * data row, with ε [B, d] standard normal supplied by the caller (seeded).
 *
 * ```ts
 * const { loss } = vaeLoss(vae, x, eps, 0.5);
 * ```
 */
export function vaeLoss(vae: GaussianVae, x: tf.Tensor2D, eps: tf.Tensor2D, r: number): VaeLossTerms {
  return tf.tidy(() => {
    const q = vae.encode(x);
    const z = tf.add(q.mean, tf.mul(tf.exp(tf.mul(q.logVar, 0.5)), eps)) as tf.Tensor2D;
    const p = vae.decode(z);
    const sq = tf.square(tf.sub(x, p.mean));
    const nll = tf.mul(tf.mean(tf.sum(tf.add(p.logVar, tf.mul(sq, tf.exp(tf.neg(p.logVar)))), 1)), 0.5);
    const klRows = tf.sum(tf.sub(tf.add(tf.square(q.mean), tf.exp(q.logVar)), tf.add(q.logVar, 1)), 1);
    const kl = tf.mul(tf.mean(klRows), 0.5);
    return { loss: tf.add(nll, tf.mul(kl, r)) as tf.Scalar, nll: nll as tf.Scalar, kl: kl as tf.Scalar };
  }) as unknown as VaeLossTerms;
}
