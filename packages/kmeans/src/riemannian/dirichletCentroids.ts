import type { Random } from '@curv/core';

/**
 * Initial centroids: for each k, weights w ~ Dirichlet(1, …, 1) over the N points
 * and c_k = Σ_i w_i x_i — a convex combination in the chart, ignoring periodicity (kept as in the
 * original). `x` is row-major N×d; returns K×d row-major. Draws K·N exponentials from `rng`.
 */
export function dirichletCentroids(
  x: ArrayLike<number>,
  N: number,
  d: number,
  K: number,
  rng: Random,
): Float64Array {
  const c = new Float64Array(K * d);
  for (let k = 0; k < K; k++) {
    const w = rng.dirichlet(N);
    for (let i = 0; i < N; i++) for (let m = 0; m < d; m++) c[k * d + m] += w[i] * x[i * d + m];
  }
  return c;
}
