import * as tf from '@tensorflow/tfjs-core';
import { activationDerivatives } from './activations.js';
import type { JetOrder } from './jet.js';
import type { ActivationName, DenseLayer } from './layers.js';
import { multiIndices } from './multiIndex.js';

/**
 * A jet stored as ONE tensor `blocks` [nb, B, n] whose row blocks are, in order: the value (when
 * `hasValue`), the d first partials, the d(d+1)/2 second partials (pairs i ≤ j, lexicographic) and the
 * d(d+1)(d+2)/6 third partials (triples i ≤ j ≤ k, lexicographic). A dense layer is then a single
 * matMul of the [nb·B, n] view (reshapes are free), and activations broadcast f′, f″, f‴ over blocks.
 * This avoids per-block split/concat copies, which are costly on the wasm backend.
 */
export interface StackedJet {
  order: JetOrder;
  d: number;
  hasValue: boolean;
  blocks: tf.Tensor3D;
}

/** Number of derivative blocks of each order for latent dimension d. */
export function blockCounts(d: number, order: JetOrder): [number, number, number] {
  const mi = multiIndices(d);
  return [order >= 1 ? d : 0, order >= 2 ? mi.pairs.length : 0, order >= 3 ? mi.triples.length : 0];
}

/** The identity jet at z [B, d]: value z, ∂_i z = e_i, higher derivatives 0. */
export function seedStackedJet(z: tf.Tensor2D, order: JetOrder): StackedJet {
  const [b, d] = z.shape;
  const [n1, n2, n3] = blockCounts(d, order);
  const parts: tf.Tensor[] = [tf.reshape(z, [1, b, d])];
  if (n1) parts.push(tf.tile(tf.reshape(tf.eye(d), [d, 1, d]), [1, b, 1]));
  if (n2 + n3) parts.push(tf.zeros([n2 + n3, b, d]));
  return {
    order,
    d,
    hasValue: true,
    blocks: (parts.length === 1 ? parts[0] : tf.concat(parts, 0)) as tf.Tensor3D,
  };
}

/** Dense layer: one matMul over all row blocks; the bias goes to the value block only. */
export function denseStacked(jet: StackedJet, layer: DenseLayer, dropValue = false): StackedJet {
  let x = jet.blocks;
  let hasValue = jet.hasValue;
  if (hasValue && dropValue) {
    x = tf.slice(x, [1, 0, 0], [x.shape[0] - 1, -1, -1]);
    hasValue = false;
  }
  const [nb, b, n] = x.shape;
  const m = layer.kernel.shape[1];
  let y = tf.reshape(tf.matMul(tf.reshape(x, [nb * b, n]), layer.kernel), [nb, b, m]);
  if (hasValue) {
    const bias =
      nb === 1
        ? tf.reshape(layer.bias, [1, 1, m])
        : tf.concat([tf.reshape(layer.bias, [1, 1, m]), tf.zeros([nb - 1, 1, m])], 0);
    y = tf.add(y, bias);
  }
  return { order: jet.order, d: jet.d, hasValue, blocks: y as tf.Tensor3D };
}

/**
 * Elementwise activation (Faà di Bruno to order 3), broadcasting f′(u), f″(u), f‴(u) [1, B, n] over blocks:
 *   y_i = f′u_i,  y_ij = f′u_ij + f″u_i u_j,
 *   y_ijk = f′u_ijk + f″(u_ij u_k + u_ik u_j + u_jk u_i) + f‴u_i u_j u_k.
 */
export function activationStacked(jet: StackedJet, fn: ActivationName): StackedJet {
  if (!jet.hasValue) throw new Error(`activation ${fn}: the jet has no value block`);
  const { order, d } = jet;
  const x = jet.blocks;
  const [, b, n] = x.shape;
  const [n1, n2, n3] = blockCounts(d, order);
  const u = tf.slice(x, [0, 0, 0], [1, b, n]);
  const f = activationDerivatives(fn, u, order);
  const out: tf.Tensor[] = [f[0]];
  if (order === 0) return { order, d, hasValue: true, blocks: f[0] as tf.Tensor3D };
  const f1 = f[1];
  const f2 = f[2] ?? null;
  const f3 = f[3] ?? null;
  const scale = (c: tf.Tensor | number | null, t: tf.Tensor): tf.Tensor | null =>
    c === null ? null : c === 1 ? t : tf.mul(c, t);
  if (order === 1 || (f2 === null && f3 === null)) {
    const derivs = tf.slice(x, [1, 0, 0], [n1 + n2 + n3, b, n]);
    out.push(scale(f1, derivs)!);
    return { order, d, hasValue: true, blocks: tf.concat(out, 0) as tf.Tensor3D };
  }
  const u1 = tf.slice(x, [1, 0, 0], [n1, b, n]);
  const u1s = d === 1 ? [u1] : tf.split(u1, d, 0);
  // Pairs (i, j ≥ i) in lexicographic order: u_i · u_{i..d−1}.
  const prodParts = u1s.map((ui, i) => tf.mul(ui, i === 0 ? u1 : tf.slice(u1, [i, 0, 0], [d - i, b, n])));
  const pairProd = prodParts.length === 1 ? prodParts[0] : tf.concat(prodParts, 0); // [n2, B, n]
  const high: tf.Tensor[] = [scale(f2, pairProd)!];
  if (order >= 3) {
    const mi = multiIndices(d);
    const u2 = tf.slice(x, [1 + n1, 0, 0], [n2, b, n]);
    const u2s = n2 === 1 ? [u2] : tf.split(u2, n2, 0);
    const pairs = n2 === 1 ? [pairProd] : tf.split(pairProd, n2, 0);
    const cross: tf.Tensor[] = [];
    const triple: tf.Tensor[] = [];
    for (const [i, j, k] of mi.triples) {
      cross.push(
        tf.addN([
          tf.mul(u2s[mi.pair(i, j)], u1s[k]),
          tf.mul(u2s[mi.pair(i, k)], u1s[j]),
          tf.mul(u2s[mi.pair(j, k)], u1s[i]),
        ]),
      );
      triple.push(tf.mul(pairs[mi.pair(i, j)], u1s[k]));
    }
    const t3 = scale(f2, tf.concat(cross, 0))!;
    high.push(f3 === null ? t3 : tf.add(t3, scale(f3, tf.concat(triple, 0))!));
  }
  const higher = tf.slice(x, [1 + n1, 0, 0], [n2 + n3, b, n]);
  out.push(scale(f1, u1)!, tf.add(scale(f1, higher)!, high.length === 1 ? high[0] : tf.concat(high, 0)));
  return { order, d, hasValue: true, blocks: tf.concat(out, 0) as tf.Tensor3D };
}

/** Torus lift u ↦ [cos u, sin u] (cosines first): the cos and sin jets concatenated along columns. */
export function torusLiftStacked(jet: StackedJet): StackedJet {
  const c = activationStacked(jet, 'cos');
  const s = activationStacked(jet, 'sin');
  return { ...c, blocks: tf.concat([c.blocks, s.blocks], 2) as tf.Tensor3D };
}
