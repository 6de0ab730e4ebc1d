import { CurvInputError } from '@curv/core';
import { isRiemannianMetric, type RiemannianMetric } from '@curv/geometry';
import type * as tf from '@tensorflow/tfjs-core';
import type { MetricGrid } from './metricGrid.js';
import type { MetricFn } from './types.js';

/** A metric as the consumers of this package accept it: a {@link RiemannianMetric} (preferred) or a plain `[P, d] → [P, d, d]` function. */
export type MetricLike = RiemannianMetric | MetricFn;

/** True for a {@link MetricGrid} (its plain-JS `sample` enables the fast energy kernel). */
export function isMetricGrid(m: unknown): m is MetricGrid {
  return typeof m === 'object' && m !== null && typeof (m as MetricGrid).sample === 'function';
}

/** The metric as a function `[P, d] → [P, d, d]`; throws a {@link CurvInputError} naming `name` for anything else. */
export function asMetricFunction(m: MetricLike, name: string, dim?: number): (z: tf.Tensor2D) => tf.Tensor3D {
  if (typeof m === 'function') return m;
  if (isRiemannianMetric(m)) {
    if (dim !== undefined && m.dim !== dim) {
      throw new CurvInputError(`${name}: expected a metric of dimension ${dim}, got ${m.dim}`, name);
    }
    return (z) => m.metricMatrix(z);
  }
  throw new CurvInputError(
    `${name}: expected a RiemannianMetric { dim, metricMatrix(z) } or a function [P, d] → [P, d, d]`,
    name,
  );
}
