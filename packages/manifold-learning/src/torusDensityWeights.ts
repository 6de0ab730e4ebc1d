import { ManifoldInputError } from './errors.js';
import { type PointSet, pointCount } from './pointSet.js';

/** Options of {@link torusDensityWeights}. */
export interface TorusDensityWeightsOptions {
  /**
   * Concentration κ of the von Mises kernel exp(κ cos Δ) in every coordinate (≈ 1/bandwidth²). Default: the
   * normal-reference rule h = 1.06 σ̂ n^(−1/5) with σ̂ the mean circular standard deviation of the
   * coordinates, κ = 1/h².
   */
  kappa?: number;
}

/**
 * Importance weights that turn samples of an unknown density p on the torus [−π, π)^d into a uniform
 * Monte-Carlo measure: w_i ∝ 1/p̂(φ_i), with p̂ a von Mises kernel density estimate, normalised to
 * mean 1 (the kernel sum includes the point itself, which bounds every weight). Then Σ w_i h(φ_i) / Σ w_i estimates the uniform average of h — what a curvature functional's
 * Monte-Carlo estimate assumes when it is evaluated at a batch of encodings. O(n² d).
 *
 * ```ts
 * const w = torusDensityWeights(pointSet(angles, 2, 2 * Math.PI)); // mean 1
 * ```
 */
export function torusDensityWeights(
  points: PointSet,
  options: TorusDensityWeightsOptions = {},
): Float64Array {
  const n = pointCount(points, 'torusDensityWeights: points');
  if (n < 2)
    throw new ManifoldInputError('torusDensityWeights: needs at least 2 points', 'torusDensityWeights');
  const { data, dim } = points;
  let kappa = options.kappa;
  if (kappa === undefined) {
    let sigma = 0;
    for (let c = 0; c < dim; c++) {
      let sc = 0;
      let ss = 0;
      for (let i = 0; i < n; i++) {
        sc += Math.cos(data[i * dim + c]);
        ss += Math.sin(data[i * dim + c]);
      }
      const rbar = Math.min(Math.hypot(sc, ss) / n, 1 - 1e-12);
      sigma += Math.sqrt(-2 * Math.log(rbar)) / dim;
    }
    const h = 1.06 * Math.min(sigma, Math.PI) * n ** -0.2;
    kappa = 1 / (h * h);
  }
  if (!(kappa > 0 && Number.isFinite(kappa))) {
    throw new ManifoldInputError(
      `torusDensityWeights: kappa = ${kappa}; expected a positive number`,
      'kappa',
    );
  }
  // Kernel exp(κ(cos Δ − 1)) per coordinate: the constant factor cancels in the normalisation.
  // The point's own kernel (value 1) is included: an isolated sample then gets a bounded weight instead of an
  // infinite one (a leave-one-out estimate lets one outlier dominate the whole estimate).
  const density = new Float64Array(n).fill(1);
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let e = 0;
      for (let c = 0; c < dim; c++) e += Math.cos(data[i * dim + c] - data[j * dim + c]) - 1;
      const k = Math.exp(kappa * e);
      density[i] += k;
      density[j] += k;
    }
  }
  const w = new Float64Array(n);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    w[i] = 1 / density[i];
    sum += w[i];
  }
  for (let i = 0; i < n; i++) w[i] *= n / sum;
  return w;
}
