import { smallInverse } from '@curv/geometry-fd';
import * as tf from '@tensorflow/tfjs-core';
import { derivativeGram } from './decoderJet.js';
import { expandPairPair, gramBlock } from './gram.js';
import { multiIndices } from './multiIndex.js';
import type { JetCapable } from './validate.js';

/**
 * Scalar curvature by the Gauss equation from a second-order jet, with the metric.
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
  dec: JetCapable,
  z: tf.Tensor2D,
  opts: { general?: boolean } = {},
): { R: tf.Tensor1D; g: tf.Tensor3D } {
  const d = dec.latentDim;
  const mi = multiIndices(d);
  const p2 = mi.pairs.length;
  const gram = derivativeGram(dec, z, 2);
  if (d === 2 && !opts.general) return gauss2(gram);
  const g = gramBlock(gram, 0, d, 0, d);
  const a = gramBlock(gram, d, p2, 0, d); // ⟨H_p, J_m⟩, [B, p2, d]
  const c = gramBlock(gram, d, p2, d, p2); // ⟨H_p, H_q⟩, [B, p2, p2]
  const gInv = smallInverse(g);
  // N = ⟨h_p, h_q⟩ = C − A g⁻¹ Aᵀ
  const n = tf.sub(c, tf.matMul(tf.matMul(a, gInv), tf.transpose(a, [0, 2, 1])));
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

/**
 * d = 2 closed form on per-point scalars [B]: with a_pm = ⟨H_p, J_m⟩ and g⁻¹ = adj(g)/det g,
 * ⟨h_p, h_q⟩ = ⟨H_p, H_q⟩ − a_p g⁻¹ a_qᵀ and R = 2 (⟨h₁₁, h₂₂⟩ − |h₁₂|²) / det g.
 * Needs 11 block inner products and a few dozen [B]-sized ops.
 */
function gauss2(gram: tf.Tensor3D): { R: tf.Tensor1D; g: tf.Tensor3D } {
  // Blocks: 0 = J1, 1 = J2, 2 = H11, 3 = H12, 4 = H22. Columns of the [B, 5, 5] Gram as [B] tensors.
  // Unstacking contiguous rows of the transpose: the gradient (a Pack of 25 [B] tensors) is then a
  // plain concatenation instead of a strided interleave (about half the time on wasm).
  const cols = tf.unstack(tf.transpose(tf.reshape(gram, [-1, 25])), 0) as tf.Tensor1D[];
  const e = (s: number, t: number): tf.Tensor1D => cols[5 * s + t];
  const [g11, g12, g22] = [e(0, 0), e(0, 1), e(1, 1)];
  const det = tf.sub(tf.mul(g11, g22), tf.square(g12));
  const a = [2, 3, 4].map((p) => [e(p, 0), e(p, 1)]);
  // a_p adj(g) a_qᵀ with adj(g) = [[g22, −g12], [−g12, g11]]
  const form = (p: tf.Tensor1D[], q: tf.Tensor1D[]): tf.Tensor =>
    tf.add(
      tf.mul(p[0], tf.sub(tf.mul(g22, q[0]), tf.mul(g12, q[1]))),
      tf.mul(p[1], tf.sub(tf.mul(g11, q[1]), tf.mul(g12, q[0]))),
    );
  // det·(⟨h₁₁,h₂₂⟩ − |h₁₂|²) = det·(⟨H₁₁,H₂₂⟩ − |H₁₂|²) − (a₁₁ adj a₂₂ᵀ − a₁₂ adj a₁₂ᵀ)
  const c = tf.sub(e(2, 4), e(3, 3));
  const corr = tf.sub(form(a[0], a[2]), form(a[1], a[1]));
  const R = tf.div(tf.mul(tf.sub(tf.mul(c, det), corr), 2), tf.square(det)) as tf.Tensor1D;
  const g = tf.slice(gram, [0, 0, 0], [-1, 2, 2]);
  return { R, g };
}
