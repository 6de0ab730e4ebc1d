import { pearson, spearman } from '@curv/stats';

export interface CurvatureComparison {
  /** Pearson correlation between estimate and exact curvature. */
  pearson: number;
  /** Spearman rank correlation. */
  spearman: number;
  /** Fraction of points (with |exact| > `signThreshold`) where the signs agree. */
  signAgreement: number;
  /** Points counted in `signAgreement`. */
  signCount: number;
  /** Points compared. */
  n: number;
}

export interface CompareCurvatureOptions {
  /** Exact values with |K| ≤ this are left out of the sign agreement (default 0.05). */
  signThreshold?: number;
}

/**
 * Compares estimated curvature with exact values (e.g. a toy manifold's Gaussian curvature, or the
 * exact R/2 of a decoder's image): Pearson, Spearman and sign agreement.
 *
 * ```ts
 * compareCurvature([1, -1, 0.5], [0.3, -1, 0.2]); // { pearson: 0.97…, spearman: 1, signAgreement: 1, … }
 * ```
 */
export function compareCurvature(
  estimate: ArrayLike<number>,
  exact: ArrayLike<number>,
  options: CompareCurvatureOptions = {},
): CurvatureComparison {
  if (estimate.length !== exact.length) {
    throw new Error(`compareCurvature: ${estimate.length} estimates for ${exact.length} exact values`);
  }
  const thr = options.signThreshold ?? 0.05;
  let agree = 0;
  let count = 0;
  for (let i = 0; i < exact.length; i++) {
    if (Math.abs(exact[i]) <= thr) continue;
    count++;
    if (Math.sign(estimate[i]) === Math.sign(exact[i])) agree++;
  }
  return {
    pearson: pearson(estimate, exact),
    spearman: spearman(estimate, exact),
    signAgreement: count ? agree / count : Number.NaN,
    signCount: count,
    n: exact.length,
  };
}
