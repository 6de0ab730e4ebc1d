import { CurvInputError, Random } from '@curv/core';
import { metricEigen } from './metricEigen.js';
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
 * A random walk in the latent space. Riemannian: each step is s·U L^{−1/2} ε with ε ~ N(0, I) and
 * M(z) = U L Uᵀ at the current point (eigenvalues in decreasing order, ε_k along the k-th), i.e. a sample of
 * N(0, s² M(z)⁻¹) — short steps where the metric is large (away from the data under an expected metric), so the
 * walk stays on the data. Euclidean: s·ε. The decomposition comes from {@link metricEigen}: accurate even for a
 * nearly singular M when the metric offers a factor (`metricFactor`, as `ExpectedMetric` does).
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
    const eig = kind === 'riemannian' ? metricEigen(metric, z, walkers) : null;
    for (let w = 0; w < walkers; w++) {
      for (let i = 0; i < d; i++) eps[i] = rng.normal();
      if (eig === null) {
        for (let i = 0; i < d; i++) v[i] = eps[i];
      } else {
        const L = eig.values.subarray(w * d, (w + 1) * d);
        const U = eig.vectors.subarray(w * d * d, (w + 1) * d * d);
        for (let i = 0; i < d; i++) {
          let acc = 0;
          for (let k = 0; k < d; k++) acc += (U[i * d + k] * eps[k]) / Math.sqrt(Math.max(L[k], 1e-30));
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
