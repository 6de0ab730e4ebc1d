import * as tf from '@tensorflow/tfjs-core';

/**
 * Squared Euclidean distances between the rows of `x` ([n, D] → [n, n]), by the Gram identity on the
 * centred cloud (centring removes most of the float32 cancellation), clamped at 0, exact 0 diagonal.
 */
export function squaredDistances(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => {
    const c = tf.sub(x, tf.mean(x, 0, true));
    const sq = tf.sum(tf.square(c), 1);
    const gram = tf.matMul(c, c, false, true);
    const d2 = tf.relu(tf.sub(tf.add(tf.reshape(sq, [-1, 1]), tf.reshape(sq, [1, -1])), tf.mul(2, gram)));
    const n = x.shape[0];
    return tf.mul(d2, tf.sub(1, tf.eye(n))) as tf.Tensor2D;
  });
}

/** Euclidean distances between the rows of `x` ([n, D] → [n, n]). */
export function pairwiseDistances(x: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.sqrt(squaredDistances(x)));
}

/**
 * Distance from every point to its k-th nearest other point (k = 1: the nearest neighbour), from a
 * squared-distance matrix. Returns plain numbers (length n).
 */
export function kthNeighbourDistances(d2: tf.Tensor2D, k = 1): Float64Array {
  const n = d2.shape[0];
  if (!Number.isInteger(k) || k < 1 || k > n - 1) {
    throw new Error(`kthNeighbourDistances: k must be an integer in [1, ${n - 1}], got ${k}`);
  }
  const values = tf.tidy(() => {
    const neg = tf.neg(tf.add(d2, tf.mul(tf.eye(n), 1e30)));
    const { values: top } = tf.topk(neg, k);
    return tf.sqrt(tf.neg(tf.slice(top, [0, k - 1], [n, 1])));
  });
  const out = Float64Array.from(values.dataSync());
  values.dispose();
  return out;
}
