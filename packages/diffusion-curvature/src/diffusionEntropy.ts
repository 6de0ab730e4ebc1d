import * as tf from '@tensorflow/tfjs-core';

/**
 * Shannon entropy (natural log) of every row of a diffusion `pt` ([m, n] → [m]): entries ≤ `epsilon`
 * (default 1e-5) are dropped, the rest renormalised, `H = −Σ p ln p`. A row uniform over m entries
 * gives ln m; a Dirac gives 0. Higher entropy = more spread = more negative curvature.
 *
 * ```ts
 * diffusionEntropy(tf.tensor2d([[0.25, 0.25, 0.25, 0.25], [1, 0, 0, 0]])).arraySync(); // [1.386, 0]
 * ```
 */
export function diffusionEntropy(pt: tf.Tensor2D, epsilon = 1e-5): tf.Tensor1D {
  return tf.tidy(() => {
    const kept = tf.mul(pt, tf.cast(tf.greater(pt, epsilon), 'float32'));
    const p = tf.div(kept, tf.add(tf.sum(kept, 1, true), 1e-12));
    return tf.neg(tf.sum(tf.mul(p, tf.log(tf.maximum(p, 1e-30))), 1)) as tf.Tensor1D;
  });
}
