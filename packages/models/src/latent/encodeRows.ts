import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Apply a row-wise map `fn` ([B, inputDim] → [B, outDim]) to many rows given as plain numbers, in chunks of
 * `chunk` rows: [n·inputDim] → [n·outDim]. `who` names the caller in the error for a length that is not a
 * multiple of `inputDim`.
 */
export function encodeRows(
  data: Float32Array,
  inputDim: number,
  outDim: number,
  chunk: number,
  fn: (rows: tf.Tensor2D) => tf.Tensor2D,
  who: string,
): Float32Array {
  const n = data.length / inputDim;
  if (!Number.isInteger(n)) {
    throw new CurvInputError(`${who}: ${data.length} values is not a multiple of ${inputDim}`);
  }
  const out = new Float32Array(n * outDim);
  for (let s = 0; s < n; s += chunk) {
    const e = Math.min(n, s + chunk);
    const codes = tf.tidy(() =>
      fn(tf.tensor2d(data.subarray(s * inputDim, e * inputDim), [e - s, inputDim])),
    );
    out.set(codes.dataSync() as Float32Array, s * outDim);
    codes.dispose();
  }
  return out;
}

/** φ = atan2(sin h, cos h) of a torus encoding [cos h, sin h] [B, 2d] → [B, d] (on the gradient tape). */
export function anglesOfEncoding(encoding: tf.Tensor2D): tf.Tensor2D {
  const d = encoding.shape[1] / 2;
  return tf.tidy(() =>
    tf.atan2(tf.slice(encoding, [0, d], [-1, d]), tf.slice(encoding, [0, 0], [-1, d])),
  ) as tf.Tensor2D;
}
