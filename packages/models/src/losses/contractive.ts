import { CurvInputError } from '@curv/core';
import { jacobianFrobeniusNorm, type SequentialDecoder } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import type { Autoencoder } from '../latent/autoencoder.js';

/**
 * Per-sample encoder Jacobian norms ‖∂h/∂x‖_F (plain Frobenius norm, **not squared**) of the raw
 * angle encoder h = encoder_torus, [B, x_dim] → [B]. Differentiable w.r.t. the encoder weights.
 */
export function encoderJacobianNorms(model: Autoencoder, x: tf.Tensor2D): tf.Tensor1D {
  return jacobianFrobeniusNorm(encoderNetOf(model, 'the contractive loss'), x) as tf.Tensor1D;
}

/** The model's encoder as a sequential jet network, or a CurvInputError saying that `use` needs one. */
export function encoderNetOf(model: Pick<Autoencoder, 'encoderNet'>, use: string): SequentialDecoder {
  if (!model.encoderNet) {
    throw new CurvInputError(
      `${use} needs per-sample encoder Jacobians, which this model's encoder (batch statistics) does not have; use architecture.type TorusAE`,
      'architecture.type',
    );
  }
  return model.encoderNet();
}

/**
 * Contractive loss: L_contr = max over the batch of ReLU(‖∂h/∂x‖_F − δ). Penalises
 * only the worst sample whose encoder Jacobian exceeds δ (`delta_encoder`).
 */
export function contractiveLoss(model: Autoencoder, x: tf.Tensor2D, delta: number): tf.Scalar {
  return tf.tidy(() => tf.max(tf.relu(tf.sub(encoderJacobianNorms(model, x), delta))) as tf.Scalar);
}
