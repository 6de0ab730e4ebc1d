import * as tf from '@tensorflow/tfjs-core';
import { reduce, safeSqrt } from './curveEnergy.js';
import { gridCurveTerms } from './gridCurveTerms.js';
import { gridSquaredSteps } from './gridSquaredSteps.js';
import type { MetricGrid } from './metricGrid.js';
import { asMetricFunction, isMetricGrid, type MetricLike } from './metricSource.js';
import type { Reduction } from './types.js';
import { checkCurves, checkReduction } from './validate.js';

/**
 * A {@link MetricGrid} is evaluated by a plain-JS kernel with a hand-written gradient (same values as
 * `grid.metricMatrix`, far fewer tfjs ops); any other metric (a `RiemannianMetric` or a function) through tfjs ops.
 *
 * Quadratic forms Δz_sᵀ g(z̄_s) Δz_s with Δz_s = γ_{s+1} − γ_s and the midpoint z̄_s = (γ_s + γ_{s+1})/2,
 * as a `[b, S−1]` tensor (the midpoint rule for ∫ γ'ᵀ g(γ) γ' dt on each step).
 */
export function metricSquaredSteps(metric: MetricLike | MetricGrid, curves: tf.Tensor3D): tf.Tensor2D {
  if (isMetricGrid(metric)) return tf.tidy(() => gridSquaredSteps(metric, curves));
  const metricFn = asMetricFunction(metric, 'metric');
  return tf.tidy(() => {
    const [b, S, d] = curves.shape;
    const z0 = curves.slice([0, 0, 0], [b, S - 1, d]);
    const z1 = curves.slice([0, 1, 0], [b, S - 1, d]);
    const dz = tf.sub(z1, z0).reshape([b * (S - 1), d]);
    const mid = tf.mul(tf.add(z0, z1), 0.5).reshape([b * (S - 1), d]) as tf.Tensor2D;
    const g = metricFn(mid); // [P, d, d]
    const q = tf.sum(tf.mul(tf.mul(g, dz.expandDims(2)), dz.expandDims(1)), [1, 2]);
    return q.reshape([b, S - 1]) as tf.Tensor2D;
  });
}

function checkGridCurves(curves: tf.Tensor3D, where: string): void {
  if (curves.shape[2] !== 2) {
    throw new Error(`${where}: metric grids are 2-D; got curves with d = ${curves.shape[2]}`);
  }
}

/** Per-curve gradient rows `[b, S, 2]` scaled by the upstream per-curve weights `dy` (`[b]`). */
function scaleRows(grad: Float32Array, dy: tf.Tensor, b: number, S: number): tf.Tensor3D {
  const w = dy.dataSync();
  const out = new Float32Array(grad.length);
  const row = 2 * S;
  for (let j = 0; j < b; j++) {
    const wj = w[j];
    for (let k = j * row; k < (j + 1) * row; k++) out[k] = wj * grad[k];
  }
  return tf.tensor3d(out, [b, S, 2]);
}

/** Metric-grid energies `[b]` as a tfjs op: one JS sweep ({@link gridCurveTerms}) for value and gradient. */
function gridEnergies(grid: MetricGrid, curves: tf.Tensor3D): tf.Tensor1D {
  checkGridCurves(curves, 'metricCurveEnergy');
  const [b, S] = curves.shape;
  const op = tf.customGrad((x: tf.Tensor | tf.GradSaveFunc) => {
    const grad = new Float32Array(b * S * 2);
    const { energies } = gridCurveTerms(grid, (x as tf.Tensor).dataSync() as Float32Array, b, S, grad);
    return { value: tf.tensor1d(energies), gradFunc: (dy: tf.Tensor) => scaleRows(grad, dy, b, S) };
  });
  return op(curves) as tf.Tensor1D;
}

/** Metric-grid lengths `[b]` as a tfjs op; the gradient (rarely needed) is computed by a second sweep. */
function gridLengths(grid: MetricGrid, curves: tf.Tensor3D): tf.Tensor1D {
  checkGridCurves(curves, 'metricCurveLength');
  const [b, S] = curves.shape;
  const op = tf.customGrad((x: tf.Tensor | tf.GradSaveFunc) => {
    const data = (x as tf.Tensor).dataSync() as Float32Array;
    const { lengths } = gridCurveTerms(grid, data, b, S);
    return {
      value: tf.tensor1d(lengths),
      gradFunc: (dy: tf.Tensor) => {
        const grad = new Float32Array(b * S * 2);
        gridCurveTerms(grid, data, b, S, null, grad);
        return scaleRows(grad, dy, b, S);
      },
    };
  });
  return op(curves) as tf.Tensor1D;
}

/**
 * Metric-mode discrete energy: E = (S − 1) · Σ_s Δz_sᵀ g(z̄_s) Δz_s (midpoint metric; `metric` is a
 * `RiemannianMetric` of @curv/geometry, a {@link MetricGrid} or a plain metric function), which agrees with the decoded energy {@link curveEnergy} to
 * second order in the step when g = JᵀJ is the pull-back metric. A `MetricGrid` (d = 2) runs the plain-JS
 * kernel {@link gridCurveTerms} with a hand-written gradient; any other metric runs through tfjs ops.
 *
 * Shapes: curves `[b, S, d]` → `[b]` (`'none'`) or a scalar. Differentiable w.r.t. the curves when `metric` is.
 */
export function metricCurveEnergy(
  metric: MetricLike | MetricGrid,
  curves: tf.Tensor3D,
  reduction: Reduction = 'none',
): tf.Tensor {
  checkReduction(reduction, 'metricCurveEnergy');
  checkCurves(curves, 'metricCurveEnergy');
  return tf.tidy(() => {
    if (isMetricGrid(metric)) return reduce(gridEnergies(metric, curves), reduction);
    const S = curves.shape[1];
    return reduce(tf.mul(tf.sum(metricSquaredSteps(metric, curves), 1), S - 1) as tf.Tensor1D, reduction);
  });
}

/**
 * Metric-mode discrete length: L = Σ_s √(max(Δz_sᵀ g(z̄_s) Δz_s, 0)) (an interpolated metric can be very
 * slightly indefinite; a length must stay real). Shapes and the `MetricGrid` fast path as
 * {@link metricCurveEnergy}.
 */
export function metricCurveLength(
  metric: MetricLike | MetricGrid,
  curves: tf.Tensor3D,
  reduction: Reduction = 'none',
): tf.Tensor {
  checkReduction(reduction, 'metricCurveLength');
  checkCurves(curves, 'metricCurveLength');
  return tf.tidy(() => {
    if (isMetricGrid(metric)) return reduce(gridLengths(metric, curves), reduction);
    return reduce(tf.sum(safeSqrt(tf.relu(metricSquaredSteps(metric, curves))), 1) as tf.Tensor1D, reduction);
  });
}
