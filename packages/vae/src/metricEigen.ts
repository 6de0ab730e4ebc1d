import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import type { RiemannianMetric } from './riemannianMetric.js';

/**
 * A metric that also offers a factor F(z) [B, d, n] of its matrix, M(z) = F Fᵀ (for a pull-back or expected
 * metric: the transposed Jacobian, row i = ∂_i f). The small eigenvalues of a nearly singular M are set by
 * rounding in the entries of M, but they are accurate from F (they are its squared singular values).
 */
export interface FactoredMetric extends RiemannianMetric {
  metricFactor(z: tf.Tensor2D): tf.Tensor3D;
}

/** Whether a metric offers {@link FactoredMetric.metricFactor}. */
export function hasMetricFactor(metric: RiemannianMetric): metric is FactoredMetric {
  return typeof (metric as Partial<FactoredMetric>).metricFactor === 'function';
}

/** Eigenvalues in decreasing order and unit eigenvectors (columns of U, row-major d×d) of one matrix. */
export interface Eigen {
  values: Float64Array;
  vectors: Float64Array;
}

/**
 * Eigen-decomposition of a symmetric 2×2 matrix [[a, b], [b, c]] in closed form: eigenvalues (l₀ ≥ l₁) and
 * unit eigenvectors as the columns of U (row-major [u00, u01, u10, u11]).
 */
export function symmetricEigen2(
  a: number,
  b: number,
  c: number,
): { values: [number, number]; vectors: [number, number, number, number] } {
  const mean = 0.5 * (a + c);
  const r = Math.hypot(0.5 * (a - c), b);
  const l0 = mean + r;
  const l1 = mean - r;
  if (r === 0) return { values: [l0, l1], vectors: [1, 0, 0, 1] };
  // Eigenvector of l0: (b, l0 − a) or (l0 − c, b), whichever is better conditioned.
  let x = b;
  let y = l0 - a;
  if (Math.abs(l0 - c) > Math.abs(y)) {
    x = l0 - c;
    y = b;
  }
  const nrm = Math.hypot(x, y);
  x /= nrm;
  y /= nrm;
  return { values: [l0, l1], vectors: [x, -y, y, x] };
}

/** Plane rotation of rows p and q of a row-major matrix with `len` columns: (r_p, r_q) ← (c r_p − s r_q, s r_p + c r_q). */
function rotateRows(m: Float64Array, len: number, p: number, q: number, c: number, s: number): void {
  for (let k = 0; k < len; k++) {
    const mp = m[p * len + k];
    const mq = m[q * len + k];
    m[p * len + k] = c * mp - s * mq;
    m[q * len + k] = s * mp + c * mq;
  }
}

/** The same rotation applied to columns p and q of a square row-major d×d matrix. */
function rotateColumns(m: Float64Array, d: number, p: number, q: number, c: number, s: number): void {
  for (let k = 0; k < d; k++) {
    const mp = m[k * d + p];
    const mq = m[k * d + q];
    m[k * d + p] = c * mp - s * mq;
    m[k * d + q] = s * mp + c * mq;
  }
}

/** Symmetric eigen-decomposition by cyclic Jacobi rotations (row-major d×d; columns of U are eigenvectors). */
export function symmetricEigen(
  m: ArrayLike<number>,
  d: number,
): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const u = new Float64Array(d * d);
  for (let i = 0; i < d; i++) u[i * d + i] = 1;
  for (let sweep = 0; sweep < 50; sweep++) {
    let off = 0;
    for (let p = 0; p < d; p++) for (let q = p + 1; q < d; q++) off += a[p * d + q] ** 2;
    if (off < 1e-30) break;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const apq = a[p * d + q];
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * d + q] - a[p * d + p]) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        rotateColumns(a, d, p, q, c, s);
        rotateRows(a, d, p, q, c, s);
        rotateColumns(u, d, p, q, c, s);
      }
    }
  }
  return { values: Float64Array.from({ length: d }, (_, i) => a[i * d + i]), vectors: u };
}

/** Reorders an eigen-decomposition (values and the columns of U) by decreasing eigenvalue. */
function sortDecreasing(values: Float64Array, vectors: Float64Array, d: number): Eigen {
  const order = Array.from({ length: d }, (_, i) => i).sort((i, j) => values[j] - values[i]);
  const v = new Float64Array(d);
  const u = new Float64Array(d * d);
  order.forEach((src, k) => {
    v[k] = values[src];
    for (let i = 0; i < d; i++) u[i * d + k] = vectors[i * d + src];
  });
  return { values: v, vectors: u };
}

/**
 * Eigen-decomposition of the Gram matrix M = F Fᵀ of d rows of length n (row-major [d, n]) without forming M:
 * one-sided Jacobi rotations in float64 find an orthogonal V whose W = VᵀF has mutually orthogonal rows, so
 * M = V diag(‖w_k‖²) Vᵀ: the eigenvalues are the squared norms of the rows of W, the eigenvectors the columns of V. Each eigenvalue λ is accurate
 * to about 1e-16·λ_max/λ relative with respect to F (forming M in float32 gives 6e-8·λ_max/λ), so a metric whose
 * smallest eigenvalue lies below the float32 rounding of the largest still gets it right.
 */
export function gramEigen(rows: ArrayLike<number>, d: number, n: number): Eigen {
  const a = Float64Array.from(rows);
  if (a.length !== d * n)
    throw new CurvInputError(`rows: expected ${d}×${n} entries; got ${a.length}`, 'rows');
  const V = new Float64Array(d * d);
  for (let i = 0; i < d; i++) V[i * d + i] = 1;
  const dot = (p: number, q: number) => {
    let acc = 0;
    for (let k = 0; k < n; k++) acc += a[p * n + k] * a[q * n + k];
    return acc;
  };
  for (let sweep = 0; sweep < 40; sweep++) {
    let rotated = false;
    for (let p = 0; p < d; p++) {
      for (let q = p + 1; q < d; q++) {
        const alpha = dot(p, p);
        const beta = dot(q, q);
        const gamma = dot(p, q);
        if (gamma === 0 || Math.abs(gamma) <= 1e-15 * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = Math.sign(zeta || 1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotateRows(a, n, p, q, c, s);
        rotateColumns(V, d, p, q, c, s);
      }
    }
    if (!rotated) break;
  }
  const values = Float64Array.from({ length: d }, (_, i) => dot(i, i));
  return sortDecreasing(values, V, d);
}

/**
 * Eigen-decomposition of M(z) at B points (row-major [B, d]): eigenvalues in decreasing order, values [B·d] and
 * eigenvectors as the columns of each d×d block, vectors [B·d·d]. A metric that offers a factor F (M = F Fᵀ, see
 * {@link FactoredMetric}) is decomposed from F by {@link gramEigen}, which stays accurate when M is nearly singular;
 * any other metric from the float32 entries of M, decomposed in float64 (its small eigenvalues are then only
 * as good as the rounding of M allows: absolute error about 6e-8·λ_max).
 */
export function metricEigen(
  metric: RiemannianMetric,
  z: ArrayLike<number>,
  B: number,
): { values: Float64Array; vectors: Float64Array } {
  const d = metric.dim;
  const values = new Float64Array(B * d);
  const vectors = new Float64Array(B * d * d);
  const zt = () => tf.tensor2d(Float32Array.from(z), [B, d]);
  if (hasMetricFactor(metric)) {
    const F = tf.tidy(() => metric.metricFactor(zt()));
    const [b, rows, n] = F.shape;
    const f = F.dataSync();
    F.dispose();
    if (b !== B || rows !== d) {
      throw new CurvInputError(`metricFactor: expected [${B}, ${d}, n]; got [${F.shape}]`, 'metricFactor');
    }
    for (let w = 0; w < B; w++) {
      const e = gramEigen(f.subarray(w * d * n, (w + 1) * d * n), d, n);
      values.set(e.values, w * d);
      vectors.set(e.vectors, w * d * d);
    }
    return { values, vectors };
  }
  const G = tf.tidy(() => metric.metricMatrix(zt()));
  const g = G.dataSync();
  G.dispose();
  for (let w = 0; w < B; w++) {
    const o = w * d * d;
    if (d === 2) {
      const e = symmetricEigen2(g[o], 0.5 * (g[o + 1] + g[o + 2]), g[o + 3]);
      values.set(e.values, w * d);
      vectors.set(e.vectors, o);
    } else {
      const e = symmetricEigen(g.subarray(o, o + d * d), d);
      const sorted = sortDecreasing(e.values, e.vectors, d);
      values.set(sorted.values, w * d);
      vectors.set(sorted.vectors, o);
    }
  }
  return { values, vectors };
}
