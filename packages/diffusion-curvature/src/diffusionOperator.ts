import * as tf from '@tensorflow/tfjs-core';

/**
 * The row-stochastic diffusion operator `P = diag(1/rowsum(W + εI)) (W + εI)` of an affinity
 * matrix (ε = 1e-8 keeps isolated points as Dirac self-loops). Every row of P sums to 1.
 */
export function diffusionOperator(w: tf.Tensor2D, selfLoop = 1e-8): tf.Tensor2D {
  return tf.tidy(() => {
    const n = w.shape[0];
    const a = selfLoop ? tf.add(w, tf.mul(tf.eye(n), selfLoop)) : w;
    return tf.div(a, tf.sum(a, 1, true)) as tf.Tensor2D;
  });
}

/** `W[W < threshold] = 0`: drops the negligible affinities (default threshold 1e-5). */
export function thresholdSmallValues(w: tf.Tensor2D, threshold = 1e-5): tf.Tensor2D {
  return tf.tidy(() =>
    threshold > 0 ? tf.mul(w, tf.cast(tf.greaterEqual(w, threshold), 'float32')) : w.clone(),
  );
}
