import { CurvInputError } from '@curv/core';

/** Per-centre widths of an RBF layer. */
export interface RbfBandwidths {
  /** σ_k = a · s_k with s_k² the smallest per-axis variance of cluster k. */
  sigma: Float64Array;
  /** γ_k = 1 / (2 σ_k²), the coefficient in v_k(z) = exp(−γ_k ‖z − c_k‖²). */
  gamma: Float64Array;
}

/**
 * Bandwidths of RBF kernels centred on k-means clusters: s_k² = min_j (1/|C_k|) Σ_{z ∈ C_k} (z_j − c_kj)², the
 * smallest per-axis spread of cluster k, σ_k = a·s_k (a > 1 smooths the metric), γ_k = ½ / σ_k². Clusters with
 * fewer than two points or zero spread take the median s_k² of the others.
 *
 * ```ts
 * rbfBandwidths(points, 2, centres, assignments, 1.25).gamma; // 8 for per-axis variances (0.04, 0.09)
 * ```
 */
export function rbfBandwidths(
  points: ArrayLike<number>,
  d: number,
  centres: ArrayLike<number>,
  assignments: ArrayLike<number>,
  a = 1.25,
): RbfBandwidths {
  if (!(a > 0)) throw new CurvInputError(`a: expected a positive bandwidth factor; got ${a}`, 'a');
  const k = Math.floor(centres.length / d);
  const n = assignments.length;
  if (points.length !== n * d) {
    throw new CurvInputError(
      `points: expected ${n}·${d} values (one row per assignment); got ${points.length}`,
      'points',
    );
  }
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    const c = assignments[i];
    if (!(c >= 0 && c < k))
      throw new CurvInputError(`assignments[${i}] = ${c}: expected a cluster in [0, ${k})`, 'assignments');
    counts[c]++;
    for (let j = 0; j < d; j++) sums[c * d + j] += (points[i * d + j] - centres[c * d + j]) ** 2;
  }
  const s2 = new Float64Array(k).fill(Number.NaN);
  for (let c = 0; c < k; c++) {
    if (counts[c] < 2) continue;
    let m = Number.POSITIVE_INFINITY;
    for (let j = 0; j < d; j++) m = Math.min(m, sums[c * d + j] / counts[c]);
    if (m > 0) s2[c] = m;
  }
  const valid = Array.from(s2)
    .filter(Number.isFinite)
    .sort((x, y) => x - y);
  if (valid.length === 0)
    throw new CurvInputError(
      'centres: no cluster has two distinct points to estimate a bandwidth',
      'centres',
    );
  const median = valid[valid.length >> 1];
  const sigma = new Float64Array(k);
  const gamma = new Float64Array(k);
  for (let c = 0; c < k; c++) {
    const v = Number.isFinite(s2[c]) ? s2[c] : median;
    sigma[c] = a * Math.sqrt(v);
    gamma[c] = 0.5 / sigma[c] ** 2;
  }
  return { sigma, gamma };
}
