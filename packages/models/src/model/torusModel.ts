import type * as tf from '@tensorflow/tfjs-core';
import type { Autoencoder } from '../latent/autoencoder.js';

/**
 * An autoencoder with the torus as latent space (the fully connected `TorusAE` and the convolutional
 * `TorusConvAE` both are one): encodings [cos h, sin h] (cosines first), angles φ = atan2(sin h, cos h),
 * and the 2π-periodic decoder Ψ(φ), on top of what every {@link Autoencoder} offers.
 */
export interface TorusModel extends Autoencoder {
  readonly latentType: 'torus';
  /** [cos h, sin h]: [B, x_dim] → [B, 2d]. */
  encode(x: tf.Tensor2D): tf.Tensor2D;
  /** φ ∈ (−π, π]: [B, x_dim] → [B, d]. */
  encoderToAngles(x: tf.Tensor2D): tf.Tensor2D;
  /** Ψ(φ): [B, d] → [B, x_dim]. */
  decodeAngles(phi: tf.Tensor2D): tf.Tensor2D;
  /** Encode many rows (plain arrays) to angles: [n·x_dim] → [n·d]. */
  anglesOf(data: Float32Array, chunk?: number): Float32Array;
}
