import {
  type SchauderBasis,
  type SolveGeodesicsOptions,
  schauderBasis,
  solveGeodesics,
} from '@curv/schauder';
import { cubicSpline, type ParametricCurve, solveInPlace } from './cubicSpline.js';
import { curveLength } from './curveLength.js';
import type { RiemannianMetric } from './riemannianMetric.js';

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
 * `initialCurves` (e.g. the graph solver's splines) start the optimisation from their least-squares projection
 * onto the basis instead of the straight segment.
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
  options: SolveGeodesicsOptions & { initialCurves?: ParametricCurve[] } = {},
): SchauderGeodesic[] {
  const { initialCurves, ...solverOptions } = options;
  let extra: SolveGeodesicsOptions = {};
  if (initialCurves) {
    const basis =
      solverOptions.basis ??
      schauderBasis(solverOptions.nMax ?? 6, solverOptions.S ?? 65, { mode: solverOptions.mode ?? 'parity' });
    extra = { basis, initialCoefficients: projectCurves(basis, starts, ends, initialCurves) };
  }
  // Adam's step is in latent units: scale the default learning rate with the distance between the endpoints.
  let dist = 0;
  starts.forEach((a, i) => {
    dist += Math.hypot(...a.map((v, c) => ends[i][c] - v)) / starts.length;
  });
  const r = solveGeodesics({ metric }, starts, ends, {
    nMax: 6,
    S: 65,
    steps: 400,
    tolerance: 1e-6,
    lr: 0.005 * (dist > 0 ? dist : 1),
    ...solverOptions,
    ...extra,
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

/**
 * Least-squares Schauder coefficients [b, m, d] (row-major) of curves given as parametric curves: minimise
 * Σ_s ‖L(t_s) + B[s]·c − γ(t_s)‖² with L the straight segment (a small ridge keeps empty columns at 0). Used to
 * start the energy solver from another solver's curve.
 */
export function projectCurves(
  basis: SchauderBasis,
  starts: number[][],
  ends: number[][],
  curves: ParametricCurve[],
): Float32Array {
  const { S, columns: m, data: B } = basis;
  const d = starts[0].length;
  const out = new Float32Array(curves.length * m * d);
  const ts = Array.from({ length: S }, (_, s) => s / (S - 1));
  const BtB = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      let acc = 0;
      for (let s = 0; s < S; s++) acc += B[s * m + i] * B[s * m + j];
      BtB[i * m + j] = acc + (i === j ? 1e-6 : 0);
    }
  }
  curves.forEach((curve, c) => {
    const pts = curve.points(ts);
    const rhs = new Float64Array(m * d);
    for (let s = 0; s < S; s++) {
      for (let k = 0; k < d; k++) {
        const r = pts[s * d + k] - (starts[c][k] + ts[s] * (ends[c][k] - starts[c][k]));
        for (let j = 0; j < m; j++) rhs[j * d + k] += B[s * m + j] * r;
      }
    }
    solveInPlace(Float64Array.from(BtB), rhs, m, d);
    out.set(rhs, c * m * d);
  });
  return out;
}
