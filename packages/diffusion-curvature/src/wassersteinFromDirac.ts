import * as tf from '@tensorflow/tfjs-core';

/**
 * Exact 1-Wasserstein distance from the Dirac at each point x to its diffusion `P^t_x`, for any
 * distance matrix d: `W1(δ_x, P^t_x) = Σ_y d(x, y) P^t_xy` (all mass must travel to x, so the
 * optimal plan is unique). `d` and `pt` are [m, n] (rows = the points x; d may be the full [n, n] when
 * m = n).
 *
 * ```ts
 * const d = tf.tensor2d([[0, 1, 2]]);
 * wassersteinFromDirac(d, tf.tensor2d([[0.5, 0.25, 0.25]])).arraySync(); // [0.75]
 * ```
 */
export function wassersteinFromDirac(d: tf.Tensor2D, pt: tf.Tensor2D): tf.Tensor1D {
  if (d.shape[0] !== pt.shape[0] || d.shape[1] !== pt.shape[1]) {
    throw new Error(
      `wassersteinFromDirac: distance [${d.shape}] and diffusion [${pt.shape}] must have the same shape`,
    );
  }
  return tf.tidy(() => tf.sum(tf.mul(d, pt), 1) as tf.Tensor1D);
}
