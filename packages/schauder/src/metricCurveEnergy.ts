import * as tf from '@tensorflow/tfjs-core';
import { reduce, safeSqrt } from './curveEnergy.js';
import { gridSquaredSteps } from './gridSquaredSteps.js';
import type { MetricGrid } from './metricGrid.js';
import type { MetricFn, Reduction } from './types.js';
import { checkCurves, checkReduction } from './validate.js';

/**
 * A {@link MetricGrid} is evaluated by a plain-JS kernel with a hand-written gradient (same values as
 * `grid.metric`, far fewer tfjs ops); any other metric function through tfjs ops.
 *
 * Quadratic forms Δz_sᵀ g(z̄_s) Δz_s with Δz_s = γ_{s+1} − γ_s and the midpoint z̄_s = (γ_s + γ_{s+1})/2,
 * as a `[b, S−1]` tensor (the midpoint rule for ∫ γ'ᵀ g(γ) γ' dt on each step).
 */
export function metricSquaredSteps(metric: MetricFn | MetricGrid, curves: tf.Tensor3D): tf.Tensor2D {
  if (typeof metric !== 'function') return tf.tidy(() => gridSquaredSteps(metric, curves));
  return tf.tidy(() => {
    const [b, S, d] = curves.shape;
    const z0 = curves.slice([0, 0, 0], [b, S - 1, d]);
    const z1 = curves.slice([0, 1, 0], [b, S - 1, d]);
    const dz = tf.sub(z1, z0).reshape([b * (S - 1), d]);
    const mid = tf.mul(tf.add(z0, z1), 0.5).reshape([b * (S - 1), d]) as tf.Tensor2D;
    const g = metric(mid); // [P, d, d]
    const q = tf.sum(tf.mul(tf.mul(g, dz.expandDims(2)), dz.expandDims(1)), [1, 2]);
    return q.reshape([b, S - 1]) as tf.Tensor2D;
  });
}

/**
 * Metric-mode discrete energy: E = (S − 1) · Σ_s Δz_sᵀ g(z̄_s) Δz_s (midpoint metric; `metric` is a
 * {@link MetricFn} or a {@link MetricGrid}, the latter with a fast JS kernel), which agrees with
 * the decoded energy {@link curveEnergy} to second order in the step when g = JᵀJ is the pull-back metric.
 *
 * Shapes: curves `[b, S, d]` → `[b]` (`'none'`) or a scalar. Differentiable w.r.t. the curves when `metric` is.
 */
export function metricCurveEnergy(
  metric: MetricFn | MetricGrid,
  curves: tf.Tensor3D,
  reduction: Reduction = 'none',
): tf.Tensor {
  checkReduction(reduction, 'metricCurveEnergy');
  checkCurves(curves, 'metricCurveEnergy');
  return tf.tidy(() => {
    const S = curves.shape[1];
    return reduce(tf.mul(tf.sum(metricSquaredSteps(metric, curves), 1), S - 1) as tf.Tensor1D, reduction);
  });
}

/** Metric-mode discrete length: L = Σ_s √(Δz_sᵀ g(z̄_s) Δz_s). Shapes as {@link metricCurveEnergy}. */
export function metricCurveLength(
  metric: MetricFn | MetricGrid,
  curves: tf.Tensor3D,
  reduction: Reduction = 'none',
): tf.Tensor {
  checkReduction(reduction, 'metricCurveLength');
  checkCurves(curves, 'metricCurveLength');
  // relu: an interpolated metric can be very slightly indefinite; a length term must stay real.
  return tf.tidy(() =>
    reduce(tf.sum(safeSqrt(tf.relu(metricSquaredSteps(metric, curves))), 1) as tf.Tensor1D, reduction),
  );
}
