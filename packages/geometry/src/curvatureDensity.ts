import * as tf from '@tensorflow/tfjs-core';
import { smallDeterminant } from './linalg.js';

/**
 * The curvature functional's integrand R²·√det g per point (so that Σ R²√det g ΔA ≈ ∫ R² dvol):
 * R [B], g [B, d, d] → [B]. det g is clamped at 0 before the square root (a float32 metric can be very
 * slightly indefinite). Its mean over points is the curvature loss.
 */
export function curvatureDensity(R: tf.Tensor1D, g: tf.Tensor3D): tf.Tensor1D {
  return tf.tidy(() => tf.mul(tf.square(R), tf.sqrt(tf.relu(smallDeterminant(g)))) as tf.Tensor1D);
}
