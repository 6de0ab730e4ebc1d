import * as tf from '@tensorflow/tfjs-core';

/** Σ_j a_j (ln a_j − ln b_j) per row, with zeros replaced by 1e-12. */
function klRows(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor1D {
  const a1 = tf.maximum(a, 1e-12);
  const b1 = tf.maximum(b, 1e-12);
  return tf.sum(tf.mul(a1, tf.sub(tf.log(a1), tf.log(b1))), 1) as tf.Tensor1D;
}

/**
 * Jensen–Shannon distance between corresponding rows of two distributions ([m, n] × [m, n] → [m]):
 * `sqrt(|½ KL(p‖M) + ½ KL(q‖M)|)`, M = (p + q)/2, natural log. Identical rows give 0; two
 * disjoint Diracs give sqrt(ln 2) = 0.8326.
 *
 * ```ts
 * jensenShannonDistance(tf.tensor2d([[1, 0]]), tf.tensor2d([[0, 1]])).arraySync(); // [0.8326]
 * ```
 */
export function jensenShannonDistance(p: tf.Tensor2D, q: tf.Tensor2D): tf.Tensor1D {
  return tf.tidy(() => {
    const m = tf.div(tf.add(p, q), 2) as tf.Tensor2D;
    const js = tf.mul(tf.add(klRows(p, m), klRows(q, m)), 0.5);
    return tf.sqrt(tf.abs(js)) as tf.Tensor1D;
  });
}
