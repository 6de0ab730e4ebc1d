import {
  type CompareCurvatureOptions,
  type CurvatureComparison,
  compareCurvature,
} from './compareCurvature.js';
import {
  type DiffusionCurvature,
  type DiffusionCurvatureResult,
  diffusionCurvature,
} from './diffusionCurvature.js';
import type { PointCloud } from './input.js';

export interface CurvatureAgreement extends CurvatureComparison {
  /** The diffusion-curvature run behind the comparison. */
  result: DiffusionCurvatureResult;
}

/**
 * Diffusion curvature of a point cloud compared with exact curvature values at the same points
 * (e.g. Gaussian curvature of a toy surface, or R/2 of a decoder's image): Pearson, Spearman and sign
 * agreement. `estimator` defaults to `diffusionCurvature()` with its defaults.
 *
 * ```ts
 * const t = torus(2000, { seed: 1 });
 * curvatureAgreement(t.points, t.gaussianCurvature, 2).pearson; // ≈ 0.9
 * ```
 */
export function curvatureAgreement(
  points: PointCloud,
  exact: ArrayLike<number>,
  dim: number | ArrayLike<number>,
  estimator: DiffusionCurvature = diffusionCurvature(),
  options: CompareCurvatureOptions = {},
): CurvatureAgreement {
  const result = estimator(points, dim);
  const truth = Float64Array.from(result.indices, (i) => exact[i]);
  return { ...compareCurvature(result.k, truth, options), result };
}
