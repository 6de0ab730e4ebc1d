import { PCA } from 'ml-pca';
import { ManifoldInputError } from './errors.js';
import { type PointSet, pointCount } from './pointSet.js';
import { randomizedPcaScores } from './randomizedPca.js';
import { fromRows, toRows } from './rows.js';

/** Options of {@link pca}. */
export interface PcaOptions {
  /** Number of components (default 2). */
  components?: number;
  /**
   * Divide every score column by its singular value, i.e. return the left singular vectors U of the centred
   * data (the "whitened" view); default false (scores in data units).
   */
  whiten?: boolean;
  /**
   * 'SVD' (ml-pca, exact SVD of the centred data; default up to 200 columns), 'randomized' (randomized
   * subspace iteration with 10 extra directions and 7 power passes; default above 200 columns, where a full
   * SVD of e.g. 784-pixel images takes tens of seconds), or ml-pca's 'NIPALS' / 'covarianceMatrix'.
   */
  method?: 'SVD' | 'randomized' | 'NIPALS' | 'covarianceMatrix';
  /** Seed of the random test matrix of the 'randomized' method (default 0). */
  seed?: number;
}

/** Result of {@link pca}. */
export interface PcaResult {
  /** Row-major [n, components] scores (centred data projected on the principal axes). */
  embedding: Float64Array;
  components: number;
  /** Fraction of the total variance explained by each returned component. */
  explainedVariance: number[];
}

/**
 * Principal component analysis of the points (centred, not scaled) by ml-pca. Each axis's sign is fixed so
 * that the score with the largest magnitude is positive, making the view reproducible.
 *
 * ```ts
 * const { embedding } = pca(pointSet(data, 784), { components: 2 }); // [n, 2]
 * ```
 */
export function pca(points: PointSet, options: PcaOptions = {}): PcaResult {
  const n = pointCount(points, 'pca: points');
  const k = options.components ?? 2;
  if (!Number.isInteger(k) || k < 1 || k > points.dim || k > n) {
    throw new ManifoldInputError(
      `pca: components = ${k}; expected an integer between 1 and min(dim, n) = ${Math.min(points.dim, n)}`,
      'pca: components',
    );
  }
  const method = options.method ?? (points.dim > 200 ? 'randomized' : 'SVD');
  let scores: Float64Array;
  let explained: number[];
  if (method === 'randomized') {
    const D = points.dim;
    const x = Float64Array.from(points.data);
    let total = 0;
    for (let c = 0; c < D; c++) {
      let m = 0;
      for (let i = 0; i < n; i++) m += x[i * D + c];
      m /= n;
      for (let i = 0; i < n; i++) {
        x[i * D + c] -= m;
        total += x[i * D + c] ** 2;
      }
    }
    const r = randomizedPcaScores(x, n, D, k, options.seed ?? 0);
    scores = r.scores;
    explained = Array.from(r.variances, (v) => (v * Math.max(n - 1, 1)) / total);
  } else {
    const model = new PCA(toRows(points), {
      method,
      center: true,
      scale: false,
      ...(method === 'NIPALS' ? { nCompNIPALS: k } : {}),
    });
    scores = fromRows(model.predict(toRows(points), { nComponents: k }).to2DArray(), k);
    explained = model.getExplainedVariance().slice(0, k);
  }
  for (let c = 0; c < k; c++) {
    let big = 0;
    let sumSq = 0;
    for (let i = 0; i < n; i++) {
      const v = scores[i * k + c];
      if (Math.abs(v) > Math.abs(big)) big = v;
      sumSq += v * v;
    }
    const scale = (big < 0 ? -1 : 1) / (options.whiten && sumSq > 0 ? Math.sqrt(sumSq) : 1);
    for (let i = 0; i < n; i++) scores[i * k + c] *= scale;
  }
  return { embedding: scores, components: k, explainedVariance: explained };
}
