import { EigenvalueDecomposition, Matrix, QrDecomposition } from 'ml-matrix';
import { normalFrom, seededUniform } from './random.js';

/**
 * Top-k principal component scores of the centred matrix X [n, D] by randomized subspace iteration
 * (Halko, Martinsson and Tropp): Y = X Ω for a Gaussian Ω [D, l] with l = k + oversampling, `powerIterations`
 * re-orthonormalised passes Y ← X (Xᵀ Y), then Rayleigh–Ritz on the l-dimensional range. O(n D l) per pass:
 * for 784-pixel images this takes milliseconds where a full SVD takes tens of seconds.
 * Returns scores [n, k] and the variance of each score column.
 */
export function randomizedPcaScores(
  x: Float64Array,
  n: number,
  D: number,
  k: number,
  seed: number,
  oversampling = 10,
  powerIterations = 7,
): { scores: Float64Array; variances: Float64Array } {
  const l = Math.min(k + oversampling, D, n);
  const normal = normalFrom(seededUniform(seed));
  const omega = Float64Array.from({ length: D * l }, () => normal());
  // Y = X Ω  [n, l]
  const times = (a: Float64Array, cols: number): Float64Array => {
    const out = new Float64Array(n * cols);
    for (let i = 0; i < n; i++) {
      const row = i * D;
      for (let r = 0; r < D; r++) {
        const v = x[row + r];
        if (v === 0) continue;
        const b = r * cols;
        for (let c = 0; c < cols; c++) out[i * cols + c] += v * a[b + c];
      }
    }
    return out;
  };
  // Xᵀ Y  [D, cols]
  const transposeTimes = (y: Float64Array, cols: number): Float64Array => {
    const out = new Float64Array(D * cols);
    for (let i = 0; i < n; i++) {
      const row = i * D;
      for (let r = 0; r < D; r++) {
        const v = x[row + r];
        if (v === 0) continue;
        for (let c = 0; c < cols; c++) out[r * cols + c] += v * y[i * cols + c];
      }
    }
    return out;
  };
  const orthonormal = (y: Float64Array): Float64Array => {
    const q = new QrDecomposition(Matrix.from1DArray(n, l, y)).orthogonalMatrix;
    return Float64Array.from(q.to1DArray());
  };
  let q = orthonormal(times(omega, l));
  for (let it = 0; it < powerIterations; it++) q = orthonormal(times(transposeTimes(q, l), l));
  // B = Qᵀ X [l, D]; B Bᵀ = Qᵀ X Xᵀ Q = Zᵀ Z with Z = Xᵀ Q [D, l].
  const z = transposeTimes(q, l);
  const gram = new Matrix(l, l);
  for (let a = 0; a < l; a++)
    for (let b = a; b < l; b++) {
      let s = 0;
      for (let r = 0; r < D; r++) s += z[r * l + a] * z[r * l + b];
      gram.set(a, b, s);
      gram.set(b, a, s);
    }
  const eig = new EigenvalueDecomposition(gram, { assumeSymmetric: true });
  const values = eig.realEigenvalues;
  const vectors = eig.eigenvectorMatrix;
  const order = Array.from({ length: l }, (_, i) => i).sort((a, b) => values[b] - values[a]);
  // Scores X V = Q U Σ; with B Bᵀ = U Σ² Uᵀ, Q U Σ = Q (B Bᵀ) U Σ⁻¹ = Q U Σ, i.e. column j is Σ_j (Q u_j).
  const scores = new Float64Array(n * k);
  const variances = new Float64Array(k);
  for (let j = 0; j < k; j++) {
    const col = order[j];
    const sigma = Math.sqrt(Math.max(values[col], 0));
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let a = 0; a < l; a++) s += q[i * l + a] * vectors.get(a, col);
      scores[i * k + j] = s * sigma;
    }
    variances[j] = values[col] / Math.max(n - 1, 1);
  }
  return { scores, variances };
}
