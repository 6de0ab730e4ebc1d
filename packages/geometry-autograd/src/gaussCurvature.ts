import { smallDeterminant, smallInverse } from '@curv/geometry-fd';
import * as tf from '@tensorflow/tfjs-core';
import { stackedDecoderJet } from './decoderJet.js';
import { blockGram, expandPairPair, gramBlock } from './gram.js';
import type { SequentialDecoder } from './layers.js';
import { multiIndices } from './multiIndex.js';

/**
 * Scalar curvature by the Gauss equation from a second-order jet (SPEC §4), with the metric.
 *
 * With J_i = ∂_iΨ, H_ij = ∂_i∂_jΨ and the normal projector Π = I − J g⁻¹ Jᵀ, h_ij = Π H_ij:
 *   R = g^{ik} g^{jl} (⟨h_ik, h_jl⟩ − ⟨h_il, h_jk⟩) = |tr_g h|² − |h|²_g,
 *   d = 2: R = 2 (⟨h_11, h_22⟩ − |h_12|²) / det g.
 * Π is never formed: ⟨h_p, h_q⟩ = ⟨H_p, H_q⟩ − ⟨H_p, J⟩ g⁻¹ ⟨J, H_q⟩ uses only the per-point Gram
 * matrix of the d + d(d+1)/2 jet blocks (one batched matMul). Equals the intrinsic route at eps = 0.
 *
 * Not wrapped in tf.tidy; use inside one.
 */
export function gaussCurvatureAndMetric(
  dec: SequentialDecoder,
  z: tf.Tensor2D,
  opts: { general?: boolean } = {},
): { R: tf.Tensor1D; g: tf.Tensor3D } {
  const d = dec.latentDim;
  const mi = multiIndices(d);
  const p2 = mi.pairs.length;
  const gram = blockGram(stackedDecoderJet(dec, z, 2, { dropValue: true }).blocks);
  const g = gramBlock(gram, 0, d, 0, d);
  const a = gramBlock(gram, d, p2, 0, d); // ⟨H_p, J_m⟩, [B, p2, d]
  const c = gramBlock(gram, d, p2, d, p2); // ⟨H_p, H_q⟩, [B, p2, p2]
  const gInv = smallInverse(g);
  // N = ⟨h_p, h_q⟩ = C − A g⁻¹ Aᵀ
  const n = tf.sub(c, tf.matMul(tf.matMul(a, gInv), tf.transpose(a, [0, 2, 1])));
  if (d === 2 && !opts.general) {
    const [h11h22, h12h12] = [tf.slice(n, [0, 0, 2], [-1, 1, 1]), tf.slice(n, [0, 1, 1], [-1, 1, 1])].map(
      (x) => tf.reshape(x, [-1]),
    );
    const R = tf.div(tf.mul(tf.sub(h11h22, h12h12), 2), smallDeterminant(g)) as tf.Tensor1D;
    return { R, g };
  }
  const b = z.shape[0];
  // E[(i,k),(j,l)] = ⟨h_ik, h_jl⟩, [B, d², d²]
  const e = tf.reshape(expandPairPair(n as tf.Tensor3D, d), [b, d * d, d * d]);
  const v = tf.reshape(gInv, [b, 1, d * d]);
  const trace = tf.reshape(tf.matMul(tf.matMul(v, e), tf.transpose(v, [0, 2, 1])), [b]);
  const outer = tf.mul(tf.reshape(gInv, [b, d, d, 1, 1]), tf.reshape(gInv, [b, 1, 1, d, d])); // [i,k,j,l]
  const m = tf.reshape(tf.transpose(outer, [0, 1, 4, 3, 2]), [b, d * d, d * d]); // [(i,l),(j,k)]
  const norm = tf.sum(tf.mul(e, m), [1, 2]);
  return { R: tf.sub(trace, norm) as tf.Tensor1D, g };
}
