import { CurvInputError } from '@curv/core';
import {
  type Decoder,
  decoderFunction,
  decoderJet,
  hasJets,
  isJetDecoder,
  jetDecoderJet,
} from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import type { PointsLike } from './types.js';
import { checkInt, toPoints } from './validate.js';

export interface StraightLineOptions {
  /** Partition size n: t_k = k/(n−1), k = 0..n−1 (default 100, as the original). */
  n?: number;
  /**
   * Step of the central-difference Jacobian used for A when the decoder is a plain function
   * (default 5e-3). Jet-capable decoders (`SequentialDecoder`, `JetDecoder`) get the exact J from a
   * first-order forward jet and ignore it.
   */
  jacobianStep?: number;
  /** At most this many latent points per decoder call (default 20 000; bounds memory for D = 784). */
  maxPointsPerPass?: number;
}

/** Per-pair values of the three straight-line functionals, index = pair. */
export interface StraightLineFunctionals {
  /** Partition size n. */
  readonly n: number;
  /** Ẽ: trapezoid rule of ‖γ''‖² with second differences of step h = 1/n. */
  readonly eTilde: Float64Array;
  /** E: ¼(n+1)Σ_k‖γ(t_k+h) − γ(t_k−h)‖², h = 1/(n+1). */
  readonly energy: Float64Array;
  /** A: (1/(n−1))Σ_k‖Q_kᵀγ''(t_k)‖², h = 1/(n−1), Q_k from the reduced QR of J(α(t_k)). */
  readonly acceleration: Float64Array;
}

/** Latent points α(t) = t·x_j + (1 − t)·x_i for every pair (pair-major, then t), in float64, as float32. */
function linePoints(xi: Float32Array, xj: Float32Array, b: number, d: number, ts: number[]): Float32Array {
  const out = new Float32Array(b * ts.length * d);
  for (let p = 0; p < b; p++) {
    for (let s = 0; s < ts.length; s++) {
      const t = ts[s];
      for (let c = 0; c < d; c++) {
        out[(p * ts.length + s) * d + c] = t * xj[p * d + c] + (1 - t) * xi[p * d + c];
      }
    }
  }
  return out;
}

/** Apply a [P, d] → [P, D] map in chunks of at most `max` rows; returns row-major [P, D] and D. */
function evaluateRows(
  fn: (z: tf.Tensor2D) => tf.Tensor2D,
  z: Float32Array,
  d: number,
  max: number,
): { data: Float32Array; D: number } {
  const P = z.length / d;
  const parts: Float32Array[] = [];
  let D = 0;
  for (let lo = 0; lo < P; lo += max) {
    const hi = Math.min(P, lo + max);
    const y = tf.tidy(() => fn(tf.tensor2d(z.subarray(lo * d, hi * d), [hi - lo, d])));
    if (y.rank !== 2 || y.shape[0] !== hi - lo) {
      y.dispose();
      throw new CurvInputError(
        `decoder: expected [P, D] outputs for [P, ${d}] inputs; got [${y.shape}]`,
        'decoder',
      );
    }
    D = y.shape[1];
    parts.push(y.dataSync() as Float32Array);
    y.dispose();
  }
  const data = new Float32Array(P * D);
  let off = 0;
  for (const p of parts) {
    data.set(p, off);
    off += p.length;
  }
  return { data, D };
}

/**
 * Jacobian columns ∂_cΨ at the given points, as d row-major [P, D] arrays: exact (first-order forward
 * jet) for jet-capable decoders, central differences (Ψ(z + h e_c) − Ψ(z − h e_c))/2h otherwise.
 */
function jacobianColumns(dec: Decoder, z: Float32Array, d: number, h: number, max: number): Float32Array[] {
  if (hasJets(dec)) {
    const cols: Float32Array[][] = Array.from({ length: d }, () => []);
    const P = z.length / d;
    for (let lo = 0; lo < P; lo += max) {
      const hi = Math.min(P, lo + max);
      const first = tf.tidy(() => {
        const zt = tf.tensor2d(z.subarray(lo * d, hi * d), [hi - lo, d]);
        const jet = isJetDecoder(dec) ? jetDecoderJet(dec, zt, 1) : decoderJet(dec, zt, 1);
        return jet.first;
      });
      first.forEach((t, c) => {
        cols[c].push(t.dataSync() as Float32Array);
        t.dispose();
      });
    }
    return cols.map((chunks) => {
      const out = new Float32Array(chunks.reduce((s, a) => s + a.length, 0));
      let off = 0;
      for (const a of chunks) {
        out.set(a, off);
        off += a.length;
      }
      return out;
    });
  }
  const out: Float32Array[] = [];
  for (let c = 0; c < d; c++) {
    const plus = Float32Array.from(z);
    const minus = Float32Array.from(z);
    for (let i = c; i < z.length; i += d) {
      plus[i] = z[i] + h;
      minus[i] = z[i] - h;
    }
    const a = evaluateRows(dec, plus, d, max).data;
    const b = evaluateRows(dec, minus, d, max).data;
    const col = new Float32Array(a.length);
    for (let i = 0; i < a.length; i++) col[i] = (a[i] - b[i]) / (2 * h);
    out.push(col);
  }
  return out;
}

/**
 * ‖Qᵀv‖² for the orthonormal basis Q of span{J_0, …, J_{d−1}} (reduced QR by modified Gram–Schmidt in
 * float64; numerically rank-deficient columns are skipped). `cols[c]` holds J_c of all points, `off` the
 * offset of this point's row, D its length.
 */
function tangentialSquaredNorm(cols: Float32Array[], off: number, D: number, v: Float64Array): number {
  const q: Float64Array[] = [];
  let total = 0;
  for (const col of cols) {
    const u = Float64Array.from(col.subarray(off, off + D));
    const n0 = Math.sqrt(u.reduce((s, x) => s + x * x, 0));
    for (const qq of q) {
      let dot = 0;
      for (let i = 0; i < D; i++) dot += qq[i] * u[i];
      for (let i = 0; i < D; i++) u[i] -= dot * qq[i];
    }
    const norm = Math.sqrt(u.reduce((s, x) => s + x * x, 0));
    if (!(norm > 1e-6 * n0) || norm === 0) continue;
    let dot = 0;
    for (let i = 0; i < D; i++) {
      u[i] /= norm;
      dot += u[i] * v[i];
    }
    q.push(u);
    total += dot * dot;
  }
  return total;
}

/**
 * The three functionals ("how far are straight lines from geodesics") for straight latent
 * segments α(t) = t·x_j + (1 − t)·x_i pushed through a decoder, γ = Ψ∘α, on the partition
 * t_k = k/(n−1), k = 0..n−1 (γ is also evaluated at t_k ± h outside [0, 1], on the extended line):
 *
 * - **Ẽ** (second-difference energy), h = 1/n: γ''(t_k) ≈ (γ(t_k+h) − 2γ(t_k) + γ(t_k−h))/h²,
 *   Ẽ = (1/(2(n−1))) Σ_{k=0}^{n−2} (‖γ''(t_k)‖² + ‖γ''(t_{k+1})‖²) — the trapezoid rule of ∫₀¹‖γ''‖².
 * - **E** (central-difference energy), h = 1/(n+1): δ_k = γ(t_k+h) − γ(t_k−h),
 *   E = ¼(n+1) Σ_{k=0}^{n−1} ‖δ_k‖² = Σ_k h‖δ_k/2h‖². Note the n terms of weight h = 1/(n+1): for an
 *   affine Ψ(z) = Wz + b this is exactly (n/(n+1))·‖W(x_j − x_i)‖², not ‖W(x_j − x_i)‖² (the original's
 *   normalisation, kept).
 * - **A** (tangential acceleration), h = 1/(n−1): Q_k = orthonormal basis (reduced QR) of the columns of
 *   J(α(t_k)) (D × d), A = (1/(n−1)) Σ_{k=0}^{n−1} ‖Q_kᵀ γ''(t_k)‖². Since α'' = 0,
 *   Q_kᵀγ'' is the covariant acceleration ∇_{α'}α' expressed in an orthonormal frame, so A ≈ ∫‖∇_{α'}α'‖²_g
 *   (times n/(n−1)); A = 0 exactly when α is a geodesic of the pull-back metric.
 *
 * Decoded values are float32 (the decoder's precision); differences, norms, the QR and the sums run in
 * float64. Ẽ and A divide by h⁴ ≈ 1e8: float32 rounding of Ψ (≈ 6e-8·|Ψ|) gives an absolute noise of
 * order (4·6e-8·|Ψ|/h²)² ≈ 6e-6·|Ψ|² in ‖γ''‖², which is the floor of both for n = 100.
 *
 * Shapes: starts x_i, ends x_j `[b, d]` (pair p = (starts[p], ends[p])); results `[b]` in pair order.
 *
 * ```ts
 * const f = straightLineFunctionals(model.decoder(), [[0, 0]], [[1, 1]]); // n = 100
 * f.eTilde[0], f.energy[0], f.acceleration[0];
 * ```
 */
export function straightLineFunctionals(
  decoder: Decoder,
  starts: PointsLike,
  ends: PointsLike,
  options: StraightLineOptions = {},
): StraightLineFunctionals {
  const n = options.n ?? 100;
  checkInt(n, 3, 'n');
  const max = options.maxPointsPerPass ?? 20000;
  checkInt(max, 1, 'maxPointsPerPass');
  const hJ = options.jacobianStep ?? 5e-3;
  if (!(hJ > 0 && Number.isFinite(hJ))) {
    throw new CurvInputError(`jacobianStep: expected a positive step; got ${hJ}`, 'jacobianStep');
  }
  if (typeof decoder !== 'function' && !hasJets(decoder)) {
    throw new CurvInputError(
      'decoder: expected a SequentialDecoder, a JetDecoder or a function (z [P, d]) => [P, D]',
      'decoder',
    );
  }
  const a = toPoints(starts, 'starts');
  const e = toPoints(ends, 'ends');
  const xi = a.t.dataSync() as Float32Array;
  const xj = e.t.dataSync() as Float32Array;
  const [b, d] = a.t.shape;
  const sameShape = e.t.shape[0] === b && e.t.shape[1] === d;
  const shapeText = `[${e.t.shape}]`;
  if (a.owned) a.t.dispose();
  if (e.owned) e.t.dispose();
  if (!sameShape) {
    throw new CurvInputError(
      `ends: expected the same [b, d] shape as starts ([${b}, ${d}]); got ${shapeText}`,
      'ends',
    );
  }
  if (hasJets(decoder) && decoder.latentDim !== d) {
    throw new CurvInputError(
      `starts: expected latent dimension ${decoder.latentDim}; got d = ${d}`,
      'starts',
    );
  }
  const fn = hasJets(decoder) ? decoderFunction(decoder) : decoder;

  // Parameter values, per pair: the grid t_{-1..n} (h = 1/(n−1)), t_k ± 1/n, t_k ± 1/(n+1).
  const hA = 1 / (n - 1);
  const hT = 1 / n;
  const hE = 1 / (n + 1);
  const ts: number[] = [];
  for (let k = -1; k <= n; k++) ts.push(k * hA);
  for (let k = 0; k < n; k++) ts.push(k * hA - hT, k * hA + hT);
  for (let k = 0; k < n; k++) ts.push(k * hA - hE, k * hA + hE);
  const T = ts.length; // 5n + 2
  const { data: y, D } = evaluateRows(fn, linePoints(xi, xj, b, d, ts), d, max);
  const grid: number[] = [];
  for (let k = 0; k < n; k++) grid.push(k * hA);
  const J = jacobianColumns(decoder, linePoints(xi, xj, b, d, grid), d, hJ, max);

  const eTilde = new Float64Array(b);
  const energy = new Float64Array(b);
  const acceleration = new Float64Array(b);
  const acc = new Float64Array(D);
  const row = (p: number, s: number) => (p * T + s) * D;
  for (let p = 0; p < b; p++) {
    let sumT = 0;
    let sumE = 0;
    let sumA = 0;
    let prevT = 0;
    for (let k = 0; k < n; k++) {
      const c = row(p, k + 1); // γ(t_k)
      const gm = row(p, k); // γ(t_{k−1})
      const gp = row(p, k + 2); // γ(t_{k+1})
      const tm = row(p, n + 2 + 2 * k);
      const tp = tm + D;
      const em = row(p, 3 * n + 2 + 2 * k);
      const ep = em + D;
      let sT = 0;
      let sE = 0;
      for (let i = 0; i < D; i++) {
        const two = 2 * y[c + i];
        const sec = (y[tp + i] - two + y[tm + i]) / (hT * hT);
        sT += sec * sec;
        const del = y[ep + i] - y[em + i];
        sE += del * del;
        acc[i] = (y[gp + i] - two + y[gm + i]) / (hA * hA);
      }
      if (k > 0) sumT += prevT + sT;
      prevT = sT;
      sumE += sE;
      sumA += tangentialSquaredNorm(J, (p * n + k) * D, D, acc);
    }
    eTilde[p] = sumT / (2 * (n - 1));
    energy[p] = ((n + 1) / 4) * sumE;
    acceleration[p] = sumA / (n - 1);
  }
  return { n, eTilde, energy, acceleration };
}
