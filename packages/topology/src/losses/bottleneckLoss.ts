import * as tf from '@tensorflow/tfjs-core';
import { bottleneckDistance } from '../distances/bottleneck.js';
import { h0Diagram, h1Diagram, type LossInput, lengthsOf, pickEdges, requireH1 } from './lossInput.js';

/**
 * Bottleneck loss in H0: the bottleneck matching of the finite H0 diagrams of x and of the target, and
 * the cost of its bottleneck pair rebuilt from x: |d_i(x) − d_j| for two matched points, d_i(x)/2 for a
 * point of x matched to the diagonal. Only the two endpoints of that death edge get a gradient.
 * `null` when the loss does not depend on x (no finite pair, or the bottleneck pair is a target point
 * matched to the diagonal).
 *
 * ```ts
 * const loss = bottleneckLoss0({ x, diagram: ripsPersistence(xValues), target: ripsPersistence(y) });
 * ```
 */
export function bottleneckLoss0(input: LossInput): tf.Scalar | null {
  const F = h0Diagram(input.diagram);
  if (F.length === 0) return null;
  const G = h0Diagram(input.target);
  const { pair } = bottleneckDistance(F, G);
  if (pair === null || pair.i < 0) return null;
  const i = pair.i;
  const j = pair.j;
  return tf.tidy(() => {
    const d = tf.reshape(lengthsOf(input, pickEdges(input.diagram.h0.deathEdges, [i])), []) as tf.Scalar;
    return (j >= 0 ? tf.abs(tf.sub(d, G[j][1])) : tf.div(d, 2)) as tf.Scalar;
  });
}

/**
 * Bottleneck loss in H1: for the bottleneck pair of the H1 matching, max(|b_i(x) − b_j|, |d_i(x) − d_j|)
 * for two matched points, (d_i(x) − b_i(x))/2 for a point of x matched to the diagonal, with b and d the
 * lengths of the birth and death edges (gradient on those four endpoints only). An empty target diagram
 * matches every point of x to the diagonal. `null` when x has no H1 pair or the bottleneck pair is a
 * target point matched to the diagonal.
 */
export function bottleneckLoss1(input: LossInput): tf.Scalar | null {
  const h1 = requireH1(input.diagram, 'bottleneckLoss1');
  const F = h1Diagram(input.diagram);
  if (F.length === 0) return null;
  const G = h1Diagram(input.target);
  const { pair } = bottleneckDistance(F, G);
  if (pair === null || pair.i < 0 || !Number.isFinite(h1.deaths[pair.i])) return null;
  const i = pair.i;
  const j = pair.j;
  return tf.tidy(() => {
    const b = tf.reshape(lengthsOf(input, pickEdges(h1.birthEdges, [i])), []);
    const d = tf.reshape(lengthsOf(input, pickEdges(h1.deathEdges, [i])), []);
    if (j < 0) return tf.div(tf.sub(d, b), 2) as tf.Scalar;
    return tf.maximum(tf.abs(tf.sub(b, G[j][0])), tf.abs(tf.sub(d, G[j][1]))) as tf.Scalar;
  });
}
