import * as tf from '@tensorflow/tfjs-core';

/**
 * Density (α) normalisation of a symmetric affinity matrix: `q_i = (Σ_j W_ij)^α`,
 * `W_ij ← W_ij / (q_i q_j)`. α = 0 returns a copy; α = 1 removes the sampling density
 * (diffusion maps' Laplace–Beltrami normalisation).
 */
export function anisotropicNormalization(w: tf.Tensor2D, alpha: number): tf.Tensor2D {
  if (!Number.isFinite(alpha) || alpha < 0) {
    throw new Error(`anisotropicNormalization: alpha must be a finite number ≥ 0, got ${alpha}`);
  }
  return tf.tidy(() => {
    if (alpha === 0) return w.clone();
    const q = tf.pow(tf.sum(w, 1), alpha);
    return tf.div(w, tf.mul(tf.reshape(q, [-1, 1]), tf.reshape(q, [1, -1]))) as tf.Tensor2D;
  });
}
