import type { Random } from '@curv/core';
import type { ActivationName, DenseLayer, JetLayer, SequentialDecoder } from '@curv/geometry-autograd';
import { decode } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';

/** A dense layer whose kernel [in, out] and bias [out] are trainable variables. */
export interface DenseVariables extends DenseLayer {
  /** Name prefix of the two tensors (`<name>.kernel`, `<name>.bias`) in saved weights. */
  name: string;
  kernel: tf.Variable<tf.Rank.R2>;
  bias: tf.Variable<tf.Rank.R1>;
}

/**
 * A dense layer initialised as PyTorch's `nn.Linear` does: kernel and bias uniform on (−1/√in, 1/√in),
 * drawn from the seeded generator (kernel row-major [in, out], then bias).
 */
export function denseVariables(inDim: number, outDim: number, rng: Random, name: string): DenseVariables {
  const bound = 1 / Math.sqrt(inDim);
  // tf.variable keeps its initial tensor alive as a separate tensor: create both inside tidy.
  const kernel = tf.tidy(() =>
    tf.variable(tf.tensor2d(rng.uniformArray(inDim * outDim, -bound, bound), [inDim, outDim]), true),
  );
  const bias = tf.tidy(() => tf.variable(tf.tensor1d(rng.uniformArray(outDim, -bound, bound)), true));
  return { kind: 'dense', name, kernel, bias };
}

/**
 * A jet-capable multilayer perceptron: dense layers with `activation` between them and `output` after
 * the last one. `widths` = [in, hidden…, out].
 */
export function mlpLayers(
  dense: DenseVariables[],
  activation: ActivationName,
  output: ActivationName,
): JetLayer[] {
  const layers: JetLayer[] = [];
  dense.forEach((d, i) => {
    layers.push(d);
    const fn = i < dense.length - 1 ? activation : output;
    if (fn !== 'identity') layers.push({ kind: 'activation', fn });
  });
  return layers;
}

/** The forward pass of a jet-capable network (`[B, in] → [B, out]`), as a tfjs function. */
export function mlpForward(net: SequentialDecoder, x: tf.Tensor2D): tf.Tensor2D {
  return decode(net, x);
}
