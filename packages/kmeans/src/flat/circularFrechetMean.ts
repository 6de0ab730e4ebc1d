import { wrapAngle } from '../torus/periodic.js';

/** Options of {@link circularFrechetMean}. */
export interface CircularFrechetMeanOptions {
  /** Maximum gradient-descent iterations (default 100). */
  maxIter?: number;
  /** Stop when the squared norm of the mean logarithm is ≤ epsilon·d (default 1e-4, as geomstats). */
  epsilon?: number;
}

/**
 * Fréchet mean on the flat torus (S¹)^d of the rows `indices` of `points` (row-major, `d` columns),
 * by gradient descent as geomstats does for products of circles: start at the first
 * member, step 1; at each iteration the logarithms log_μ(x_i) = wrap(x_i − μ) ∈ [−π, π)^d are averaged,
 * μ ← wrap(μ + step·mean log); the step is halved whenever the squared norm of the mean log
 * increases; stop when that squared norm is ≤ epsilon·d, when the variance is ≈ 0, or after maxIter
 * iterations. Returns μ ∈ [−π, π)^d (a local minimiser of Σ_i d(μ, x_i)²).
 */
export function circularFrechetMean(
  points: ArrayLike<number>,
  indices: ArrayLike<number>,
  d: number,
  options: CircularFrechetMeanOptions = {},
): Float64Array {
  const maxIter = options.maxIter ?? 100;
  const epsilon = options.epsilon ?? 1e-4;
  const m = indices.length;
  const mu = new Float64Array(d);
  if (m === 0) return mu.fill(Number.NaN);
  for (let c = 0; c < d; c++) mu[c] = wrapAngle(points[indices[0] * d + c]);
  const meanLog = new Float64Array(d);
  let step = 1;
  let prevSq = Number.POSITIVE_INFINITY;
  for (let it = 0; it < maxIter; it++) {
    meanLog.fill(0);
    let variance = 0;
    for (let j = 0; j < m; j++) {
      for (let c = 0; c < d; c++) {
        const l = wrapAngle(points[indices[j] * d + c] - mu[c]);
        meanLog[c] += l;
        variance += l * l;
      }
    }
    variance /= m;
    let sq = 0;
    for (let c = 0; c < d; c++) {
      meanLog[c] /= m;
      sq += meanLog[c] * meanLog[c];
    }
    if (variance < 1e-14 || sq <= epsilon * d) break;
    if (sq > prevSq) step /= 2;
    prevSq = sq;
    for (let c = 0; c < d; c++) mu[c] = wrapAngle(mu[c] + step * meanLog[c]);
  }
  return mu;
}
