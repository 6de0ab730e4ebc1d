import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { fastCos, fastSin } from './fastTrig.js';
import { chainJet, type Jet, type JetOrder, seedJet, zipJets as zip } from './jet.js';
import { multiIndices } from './multiIndex.js';

/**
 * Jet arithmetic for writing analytic maps (test surfaces, closed-form decoders) as a
 * {@link JetDecoder}: every function takes and returns jets of the same order and latent dimension
 * (see {@link Jet}); all blocks are [B, n] tensors. Not wrapped in tf.tidy.
 */

function mapBlocks(a: Jet, f: (x: tf.Tensor2D) => tf.Tensor2D, value?: (x: tf.Tensor2D) => tf.Tensor2D): Jet {
  return {
    order: a.order,
    d: a.d,
    value: (value ?? f)(a.value!),
    first: a.first.map(f),
    second: a.second.map(f),
    third: a.third.map(f),
  };
}

/** a + b. */
export const jetAdd = (a: Jet, b: Jet): Jet => zip(a, b, (x, y) => tf.add(x, y));
/** a − b. */
export const jetSub = (a: Jet, b: Jet): Jet => zip(a, b, (x, y) => tf.sub(x, y));
/** c·a for a number c. */
export const jetScale = (a: Jet, c: number): Jet => mapBlocks(a, (x) => tf.mul(x, c));
/** a + c for a number c (only the value changes). */
export const jetShift = (a: Jet, c: number): Jet =>
  mapBlocks(
    a,
    (x) => x,
    (x) => tf.add(x, c),
  );

/** Product a·b (Leibniz rule to order 3). */
export function jetMul(a: Jet, b: Jet): Jet {
  const mi = multiIndices(a.d);
  const m = (x: tf.Tensor2D, y: tf.Tensor2D): tf.Tensor2D => tf.mul(x, y);
  const [av, bv] = [a.value!, b.value!];
  const [a1, b1, a2, b2] = [a.first, b.first, a.second, b.second];
  return {
    order: a.order,
    d: a.d,
    value: m(av, bv),
    first: a1.map((x, i) => tf.add(m(x, bv), m(av, b1[i]))),
    second: mi.pairs
      .slice(0, a2.length)
      .map(([i, j], p) => tf.addN([m(a2[p], bv), m(a1[i], b1[j]), m(a1[j], b1[i]), m(av, b2[p])])),
    third: mi.triples
      .slice(0, a.third.length)
      .map(([i, j, k], t) =>
        tf.addN([
          m(a.third[t], bv),
          m(a2[mi.pair(i, j)], b1[k]),
          m(a2[mi.pair(i, k)], b1[j]),
          m(a2[mi.pair(j, k)], b1[i]),
          m(a1[i], b2[mi.pair(j, k)]),
          m(a1[j], b2[mi.pair(i, k)]),
          m(a1[k], b2[mi.pair(i, j)]),
          m(av, b.third[t]),
        ]),
      ),
  };
}

/** Column-wise concatenation of jets with the same B, order and d. */
export function jetConcat(parts: Jet[]): Jet {
  const cat = (xs: tf.Tensor2D[]): tf.Tensor2D => (xs.length === 1 ? xs[0] : tf.concat(xs, 1));
  const p0 = parts[0];
  return {
    order: p0.order,
    d: p0.d,
    value: cat(parts.map((p) => p.value!)),
    first: p0.first.map((_, i) => cat(parts.map((p) => p.first[i]))),
    second: p0.second.map((_, i) => cat(parts.map((p) => p.second[i]))),
    third: p0.third.map((_, i) => cat(parts.map((p) => p.third[i]))),
  };
}

/** Columns [from, from + count) of a jet. */
export function jetColumns(a: Jet, from: number, count = 1): Jet {
  return mapBlocks(a, (x) => tf.slice(x, [0, from], [-1, count]));
}

/** An elementwise function given by its value and derivatives at u: `derivs(u) = [f, f′, f″, f‴]`. */
export const jetUnary = (a: Jet, derivs: (u: tf.Tensor2D) => (tf.Tensor | number | null)[]): Jet =>
  chainJet(a, derivs(a.value!));

export const jetSin = (a: Jet): Jet =>
  jetUnary(a, (u) => {
    const [s, c] = [fastSin(u), fastCos(u)];
    return [s, c, tf.neg(s), tf.neg(c)];
  });
export const jetCos = (a: Jet): Jet =>
  jetUnary(a, (u) => {
    const [s, c] = [fastSin(u), fastCos(u)];
    return [c, tf.neg(s), tf.neg(c), s];
  });
export const jetExp = (a: Jet): Jet =>
  jetUnary(a, (u) => {
    const e = tf.exp(u);
    return [e, e, e, e];
  });
/** log u (u > 0): 1/u, −1/u², 2/u³. */
export const jetLog = (a: Jet): Jet =>
  jetUnary(a, (u) => {
    const r = tf.reciprocal(u);
    const r2 = tf.square(r);
    return [tf.log(u), r, tf.neg(r2), tf.mul(tf.mul(r2, r), 2)];
  });
/** 1/u: −1/u², 2/u³, −6/u⁴. */
export const jetReciprocal = (a: Jet): Jet =>
  jetUnary(a, (u) => {
    const r = tf.reciprocal(u);
    const r2 = tf.square(r);
    return [r, tf.neg(r2), tf.mul(tf.mul(r2, r), 2), tf.mul(tf.square(r2), -6)];
  });
/** √u (u > 0): ½u^−½, −¼u^−3/2, ⅜u^−5/2. */
export const jetSqrt = (a: Jet): Jet =>
  jetUnary(a, (u) => {
    const s = tf.sqrt(u);
    const r = tf.reciprocal(s);
    const ru = tf.div(r, u);
    return [s, tf.mul(r, 0.5), tf.mul(ru, -0.25), tf.mul(tf.div(ru, u), 0.375)];
  });
/** u²: 2u, 2, 0. */
export const jetSquare = (a: Jet): Jet => jetUnary(a, (u) => [tf.square(u), tf.mul(u, 2), 2, null]);
/** a / b. */
export const jetDiv = (a: Jet, b: Jet): Jet => jetMul(a, jetReciprocal(b));
export const jetTanh = (a: Jet): Jet =>
  jetUnary(a, (u) => {
    const t = tf.tanh(u);
    const d1 = tf.sub(1, tf.square(t));
    return [t, d1, tf.mul(tf.mul(t, d1), -2), tf.mul(d1, tf.sub(tf.mul(tf.square(t), 6), 2))];
  });
export const jetCosh = (a: Jet): Jet =>
  jetUnary(a, (u) => {
    const [c, s] = [tf.cosh(u), tf.sinh(u)];
    return [c, s, c, s];
  });
export const jetSinh = (a: Jet): Jet =>
  jetUnary(a, (u) => {
    const [c, s] = [tf.cosh(u), tf.sinh(u)];
    return [s, c, s, c];
  });
/** arccosh u (u > 1): (u²−1)^−½, −u(u²−1)^−3/2, (2u²+1)(u²−1)^−5/2. */
export const jetAcosh = (a: Jet): Jet =>
  jetUnary(a, (u) => {
    const q = tf.sub(tf.square(u), 1);
    const r = tf.rsqrt(q);
    const r3 = tf.div(r, q);
    return [tf.acosh(u), r, tf.neg(tf.mul(u, r3)), tf.mul(tf.add(tf.mul(tf.square(u), 2), 1), tf.div(r3, q))];
  });

/**
 * A decoder written with jet arithmetic: `jet` maps the identity jet of z [B, d] to the jet of Ψ(z).
 * Gets the exact jet routes (metric, Gauss, intrinsic) like a SequentialDecoder.
 *
 * ```ts
 * const sphere: JetDecoder = { latentDim: 2, jet: (z) => { const t = jetColumns(z, 0), p = jetColumns(z, 1);
 *   return jetConcat([jetMul(jetCos(t), jetCos(p)), jetMul(jetCos(t), jetSin(p)), jetSin(t)]); } };
 * ```
 */
export interface JetDecoder {
  latentDim: number;
  jet: (z: Jet) => Jet;
}

export function isJetDecoder(dec: unknown): dec is JetDecoder {
  return typeof dec === 'object' && dec !== null && typeof (dec as JetDecoder).jet === 'function';
}

/** Evaluate a JetDecoder's jet of the given order at z [B, d]. Not wrapped in tf.tidy. */
export function jetDecoderJet(dec: JetDecoder, z: tf.Tensor2D, order: JetOrder): Jet {
  if (z.rank !== 2 || z.shape[1] !== dec.latentDim) {
    throw new CurvInputError(
      `JetDecoder z: expected [B, ${dec.latentDim}], got [${z.shape.join(', ')}]`,
      'z',
    );
  }
  const out = dec.jet(seedJet(z, order));
  if (out.order !== order || out.d !== dec.latentDim || !out.value) {
    throw new CurvInputError(
      'JetDecoder jet: must return a jet of the seed order with its value block',
      'jet',
    );
  }
  return out;
}
