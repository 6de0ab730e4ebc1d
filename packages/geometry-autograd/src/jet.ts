import * as tf from '@tensorflow/tfjs-core';
import { activationDerivatives } from './activations.js';
import type { ActivationName, DenseLayer } from './layers.js';
import { multiIndices } from './multiIndex.js';

export type JetOrder = 0 | 1 | 2 | 3;

/**
 * A forward jet of a batch of B points: the value of a map and all its partial derivatives with respect
 * to the d latent coordinates up to `order`, each a [B, n] tensor ("row block").
 *
 * - `value`: f (null when it was dropped because no further non-linearity needs it),
 * - `first[i]` = ∂_i f, i = 0..d−1,
 * - `second[p]` = ∂_i∂_j f for the p-th pair (i ≤ j) of {@link multiIndices},
 * - `third[t]` = ∂_i∂_j∂_k f for the t-th triple (i ≤ j ≤ k).
 */
export interface Jet {
  order: JetOrder;
  d: number;
  value: tf.Tensor2D | null;
  first: tf.Tensor2D[];
  second: tf.Tensor2D[];
  third: tf.Tensor2D[];
}

/** The identity jet at z [B, d]: value z, ∂_i z = e_i, higher derivatives 0. */
export function seedJet(z: tf.Tensor2D, order: JetOrder): Jet {
  const [b, d] = z.shape;
  const mi = multiIndices(d);
  const first: tf.Tensor2D[] = [];
  if (order >= 1) {
    for (let i = 0; i < d; i++) {
      const e = new Float32Array(d);
      e[i] = 1;
      first.push(tf.tile(tf.tensor2d(e, [1, d]), [b, 1]));
    }
  }
  const second = order >= 2 ? mi.pairs.map(() => tf.zeros([b, d]) as tf.Tensor2D) : [];
  const third = order >= 3 ? mi.triples.map(() => tf.zeros([b, d]) as tf.Tensor2D) : [];
  return { order, d, value: z, first, second, third };
}

/** All blocks of a jet in storage order: value (if kept), first, second, third. */
export function jetBlocks(jet: Jet): tf.Tensor2D[] {
  return [...(jet.value ? [jet.value] : []), ...jet.first, ...jet.second, ...jet.third];
}

/**
 * Dense layer on a jet: every block is multiplied by the kernel (the bias is added to the value only).
 * One matMul per block: on the wasm backend B-row matMuls run as fast as one stacked matMul, and
 * splitting a stacked result back into blocks is slow there (slices run in JS).
 * `dropValue` omits the value block (used for the linear tail of a network when only derivatives matter).
 */
export function denseJet(jet: Jet, layer: DenseLayer, dropValue = false): Jet {
  const mm = (x: tf.Tensor2D): tf.Tensor2D => tf.matMul(x, layer.kernel);
  const value = jet.value !== null && !dropValue ? (tf.add(mm(jet.value), layer.bias) as tf.Tensor2D) : null;
  return {
    order: jet.order,
    d: jet.d,
    value,
    first: jet.first.map(mm),
    second: jet.second.map(mm),
    third: jet.third.map(mm),
  };
}

/**
 * Elementwise activation f on a jet (Faà di Bruno to order 3; for sin):
 *   y_i = f′u_i,  y_ij = f′u_ij + f″u_i u_j,
 *   y_ijk = f′u_ijk + f″(u_ij u_k + u_ik u_j + u_jk u_i) + f‴u_i u_j u_k.
 */
export function activationJet(jet: Jet, fn: ActivationName): Jet {
  if (!jet.value) throw new Error(`activationJet(${fn}): the jet has no value block`);
  return chainJet(jet, activationDerivatives(fn, jet.value, jet.order));
}

/**
 * Chain rule for an elementwise function f applied to a jet, given f(u), f′(u), f″(u), f‴(u) at the
 * jet's value u (tensors like u, plain numbers, or null for identically zero; entries beyond the jet's
 * order may be omitted).
 */
export function chainJet(jet: Jet, derivs: readonly (tf.Tensor | number | null | undefined)[]): Jet {
  if (!jet.value) throw new Error('chainJet: the jet has no value block');
  const { order, d } = jet;
  const [f0, f1, f2, f3] = derivs;
  const mi = multiIndices(d);
  const mul = (a: tf.Tensor | number | null | undefined, b: tf.Tensor): tf.Tensor | null =>
    a === null || a === undefined ? null : a === 1 ? b : tf.mul(a, b);
  const sum = (...xs: (tf.Tensor | null)[]): tf.Tensor2D => {
    const nz = xs.filter((x): x is tf.Tensor => x !== null);
    if (nz.length === 0) return tf.zerosLike(jet.value!) as tf.Tensor2D;
    return (nz.length === 1 ? nz[0] : tf.addN(nz)) as tf.Tensor2D;
  };
  const u1 = jet.first;
  const u2 = jet.second;
  const first = u1.map((x) => sum(mul(f1, x)));
  const second = mi.pairs
    .slice(0, u2.length)
    .map(([i, j], p) => sum(mul(f1, u2[p]), mul(f2, tf.mul(u1[i], u1[j]))));
  const third = mi.triples.slice(0, jet.third.length).map(([i, j, k], t) => {
    const cross = tf.addN([
      tf.mul(u2[mi.pair(i, j)], u1[k]),
      tf.mul(u2[mi.pair(i, k)], u1[j]),
      tf.mul(u2[mi.pair(j, k)], u1[i]),
    ]);
    return sum(mul(f1, jet.third[t]), mul(f2, cross), mul(f3, tf.mul(tf.mul(u1[i], u1[j]), u1[k])));
  });
  return { order, d, value: f0 as tf.Tensor2D, first, second, third };
}

/** Combine two jets of the same order and latent dimension block by block: f(a_block, b_block). */
export function zipJets(a: Jet, b: Jet, f: (x: tf.Tensor2D, y: tf.Tensor2D) => tf.Tensor2D): Jet {
  return {
    order: a.order,
    d: a.d,
    value: f(a.value!, b.value!),
    first: a.first.map((x, i) => f(x, b.first[i])),
    second: a.second.map((x, i) => f(x, b.second[i])),
    third: a.third.map((x, i) => f(x, b.third[i])),
  };
}

/** Torus lift u ↦ [cos u, sin u] (cosines first) on a jet: cos and sin jets concatenated column-wise. */
export function torusLiftJet(jet: Jet): Jet {
  return zipJets(activationJet(jet, 'cos'), activationJet(jet, 'sin'), (c, s) => tf.concat([c, s], 1));
}
