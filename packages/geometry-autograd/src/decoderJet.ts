import * as tf from '@tensorflow/tfjs-core';
import { fastCos, fastSin } from './fastTrig.js';
import { blockGram, stackGram } from './gram.js';
import { activationJet, denseJet, type Jet, type JetOrder, seedJet, torusLiftJet } from './jet.js';
import { isJetDecoder, jetDecoderJet } from './jetOps.js';
import type { SequentialDecoder } from './layers.js';
import { checkInput, type JetCapable, outputDim } from './validate.js';

export interface DecoderJetOptions {
  /**
   * Drop the value block in the trailing linear layers (after the last non-linearity), where only
   * derivatives are needed: saves one row block in the widest matMul. The returned `value` is then null.
   */
  dropValue?: boolean;
}

/**
 * Forward jet of a sequential decoder at z [B, d]: value and all latent partials up to `order`
 * (see {@link Jet} for the block layout), each [B, D]. Every dense layer multiplies all row blocks by
 * the kernel; activations use analytic derivatives (no nested tf.grad). Differentiable
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
  outputDim(dec);
  checkInput(z, dec.latentDim, 'decoderJet z');
  const lastNonlinear = dec.layers.reduce(
    (last, l, k) => (l.kind === 'torusLift' || (l.kind === 'activation' && l.fn !== 'identity') ? k : last),
    -1,
  );
  let jet = seedJet(z, order);
  dec.layers.forEach((layer, k) => {
    if (layer.kind === 'dense') jet = denseJet(jet, layer, opts.dropValue === true && k > lastNonlinear);
    else if (layer.kind === 'torusLift') jet = torusLiftJet(jet);
    else if (layer.fn !== 'identity') jet = activationJet(jet, layer.fn);
  });
  if (opts.dropValue) jet = { ...jet, value: null };
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
      else if (layer.kind === 'torusLift') x = tf.concat([fastCos(x), fastSin(x)], 1) as tf.Tensor2D;
      else if (layer.fn !== 'identity') x = activationValue(layer.fn, x);
    }
    return x;
  });
}

function activationValue(fn: string, x: tf.Tensor2D): tf.Tensor2D {
  switch (fn) {
    case 'sin':
      return fastSin(x) as tf.Tensor2D;
    case 'cos':
      return fastCos(x) as tf.Tensor2D;
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
export function decoderFunction(dec: JetCapable): (z: tf.Tensor2D) => tf.Tensor2D {
  if (isJetDecoder(dec)) return (z) => tf.tidy(() => jetDecoderJet(dec, z, 0).value!);
  return (z) => decode(dec, z);
}

/**
 * Per-point Gram matrix [B, m, m] of all derivative blocks of the decoder output (first, then second,
 * then third partials; m = d + d(d+1)/2 [+ d(d+1)(d+2)/6]): G[b, s, t] = ⟨∂_sΨ(z_b), ∂_tΨ(z_b)⟩.
 *
 * When the network ends with a dense layer, that (widest) layer is applied to all derivative blocks in
 * ONE matMul (one kernel transpose in the backward pass instead of one per block) and the Gram matrix is
 * one batched matMul of the [B, m, D] stack, without splitting the result back into blocks.
 * Not wrapped in tf.tidy; use inside one.
 */
export function derivativeGram(dec: JetCapable, z: tf.Tensor2D, order: 1 | 2 | 3): tf.Tensor3D {
  if (isJetDecoder(dec)) {
    const jet = jetDecoderJet(dec, z, order);
    return blockGram([...jet.first, ...jet.second, ...jet.third]);
  }
  const last = dec.layers[dec.layers.length - 1];
  if (last?.kind !== 'dense') {
    const jet = decoderJet(dec, z, order, { dropValue: true });
    return blockGram([...jet.first, ...jet.second, ...jet.third]);
  }
  outputDim(dec);
  const body: SequentialDecoder = { latentDim: dec.latentDim, layers: dec.layers.slice(0, -1) };
  const jet = decoderJet(body, z, order, { dropValue: true });
  const blocks = [...jet.first, ...jet.second, ...jet.third];
  const m = blocks.length;
  const b = z.shape[0];
  const out = last.kernel.shape[1];
  const y = tf.reshape(tf.matMul(tf.concat(blocks, 0), last.kernel), [m, b, out]);
  const t = tf.transpose(y, [1, 0, 2]); // [B, m, D]: a permutation of whole rows (cheap)
  return stackGram(t as tf.Tensor3D);
}
