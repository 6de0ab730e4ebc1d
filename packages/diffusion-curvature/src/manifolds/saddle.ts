import {
  checkCount,
  generator,
  rejectionSample,
  type SampleOptions,
  type ToyManifold,
} from './toyManifold.js';

export interface SaddleOptions extends SampleOptions {
  /** Intrinsic dimension d (default 2: z = x² − y²). */
  dim?: number;
}

/**
 * Exact scalar curvature of the graph of f(x) = Σ_j h_j x_j² / 2 at x (Gauss equation):
 * with ∇f = h ⊙ x, g⁻¹ = I − ∇f∇fᵀ/(1 + |∇f|²) and shape operator A = g⁻¹ diag(h) / sqrt(1 + |∇f|²),
 * S = (tr A)² − tr(A²).
 */
export function quadraticGraphScalarCurvature(h: readonly number[], x: readonly number[]): number {
  const d = h.length;
  const grad = x.map((xi, j) => h[j] * xi);
  const q = 1 + grad.reduce((s, v) => s + v * v, 0);
  const scale = 1 / Math.sqrt(q);
  // A_ij = (δ_ij − grad_i grad_j / q) h_j / sqrt(q)
  const A: number[][] = [];
  for (let i = 0; i < d; i++) {
    A.push(Array.from({ length: d }, (_, j) => ((i === j ? 1 : 0) - (grad[i] * grad[j]) / q) * h[j] * scale));
  }
  let tr = 0;
  let tr2 = 0;
  for (let i = 0; i < d; i++) {
    tr += A[i][i];
    for (let j = 0; j < d; j++) tr2 += A[i][j] * A[j][i];
  }
  return tr * tr - tr2;
}

/**
 * Uniform (by volume) samples of the d-dimensional saddle x_{d+1} = Σ_j (−1)^j x_j² (j = 0…d−1) over
 * [−1, 1]^d, with the origin as row 0 and the exact scalar curvature at every point (at the origin −8 for
 * d = 2, 3 and more negative for larger d). For d = 2 this is z = x² − y² with Gaussian curvature
 * K = −4 / (1 + 4x² + 4y²)².
 *
 * ```ts
 * saddle(1000).gaussianCurvature[0]; // -4
 * ```
 */
export function saddle(n: number, options: SaddleOptions = {}): ToyManifold {
  checkCount(n, 'saddle');
  const d = options.dim ?? 2;
  if (!Number.isInteger(d) || d < 1) throw new Error(`saddle: dim must be an integer ≥ 1, got ${d}`);
  const rng = generator(options);
  const h = Array.from({ length: d }, (_, j) => (j % 2 === 0 ? 2 : -2));
  const origin = new Array(d).fill(0);
  const sampled = rejectionSample(
    n - 1,
    rng,
    () => Array.from({ length: d }, () => rng.uniformIn(-1, 1)),
    (x) => Math.sqrt(1 + x.reduce((s, v) => s + 4 * v * v, 0)),
    Math.sqrt(1 + 4 * d),
  );
  const xs = [origin, ...sampled];
  const points = xs.map((x) => [...x, x.reduce((s, v, j) => s + (h[j] / 2) * v * v, 0)]);
  const S = Float64Array.from(xs, (x) => quadraticGraphScalarCurvature(h, x));
  return { points, dim: d, scalarCurvature: S, gaussianCurvature: d === 2 ? S.map((s) => s / 2) : null };
}
