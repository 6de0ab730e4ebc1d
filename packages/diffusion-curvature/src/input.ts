import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';

/** A point cloud: n rows of D coordinates, as nested arrays or a `[n, D]` tensor (not disposed). */
export type PointCloud = number[][] | tf.Tensor2D;

/** The cloud as a float32 `[n, D]` tensor owned by the caller, after checking its shape and values. */
export function pointTensor(points: PointCloud, name = 'points'): tf.Tensor2D {
  if (points instanceof tf.Tensor) {
    if (points.rank !== 2)
      throw new CurvInputError(`${name}: expected a [n, D] tensor, got rank ${points.rank}`, name);
    if (points.shape[0] < 2)
      throw new CurvInputError(`${name}: expected at least 2 points, got ${points.shape[0]}`, name);
    return points.clone();
  }
  if (!Array.isArray(points) || points.length < 2) {
    throw new CurvInputError(`${name}: expected an array of at least 2 points`, name);
  }
  const D = Array.isArray(points[0]) ? points[0].length : 0;
  if (D < 1) throw new CurvInputError(`${name}: point 0 is not a non-empty array of numbers`, name);
  const data = new Float32Array(points.length * D);
  for (let i = 0; i < points.length; i++) {
    const p = points[i];
    if (!Array.isArray(p) || p.length !== D) {
      throw new CurvInputError(
        `${name}: point ${i} has ${Array.isArray(p) ? p.length : 'no'} coordinates; expected ${D}`,
        name,
      );
    }
    for (let j = 0; j < D; j++) {
      const v = p[j];
      if (typeof v !== 'number' || !Number.isFinite(v)) {
        throw new CurvInputError(
          `${name}: point ${i} has a non-finite coordinate ${JSON.stringify(v)}`,
          name,
        );
      }
      data[i * D + j] = v;
    }
  }
  return tf.tensor2d(data, [points.length, D]);
}

/** Median of a list (mean of the two middle values for an even count). */
export function median(values: ArrayLike<number>): number {
  const s = Float64Array.from(values).sort();
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
