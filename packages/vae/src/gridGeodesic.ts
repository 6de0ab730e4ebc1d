import { CurvInputError } from '@curv/core';
import { type MetricGrid, metricGrid, type SolveGeodesicsOptions, solveGeodesics } from '@curv/schauder';
import * as tf from '@tensorflow/tfjs-core';
import { cubicSpline } from './cubicSpline.js';
import { curveLength } from './curveLength.js';
import type { RiemannianMetric } from './riemannianMetric.js';
import type { SchauderGeodesic } from './schauderGeodesic.js';

/** An axis-aligned rectangle [x₀, x₁] × [y₀, y₁] of a 2-D latent space. */
export interface LatentRect {
  x: [number, number];
  y: [number, number];
}

/** A metric sampled on @curv/schauder's periodic grid through an affine chart of a latent rectangle. */
export interface ChartMetricGrid {
  grid: MetricGrid;
  rect: LatentRect;
  /** Latent point → chart point in [−π, π)². */
  toChart(z: readonly number[]): [number, number];
  /** Chart point → latent point. */
  fromChart(u: readonly number[]): [number, number];
}

// TODO(geometry-merge): @curv/schauder's metric grid takes a MetricFn on the torus chart [−π, π)²; once it takes a
// RiemannianMetric with a chart this becomes a direct call.
/**
 * Sample a 2-D {@link RiemannianMetric} on a latent rectangle for @curv/schauder's fast metric-grid solver: the
 * rectangle is mapped affinely onto [−π, π)² (z = c + D u with D = diag(width, height)/2π) and the grid holds the
 * pulled-back metric g̃(u) = D M(z(u)) D, so lengths and energies are unchanged. The grid is periodic: curves
 * must stay inside the rectangle, away from its border, where the interpolation wraps around. Meant for smooth
 * metrics: an expected metric with narrow RBF kernels varies by orders of magnitude within a grid cell, and the
 * B-spline interpolant then oscillates (use {@link schauderGeodesics} on the metric itself there).
 *
 * ```ts
 * const chart = chartMetricGrid(halfPlaneMetric(), { x: [-2, 2], y: [0.4, 3.2] }, 128);
 * ```
 */
export function chartMetricGrid(metric: RiemannianMetric, rect: LatentRect, n = 128): ChartMetricGrid {
  if (metric.dim !== 2)
    throw new CurvInputError(`metric: the metric grid is 2-D; got dimension ${metric.dim}`, 'metric');
  const w = rect.x[1] - rect.x[0];
  const h = rect.y[1] - rect.y[0];
  if (!(w > 0 && h > 0)) throw new CurvInputError('rect: expected x₁ > x₀ and y₁ > y₀', 'rect');
  const cx = (rect.x[0] + rect.x[1]) / 2;
  const cy = (rect.y[0] + rect.y[1]) / 2;
  const dx = w / (2 * Math.PI);
  const dy = h / (2 * Math.PI);
  const Dm = tf.tensor3d([dx * dx, dx * dy, dx * dy, dy * dy], [1, 2, 2]);
  const offset = tf.tensor2d([[cx, cy]]);
  const scale = tf.tensor2d([[dx, dy]]);
  try {
    const grid = metricGrid(
      (u: tf.Tensor2D) =>
        tf.tidy(
          () =>
            tf.mul(metric.metricMatrix(tf.add(offset, tf.mul(u, scale)) as tf.Tensor2D), Dm) as tf.Tensor3D,
        ),
      { n },
    );
    return {
      grid,
      rect,
      toChart: (z) => [(z[0] - cx) / dx, (z[1] - cy) / dy],
      fromChart: (u) => [cx + dx * u[0], cy + dy * u[1]],
    };
  } finally {
    tf.dispose([Dm, offset, scale]);
  }
}

/**
 * Geodesics by the Schauder energy solver on a {@link chartMetricGrid} (the fast plain-JS metric-grid kernel of
 * @curv/schauder), mapped back to latent coordinates; lengths by quadrature under the exact metric.
 */
export function gridSchauderGeodesics(
  metric: RiemannianMetric,
  chart: ChartMetricGrid,
  starts: number[][],
  ends: number[][],
  options: SolveGeodesicsOptions = {},
): SchauderGeodesic[] {
  const a = starts.map((p) => chart.toChart(p));
  const b = ends.map((p) => chart.toChart(p));
  let dist = 0;
  a.forEach((p, i) => {
    dist += Math.hypot(b[i][0] - p[0], b[i][1] - p[1]) / a.length;
  });
  const r = solveGeodesics({ metric: chart.grid }, a, b, {
    nMax: 6,
    S: 65,
    steps: 400,
    tolerance: 1e-6,
    lr: 0.005 * (dist > 0 ? dist : 1),
    ...options,
  });
  const out: SchauderGeodesic[] = [];
  for (let i = 0; i < r.b; i++) {
    const points = new Float64Array(r.S * 2);
    for (let s = 0; s < r.S; s++) {
      const z = chart.fromChart([r.curves[(i * r.S + s) * 2], r.curves[(i * r.S + s) * 2 + 1]]);
      points[2 * s] = z[0];
      points[2 * s + 1] = z[1];
    }
    const curve = cubicSpline(points, 2);
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
