import * as tf from '@tensorflow/tfjs-core';
import { expansionMatrix, multiIndices } from './multiIndex.js';

/** Per-point inner product ⟨a_b, c_b⟩ of two blocks [B, D] → [B] (elementwise product, last-axis sum). */
export function blockDot(a: tf.Tensor2D, c: tf.Tensor2D): tf.Tensor1D {
  return tf.sum(tf.mul(a, c), 1);
}

/**
 * Per-point Gram matrix of jet blocks: G[b, s, t] = ⟨v_s(b), v_t(b)⟩ for blocks v_s [B, D], [B, m, m].
 * Built from the m(m+1)/2 block inner products, so no D×D matrix (and no normal projector) is ever formed.
 */
export function blockGram(blocks: tf.Tensor2D[]): tf.Tensor3D {
  const m = blocks.length;
  const e: tf.Tensor1D[][] = blocks.map(() => []);
  for (let s = 0; s < m; s++)
    for (let t = s; t < m; t++) {
      e[s][t] = blockDot(blocks[s], blocks[t]);
      e[t][s] = e[s][t];
    }
  return tf.stack(
    e.map((row) => tf.stack(row, 1)),
    1,
  ) as tf.Tensor3D;
}

/** Slice [B, rows, cols] out of a Gram matrix. */
export function gramBlock(g: tf.Tensor3D, r0: number, nr: number, c0: number, nc: number): tf.Tensor3D {
  return tf.slice(g, [0, r0, c0], [g.shape[0], nr, nc]);
}

/**
 * Expand the symmetric multi-index axis (size = #pairs or #triples) at position 1 of x [B, count, …rest]
 * into `rank` full index axes of size d: [B, d, …(rank times), …rest]. Done as a matMul with a constant
 * one-hot matrix (tfjs' gather has no gradient kernel on wasm).
 */
export function expandSymmetric(x: tf.Tensor, d: number, rank: 2 | 3): tf.Tensor {
  const [b, count, ...rest] = x.shape;
  const restSize = rest.reduce((p, q) => p * q, 1);
  const e = tf.tensor2d(expansionMatrix(d, rank), [d ** rank, count]);
  // [B, count, R] → [B, R, count] → [(B·R), count] · Eᵀ → [B, R, d^rank] → [B, d^rank, R]
  const moved = tf.reshape(tf.transpose(tf.reshape(x, [b, count, restSize]), [0, 2, 1]), [
    b * restSize,
    count,
  ]);
  const full = tf.reshape(tf.matMul(moved, tf.transpose(e)), [b, restSize, d ** rank]);
  const back = tf.transpose(full, [0, 2, 1]);
  return tf.reshape(back, [b, ...Array(rank).fill(d), ...rest]);
}

export { multiIndices };

/**
 * Expand a symmetric [B, p2, p2] pair-by-pair matrix N (N[p, q] = N[q, p]) to the full
 * [B, d, d, d, d] tensor X[i, j, k, l] = N[pair(i,j), pair(k,l)].
 */
export function expandPairPair(n: tf.Tensor3D, d: number): tf.Tensor5D {
  const [b, p2] = n.shape;
  // [B, p, q] → [B, d, d, q] → [B, q, (i,j)] → [B, d, d, (i,j)] = X[k, l, i, j] = X[i, j, k, l] by symmetry.
  const first = tf.reshape(expandSymmetric(n, d, 2), [b, d * d, p2]);
  return tf.reshape(expandSymmetric(tf.transpose(first, [0, 2, 1]), d, 2), [b, d, d, d, d]) as tf.Tensor5D;
}

/**
 * Per-point Gram matrix of stacked blocks t [B, m, D] → G = t·tᵀ [B, m, m], as a custom-gradient op.
 * Forward: one batched matMul. Backward: dt = (dG + dGᵀ)·t written as m broadcast multiply-adds
 * (dt[:, s] = Σ_u W[:, s, u]·t[:, u]), because tfjs-wasm runs the B tiny matMuls of the stock gradient
 * (one of them with a 5-wide output) several times slower than their size suggests.
 */
export const stackGram = tf.customGrad(((t: tf.Tensor, save: tf.GradSaveFunc) => {
  save([t]);
  const t3 = t as tf.Tensor3D;
  return {
    value: tf.matMul(t3, tf.transpose(t3, [0, 2, 1])),
    gradFunc: (dg: tf.Tensor, saved: tf.Tensor[]) => {
      const s = saved[0] as tf.Tensor3D;
      const m = s.shape[1];
      const w = tf.add(dg, tf.transpose(dg, [0, 2, 1])); // [B, m, m]
      const rows = tf.unstack(s, 1); // m × [B, D]
      const cols = tf.unstack(w, 2); // m × [B, m]: W[:, :, u]
      const terms = rows.map((r, u) => tf.mul(tf.expandDims(cols[u], 2), tf.expandDims(r, 1))); // [B, m, D]
      return m === 1 ? terms[0] : tf.addN(terms);
    },
  };
}) as unknown as Parameters<typeof tf.customGrad>[0]) as (t: tf.Tensor3D) => tf.Tensor3D;
