import * as tf from '@tensorflow/tfjs-core';
import type { DecoderFn, MetricFn } from '../src/index.js';

/** Dense layer of the SPEC §8.4 golden network: W[a][b] = 0.5 sin(1.3a + 0.7b² + 0.37ab + L), bias 0.1 cos(0.9a + L). */
function goldenLayer(L: number, nIn: number, nOut: number): { kernel: tf.Tensor2D; bias: tf.Tensor1D } {
  const k = new Float32Array(nIn * nOut); // [in, out]
  for (let a = 0; a < nOut; a++) {
    for (let b = 0; b < nIn; b++) k[b * nOut + a] = 0.5 * Math.sin(1.3 * a + 0.7 * b * b + 0.37 * a * b + L);
  }
  const bias = new Float32Array(nOut);
  for (let a = 0; a < nOut; a++) bias[a] = 0.1 * Math.cos(0.9 * a + L);
  return { kernel: tf.tensor2d(k, [nIn, nOut]), bias: tf.tensor1d(bias) };
}

/** The 5-7-6-2 TorusAE decoder of SPEC §8.4: φ ↦ fc6(sin(fc5(sin(fc4([cos φ, sin φ]))))). Call `dispose` after use. */
export function goldenDecoder(): { decoder: DecoderFn; dispose: () => void } {
  const fc4 = goldenLayer(4, 4, 6);
  const fc5 = goldenLayer(5, 6, 7);
  const fc6 = goldenLayer(6, 7, 5);
  const dense = (x: tf.Tensor2D, l: { kernel: tf.Tensor2D; bias: tf.Tensor1D }) =>
    tf.add(tf.matMul(x, l.kernel), l.bias) as tf.Tensor2D;
  const decoder: DecoderFn = (z) =>
    tf.tidy(() => {
      const w = tf.concat([tf.cos(z), tf.sin(z)], 1) as tf.Tensor2D;
      return dense(tf.sin(dense(tf.sin(dense(w, fc4)), fc5)) as tf.Tensor2D, fc6);
    });
  return {
    decoder,
    dispose: () => {
      for (const l of [fc4, fc5, fc6]) {
        l.kernel.dispose();
        l.bias.dispose();
      }
    },
  };
}

/** Sphere embedding (latitude θ = z₀, longitude φ = z₁), shared with the other packages' tests. */
export { flatTorus, sphere } from '@curv/test-fixtures';

/** Analytic sphere metric diag(1, cos²θ). */
export const sphereMetric: MetricFn = (z) =>
  tf.tidy(() => {
    const [th] = tf.split(z, 2, 1);
    const c2 = tf.square(tf.cos(th));
    const P = z.shape[0];
    return tf
      .concat([tf.ones([P, 1]), tf.zeros([P, 1]), tf.zeros([P, 1]), c2], 1)
      .reshape([P, 2, 2]) as tf.Tensor3D;
  });
