import { type MetricFn, type SolveGeodesicsOptions, solveGeodesics } from '@curv/schauder';
import type * as tf from '@tensorflow/tfjs-core';
import { cubicSpline, type ParametricCurve } from './cubicSpline.js';
import { curveLength } from './curveLength.js';
import type { RiemannianMetric } from './riemannianMetric.js';

// TODO(geometry-merge): @curv/schauder is moving to RiemannianMetric; this adaptor then becomes the identity.
/** The metric as the `MetricFn` that @curv/schauder's metric mode takes (`[B, d] → [B, d, d]`, differentiable). */
export function toMetricFn(metric: RiemannianMetric): MetricFn {
  return (z: tf.Tensor2D) => metric.metricMatrix(z);
}

/** One geodesic of {@link schauderGeodesics}. */
export interface SchauderGeodesic {
  /** Row-major [S, d] curve points (uniform parameter). */
  points: Float64Array;
  /** The not-a-knot spline through `points`. */
  curve: ParametricCurve;
  /** Riemannian length of `curve` by adaptive Gauss–Legendre quadrature. */
  length: number;
  /** Discrete length Σ √(Δzᵀ M(z̄) Δz) reported by the solver. */
  discreteLength: number;
  /** Energy of the final curve and of the straight segment (same discretisation). */
  energy: number;
  straightEnergy: number;
}

/**
 * Boundary-value geodesics by minimising the discrete energy over Schauder coefficients (@curv/schauder in
 * metric mode) under any {@link RiemannianMetric}. Defaults tuned for a latent metric: 6 levels, S = 65,
 * Adam with lr 0.005 × the mean endpoint distance, 400 steps, stop when the energy changes by less than 1e-6 relatively.
 *
 * ```ts
 * const [g] = schauderGeodesics(halfPlaneMetric(), [[-1, 1]], [[1, 1]]);
 * g.length; // ≈ arccosh 3
 * ```
 */
export function schauderGeodesics(
  metric: RiemannianMetric,
  starts: number[][],
  ends: number[][],
  options: SolveGeodesicsOptions = {},
): SchauderGeodesic[] {
  // Adam's step is in latent units: scale the default learning rate with the distance between the endpoints.
  let dist = 0;
  starts.forEach((a, i) => {
    dist += Math.hypot(...a.map((v, c) => ends[i][c] - v)) / starts.length;
  });
  const r = solveGeodesics({ metric: toMetricFn(metric) }, starts, ends, {
    nMax: 6,
    S: 65,
    steps: 400,
    tolerance: 1e-6,
    lr: 0.005 * (dist > 0 ? dist : 1),
    ...options,
  });
  const out: SchauderGeodesic[] = [];
  for (let i = 0; i < r.b; i++) {
    const points = Float64Array.from(r.curves.subarray(i * r.S * r.d, (i + 1) * r.S * r.d));
    const curve = cubicSpline(points, r.d);
    out.push({
      points,
      curve,
      length: curveLength(metric, curve).length,
      discreteLength: r.lengths[i],
      energy: r.energies[i],
      straightEnergy: r.baseEnergies[i],
    });
  }
  return out;
}
