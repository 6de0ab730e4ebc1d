import * as tf from '@tensorflow/tfjs-core';
import { squaredDistances } from './pairwiseDistances.js';

/**
 * PHATE potential distances of a powered diffusion operator `pt` = P^t ([n, n] → [n, n]):
 * `D_ij = ‖log(P^t_i + 1e-6) − log(P^t_j + 1e-6)‖₂`. Scale-free (depend only on the diffusion).
 *
 * ```ts
 * const d = potentialDistances(matrixPower(P, 25));
 * ```
 */
export function potentialDistances(pt: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.sqrt(squaredDistances(tf.log(tf.add(pt, 1e-6)) as tf.Tensor2D)) as tf.Tensor2D);
}
