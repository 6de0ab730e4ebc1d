import { type CurvatureTensors, curvatureFromMetricDerivatives } from '@curv/geometry';
import * as tf from '@tensorflow/tfjs-core';
import { derivativeGram } from './decoderJet.js';
import { expandPairPair, expandSymmetric, gramBlock } from './gram.js';
import { multiIndices } from './multiIndex.js';
import type { JetCapable } from './validate.js';

export type { CurvatureTensors } from '@curv/geometry';

/**
 * g, ∂g and ∂²g of the pull-back metric from a jet of order 1–3 (the per-point Gram matrix of the jet blocks):
 *   ∂_k g_ij = ⟨H_ik, J_j⟩ + ⟨J_i, H_jk⟩,
 *   ∂_m∂_k g_ij = ⟨T_ikm, J_j⟩ + ⟨H_ik, H_jm⟩ + ⟨H_im, H_jk⟩ + ⟨J_i, T_jkm⟩.
 * Layouts: dg [B, i, j, k], ddg [B, i, j, k, m] (derivative indices last). Not wrapped in tf.tidy.
 */
export function pullbackMetricJet(
  dec: JetCapable,
  z: tf.Tensor2D,
  order: 1 | 2 | 3,
): { g: tf.Tensor3D; dg?: tf.Tensor4D; ddg?: tf.Tensor5D } {
  const d = dec.latentDim;
  const gram = derivativeGram(dec, z, order);
  const g = gramBlock(gram, 0, d, 0, d);
  if (order === 1) return { g };
  const mi = multiIndices(d);
  const p2 = mi.pairs.length;
  const ghj = gramBlock(gram, d, p2, 0, d); // ⟨H_p, J_c⟩
  const f = expandSymmetric(ghj, d, 2); // F[a,b,c] = ⟨H_ab, J_c⟩
  const dg = tf.add(tf.transpose(f, [0, 1, 3, 2]), tf.transpose(f, [0, 3, 1, 2])) as tf.Tensor4D;
  if (order === 2) return { g, dg };
  const p3 = mi.triples.length;
  const gtj = gramBlock(gram, d + p2, p3, 0, d); // ⟨T_t, J_e⟩
  const ghh = gramBlock(gram, d, p2, d, p2); // ⟨H_p, H_q⟩
  const q = expandSymmetric(gtj, d, 3); // Q[a,b,c,e] = ⟨T_abc, J_e⟩
  // W[a,b,c,e] = ⟨H_ab, H_ce⟩ (expanding both axes of the symmetric Gram block).
  const w = expandPairPair(ghh, d);
  // ddg[i,j,k,m] = Q[i,k,m,j] + W[i,k,j,m] + W[i,m,j,k] + Q[j,k,m,i]
  const ddg = tf.addN([
    tf.transpose(q, [0, 1, 4, 2, 3]),
    tf.transpose(w, [0, 1, 3, 2, 4]),
    tf.transpose(w, [0, 1, 3, 4, 2]),
    tf.transpose(q, [0, 4, 1, 2, 3]),
  ]) as tf.Tensor5D;
  return { g, dg, ddg };
}

/**
 * The intrinsic pipeline from a third-order jet: g, ∂g, ∂²g exactly from the jet ({@link pullbackMetricJet}),
 * then g⁻¹ → Γ → ∂Γ → Riemann → Ricci → R by `curvatureFromMetricDerivatives` of @curv/geometry.
 * eps enters Γ, ∂Γ and the final trace. Not wrapped in tf.tidy; use inside one.
 */
export function intrinsicCurvatureTensors(dec: JetCapable, z: tf.Tensor2D, eps = 0): CurvatureTensors {
  const { g, dg, ddg } = pullbackMetricJet(dec, z, 3);
  return curvatureFromMetricDerivatives(g, dg as tf.Tensor4D, ddg as tf.Tensor5D, eps);
}
