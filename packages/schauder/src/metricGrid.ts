import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import type { MetricFn } from './types.js';
import { checkInt } from './validate.js';

/**
 * `bilinear`: C⁰, second order, keeps g positive definite (convex combination of grid values).
 * `bicubic`: Catmull–Rom (C¹, interpolating, third order). `bspline`: periodic cubic B-spline
 * (C², interpolating after a periodic prefilter, fourth order) — the most accurate for smooth metrics.
 */
export type MetricInterpolation = 'bilinear' | 'bicubic' | 'bspline';

export interface MetricGridOptions {
  /** Grid points per coordinate (n × n nodes on [−π, π)², spacing 2π/n). */
  n: number;
  /** Default `'bspline'` (measured the most accurate; see README). */
  interpolation?: MetricInterpolation;
  /** Points per call of the metric function while filling the grid (default 4096). */
  chunk?: number;
}

/** A metric sampled once on a periodic latent grid, with a differentiable periodic interpolation. */
export interface MetricGrid {
  readonly n: number;
  readonly interpolation: MetricInterpolation;
  /**
   * g at the nodes, row-major `[n, n, 2, 2]`: entry ((i·n + j)·4 + 2a + b) is g_ab at
   * z = (−π + i·h, −π + j·h), h = 2π/n (i indexes coordinate 0, j coordinate 1).
   */
  readonly values: Float32Array;
  /** Interpolated metric at `[P, 2]` points (any real coordinates; periodic) → `[P, 2, 2]`; differentiable w.r.t. z. */
  at(z: tf.Tensor2D): tf.Tensor3D;
  /** The same as a {@link MetricFn} (bound `at`). */
  readonly metric: MetricFn;
  /** Free the tensor table. */
  dispose(): void;
}

const Z1 = Math.sqrt(3) - 2;

/** Periodic cubic B-spline prefilter of one line (in place, stride access): coefficients c with (c₋ + 4c + c₊)/6 = s. */
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

/** Prefilter an [n, n, C] table along both grid axes. */
function prefilter(values: Float32Array, n: number, C: number): Float32Array {
  const out = Float64Array.from(values);
  const line = new Float64Array(n);
  for (let c = 0; c < C; c++) {
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < n; j++) line[j] = out[(i * n + j) * C + c];
      const f = prefilterLine(line);
      for (let j = 0; j < n; j++) out[(i * n + j) * C + c] = f[j];
    }
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) line[i] = out[(i * n + j) * C + c];
      const f = prefilterLine(line);
      for (let i = 0; i < n; i++) out[(i * n + j) * C + c] = f[i];
    }
  }
  return Float32Array.from(out);
}

/**
 * Weights of the 4 neighbours at offsets −1, 0, 1, 2 for the fractional part t (`[P, 1]` each), and their
 * derivatives d/dt.
 */
function cubicWeights(t: tf.Tensor, kind: 'bicubic' | 'bspline'): { w: tf.Tensor[]; dw: tf.Tensor[] } {
  const t2 = tf.square(t);
  const t3 = tf.mul(t2, t);
  const poly = (c3: number, c2: number, c1: number, c0: number) =>
    tf.add(tf.add(tf.add(tf.mul(t3, c3), tf.mul(t2, c2)), tf.mul(t, c1)), c0);
  const dpoly = (c3: number, c2: number, c1: number) =>
    tf.add(tf.add(tf.mul(t2, 3 * c3), tf.mul(t, 2 * c2)), c1);
  // Coefficients (t³, t², t, 1) of each weight.
  const C: Array<[number, number, number, number]> =
    kind === 'bicubic'
      ? [
          [-0.5, 1, -0.5, 0],
          [1.5, -2.5, 0, 1],
          [-1.5, 2, 0.5, 0],
          [0.5, -0.5, 0, 0],
        ]
      : [
          [-1 / 6, 0.5, -0.5, 1 / 6],
          [0.5, -1, 0, 2 / 3],
          [-0.5, 0.5, 0.5, 1 / 6],
          [1 / 6, 0, 0, 0],
        ];
  return { w: C.map((c) => poly(...c)), dw: C.map((c) => dpoly(c[0], c[1], c[2])) };
}

/**
 * Evaluate a metric g once on the periodic n × n grid of [−π, π)² and interpolate it periodically, so that
 * geodesic energies Σ Δzᵀ g(z̄) Δz can be minimised without decoding to R^D at every step.
 *
 * ```ts
 * const grid = metricGrid(pullbackMetricFn(decoder), { n: 128 });
 * const g = grid.at(tf.tensor2d([[0.1, 2]])); // [1, 2, 2]
 * ```
 *
 * Only d = 2 latent spaces (the metric must return `[P, 2, 2]`).
 */
export function metricGrid(metricFn: MetricFn, options: MetricGridOptions): MetricGrid {
  const { n } = options;
  checkInt(n, 4, 'n');
  const interpolation = options.interpolation ?? 'bspline';
  if (!['bilinear', 'bicubic', 'bspline'].includes(interpolation)) {
    throw new CurvInputError(
      `interpolation: expected 'bilinear', 'bicubic' or 'bspline'; got ${JSON.stringify(interpolation)}`,
      'interpolation',
    );
  }
  const chunk = options.chunk ?? 4096;
  checkInt(chunk, 1, 'chunk');
  const h = (2 * Math.PI) / n;
  const total = n * n;
  const values = new Float32Array(total * 4);
  for (let start = 0; start < total; start += chunk) {
    const count = Math.min(chunk, total - start);
    const pts = new Float32Array(count * 2);
    for (let p = 0; p < count; p++) {
      const idx = start + p;
      pts[2 * p] = -Math.PI + Math.floor(idx / n) * h;
      pts[2 * p + 1] = -Math.PI + (idx % n) * h;
    }
    const g = tf.tidy(() => metricFn(tf.tensor2d(pts, [count, 2])));
    if (g.rank !== 3 || g.shape[0] !== count || g.shape[1] !== 2 || g.shape[2] !== 2) {
      const shape = g.shape;
      g.dispose();
      throw new CurvInputError(
        `metricFn: expected a [${count}, 2, 2] metric for [${count}, 2] points; got [${shape}]`,
        'metricFn',
      );
    }
    values.set(g.dataSync() as Float32Array, start * 4);
    g.dispose();
  }
  const coeffs = interpolation === 'bspline' ? prefilter(values, n, 4) : values;
  const table = tf.tensor2d(coeffs, [total, 4]);

  /** Wrapped integer node index (as int32) of floor + offset. */
  const wrapIndex = (fl: tf.Tensor, off: number) => {
    const k = tf.add(fl, off);
    return tf.sub(k, tf.mul(tf.floor(tf.div(k, n)), n));
  };

  /** Forward value and the two partial derivatives ∂g/∂z₀, ∂g/∂z₁, each `[P, 4]`. */
  const evaluate = (z: tf.Tensor2D): [tf.Tensor2D, tf.Tensor2D, tf.Tensor2D] => {
    const P = z.shape[0];
    const u = tf.div(tf.add(z, Math.PI), h);
    const fl = tf.floor(u);
    const f = tf.sub(u, fl);
    const [fx, fy] = tf.split(f, 2, 1);
    const [lx, ly] = tf.split(fl, 2, 1);
    let offsets: number[];
    let wx: { w: tf.Tensor[]; dw: tf.Tensor[] };
    let wy: { w: tf.Tensor[]; dw: tf.Tensor[] };
    if (interpolation === 'bilinear') {
      offsets = [0, 1];
      const one = tf.onesLike(fx);
      wx = { w: [tf.sub(1, fx), fx], dw: [tf.neg(one), one] };
      wy = { w: [tf.sub(1, fy), fy], dw: [tf.neg(one), one] };
    } else {
      offsets = [-1, 0, 1, 2];
      wx = cubicWeights(fx, interpolation);
      wy = cubicWeights(fy, interpolation);
    }
    const r = offsets.length;
    const ix = tf.concat(
      offsets.map((o) => wrapIndex(lx, o)),
      1,
    ); // [P, r]
    const iy = tf.concat(
      offsets.map((o) => wrapIndex(ly, o)),
      1,
    );
    const flat = tf
      .add(tf.mul(ix.expandDims(2), n), iy.expandDims(1))
      .reshape([P * r * r])
      .toInt();
    const gathered = tf.gather(table, flat).reshape([P, r * r, 4]);
    const combine = (ax: tf.Tensor[], ay: tf.Tensor[]) => {
      const w = tf.mul(tf.concat(ax, 1).expandDims(2), tf.concat(ay, 1).expandDims(1)).reshape([P, r * r, 1]);
      return tf.sum(tf.mul(gathered, w), 1) as tf.Tensor2D;
    };
    return [combine(wx.w, wy.w), tf.div(combine(wx.dw, wy.w), h), tf.div(combine(wx.w, wy.dw), h)];
  };

  // Custom gradient: the gather indices depend on ⌊z⌋ and must stay off the tape (tfjs cannot
  // differentiate through integer indices); the derivative comes from the weight derivatives.
  const interpolate = tf.customGrad(
    (x: tf.Tensor | tf.GradSaveFunc, saveArg: tf.Tensor | tf.GradSaveFunc) => {
      const z = x as tf.Tensor2D;
      const save = saveArg as tf.GradSaveFunc;
      const [g, d0, d1] = evaluate(z);
      save([d0, d1]);
      return {
        value: g.reshape([z.shape[0], 2, 2]),
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

  return {
    n,
    interpolation,
    values,
    at,
    metric: at,
    dispose: () => table.dispose(),
  };
}
