import * as tf from '@tensorflow/tfjs-core';

const TWO_PI = 2 * Math.PI;

/** Options of {@link edgeLengths}. */
export interface EdgeLengthOptions {
  /** Flat-torus lengths: coordinate differences wrapped into [−π, π] (the wrap is read from `values`). */
  periodic?: boolean;
  /** The values of x (row-major), if already read; otherwise read with `dataSync` when periodic. */
  values?: ArrayLike<number>;
  /** ε in √(‖x_u − x_v‖² + ε), which keeps the gradient finite at coincident points (default 1e-12). */
  eps?: number;
}

/**
 * Lengths ‖x_u − x_v‖ of edges (u_k, v_k) = (edges[2k], edges[2k+1]) of a point cloud x [N, D], as a
 * differentiable [K] tensor whose gradient reaches only the endpoints: the differences are one product
 * S·x with a constant ±1 selection matrix S [K, N] (tfjs-wasm has no gradient kernel for gather).
 *
 * ```ts
 * edgeLengths(tf.tensor2d([[0, 0], [3, 4]]), Int32Array.of(0, 1)); // [5]
 * ```
 */
export function edgeLengths(x: tf.Tensor2D, edges: Int32Array, options: EdgeLengthOptions = {}): tf.Tensor1D {
  const [n, d] = x.shape;
  const k = edges.length / 2;
  if (!Number.isInteger(k)) throw new Error(`edgeLengths: edges has odd length ${edges.length}`);
  for (const v of edges) {
    if (!(v >= 0 && v < n)) throw new Error(`edgeLengths: vertex ${v} out of range for ${n} points`);
  }
  return tf.tidy(() => {
    if (k === 0) return tf.zeros([0]) as tf.Tensor1D;
    const s = new Float32Array(k * n);
    for (let i = 0; i < k; i++) {
      s[i * n + edges[2 * i]] += 1;
      s[i * n + edges[2 * i + 1]] -= 1;
    }
    let diff = tf.matMul(tf.tensor2d(s, [k, n]), x);
    if (options.periodic) {
      const values = options.values ?? x.dataSync();
      const shift = new Float32Array(k * d);
      for (let i = 0; i < k; i++) {
        const u = edges[2 * i] * d;
        const v = edges[2 * i + 1] * d;
        for (let c = 0; c < d; c++)
          shift[i * d + c] = TWO_PI * Math.round((values[u + c] - values[v + c]) / TWO_PI);
      }
      diff = tf.sub(diff, tf.tensor2d(shift, [k, d]));
    }
    return tf.sqrt(tf.add(tf.sum(tf.square(diff), 1), options.eps ?? 1e-12)) as tf.Tensor1D;
  });
}
