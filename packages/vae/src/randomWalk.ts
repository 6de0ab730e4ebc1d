import { CurvInputError, Random } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import type { RiemannianMetric } from './riemannianMetric.js';

/** Options of {@link randomWalk}. */
export interface RandomWalkOptions {
  /** Number of steps (default 10 000). */
  steps?: number;
  /** Step size s (default 0.2). */
  stepSize?: number;
  /** Seed of the normal increments (default 0). */
  seed?: number;
  /** 'riemannian' (default): z ← z + s·U L^{−1/2} ε with M(z) = U L Uᵀ; 'euclidean': z ← z + s·ε. */
  kind?: 'riemannian' | 'euclidean';
  /** Independent walkers advanced together (one batched metric evaluation per step; default 1). */
  walkers?: number;
}

/**
 * Eigen-decomposition of a symmetric 2×2 matrix [[a, b], [b, c]] in closed form: eigenvalues (l₀ ≥ l₁) and
 * unit eigenvectors as the columns of U (row-major [u00, u01, u10, u11]).
 */
export function symmetricEigen2(
  a: number,
  b: number,
  c: number,
): { values: [number, number]; vectors: [number, number, number, number] } {
  const mean = 0.5 * (a + c);
  const r = Math.hypot(0.5 * (a - c), b);
  const l0 = mean + r;
  const l1 = mean - r;
  if (r === 0) return { values: [l0, l1], vectors: [1, 0, 0, 1] };
  // Eigenvector of l0: (b, l0 − a) or (l0 − c, b), whichever is better conditioned.
  let x = b;
  let y = l0 - a;
  if (Math.abs(l0 - c) > Math.abs(y)) {
    x = l0 - c;
    y = b;
  }
  const nrm = Math.hypot(x, y);
  x /= nrm;
  y /= nrm;
  return { values: [l0, l1], vectors: [x, -y, y, x] };
}

/** Symmetric eigen-decomposition by cyclic Jacobi rotations (row-major d×d; columns of U are eigenvectors). */
export function symmetricEigen(
  m: ArrayLike<number>,
  d: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const u = new Float64Array(d * d);
  for (let i = 0; i < d; i++) u[i * d + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < d; k++) {
          const akp = a[k * d + p];
          const akq = a[k * d + q];
          a[k * d + p] = c * akp - s * akq;
          a[k * d + q] = s * akp + c * akq;
        }
        for (let k = 0; k < d; k++) {
          const apk = a[p * d + k];
          const aqk = a[q * d + k];
          a[p * d + k] = c * apk - s * aqk;
          a[q * d + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < d; k++) {
          const ukp = u[k * d + p];
          const ukq = u[k * d + q];
          u[k * d + p] = c * ukp - s * ukq;
          u[k * d + q] = s * ukp + c * ukq;
        }
      }
    }
  }
  return { values: Float64Array.from({ length: d }, (_, i) => a[i * d + i]), vectors: u };
}

/**
 * A random walk in the latent space. Riemannian: each step is s·U L^{−1/2} ε with ε ~ N(0, I) and
 * M(z) = U L Uᵀ at the current point, i.e. a sample of N(0, s² M(z)⁻¹) — short steps where the metric is
 * large (away from the data under an expected metric), so the walk stays on the data. Euclidean: s·ε.
 * Returns the positions of every walker, row-major [walkers, steps + 1, d].
 *
 * ```ts
 * randomWalk(metric, [0, 0], { steps: 1000, stepSize: 0.2 });
 * ```
 */
export function randomWalk(
  metric: RiemannianMetric,
  start: readonly number[],
  options: RandomWalkOptions = {},
): Float64Array {
  const d = metric.dim;
  if (start.length !== d || !start.every(Number.isFinite)) {
    throw new CurvInputError(`start: expected ${d} finite coordinates; got [${start}]`, 'start');
  }
  const steps = options.steps ?? 10000;
  const s = options.stepSize ?? 0.2;
  const walkers = options.walkers ?? 1;
  const kind = options.kind ?? 'riemannian';
  if (!Number.isInteger(steps) || steps < 0)
    throw new CurvInputError(`steps: expected an integer ≥ 0; got ${steps}`, 'steps');
  if (!Number.isInteger(walkers) || walkers < 1)
    throw new CurvInputError(`walkers: expected a positive integer; got ${walkers}`, 'walkers');
  if (!(s > 0)) throw new CurvInputError(`stepSize: expected > 0; got ${s}`, 'stepSize');
  if (kind !== 'riemannian' && kind !== 'euclidean') {
    throw new CurvInputError(`kind: expected 'riemannian' or 'euclidean'; got ${kind}`, 'kind');
  }
  const rng = new Random(options.seed ?? 0);
  const out = new Float64Array(walkers * (steps + 1) * d);
  const z = new Float64Array(walkers * d);
  for (let w = 0; w < walkers; w++) {
    z.set(start, w * d);
    out.set(start, w * (steps + 1) * d);
  }
  const eps = new Float64Array(d);
  const v = new Float64Array(d);
  for (let t = 1; t <= steps; t++) {
    let g: Float32Array | null = null;
    if (kind === 'riemannian') {
      const G = tf.tidy(() => metric.metricMatrix(tf.tensor2d(Float32Array.from(z), [walkers, d])));
      g = G.dataSync() as Float32Array;
      G.dispose();
    }
    for (let w = 0; w < walkers; w++) {
      for (let i = 0; i < d; i++) eps[i] = rng.normal();
      if (g === null) {
        for (let i = 0; i < d; i++) v[i] = eps[i];
      } else if (d === 2) {
        const o = w * 4;
        const { values, vectors: U } = symmetricEigen2(g[o], 0.5 * (g[o + 1] + g[o + 2]), g[o + 3]);
        const a0 = eps[0] / Math.sqrt(Math.max(values[0], 1e-30));
        const a1 = eps[1] / Math.sqrt(Math.max(values[1], 1e-30));
        v[0] = U[0] * a0 + U[1] * a1;
        v[1] = U[2] * a0 + U[3] * a1;
      } else {
        const { values, vectors: U } = symmetricEigen(g.subarray(w * d * d, (w + 1) * d * d), d);
        for (let i = 0; i < d; i++) {
          let acc = 0;
          for (let k = 0; k < d; k++) acc += (U[i * d + k] * eps[k]) / Math.sqrt(Math.max(values[k], 1e-30));
          v[i] = acc;
        }
      }
      for (let i = 0; i < d; i++) {
        z[w * d + i] += s * v[i];
        out[(w * (steps + 1) + t) * d + i] = z[w * d + i];
      }
    }
  }
  return out;
}
