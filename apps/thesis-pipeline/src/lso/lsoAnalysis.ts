import {
  curveLength,
  type ExpectedMetric,
  type FittedExpectedMetric,
  type GaussianVae,
  geodesicGraph,
  graphGeodesic,
  gridPoints,
  type LatentBox,
  metricEigen,
  randomWalk,
  schauderGeodesics,
  straightCurve,
} from '@curv/vae';
import * as tf from '@tensorflow/tfjs-core';

/** Scalar fields of one fitted metric on the n×n grid of a latent box (x fastest), as plain numbers. */
export interface LatentFields {
  box: LatentBox;
  n: number;
  /** log(√det M + 1e-10). */
  logMeasure: Float64Array;
  /** log Σ_j σ_j(z) of the RBF precision network. */
  logSigmaRbf: Float64Array;
}

/** log Σ_j σ_j(z) of the VAE's own decoder variance on the same grid. */
export function vaeLogSigma(vae: GaussianVae, box: LatentBox, n: number): Float64Array {
  const pts = gridPoints(box, n);
  const out = new Float64Array(n * n);
  for (let lo = 0; lo < n * n; lo += 2048) {
    const hi = Math.min(n * n, lo + 2048);
    const s = tf.tidy(() => {
      const { logVar } = vae.decode(tf.tensor2d(pts.subarray(2 * lo, 2 * hi), [hi - lo, 2]));
      return tf.log(tf.sum(tf.exp(tf.mul(logVar, 0.5)), 1));
    });
    out.set(s.dataSync(), lo);
    s.dispose();
  }
  return out;
}

export function latentFields(fit: FittedExpectedMetric, box: LatentBox, n: number): LatentFields {
  const pts = gridPoints(box, n);
  const m = fit.metric.measureAt(pts);
  const logMeasure = Float64Array.from(m, (v) => Math.log(v + 1e-10));
  const logSigmaRbf = new Float64Array(n * n);
  for (let lo = 0; lo < n * n; lo += 2048) {
    const hi = Math.min(n * n, lo + 2048);
    const s = tf.tidy(() =>
      tf.log(tf.sum(fit.rbf.sigma(tf.tensor2d(pts.subarray(2 * lo, 2 * hi), [hi - lo, 2])), 1)),
    );
    logSigmaRbf.set(s.dataSync(), lo);
    s.dispose();
  }
  return { box, n, logMeasure, logSigmaRbf };
}

/** Geodesics between two latent points by both solvers, with the straight line for reference. */
export interface GeodesicComparison {
  start: [number, number];
  end: [number, number];
  graph: { points: number[]; length: number; graphLength: number; path: number[]; seconds: number };
  schauder: { points: number[]; length: number; seconds: number };
  /** The Schauder solver started from the graph solver's curve. */
  refined: { points: number[]; length: number; seconds: number };
  straight: { points: number[]; length: number };
}

export function compareGeodesics(
  metric: ExpectedMetric,
  nodes: Float64Array,
  start: [number, number],
  end: [number, number],
  schauderSteps: number,
): GeodesicComparison {
  let t0 = performance.now();
  const graph = geodesicGraph(metric, nodes, 2, { k: 5 });
  const g = graphGeodesic(graph, metric, start, end);
  const graphSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const opts = { steps: schauderSteps, nMax: 7, S: 129 };
  const [s] = schauderGeodesics(metric, [start], [end], opts);
  const schauderSeconds = (performance.now() - t0) / 1000;
  t0 = performance.now();
  const [r] = schauderGeodesics(metric, [start], [end], { ...opts, initialCurves: [g.curve] });
  const refinedSeconds = (performance.now() - t0) / 1000;
  const line = straightCurve(start, end);
  const ts = Array.from({ length: 50 }, (_, i) => i / 49);
  return {
    start,
    end,
    graph: {
      points: Array.from(g.points),
      length: g.length,
      graphLength: g.graphLength,
      path: g.path,
      seconds: graphSeconds,
    },
    schauder: { points: Array.from(s.points), length: s.length, seconds: schauderSeconds },
    refined: { points: Array.from(r.points), length: r.length, seconds: refinedSeconds },
    straight: { points: Array.from(line.points(ts)), length: curveLength(metric, line).length },
  };
}

/** `count` points at uniform arc parameter along a polyline (row-major [S, 2]). */
export function alongPolyline(points: number[], count: number): Float32Array {
  const S = points.length / 2;
  const cum = [0];
  for (let i = 1; i < S; i++) {
    cum.push(
      cum[i - 1] + Math.hypot(points[2 * i] - points[2 * i - 2], points[2 * i + 1] - points[2 * i - 1]),
    );
  }
  const total = cum[S - 1];
  const out = new Float32Array(count * 2);
  let seg = 1;
  for (let q = 0; q < count; q++) {
    const target = (total * q) / Math.max(1, count - 1);
    while (seg < S - 1 && cum[seg] < target) seg++;
    const span = cum[seg] - cum[seg - 1];
    const t = span > 0 ? Math.min(1, Math.max(0, (target - cum[seg - 1]) / span)) : 0;
    out[2 * q] = points[2 * seg - 2] + t * (points[2 * seg] - points[2 * seg - 2]);
    out[2 * q + 1] = points[2 * seg - 1] + t * (points[2 * seg + 1] - points[2 * seg - 1]);
  }
  return out;
}

/** Decoder means μ(z) at latent points (row-major [m, 2]) as one image (plain array) per point. */
export function decodeImages(vae: GaussianVae, z: Float32Array): Float32Array[] {
  const m = z.length / 2;
  const mu = tf.tidy(() => vae.decode(tf.tensor2d(z, [m, 2])).mean);
  const data = mu.dataSync() as Float32Array;
  mu.dispose();
  const D = vae.inputDim;
  return Array.from({ length: m }, (_, i) => data.slice(i * D, (i + 1) * D));
}

/**
 * Riemannian and Euclidean random walks from the same start with the same increments. The Euclidean step is
 * `euclideanStep`; the Riemannian step size s is chosen so that its first step has the same mean Euclidean
 * size, s · mean_i λ_i^{−1/2} = euclideanStep with λ the eigenvalues of M at the start (the metric's overall
 * scale is arbitrary after the rescaling, so a fixed s would make the comparison depend on it).
 */
export function walks(
  metric: ExpectedMetric,
  start: [number, number],
  steps: number,
  euclideanStep: number,
  seed: number,
) {
  // From the metric's factor (the stacked Jacobian): accurate when M is nearly singular, where the entries of M
  // in float32 would set λ_min (and so the step size) by rounding.
  const { values } = metricEigen(metric, start, 1);
  const meanInvSqrt = 0.5 * (Math.max(values[0], 1e-30) ** -0.5 + Math.max(values[1], 1e-30) ** -0.5);
  const stepSize = euclideanStep / meanInvSqrt;
  const t0 = performance.now();
  const riemannian = randomWalk(metric, start, { steps, stepSize, seed });
  const seconds = (performance.now() - t0) / 1000;
  const euclidean = randomWalk(metric, start, { steps, stepSize: euclideanStep, seed, kind: 'euclidean' });
  return { riemannian, euclidean, seconds, stepSize, euclideanStep };
}

/** The latent mean closest to a target point. */
export function nearestMean(mu: Float32Array, target: [number, number]): [number, number] {
  let best = 0;
  let bestD = Number.POSITIVE_INFINITY;
  for (let i = 0; i < mu.length / 2; i++) {
    const dd = (mu[2 * i] - target[0]) ** 2 + (mu[2 * i + 1] - target[1]) ** 2;
    if (dd < bestD) {
      bestD = dd;
      best = i;
    }
  }
  return [mu[2 * best], mu[2 * best + 1]];
}
