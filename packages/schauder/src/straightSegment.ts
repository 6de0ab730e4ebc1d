import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import type { PointsLike } from './types.js';
import { checkInt, toPoints } from './validate.js';

/** Time grid t_s = s/(S−1) as a `[1, S, 1]` tensor. */
export function timeGrid(S: number): tf.Tensor3D {
  const t = new Float32Array(S);
  for (let s = 0; s < S; s++) t[s] = s / (S - 1);
  return tf.tensor3d(t, [1, S, 1]);
}

/** Validate a batch of (start, end) pairs and return them as tensors (plus ownership flags). */
export function pairTensors(starts: PointsLike, ends: PointsLike) {
  const a = toPoints(starts, 'starts');
  const b = toPoints(ends, 'ends');
  if (a.t.shape[0] !== b.t.shape[0] || a.t.shape[1] !== b.t.shape[1]) {
    if (a.owned) a.t.dispose();
    if (b.owned) b.t.dispose();
    throw new CurvInputError(
      `ends: expected the same [b, d] shape as starts ([${a.t.shape}]); got [${b.t.shape}]`,
      'ends',
    );
  }
  return { a, b };
}

/**
 * Straight segments in the chart, γ_s = x + t_s (y − x) with t_s = s/(S−1), for a batch of pairs
 * (the base of the batched solver, non-periodic).
 *
 * Shapes: starts, ends `[b, d]` → `[b, S, d]` (index order pair, time, coordinate). The caller disposes the result.
 *
 * ```ts
 * straightSegment([[0, 0]], [[1, 2]], 3).arraySync(); // [[[0, 0], [0.5, 1], [1, 2]]]
 * ```
 */
export function straightSegment(starts: PointsLike, ends: PointsLike, S: number): tf.Tensor3D {
  checkInt(S, 2, 'S');
  const { a, b } = pairTensors(starts, ends);
  const out = tf.tidy(() => {
    const t = timeGrid(S);
    const x = a.t.expandDims(1) as tf.Tensor3D;
    const y = b.t.expandDims(1) as tf.Tensor3D;
    return tf.add(x, tf.mul(t, tf.sub(y, x))) as tf.Tensor3D;
  });
  if (a.owned) a.t.dispose();
  if (b.owned) b.t.dispose();
  return out;
}
