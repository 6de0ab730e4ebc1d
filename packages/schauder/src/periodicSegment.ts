import * as tf from '@tensorflow/tfjs-core';
import { pairTensors, timeGrid } from './straightSegment.js';
import type { PointsLike } from './types.js';
import { checkInt } from './validate.js';

/**
 * Periodic remainder r = a − 2π⌊a/2π⌋-style wrap of a difference into [−π, π):
 * Δ = ((x − y + π) mod 2π) − π with a non-negative mod. Shapes are preserved.
 */
export function wrapDifference(diff: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const twoPi = 2 * Math.PI;
    const u = tf.add(diff, Math.PI);
    const r = tf.sub(u, tf.mul(tf.floor(tf.div(u, twoPi)), twoPi));
    return tf.sub(r, Math.PI);
  });
}

/**
 * The periodic "shortest linear segment" on the flat torus [−π, π)^d: with
 * Δ = ((x − y + π) mod 2π) − π ∈ [−π, π)^d, γ_s = (1 − t_s)·Δ + y, t_s = s/(S−1). It ends exactly at y
 * and starts at x shifted by a multiple of 2π per coordinate (it may leave the box; decoders are periodic).
 *
 * Shapes: starts x, ends y `[b, d]` → `[b, S, d]` (pair, time, coordinate). The caller disposes the result.
 *
 * ```ts
 * periodicSegment([[3, 0]], [[-3, 0]], 3).arraySync(); // [[[-3.283…, 0], [-3.141…, 0], [-3, 0]]] (crosses φ = ±π)
 * ```
 */
export function periodicSegment(starts: PointsLike, ends: PointsLike, S: number): tf.Tensor3D {
  checkInt(S, 2, 'S');
  const { a, b } = pairTensors(starts, ends);
  const out = tf.tidy(() => {
    const t = timeGrid(S);
    const delta = wrapDifference(tf.sub(a.t, b.t)).expandDims(1);
    const y = b.t.expandDims(1);
    return tf.add(tf.mul(tf.sub(1, t), delta), y) as tf.Tensor3D;
  });
  if (a.owned) a.t.dispose();
  if (b.owned) b.t.dispose();
  return out;
}
