import { CurvInputError } from '@curv/core';
import { distanceCorrelation, neighborhoodQuality, pointSet, tearing } from '@curv/manifold-learning';
import { metricDistortion, summarize } from './metricDistortion.js';

/** Which curvature functional a model was trained with. */
export type CurvatureFunctionalName = 'none' | 'R2' | 'F' | 'W';

/** Everything measured on one trained model, as plain arrays. */
export interface TrainedModelMeasurements {
  /** Display name, e.g. `W λ=0.01`. */
  name: string;
  functional: CurvatureFunctionalName;
  /** λ_curv (0 for 'none'). */
  lambda: number;
  latentType: 'torus' | 'euclidean';
  /** Latent codes of the evaluation points, row-major [n, 2] (torus: angles in (−π, π]). */
  latent: ArrayLike<number>;
  /** Pull-back metric at the latent codes, row-major [n, 4]. */
  metricAtData: ArrayLike<number>;
  /** Scalar curvature R at the latent codes [n]. */
  curvatureAtData: ArrayLike<number>;
  /** Scalar curvature R on a latent grid (any length). */
  curvatureOnGrid: ArrayLike<number>;
  /** Coefficient of determination of the reconstruction on the evaluation points. */
  reconstructionR2: number;
}

/** One row of the "nicer" table. */
export interface NicerRow {
  name: string;
  functional: CurvatureFunctionalName;
  lambda: number;
  latentType: 'torus' | 'euclidean';
  /** Trustworthiness and continuity against the ideal coordinates, one entry per k. */
  neighborhoods: { k: number; trustworthiness: number; continuity: number }[];
  /** Spearman correlation of latent vs ground-truth pairwise distances. */
  distanceSpearman: number;
  /** Fraction of ground-truth 10-NN pairs sent outside the nearest 5 % in the latent space. */
  tearing: number;
  conditionNumber: { median: number; p90: number };
  sqrtDet: { median: number; cv: number };
  meanR2AtData: number;
  meanR2OnGrid: number;
  reconstructionR2: number;
}

/** Options of {@link nicerTable}. */
export interface NicerTableOptions {
  /** Neighbourhood sizes (default [5, 10, 20]). */
  ks?: number[];
}

const meanSquare = (x: ArrayLike<number>) => {
  let s = 0;
  let m = 0;
  for (let i = 0; i < x.length; i++) {
    if (!Number.isFinite(x[i])) continue;
    s += x[i] * x[i];
    m++;
  }
  return m > 0 ? s / m : Number.NaN;
};

/**
 * The numbers that define a "nicer" latent space, for each trained model, against the ideal 2-D coordinates
 * of the same points (row-major [n, 2], e.g. {@link idealCoordinates}): neighbourhood preservation
 * (trustworthiness, continuity), global distance agreement (Spearman), tearing, metric distortion
 * (condition number and √det g at the data), mean R² at the data and on a grid, and reconstruction R².
 * Torus latents are compared with the flat-torus distance (period 2π).
 */
export function nicerTable(
  ideal: ArrayLike<number>,
  models: readonly TrainedModelMeasurements[],
  options: NicerTableOptions = {},
): NicerRow[] {
  const ks = options.ks ?? [5, 10, 20];
  const reference = pointSet(ideal, 2);
  const n = ideal.length / 2;
  return models.map((m) => {
    if (m.latent.length !== 2 * n || m.metricAtData.length !== 4 * n || m.curvatureAtData.length !== n) {
      throw new CurvInputError(
        `${m.name}: expected ${n} latent codes, metrics and curvatures (as many as ideal coordinates)`,
        m.name,
      );
    }
    const latent = pointSet(m.latent, 2, m.latentType === 'torus' ? 2 * Math.PI : undefined);
    const quality = neighborhoodQuality(reference, latent, { ks });
    const { conditionNumbers, sqrtDet } = metricDistortion(m.metricAtData);
    const cond = summarize(conditionNumbers);
    const vol = summarize(sqrtDet);
    return {
      name: m.name,
      functional: m.functional,
      lambda: m.lambda,
      latentType: m.latentType,
      neighborhoods: quality.map((q) => ({
        k: q.k,
        trustworthiness: q.trustworthiness,
        continuity: q.continuity,
      })),
      distanceSpearman: distanceCorrelation(reference, latent),
      tearing: tearing(reference, latent, { k: 10, far: 0.05 }),
      conditionNumber: { median: cond.median, p90: cond.p90 },
      sqrtDet: { median: vol.median, cv: vol.cv },
      meanR2AtData: meanSquare(m.curvatureAtData),
      meanR2OnGrid: meanSquare(m.curvatureOnGrid),
      reconstructionR2: m.reconstructionR2,
    };
  });
}
