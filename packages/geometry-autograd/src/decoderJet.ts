import * as tf from '@tensorflow/tfjs-core';
import type { Jet, JetOrder } from './jet.js';
import type { SequentialDecoder } from './layers.js';
import {
  activationStacked,
  blockCounts,
  denseStacked,
  type StackedJet,
  seedStackedJet,
  torusLiftStacked,
} from './stackedJet.js';
import { checkInput, outputDim } from './validate.js';

export interface DecoderJetOptions {
  /**
   * Drop the value block in the trailing linear layers (after the last non-linearity), where only
   * derivatives are needed: saves one row block in the widest matMul. The returned `value` is then null.
   */
  dropValue?: boolean;
}

/**
 * Forward jet of a sequential decoder at z [B, d]: value and all latent partials up to `order`
 * (see {@link Jet} for the block layout), each [B, D]. Every dense layer is one matMul over the
 * row-stacked blocks; activations use analytic derivatives (no nested tf.grad). Differentiable
 * w.r.t. the decoder's kernels and biases by ordinary reverse mode.
 *
 * Not wrapped in tf.tidy (the caller owns the intermediates); use inside tf.tidy.
 */
export function decoderJet(
  dec: SequentialDecoder,
  z: tf.Tensor2D,
  order: JetOrder,
  opts: DecoderJetOptions = {},
): Jet {
  const sj = stackedDecoderJet(dec, z, order, opts);
  const [n1, n2, n3] = blockCounts(sj.d, order);
  const parts = tf.unstack(sj.blocks, 0) as tf.Tensor2D[];
  const value = sj.hasValue ? parts.shift()! : null;
  return {
    order,
    d: sj.d,
    value,
    first: parts.slice(0, n1),
    second: parts.slice(n1, n1 + n2),
    third: parts.slice(n1 + n2, n1 + n2 + n3),
  };
}

/**
 * The same jet kept as one stacked tensor [nb, B, D] (see {@link StackedJet}); what the geometry
 * routines use internally. Not wrapped in tf.tidy.
 */
export function stackedDecoderJet(
  dec: SequentialDecoder,
  z: tf.Tensor2D,
  order: JetOrder,
  opts: DecoderJetOptions = {},
): StackedJet {
  outputDim(dec);
  checkInput(z, dec.latentDim, 'decoderJet z');
  const lastNonlinear = dec.layers.reduce(
    (last, l, k) => (l.kind === 'torusLift' || (l.kind === 'activation' && l.fn !== 'identity') ? k : last),
    -1,
  );
  let jet = seedStackedJet(z, order);
  dec.layers.forEach((layer, k) => {
    if (layer.kind === 'dense') jet = denseStacked(jet, layer, opts.dropValue === true && k > lastNonlinear);
    else if (layer.kind === 'torusLift') jet = torusLiftStacked(jet);
    else if (layer.fn !== 'identity') jet = activationStacked(jet, layer.fn);
  });
  if (opts.dropValue && jet.hasValue) {
    const nb = jet.blocks.shape[0];
    jet = { ...jet, hasValue: false, blocks: tf.slice(jet.blocks, [1, 0, 0], [nb - 1, -1, -1]) };
  }
  return jet;
}

/** Plain forward pass Ψ(z): [B, latentDim] → [B, D] (also used for encoders, whose latentDim is the input width). */
export function decode(dec: SequentialDecoder, z: tf.Tensor2D): tf.Tensor2D {
  outputDim(dec);
  checkInput(z, dec.latentDim, 'decode z');
  return tf.tidy(() => {
    let x: tf.Tensor2D = z;
    for (const layer of dec.layers) {
      if (layer.kind === 'dense') x = tf.add(tf.matMul(x, layer.kernel), layer.bias);
      else if (layer.kind === 'torusLift') x = tf.concat([tf.cos(x), tf.sin(x)], 1);
      else if (layer.fn !== 'identity') x = activationValue(layer.fn, x);
    }
    return x;
  });
}

function activationValue(fn: string, x: tf.Tensor2D): tf.Tensor2D {
  switch (fn) {
    case 'sin':
      return tf.sin(x);
    case 'cos':
      return tf.cos(x);
    case 'tanh':
      return tf.tanh(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'softplus':
      return tf.softplus(x);
    case 'relu':
      return tf.relu(x);
    default:
      return x;
  }
}

/** The decoder as a plain function (for the finite-difference routes). */
export function decoderFunction(dec: SequentialDecoder): (z: tf.Tensor2D) => tf.Tensor2D {
  return (z) => decode(dec, z);
}
