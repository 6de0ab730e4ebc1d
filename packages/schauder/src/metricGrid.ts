import { CurvInputError } from '@curv/core';
import { type RiemannianMetric, torusGrid } from '@curv/geometry';
import * as tf from '@tensorflow/tfjs-core';
import { asMetricFunction, type MetricLike } from './metricSource.js';
import type { MetricFn } from './types.js';
import { checkInt } from './validate.js';

/**
 * `bilinear`: C⁰, second order, keeps g positive definite (convex combination of grid values).
 * `bicubic`: Catmull–Rom (C¹, interpolating, third order). `bspline`: periodic cubic B-spline
 * (C², interpolating after a periodic prefilter, fourth order) — the most accurate for smooth metrics.
 */
export type MetricInterpolation = 'bilinear' | 'bicubic' | 'bspline';

export interface MetricGridOptions {
  /** Grid points per coordinate: the n × n `torusGrid` of @curv/geometry on [lo, hi)², spacing (hi − lo)/n. */
  n: number;
  /**
   * The periodic domain [lo, hi) of both coordinates (default [−π, π), the latent torus). The metric is
   * sampled on one period and the interpolation repeats it with period hi − lo.
   */
  domain?: [number, number];
  /** Default `'bspline'` (measured the most accurate; see README). */
  interpolation?: MetricInterpolation;
  /** Points per call of the metric function while filling the grid (default 4096). */
  chunk?: number;
}

/**
 * A metric sampled once on a periodic latent grid, with a differentiable periodic interpolation. It is
 * itself a {@link RiemannianMetric} (d = 2; `metricDerivative` from the interpolating polynomials), so it
 * can be passed wherever a metric is expected; geodesic energies detect it and run a plain-JS kernel.
 */
export interface MetricGrid extends RiemannianMetric {
  readonly dim: 2;
  readonly n: number;
  readonly interpolation: MetricInterpolation;
  /** The periodic domain [lo, hi) of both coordinates. */
  readonly lo: number;
  readonly hi: number;
  /**
   * g at the nodes in the `torusGrid` order (x fastest), `[n, n, 2, 2]`: entry ((j·n + i)·4 + 2a + b) is
   * g_ab at z = (lo + i·h, lo + j·h), h = (hi − lo)/n (i indexes coordinate 0, j coordinate 1).
   */
  readonly values: Float32Array;
  /** Interpolated metric at `[P, 2]` points (any real coordinates; periodic) → `[P, 2, 2]`; differentiable w.r.t. z. */
  at(z: tf.Tensor2D): tf.Tensor3D;
  /** The same as `at` (the {@link RiemannianMetric} method). */
  metricMatrix(z: tf.Tensor2D): tf.Tensor3D;
  /** ∂g of the interpolation at `[P, 2]` points → `[P, 2, 2, 2]`, entry [p, k, a, b] = ∂g_ab/∂z_k (not differentiable). */
  metricDerivative(z: tf.Tensor2D): tf.Tensor4D;
  /** `at` as a plain function (kept for callers written before the metric contract). */
  readonly metric: MetricFn;
  /**
   * Plain-JS point evaluation: writes g (out[0..3], row-major 2×2), ∂g/∂z₀ (out[4..7]) and ∂g/∂z₁
   * (out[8..11]) at (x, y) into `out` (length ≥ 12). Used by the fast metric-grid energy.
   */
  sample(x: number, y: number, out: Float64Array): void;
  /** Release resources (the interpolation tables are plain arrays; kept for API stability). */
  dispose(): void;
}

const Z1 = Math.sqrt(3) - 2;

/** Periodic cubic B-spline prefilter of one line: the coefficients c with (c_{i−1} + 4c_i + c_{i+1})/6 = s_i (indices mod n). */
function prefilterLine(s: Float64Array): Float64Array {
  const n = s.length;
  const zn = Z1 ** n;
  const y = new Float64Array(n);
  let acc = 0;
  for (let k = 0; k < n; k++) acc += Z1 ** k * s[(n - k) % n];
  y[0] = acc / (1 - zn);
  for (let i = 1; i < n; i++) y[i] = s[i] + Z1 * y[i - 1];
  const c = new Float64Array(n);
  acc = 0;
  for (let k = 0; k < n; k++) acc += Z1 ** k * y[(n - 1 + k) % n];
  c[n - 1] = (-Z1 * acc) / (1 - zn);
  for (let i = n - 2; i >= 0; i--) c[i] = Z1 * (c[i + 1] - y[i]);
  for (let i = 0; i < n; i++) c[i] *= 6;
  return c;
}

/** Prefilter an [n, n, C] table (x fastest: node (i, j) at j·n + i) along both grid axes, y lines first. */
function prefilter(values: Float32Array, n: number, C: number): Float32Array {
  const out = Float64Array.from(values);
  const line = new Float64Array(n);
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) line[j] = out[(j * n + i) * C + c];
      const f = prefilterLine(line);
      for (let j = 0; j < n; j++) out[(j * n + i) * C + c] = f[j];
    }
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) line[i] = out[(j * n + i) * C + c];
      const f = prefilterLine(line);
      for (let i = 0; i < n; i++) out[(j * n + i) * C + c] = f[i];
    }
  }
  return Float32Array.from(out);
}

/**
 * Interpolation weights as polynomials in the fractional part t: weight of neighbour `offsets[a]` is
 * Σ_p M[a][p] tᵖ.
 */
const KERNELS: Record<MetricInterpolation, { offsets: number[]; M: number[][] }> = {
  bilinear: {
    offsets: [0, 1],
    M: [
      [1, -1],
      [0, 1],
    ],
  },
  // Catmull–Rom.
  bicubic: {
    offsets: [-1, 0, 1, 2],
    M: [
      [0, -0.5, 1, -0.5],
      [1, 0, -2.5, 1.5],
      [0, 0.5, 2, -1.5],
      [0, 0, -0.5, 0.5],
    ],
  },
  // Uniform cubic B-spline (applied to prefiltered coefficients).
  bspline: {
    offsets: [-1, 0, 1, 2],
    M: [
      [1 / 6, -0.5, 0.5, -1 / 6],
      [2 / 3, 0, -1, 0.5],
      [1 / 6, 0.5, 0.5, -0.5],
      [0, 0, 0, 1 / 6],
    ],
  },
};

/**
 * Per-cell polynomial patches: for cell (i, j) and component c, A[p][q] = Σ_{a,b} M[a][p] M[b][q] ·
 * coef[i + off_a][j + off_b][c] (indices mod n), so that g_c(i + tx, j + ty) = Σ_{p,q} A[p][q] txᵖ tyᵠ.
 * `coef` and the result are in the grid order (cell (i, j) at j·n + i); the result is `[n², r², 4]`
 * (r = polynomial order + 1).
 */
function patchTable(coef: Float32Array, n: number, kind: MetricInterpolation): Float32Array {
  const { offsets, M } = KERNELS[kind];
  const r = offsets.length;
  const out = new Float32Array(n * n * r * r * 4);
  const acc = new Float64Array(r * r * 4);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      acc.fill(0);
      for (let a = 0; a < r; a++) {
        const ii = (((i + offsets[a]) % n) + n) % n;
        for (let b = 0; b < r; b++) {
          const jj = (((j + offsets[b]) % n) + n) % n;
          const o = (jj * n + ii) * 4;
          for (let p = 0; p < r; p++) {
            const mp = M[a][p];
            if (mp === 0) continue;
            for (let q = 0; q < r; q++) {
              const w = mp * M[b][q];
              if (w === 0) continue;
              const t = (p * r + q) * 4;
              for (let c = 0; c < 4; c++) acc[t + c] += w * coef[o + c];
            }
          }
        }
      }
      out.set(acc, (j * n + i) * r * r * 4);
    }
  }
  return out;
}

/**
 * Evaluate a metric g once on the periodic n × n `torusGrid` of [lo, hi)² (default [−π, π)²) and
 * interpolate it periodically, so that geodesic energies Σ Δzᵀ g(z̄) Δz can be minimised without
 * evaluating the metric (or decoding to R^D) at every step.
 *
 * ```ts
 * const grid = metricGrid(pullbackRiemannianMetric(decoder), { n: 128 }); // @curv/geometry-autograd
 * const g = grid.metricMatrix(tf.tensor2d([[0.1, 2]])); // [1, 2, 2]
 * ```
 *
 * `metric` is a {@link RiemannianMetric} of dimension 2 (a plain `[P, 2] → [P, 2, 2]` function is still
 * accepted). Only d = 2 latent spaces.
 */
export function metricGrid(metric: MetricLike, options: MetricGridOptions): MetricGrid {
  const metricFn = asMetricFunction(metric, 'metric', 2);
  const { n } = options;
  checkInt(n, 4, 'n');
  const [lo, hi] = options.domain ?? [-Math.PI, Math.PI];
  if (!(Number.isFinite(lo) && Number.isFinite(hi) && hi > lo)) {
    throw new CurvInputError(`domain: expected [lo, hi] with finite lo < hi; got [${lo}, ${hi}]`, 'domain');
  }
  const interpolation = options.interpolation ?? 'bspline';
  if (!['bilinear', 'bicubic', 'bspline'].includes(interpolation)) {
    throw new CurvInputError(
      `interpolation: expected 'bilinear', 'bicubic' or 'bspline'; got ${JSON.stringify(interpolation)}`,
      'interpolation',
    );
  }
  const chunk = options.chunk ?? 4096;
  checkInt(chunk, 1, 'chunk');
  const nodes = torusGrid(n, { lo, hi });
  const { h } = nodes;
  const total = n * n;
  const values = new Float32Array(total * 4);
  for (let start = 0; start < total; start += chunk) {
    const count = Math.min(chunk, total - start);
    const pts = nodes.points.subarray(2 * start, 2 * (start + count));
    const g = tf.tidy(() => metricFn(tf.tensor2d(pts, [count, 2])));
    if (g.rank !== 3 || g.shape[0] !== count || g.shape[1] !== 2 || g.shape[2] !== 2) {
      const shape = g.shape;
      g.dispose();
      throw new CurvInputError(
        `metric: expected a [${count}, 2, 2] metric for [${count}, 2] points; got [${shape}]`,
        'metric',
      );
    }
    values.set(g.dataSync() as Float32Array, start * 4);
    g.dispose();
  }
  const coeffs = interpolation === 'bspline' ? prefilter(values, n, 4) : values;
  const r = KERNELS[interpolation].offsets.length;
  const patches = patchTable(coeffs, n, interpolation);

  /**
   * g and its partial derivatives at one point, in plain JS (tfjs-wasm's gather runs at ~6 ns per
   * element, 50× slower than this loop for the patch lookup): out[0..3] = g (row-major 2×2),
   * out[4..7] = ∂g/∂z₀, out[8..11] = ∂g/∂z₁. The patch polynomials are written out per order (bilinear
   * 2 × 2, cubic 4 × 4 by Horner; no monomial tables, no clearing of `out`): this is the hot loop of
   * metric-grid energies.
   */
  const sampleBilinear = (x: number, y: number, out: Float64Array): void => {
    const a = (x - lo) / h;
    const b = (y - lo) / h;
    const fa = Math.floor(a);
    const fb = Math.floor(b);
    const tx = a - fa;
    const ty = b - fb;
    const i = ((fa % n) + n) % n;
    const j = ((fb % n) + n) % n;
    // patch (i, j): [A00, A01 (ty), A10 (tx), A11 (tx·ty)] × 4 components
    const o = (j * n + i) * 16;
    for (let c = 0; c < 4; c++) {
      const a00 = patches[o + c];
      const a01 = patches[o + 4 + c];
      const a10 = patches[o + 8 + c];
      const a11 = patches[o + 12 + c];
      out[c] = a00 + tx * a10 + ty * (a01 + tx * a11);
      out[4 + c] = (a10 + ty * a11) / h;
      out[8 + c] = (a01 + tx * a11) / h;
    }
  };
  // Cubic patches (bicubic, bspline), Horner in ty per row p, then in tx: 16 monomials per component.
  const sampleCubic = (x: number, y: number, out: Float64Array): void => {
    const a = (x - lo) / h;
    const b = (y - lo) / h;
    const fa = Math.floor(a);
    const fb = Math.floor(b);
    const tx = a - fa;
    const ty = b - fb;
    const i = ((fa % n) + n) % n;
    const j = ((fb % n) + n) % n;
    const o = (j * n + i) * 64;
    for (let c = 0; c < 4; c++) {
      // row p: R_p(ty) = Σ_q A[p][q] tyᵠ at patches[o + 16p + 4q + c], and its derivative R'_p
      let k = o + c;
      const r0 = patches[k] + ty * (patches[k + 4] + ty * (patches[k + 8] + ty * patches[k + 12]));
      const d0 = patches[k + 4] + ty * (2 * patches[k + 8] + 3 * ty * patches[k + 12]);
      k += 16;
      const r1 = patches[k] + ty * (patches[k + 4] + ty * (patches[k + 8] + ty * patches[k + 12]));
      const d1 = patches[k + 4] + ty * (2 * patches[k + 8] + 3 * ty * patches[k + 12]);
      k += 16;
      const r2 = patches[k] + ty * (patches[k + 4] + ty * (patches[k + 8] + ty * patches[k + 12]));
      const d2 = patches[k + 4] + ty * (2 * patches[k + 8] + 3 * ty * patches[k + 12]);
      k += 16;
      const r3 = patches[k] + ty * (patches[k + 4] + ty * (patches[k + 8] + ty * patches[k + 12]));
      const d3 = patches[k + 4] + ty * (2 * patches[k + 8] + 3 * ty * patches[k + 12]);
      out[c] = r0 + tx * (r1 + tx * (r2 + tx * r3));
      out[4 + c] = (r1 + tx * (2 * r2 + 3 * tx * r3)) / h;
      out[8 + c] = (d0 + tx * (d1 + tx * (d2 + tx * d3))) / h;
    }
  };
  const sample = r === 2 ? sampleBilinear : sampleCubic;

  /** Value and partial derivatives ∂g/∂z₀, ∂g/∂z₁ at row-major [P, 2] points, each [P, 4]. */
  const evaluate = (zs: Float32Array, P: number): [Float32Array, Float32Array, Float32Array] => {
    const val = new Float32Array(P * 4);
    const d0 = new Float32Array(P * 4);
    const d1 = new Float32Array(P * 4);
    const out = new Float64Array(12);
    for (let k = 0; k < P; k++) {
      sample(zs[2 * k], zs[2 * k + 1], out);
      for (let c = 0; c < 4; c++) {
        val[4 * k + c] = out[c];
        d0[4 * k + c] = out[4 + c];
        d1[4 * k + c] = out[8 + c];
      }
    }
    return [val, d0, d1];
  };

  // Custom gradient: the patch lookup depends on ⌊z⌋ and runs outside tfjs; the derivative w.r.t. z
  // comes from the analytic derivatives of the patch polynomials.
  const interpolate = tf.customGrad(
    (x: tf.Tensor | tf.GradSaveFunc, saveArg: tf.Tensor | tf.GradSaveFunc) => {
      const z = x as tf.Tensor2D;
      const save = saveArg as tf.GradSaveFunc;
      const P = z.shape[0];
      const [v, a0, a1] = evaluate(z.dataSync() as Float32Array, P);
      save([tf.tensor2d(a0, [P, 4]), tf.tensor2d(a1, [P, 4])]);
      return {
        value: tf.tensor3d(v, [P, 2, 2]),
        gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
          const dyf = dy.reshape([z.shape[0], 4]);
          return tf.concat(
            [tf.sum(tf.mul(dyf, saved[0]), 1, true), tf.sum(tf.mul(dyf, saved[1]), 1, true)],
            1,
          );
        },
      };
    },
  );

  const at = (z: tf.Tensor2D): tf.Tensor3D => {
    if (z.rank !== 2 || z.shape[1] !== 2) {
      throw new CurvInputError(`metricGrid.at: expected [P, 2] points; got [${z.shape}]`, 'z');
    }
    return tf.tidy(() => interpolate(z) as tf.Tensor3D);
  };

  const metricDerivative = (z: tf.Tensor2D): tf.Tensor4D => {
    if (z.rank !== 2 || z.shape[1] !== 2) {
      throw new CurvInputError(`metricGrid.metricDerivative: expected [P, 2] points; got [${z.shape}]`, 'z');
    }
    const P = z.shape[0];
    const [, d0, d1] = evaluate(z.dataSync() as Float32Array, P);
    const out = new Float32Array(P * 8);
    for (let k = 0; k < P; k++) {
      out.set(d0.subarray(4 * k, 4 * k + 4), 8 * k);
      out.set(d1.subarray(4 * k, 4 * k + 4), 8 * k + 4);
    }
    return tf.tensor4d(out, [P, 2, 2, 2]);
  };

  return {
    dim: 2,
    n,
    interpolation,
    lo,
    hi,
    values,
    at,
    metricMatrix: at,
    metricDerivative,
    metric: at,
    sample,
    dispose: () => {},
  };
}
