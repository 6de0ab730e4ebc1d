import { CurvInputError, type Random } from '@curv/core';
import { type Dataset, makeDataset } from './dataset.js';

export interface SyntheticOptions {
  /** Number of classes. */
  k: number;
  /** Points **per class**. */
  n: number;
  /** Intrinsic dimension of each class plane. */
  d: number;
  /** Ambient dimension. */
  D: number;
  /** Class i has mean `shiftClass·(i+1)·(1,…,1)` inside its plane. */
  shiftClass: number;
  /** Standard deviation (despite the name) of the per-class ambient shift c_i ~ N(0, σ²I_D). */
  interclassVariance: number;
  /** Variance σ² of the in-plane Gaussian samples. */
  varianceOfClasses: number;
}

/**
 * Orthonormal basis (D×d, row-major) of the column span of a D×d matrix: reduced QR's Q factor by
 * modified Gram–Schmidt in float64 (column signs may differ from LAPACK's; irrelevant for the
 * rotation-invariant class distributions).
 */
export function orthonormalColumns(a: Float64Array, D: number, d: number): Float64Array {
  const q = Float64Array.from(a);
  for (let j = 0; j < d; j++) {
    for (let p = 0; p < j; p++) {
      let dot = 0;
      for (let r = 0; r < D; r++) dot += q[r * d + p] * q[r * d + j];
      for (let r = 0; r < D; r++) q[r * d + j] -= dot * q[r * d + p];
    }
    let norm = 0;
    for (let r = 0; r < D; r++) norm += q[r * d + j] ** 2;
    norm = Math.sqrt(norm);
    if (norm < 1e-12) throw new Error('orthonormalColumns: matrix is rank deficient');
    for (let r = 0; r < D; r++) q[r * d + j] /= norm;
  }
  return q;
}

function positiveInt(v: number, key: string): void {
  if (!Number.isInteger(v) || v <= 0) {
    throw new CurvInputError(`dataset.${key}: expected a positive integer, got ${v}`, key);
  }
}

/**
 * Synthetic Gaussians: k random d-planes in R^D (Q factors of U[0,1) D×d matrices, all
 * drawn first), then per class n points x = Q_i s + c_i with s ~ N(μ_i, σ²I_d),
 * μ_i = shiftClass·(i+1)·1, σ² = varianceOfClasses and c_i = interclassVariance·N(0, I_D).
 * Labels 0, 1, …, k−1 in class order; k·n points. `intrinsic` holds each sample's in-plane coordinates s
 * (the ideal d-dimensional representation: all classes realigned on one plane, without distortion; within a
 * class, distances between samples equal distances between their s).
 */
export function syntheticGaussians(options: SyntheticOptions, rng: Random): Dataset {
  const { k, n, d, D, shiftClass, interclassVariance, varianceOfClasses } = options;
  positiveInt(k, 'k');
  positiveInt(n, 'n');
  positiveInt(d, 'd');
  positiveInt(D, 'D');
  if (d > D) throw new CurvInputError(`dataset.d: intrinsic dimension ${d} exceeds D = ${D}`, 'd');
  if (!(varianceOfClasses >= 0)) {
    throw new CurvInputError(
      `dataset.variance_of_classes: expected ≥ 0, got ${varianceOfClasses}`,
      'variance_of_classes',
    );
  }
  const bases: Float64Array[] = [];
  for (let i = 0; i < k; i++) {
    const a = new Float64Array(D * d);
    for (let t = 0; t < a.length; t++) a[t] = rng.uniform();
    bases.push(orthonormalColumns(a, D, d));
  }
  const sigma = Math.sqrt(varianceOfClasses);
  const data = new Float32Array(k * n * D);
  const labels = new Float32Array(k * n);
  const intrinsic = new Float32Array(k * n * d);
  const s = new Float64Array(d);
  const c = new Float64Array(D);
  for (let i = 0; i < k; i++) {
    const q = bases[i];
    const mu = shiftClass * (i + 1);
    const rows = new Float64Array(n * d);
    for (let t = 0; t < rows.length; t++) rows[t] = mu + sigma * rng.normal();
    for (let r = 0; r < D; r++) c[r] = interclassVariance * rng.normal();
    for (let p = 0; p < n; p++) {
      const row = (i * n + p) * D;
      for (let j = 0; j < d; j++) s[j] = rows[p * d + j];
      for (let j = 0; j < d; j++) intrinsic[(i * n + p) * d + j] = s[j];
      for (let r = 0; r < D; r++) {
        let v = c[r];
        for (let j = 0; j < d; j++) v += q[r * d + j] * s[j];
        data[row + r] = v;
      }
      labels[i * n + p] = i;
    }
  }
  return makeDataset('Synthetic', data, k * n, D, labels, {
    discreteLabels: true,
    intrinsic: { data: intrinsic, dim: d, names: Array.from({ length: d }, (_, j) => `s${j + 1}`) },
  });
}
