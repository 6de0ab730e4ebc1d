import * as tf from '@tensorflow/tfjs-core';
import type { Diagram } from '../persistence/types.js';
import { type LossInput, lengthsOf, pickEdges, requireH1 } from './lossInput.js';

/**
 * Persistence entropy E = −Σ (p_i/L) ln(p_i/L) of a diagram, over the finite points whose persistence
 * p_i = death − birth exceeds `delta`, L = Σ p_i; 0 when there are none.
 *
 * ```ts
 * persistenceEntropy([[0, 1], [0, 1]]); // ln 2 = 0.693147…
 * ```
 */
export function persistenceEntropy(d: Diagram, delta = 0): number {
  const p = d.map(([b, e]) => e - b).filter((v) => Number.isFinite(v) && v > delta);
  const L = p.reduce((s, v) => s + v, 0);
  if (L === 0) return 0;
  return p.reduce((s, v) => s - (v / L) * Math.log(v / L), 0);
}

/** (E(p) − target)² with E the entropy of the persistence tensor p. */
function entropyGap(p: tf.Tensor1D, target: number): tf.Scalar {
  const q = tf.div(p, tf.sum(p));
  const e = tf.neg(tf.sum(tf.mul(q, tf.log(q))));
  return tf.square(tf.sub(e, target)) as tf.Scalar;
}

/**
 * Persistence-entropy loss in H0: (E(F) − E(G))² over the finite H0 points of x (F, persistence = death
 * edge length) and of the target (G) whose persistence exceeds `delta` (default 0.001). The gradient
 * reaches every death edge counted. `null` when no point of x exceeds `delta`.
 */
export function entropyLoss0(input: LossInput, delta = 0.001): tf.Scalar | null {
  const { deaths, deathEdges } = input.diagram.h0;
  const keep: number[] = [];
  deaths.forEach((d, i) => {
    if (d > delta) keep.push(i);
  });
  if (keep.length === 0) return null;
  const target = persistenceEntropy(
    Array.from(input.target.h0.deaths, (d) => [0, d] as const),
    delta,
  );
  return tf.tidy(() => entropyGap(lengthsOf(input, pickEdges(deathEdges, keep)), target));
}

/**
 * Persistence-entropy loss in H1: as {@link entropyLoss0} with persistence d − b of the H1 points (lengths
 * of the death edge minus the birth edge); the target's entropy is 0 when it has no H1 point.
 */
export function entropyLoss1(input: LossInput, delta = 0.001): tf.Scalar | null {
  const h1 = requireH1(input.diagram, 'entropyLoss1');
  const keep: number[] = [];
  h1.births.forEach((b, i) => {
    if (Number.isFinite(h1.deaths[i]) && h1.deaths[i] - b > delta) keep.push(i);
  });
  if (keep.length === 0) return null;
  const t = input.target.h1;
  const target = t
    ? persistenceEntropy(
        Array.from(t.births, (b, i) => [b, t.deaths[i]] as const),
        delta,
      )
    : 0;
  return tf.tidy(() => {
    const p = tf.sub(
      lengthsOf(input, pickEdges(h1.deathEdges, keep)),
      lengthsOf(input, pickEdges(h1.birthEdges, keep)),
    ) as tf.Tensor1D;
    return entropyGap(p, target);
  });
}
