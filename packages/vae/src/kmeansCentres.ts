import { CurvInputError, Random } from '@curv/core';
import { kmeans } from 'ml-kmeans';

export interface KMeansCentresOptions {
  /** Independent k-means++ restarts; the one with the smallest inertia wins (default 10). */
  restarts?: number;
  /** Seed of the restarts (default 0). */
  seed?: number;
  /** Lloyd iterations per restart (default 300). */
  maxIterations?: number;
}

/** Centres and assignments of a k-means clustering. */
export interface KMeansCentres {
  k: number;
  d: number;
  /** Row-major [k, d]. */
  centres: Float64Array;
  /** Cluster of each point. */
  assignments: Int32Array;
  /** Σ squared distances to the assigned centres. */
  inertia: number;
}

/**
 * Euclidean k-means of row-major points [n, d] with seeded k-means++ restarts (ml-kmeans), keeping the run
 * of least inertia, as scikit-learn's `n_init` does.
 *
 * ```ts
 * const { centres } = kmeansCentres(latentMeans, 2, 64, { restarts: 10, seed: 0 });
 * ```
 */
export function kmeansCentres(
  points: ArrayLike<number>,
  d: number,
  k: number,
  options: KMeansCentresOptions = {},
): KMeansCentres {
  const n = Math.floor(points.length / d);
  if (!Number.isInteger(d) || d <= 0 || n * d !== points.length) {
    throw new CurvInputError(
      `points: expected a row-major [n, ${d}] array; got ${points.length} values`,
      'points',
    );
  }
  if (!Number.isInteger(k) || k < 1 || k > n) {
    throw new CurvInputError(`k: expected an integer in [1, ${n}] (number of points); got ${k}`, 'k');
  }
  const restarts = options.restarts ?? 10;
  if (!Number.isInteger(restarts) || restarts < 1) {
    throw new CurvInputError(`restarts: expected a positive integer; got ${restarts}`, 'restarts');
  }
  const rows: number[][] = [];
  for (let i = 0; i < n; i++) rows.push(Array.from({ length: d }, (_, j) => points[i * d + j]));
  const rng = new Random(options.seed ?? 0);
  let best: KMeansCentres | null = null;
  for (let r = 0; r < restarts; r++) {
    const res = kmeans(rows, k, {
      seed: rng.int(2 ** 31 - 1),
      initialization: 'kmeans++',
      maxIterations: options.maxIterations ?? 300,
    });
    const centres = new Float64Array(k * d);
    res.centroids.forEach((c, i) => {
      centres.set(c, i * d);
    });
    let inertia = 0;
    for (let i = 0; i < n; i++) {
      const c = res.clusters[i];
      for (let j = 0; j < d; j++) inertia += (rows[i][j] - centres[c * d + j]) ** 2;
    }
    if (!best || inertia < best.inertia) {
      best = { k, d, centres, assignments: Int32Array.from(res.clusters), inertia };
    }
  }
  return best!;
}
