import { CurvInputError, Random } from '@curv/core';
import { type PointsLike, requireInt, requirePositive, toFlatPoints } from '../internal/validate.js';
import { torusDistance, wrapAngle } from '../torus/periodic.js';
import { circularFrechetMean } from './circularFrechetMean.js';

/** Options of {@link flatTorusKMeans}. */
export interface FlatTorusKMeansOptions {
  /** Seed of the initialisation and re-seeding (the original was unseeded). Default 0. */
  seed?: number;
  /** Stop when the mean centre displacement (torus distance) is < tol (default 1e-3). */
  tol?: number;
  /** Maximum Lloyd iterations (default 100). */
  maxIter?: number;
  /** Latent dimension d when `points` is a flat array (default 2). */
  dim?: number;
  /**
   * Number of seeded restarts (seeds seed, seed+1, …); the run with the smallest inertia is kept,
   * as scikit-learn's `n_init`. Default 1 (the original: a single run).
   */
  nInit?: number;
}

/** Result of {@link flatTorusKMeans}. */
export interface FlatTorusKMeansResult {
  /** Cluster of each point (0..K−1), length N. */
  labels: Int32Array;
  /** K×d centres in [−π, π)^d, row-major. */
  centers: Float64Array;
  /** Σ_i d(x_i, centre of i)² with the torus distance. */
  inertia: number;
  iterations: number;
  converged: boolean;
  /** Seed of the kept run. */
  seed: number;
}

function assign(
  x: Float64Array,
  n: number,
  centers: Float64Array,
  K: number,
  d: number,
  labels: Int32Array,
): number {
  let inertia = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Number.POSITIVE_INFINITY;
    for (let k = 0; k < K; k++) {
      const dist = torusDistance(x, i, centers, k, d);
      if (dist < bestD) {
        bestD = dist;
        best = k;
      }
    }
    labels[i] = best;
    inertia += bestD * bestD;
  }
  return inertia;
}

function singleRun(
  x: Float64Array,
  n: number,
  d: number,
  K: number,
  seed: number,
  tol: number,
  maxIter: number,
) {
  const rng = new Random(seed);
  const centers = new Float64Array(K * d);
  // geomstats init="random": K data points drawn uniformly with replacement.
  for (let k = 0; k < K; k++) {
    const j = rng.int(n);
    for (let c = 0; c < d; c++) centers[k * d + c] = wrapAngle(x[j * d + c]);
  }
  const labels = new Int32Array(n);
  let iterations = 0;
  let converged = false;
  const members: number[][] = Array.from({ length: K }, () => []);
  while (iterations < maxIter) {
    iterations++;
    assign(x, n, centers, K, d, labels);
    for (const m of members) m.length = 0;
    for (let i = 0; i < n; i++) members[labels[i]].push(i);
    const next = new Float64Array(K * d);
    for (let k = 0; k < K; k++) {
      if (members[k].length === 0) {
        const j = rng.int(n); // empty cluster: re-seed at a random data point
        for (let c = 0; c < d; c++) next[k * d + c] = wrapAngle(x[j * d + c]);
      } else {
        next.set(circularFrechetMean(x, members[k], d), k * d);
      }
    }
    let shift = 0;
    for (let k = 0; k < K; k++) shift += torusDistance(centers, k, next, k, d);
    centers.set(next);
    if (shift / K < tol) {
      converged = true;
      break;
    }
  }
  const inertia = assign(x, n, centers, K, d, labels);
  return { labels, centers, inertia, iterations, converged, seed };
}

/**
 * `flatTorusKMeans(points, K, options)` — K-means on the flat torus (S¹)^d (the Euclidean
 * baseline): distance √(Σ_m δ_m²), δ_m = periodic absolute difference ∈ [0, π]; seeded random init
 * (K data points with replacement); Lloyd iterations alternating nearest-centre assignment
 * (ties → lowest centre index) and per-cluster circular Fréchet means ({@link circularFrechetMean});
 * empty clusters are re-seeded at a random data point; stop when the mean centre displacement is
 * < tol or after maxIter iterations; labels are the final assignment.
 *
 * ```ts
 * flatTorusKMeans([[3.1, 0], [-3.1, 0], [0, 0.1], [0, -0.1]], 2, { seed: 1 }).labels; // e.g. [0, 0, 1, 1]
 * ```
 */
export function flatTorusKMeans(
  points: PointsLike,
  K: number,
  options: FlatTorusKMeansOptions = {},
): FlatTorusKMeansResult {
  const d = requireInt(options.dim ?? 2, 'dim', 1);
  const { data: x, n } = toFlatPoints(points, d, 'points');
  requireInt(K, 'K', 1);
  if (n < 1) throw new CurvInputError('points: expected at least one point', 'points');
  const tol = requirePositive(options.tol ?? 1e-3, 'tol', true);
  const maxIter = requireInt(options.maxIter ?? 100, 'maxIter', 1);
  const nInit = requireInt(options.nInit ?? 1, 'nInit', 1);
  const seed = options.seed ?? 0;
  if (!Number.isFinite(seed)) throw new CurvInputError(`seed: expected a finite number, got ${seed}`, 'seed');
  let best: FlatTorusKMeansResult | null = null;
  for (let r = 0; r < nInit; r++) {
    const run = singleRun(x, n, d, K, seed + r, tol, maxIter);
    if (best === null || run.inertia < best.inertia) best = run;
  }
  return best!;
}
