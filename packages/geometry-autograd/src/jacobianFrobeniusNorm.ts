import * as tf from '@tensorflow/tfjs-core';
import { activationDerivatives } from './activations.js';
import { decoderJet } from './decoderJet.js';
import { fastCos, fastSin } from './fastTrig.js';
import type { SequentialDecoder } from './layers.js';
import { checkInput, outputDim } from './validate.js';

/**
 * Per-sample Frobenius norm ‖∂net/∂x‖_F (not squared) of a sequential network at x [B, n] → [B].
 *
 * Picks the cheaper mode: when the output is narrower than the input (an encoder 784 → 2) the m×n
 * Jacobian rows are accumulated from the output side — the m·B rows e_o are propagated backwards
 * through the layers with plain matMuls by the explicitly transposed kernels and multiplied by f′(u)
 * at activations (reverse accumulation written out, so the result is itself differentiable w.r.t. the
 * weights, as the contractive loss needs). Otherwise a first-order forward jet is used (‖J‖²_F = tr g).
 * Note: the gradient of √· is infinite where the Jacobian vanishes exactly.
 */
export function jacobianFrobeniusNorm(net: SequentialDecoder, x: tf.Tensor2D): tf.Tensor1D {
  const m = outputDim(net);
  checkInput(x, net.latentDim, 'jacobianFrobeniusNorm x');
  return tf.tidy(() => {
    if (net.latentDim <= m) {
      const jet = decoderJet(net, x, 1, { dropValue: true });
      return tf.sqrt(tf.addN(jet.first.map((j) => tf.sum(tf.square(j), 1)))) as tf.Tensor1D;
    }
    const b = x.shape[0];
    // Forward pass, remembering what the backward sweep needs.
    const saved: (tf.Tensor2D | null)[] = [];
    let h: tf.Tensor2D = x;
    for (const layer of net.layers) {
      if (layer.kind === 'dense') {
        saved.push(null);
        h = tf.add(tf.matMul(h, layer.kernel), layer.bias);
      } else if (layer.kind === 'torusLift') {
        saved.push(h);
        h = tf.concat([fastCos(h), fastSin(h)], 1) as tf.Tensor2D;
      } else {
        saved.push(h);
        h = activationDerivatives(layer.fn, h, 0)[0] as tf.Tensor2D;
      }
    }
    // Backward sweep of the m Jacobian rows: v [m, B, width], starting from e_o.
    let v: tf.Tensor3D = tf.tile(tf.reshape(tf.eye(m), [m, 1, m]), [1, b, 1]);
    for (let k = net.layers.length - 1; k >= 0; k--) {
      const layer = net.layers[k];
      const width = v.shape[2];
      if (layer.kind === 'dense') {
        const kt = tf.transpose(layer.kernel);
        v = tf.reshape(tf.matMul(tf.reshape(v, [m * b, width]), kt), [m, b, kt.shape[1]]);
      } else if (layer.kind === 'torusLift') {
        const u = saved[k]!;
        const n = width / 2;
        const [vc, vs] = tf.split(v, [n, n], 2);
        v = tf.sub(tf.mul(vs, fastCos(u)), tf.mul(vc, fastSin(u)));
      } else if (layer.fn !== 'identity') {
        const d1 = activationDerivatives(layer.fn, saved[k]!, 1)[1] as tf.Tensor;
        v = tf.mul(v, d1);
      }
    }
    return tf.sqrt(tf.sum(tf.square(v), [0, 2])) as tf.Tensor1D;
  });
}
