import { Random } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * A randomly initialised TorusAE decoder Ψ(φ) = fc6(sin(fc5(sin(fc4([cos φ, sin φ]))))) with the
 * original sizes 4 → 256 → 512 → 784 (SPEC §2.1) and PyTorch's default init U(±1/√fan_in). Kernels are
 * stored [in, out]. For benchmarks only (no trained weights ship with the original).
 */
export function sinMlpDecoder(seed: number, sizes: number[] = [4, 256, 512, 784]) {
  const rng = new Random(seed);
  const layers = sizes.slice(1).map((out, l) => {
    const fanIn = sizes[l];
    const bound = 1 / Math.sqrt(fanIn);
    return {
      kernel: tf.tensor2d(rng.uniformArray(fanIn * out, -bound, bound), [fanIn, out]),
      bias: tf.tensor1d(rng.uniformArray(out, -bound, bound)),
    };
  });
  const decoder = (z: tf.Tensor2D): tf.Tensor2D =>
    tf.tidy(() => {
      let h: tf.Tensor2D = tf.concat([tf.cos(z), tf.sin(z)], 1);
      layers.forEach((layer, l) => {
        h = tf.add(tf.matMul(h, layer.kernel), layer.bias);
        if (l < layers.length - 1) h = tf.sin(h);
      });
      return h;
    });
  const dispose = () => {
    for (const l of layers) {
      l.kernel.dispose();
      l.bias.dispose();
    }
  };
  return { decoder, dispose };
}
