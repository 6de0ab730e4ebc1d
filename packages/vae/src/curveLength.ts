import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import type { ParametricCurve } from './cubicSpline.js';
import type { RiemannianMetric } from './riemannianMetric.js';

/** 5-point Gauss–Legendre nodes and weights on [−1, 1] (exact for polynomials of degree ≤ 9). */
const GL_X = [0, -0.5384693101056831, 0.5384693101056831, -0.906179845938664, 0.906179845938664];
const GL_W = [
  0.5688888888888889, 0.4786286704993665, 0.4786286704993665, 0.2369268850561891, 0.2369268850561891,
];

/** Options of {@link curveLength}. */
export interface CurveLengthOptions {
  /** Initial number of equal panels (default 16); doubled until the relative change is below `tolerance`. */
  panels?: number;
  /** Relative tolerance between two panel counts (default 1e-5). */
  tolerance?: number;
  /** Upper bound on panels (default 1024). */
  maxPanels?: number;
}

/** A quadrature result: the value and the last relative change (an error estimate). */
export interface CurveLengthResult {
  length: number;
  relativeChange: number;
  panels: number;
}

/** ‖ċ‖_M at the given parameters (one batched metric evaluation). */
export function metricSpeeds(
  metric: RiemannianMetric,
  curve: ParametricCurve,
  ts: ArrayLike<number>,
): Float64Array {
  const d = metric.dim;
  if (curve.dim !== d)
    throw new CurvInputError(`curve: dimension ${curve.dim} ≠ metric dimension ${d}`, 'curve');
  const p = curve.points(ts);
  const v = curve.velocities(ts);
  const m = ts.length;
  const G = tf.tidy(() => metric.metricMatrix(tf.tensor2d(Float32Array.from(p), [m, d])));
  const g = G.dataSync();
  G.dispose();
  const out = new Float64Array(m);
  for (let q = 0; q < m; q++) {
    let s = 0;
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) s += v[q * d + i] * g[q * d * d + i * d + j] * v[q * d + j];
    out[q] = Math.sqrt(Math.max(s, 0));
  }
  return out;
}

function gaussLegendre(metric: RiemannianMetric, curve: ParametricCurve, panels: number): number {
  const ts = new Float64Array(panels * 5);
  const h = 1 / panels;
  for (let p = 0; p < panels; p++) for (let q = 0; q < 5; q++) ts[p * 5 + q] = (p + 0.5 + 0.5 * GL_X[q]) * h;
  const s = metricSpeeds(metric, curve, ts);
  let sum = 0;
  for (let p = 0; p < panels; p++) for (let q = 0; q < 5; q++) sum += GL_W[q] * s[p * 5 + q];
  return 0.5 * h * sum;
}

/**
 * Riemannian length ∫₀¹ √(ċᵀ M(c) ċ) dt of a parametric curve by composite 5-point Gauss–Legendre
 * quadrature, doubling the panels until two successive values agree to `tolerance`.
 *
 * ```ts
 * curveLength(halfPlaneMetric(), straightCurve([-1, 1], [1, 1])).length; // 2
 * ```
 */
export function curveLength(
  metric: RiemannianMetric,
  curve: ParametricCurve,
  options: CurveLengthOptions = {},
): CurveLengthResult {
  let panels = options.panels ?? 16;
  const tol = options.tolerance ?? 1e-5;
  const maxPanels = options.maxPanels ?? 1024;
  let prev = gaussLegendre(metric, curve, panels);
  let change = Number.POSITIVE_INFINITY;
  while (panels < maxPanels) {
    panels *= 2;
    const next = gaussLegendre(metric, curve, panels);
    change = Math.abs(next - prev) / Math.max(Math.abs(next), 1e-30);
    prev = next;
    if (change <= tol) break;
  }
  return { length: prev, relativeChange: change, panels };
}
