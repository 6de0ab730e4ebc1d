import { christoffelSymbols, curvatureFromChristoffel, firstKindSum, smallInverse } from '@curv/geometry-fd';
import * as tf from '@tensorflow/tfjs-core';
import { derivativeGram } from './decoderJet.js';
import { expandPairPair, expandSymmetric, gramBlock } from './gram.js';
import { multiIndices } from './multiIndex.js';
import type { JetCapable } from './validate.js';

/** The full set of intrinsic curvature tensors per point (SPEC §4 array index orders). */
export interface CurvatureTensors {
  /** g_ij, [B, d, d]. */
  g: tf.Tensor3D;
  /** (g + eps·I)⁻¹, [B, d, d]. */
  gInv: tf.Tensor3D;
  /** ∂_k g_ij as [B, i, j, k]. */
  dg: tf.Tensor4D;
  /** Γ^i_{kl} as [B, i, k, l]. */
  christoffel: tf.Tensor4D;
  /** ∂_m Γ^i_{kl} as [B, i, k, l, m]. */
  dChristoffel: tf.Tensor5D;
  /** R^i_{jkl} as [B, i, j, k, l]. */
  riemann: tf.Tensor5D;
  /** Ric_{jl} = Σ_i R^i_{jil}, [B, d, d]. */
  ricci: tf.Tensor3D;
  /** R = g^{jl} Ric_{jl} with g^{-1} = (g + eps I)⁻¹, [B]. */
  R: tf.Tensor1D;
}

/**
 * The original's intrinsic pipeline from a third-order jet (SPEC §4): g → ∂g → (g + eps I)⁻¹ → Γ → ∂Γ →
 * Riemann → Ricci → R. Metric derivatives come from the per-point Gram matrix of the jet blocks:
 *   ∂_k g_ij = ⟨H_ik, J_j⟩ + ⟨J_i, H_jk⟩,
 *   ∂_m∂_k g_ij = ⟨T_ikm, J_j⟩ + ⟨H_ik, H_jm⟩ + ⟨H_im, H_jk⟩ + ⟨J_i, T_jkm⟩,
 * and ∂_m Γ = ½ ∂_m(g⁻¹) S + ½ g⁻¹ ∂_m S with ∂_m(g⁻¹) = −g⁻¹ (∂_m g) g⁻¹ (exact derivative of the
 * regularised inverse, as the original differentiates through it). eps enters Γ, ∂Γ and the final trace.
 *
 * Not wrapped in tf.tidy; use inside one.
 */
export function intrinsicCurvatureTensors(dec: JetCapable, z: tf.Tensor2D, eps = 0): CurvatureTensors {
  const d = dec.latentDim;
  const b = z.shape[0];
  const mi = multiIndices(d);
  const p2 = mi.pairs.length;
  const p3 = mi.triples.length;
  const gram = derivativeGram(dec, z, 3);
  const g = gramBlock(gram, 0, d, 0, d);
  const ghj = gramBlock(gram, d, p2, 0, d); // ⟨H_p, J_c⟩
  const gtj = gramBlock(gram, d + p2, p3, 0, d); // ⟨T_t, J_e⟩
  const ghh = gramBlock(gram, d, p2, d, p2); // ⟨H_p, H_q⟩
  const f = expandSymmetric(ghj, d, 2); // F[a,b,c] = ⟨H_ab, J_c⟩
  const dg = tf.add(tf.transpose(f, [0, 1, 3, 2]), tf.transpose(f, [0, 3, 1, 2])) as tf.Tensor4D;
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
  const gInv = smallInverse(g, eps);
  const christoffel = christoffelSymbols(gInv, dg);
  const s = firstKindSum(dg); // [B, m, k, l]
  const ds = firstKindSum(ddg); // [B, m, k, l, n]
  // D[i,n,m] = ∂_n (g⁻¹)_{im} = −Σ g⁻¹_{ia} ∂_n g_{ab} g⁻¹_{bm}
  const x = tf.reshape(tf.matMul(gInv, tf.reshape(dg, [b, d, d * d])), [b, d, d, d]); // [i, b, n]
  const dInv = tf.neg(tf.matMul(tf.reshape(tf.transpose(x, [0, 1, 3, 2]), [b, d * d, d]), gInv)); // [(i,n), m]
  const term1 = tf.transpose(
    tf.reshape(tf.matMul(dInv, tf.reshape(s, [b, d, d * d])), [b, d, d, d, d]),
    [0, 1, 3, 4, 2],
  );
  const term2 = tf.reshape(tf.matMul(gInv, tf.reshape(ds, [b, d, d * d * d])), [b, d, d, d, d]);
  const dChristoffel = tf.mul(tf.add(term1, term2), 0.5) as tf.Tensor5D;
  const { riemann, ricci, R } = curvatureFromChristoffel(gInv, christoffel, dChristoffel);
  return { g, gInv, dg, christoffel, dChristoffel, riemann, ricci, R };
}
