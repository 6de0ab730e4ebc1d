import { EigenvalueDecomposition, Matrix, solve } from 'ml-matrix';
import { ManifoldInputError } from './errors.js';
import { neighborRow, neighborRowBuffers } from './neighborRows.js';
import { type PointSet, pointCount } from './pointSet.js';
import { normalFrom, seededUniform } from './random.js';

/** Options of {@link lle}. */
export interface LleOptions {
  /** Neighbours per point k (default 10). */
  neighbors?: number;
  /** Embedding dimension (default 2). */
  components?: number;
  /**
   * Regularisation of the local Gram matrix: C + reg · tr(C) · I (default 1e-3), needed whenever k exceeds the
   * data dimension (C is then singular).
   */
  regularization?: number;
  /** Seed of the random start block of the eigensolver (default 0). */
  seed?: number;
  /** Largest number of inverse-iteration sweeps (default 300). */
  maxIterations?: number;
  /** Convergence: relative residual ‖Mv − θv‖ / ‖M‖∞ of every returned vector (default 1e-10). */
  tolerance?: number;
}

/** Result of {@link lle}. */
export interface LleResult {
  /** Row-major [n, components]: the bottom non-constant eigenvectors of (I − W)ᵀ(I − W), unit norm. */
  embedding: Float64Array;
  components: number;
  /** The eigenvalues of those vectors (the embedding cost of each coordinate, ascending). */
  eigenvalues: number[];
  /** Inverse-iteration sweeps used. */
  iterations: number;
}

/**
 * Locally linear embedding (Roweis & Saul): each point is written as an affine combination of its k nearest
 * neighbours (weights from the regularised local Gram matrix, summing to 1), and the embedding is the set of
 * coordinates best reproduced by the same weights, i.e. the eigenvectors of M = (I − W)ᵀ(I − W) with the
 * smallest eigenvalues after the constant vector (eigenvalue 0). Flat data embedded linearly are recovered up to
 * an affine map. Each axis's sign is fixed so that its largest-magnitude entry is positive.
 *
 * The eigenvectors come from shift-and-invert block iteration: one Cholesky factorisation of M + σI (σ tiny),
 * then repeated solves on a block of `components + 5` vectors kept orthogonal to the constant vector, and a
 * Rayleigh–Ritz step (ml-matrix's symmetric eigensolver on the small block). This costs n³/3 flops once instead
 * of a full dense eigendecomposition of M (about 10 n³), i.e. seconds rather than minutes at n = 2000; the
 * factorisation is written here on flat arrays because ml-matrix's element accessors make it several times
 * slower at that size.
 *
 * ```ts
 * const { embedding } = lle(pointSet(data, 3), { neighbors: 12 }); // [n, 2]
 * ```
 */
export function lle(points: PointSet, options: LleOptions = {}): LleResult {
  const n = pointCount(points, 'lle: points');
  if (points.period !== undefined) {
    throw new ManifoldInputError(
      'lle: periodic point sets are not supported (Euclidean data only)',
      'lle: points',
    );
  }
  const k = options.neighbors ?? 10;
  const d = options.components ?? 2;
  const reg = options.regularization ?? 1e-3;
  if (!Number.isInteger(d) || d < 1) {
    throw new ManifoldInputError(`lle: components = ${d}; expected a positive integer`, 'lle: components');
  }
  if (!Number.isInteger(k) || k <= d || k >= n) {
    throw new ManifoldInputError(
      `lle: neighbors = ${k}; expected an integer with components < k < n = ${n}`,
      'lle: neighbors',
    );
  }
  if (!(reg >= 0) || !Number.isFinite(reg)) {
    throw new ManifoldInputError(
      `lle: regularization = ${reg}; expected a finite number ≥ 0`,
      'lle: regularization',
    );
  }
  const block = Math.min(d + 5, n - 1);
  const M = reconstructionCost(points, n, k, reg);
  const { vectors, values, iterations } = bottomEigenvectors(M, n, d, block, {
    seed: options.seed ?? 0,
    maxIterations: options.maxIterations ?? 300,
    tolerance: options.tolerance ?? 1e-10,
  });
  const embedding = new Float64Array(n * d);
  for (let c = 0; c < d; c++) {
    const v = vectors[c];
    let big = 0;
    for (let i = 0; i < n; i++) if (Math.abs(v[i]) > Math.abs(big)) big = v[i];
    const sign = big < 0 ? -1 : 1;
    for (let i = 0; i < n; i++) embedding[i * d + c] = sign * v[i];
  }
  return { embedding, components: d, eigenvalues: values, iterations };
}

/**
 * M = (I − W)ᵀ(I − W), dense row-major n×n, where row i of W holds the reconstruction weights of point i on
 * its k nearest neighbours: w = C⁻¹1 / 1ᵀC⁻¹1 with the local Gram C_jl = (x_j − x_i)·(x_l − x_i) regularised
 * by reg · tr(C) · I.
 */
function reconstructionCost(points: PointSet, n: number, k: number, reg: number): Float64Array {
  const { data, dim } = points;
  const M = new Float64Array(n * n);
  for (let i = 0; i < n; i++) M[i * n + i] = 1;
  const row = neighborRowBuffers(n);
  const diff = new Float64Array(k * dim);
  const ones = Matrix.ones(k, 1);
  for (let i = 0; i < n; i++) {
    const nb = neighborRow(points, i, k, row).nearest;
    for (let a = 0; a < k; a++)
      for (let c = 0; c < dim; c++) diff[a * dim + c] = data[nb[a] * dim + c] - data[i * dim + c];
    const C = new Matrix(k, k);
    let trace = 0;
    for (let a = 0; a < k; a++) {
      for (let b = a; b < k; b++) {
        let s = 0;
        for (let c = 0; c < dim; c++) s += diff[a * dim + c] * diff[b * dim + c];
        C.set(a, b, s);
        C.set(b, a, s);
      }
      trace += C.get(a, a);
    }
    // Duplicated points give tr C = 0: fall back to an absolute ridge (equal weights).
    const ridge = trace > 0 ? reg * trace : 1;
    for (let a = 0; a < k; a++) C.set(a, a, C.get(a, a) + ridge);
    const w = solve(C, ones).getColumn(0);
    const sum = w.reduce((s, v) => s + v, 0);
    for (let a = 0; a < k; a++) w[a] /= sum;
    // M = I − W − Wᵀ + WᵀW, row i of W contributing to the k×k block of WᵀW.
    for (let a = 0; a < k; a++) {
      const ja = nb[a];
      M[i * n + ja] -= w[a];
      M[ja * n + i] -= w[a];
      for (let b = 0; b < k; b++) M[ja * n + nb[b]] += w[a] * w[b];
    }
  }
  return M;
}

/** In-place lower Cholesky factor of the SPD row-major matrix A (n×n); false when a pivot is not positive. */
function cholesky(A: Float64Array, n: number): boolean {
  for (let j = 0; j < n; j++) {
    const rj = j * n;
    let s = A[rj + j];
    for (let p = 0; p < j; p++) s -= A[rj + p] * A[rj + p];
    if (!(s > 0)) return false;
    const ljj = Math.sqrt(s);
    A[rj + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      const ri = i * n;
      let t = A[ri + j];
      for (let p = 0; p < j; p++) t -= A[ri + p] * A[rj + p];
      A[ri + j] = t / ljj;
    }
  }
  return true;
}

/** Solve L Lᵀ x = b in place (L lower, row-major). */
function choleskySolve(L: Float64Array, n: number, b: Float64Array): void {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = b[i];
    for (let p = 0; p < i; p++) s -= L[ri + p] * b[p];
    b[i] = s / L[ri + i];
  }
  for (let i = n - 1; i >= 0; i--) {
    let s = b[i];
    for (let p = i + 1; p < n; p++) s -= L[p * n + i] * b[p];
    b[i] = s / L[i * n + i];
  }
}

/** Orthonormalise the vectors (modified Gram–Schmidt, twice), each first made orthogonal to the constant vector. */
function orthonormalise(Q: Float64Array[], n: number): void {
  for (let pass = 0; pass < 2; pass++) {
    for (let a = 0; a < Q.length; a++) {
      const v = Q[a];
      let mean = 0;
      for (let i = 0; i < n; i++) mean += v[i];
      mean /= n;
      for (let i = 0; i < n; i++) v[i] -= mean;
      for (let b = 0; b < a; b++) {
        const u = Q[b];
        let dot = 0;
        for (let i = 0; i < n; i++) dot += u[i] * v[i];
        for (let i = 0; i < n; i++) v[i] -= dot * u[i];
      }
      let norm = 0;
      for (let i = 0; i < n; i++) norm += v[i] * v[i];
      norm = Math.sqrt(norm);
      for (let i = 0; i < n; i++) v[i] /= norm;
    }
  }
}

function multiply(M: Float64Array, n: number, v: Float64Array, out: Float64Array): Float64Array {
  for (let i = 0; i < n; i++) {
    const ri = i * n;
    let s = 0;
    for (let j = 0; j < n; j++) s += M[ri + j] * v[j];
    out[i] = s;
  }
  return out;
}

/**
 * The `want` eigenpairs of the symmetric PSD matrix M with the smallest eigenvalues on the complement of the
 * constant vector (M·1 = 0 for LLE), by shift-and-invert block iteration with Rayleigh–Ritz.
 */
function bottomEigenvectors(
  M: Float64Array,
  n: number,
  want: number,
  block: number,
  opts: { seed: number; maxIterations: number; tolerance: number },
): { vectors: Float64Array[]; values: number[]; iterations: number } {
  // ‖M‖∞ = largest absolute row sum ≥ the spectral norm of the symmetric M.
  let norm = 1e-300;
  for (let i = 0; i < n; i++) {
    let s = 0;
    for (let j = 0; j < n; j++) s += Math.abs(M[i * n + j]);
    norm = Math.max(norm, s);
  }
  // Smallest shift that keeps the factorisation positive definite.
  let L: Float64Array | undefined;
  for (let shift = 1e-12 * norm; !L; shift *= 100) {
    if (shift > norm)
      throw new ManifoldInputError('lle: the reconstruction cost matrix could not be factorised');
    const A = Float64Array.from(M);
    for (let i = 0; i < n; i++) A[i * n + i] += shift;
    if (cholesky(A, n)) L = A;
  }
  const g = normalFrom(seededUniform(opts.seed));
  let Q = Array.from({ length: block }, () => Float64Array.from({ length: n }, () => g()));
  orthonormalise(Q, n);
  const MQ = Array.from({ length: block }, () => new Float64Array(n));
  let vectors: Float64Array[] = [];
  let values: number[] = [];
  let iterations = 0;
  for (let it = 1; it <= opts.maxIterations; it++) {
    iterations = it;
    for (const v of Q) choleskySolve(L, n, v);
    orthonormalise(Q, n);
    // Rayleigh–Ritz on span(Q): H = Qᵀ M Q.
    for (let a = 0; a < block; a++) multiply(M, n, Q[a], MQ[a]);
    const H = new Matrix(block, block);
    for (let a = 0; a < block; a++)
      for (let b = a; b < block; b++) {
        let s = 0;
        for (let i = 0; i < n; i++) s += Q[a][i] * MQ[b][i];
        H.set(a, b, s);
        H.set(b, a, s);
      }
    const eig = new EigenvalueDecomposition(H, { assumeSymmetric: true });
    const order = eig.realEigenvalues.map((v, i) => [v, i] as const).sort((p, q) => p[0] - q[0]);
    const Y = eig.eigenvectorMatrix;
    const rotated = order.map(([, c]) => {
      const v = new Float64Array(n);
      for (let a = 0; a < block; a++) {
        const y = Y.get(a, c);
        const q = Q[a];
        for (let i = 0; i < n; i++) v[i] += y * q[i];
      }
      return v;
    });
    values = order.slice(0, want).map(([v]) => v);
    vectors = rotated.slice(0, want);
    // Residuals of the wanted Ritz pairs.
    let worst = 0;
    const r = new Float64Array(n);
    for (let c = 0; c < want; c++) {
      multiply(M, n, vectors[c], r);
      let s = 0;
      for (let i = 0; i < n; i++) s += (r[i] - values[c] * vectors[c][i]) ** 2;
      worst = Math.max(worst, Math.sqrt(s) / norm);
    }
    Q = rotated;
    if (worst <= opts.tolerance) break;
  }
  return { vectors, values, iterations };
}
