import * as tf from '@tensorflow/tfjs-core';

/**
 * Euclidean distance matrix of the rows of x [N, D] computed with the tensor backend in float32 by
 * the Gram identity ‖x_i − x_j‖² = ‖x_i‖² + ‖x_j‖² − 2 x_i·x_j (one matrix product: much faster than
 * plain JavaScript for high-dimensional rows such as images). Returned as a symmetric N×N Float64Array
 * with a zero diagonal, negative round-off clamped to 0.
 *
 * ```ts
 * tensorDistances(tf.tensor2d([[0, 0], [3, 4]])); // Float64Array [0, 5, 5, 0]
 * ```
 */
export function tensorDistances(x: tf.Tensor2D): Float64Array {
  const n = x.shape[0];
  const sq = tf.tidy(() => {
    const norms = tf.sum(tf.square(x), 1);
    const gram = tf.matMul(x, tf.transpose(x));
    return tf.sub(tf.add(tf.expandDims(norms, 1), tf.expandDims(norms, 0)), tf.mul(gram, 2));
  });
  const v = sq.dataSync();
  sq.dispose();
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const d = Math.sqrt(Math.max(0, v[i * n + j]));
      out[i * n + j] = d;
      out[j * n + i] = d;
    }
  }
  return out;
}
