import { CurvInputError } from '@curv/core';
import {
  checkEps,
  christoffelSymbols,
  curvatureFromChristoffel,
  smallInverse,
  torusGrid,
} from '@curv/geometry';
import * as tf from '@tensorflow/tfjs-core';
import type { LatentFunction } from './types.js';

export interface PeriodicGridOptions {
  /** Points per axis (≥ 5). The grid is x_i = −π + 2πi/n, i = 0..n−1, in both coordinates. */
  n: number;
  /** Maximum number of points per decoder call (default 4096); bounds memory to ≈ batchSize·D floats. */
  batchSize?: number;
  /** Metric regulariser for Γ and R: (g + eps·I)⁻¹ (default 0). */
  eps?: number;
}

/**
 * Geometry of a 2π-periodic decoder on the n×n `torusGrid` of [−π, π)² (@curv/geometry). Every array has
 * n² entries in its order, **x fastest**: entry j·n + i belongs to (x_i, y_j), starting at (−π, −π).
 */
export interface PeriodicGridGeometry {
  n: number;
  /** Grid step h = 2π/n, also the finite-difference step. */
  h: number;
  /** Coordinates x_i = −π + i·h (the same for y), length n. */
  coords: Float32Array;
  g11: Float32Array;
  g12: Float32Array;
  g22: Float32Array;
  /** √det g. */
  sqrtDetG: Float32Array;
  /** ½ tr g = ½ ‖J‖²_F. */
  halfTraceG: Float32Array;
  /** Scalar curvature R (conventions). */
  R: Float32Array;
}

/**
 * Metric, √det g, ½ tr g and scalar curvature of a decoder Ψ: R² → R^D (2π-periodic in both latent
 * coordinates) on a whole-torus grid, by periodic central differences with step h = 2π/n:
 * ∂Ψ from neighbouring grid points (each decoder evaluation is reused by four neighbours),
 * ∂g and ∂Γ again by periodic central differences of the grid fields, then Riemann → Ricci → R.
 * The decoder is called on chunks of whole rows (plus one halo row on each side). For n = 200 the
 * step is 0.0314, inside the float32 optimum 0.02–0.05 (README). No gradients are kept.
 */
export function periodicGridGeometry(
  decoder: LatentFunction,
  opts: PeriodicGridOptions,
): PeriodicGridGeometry {
  const n = opts.n;
  if (!Number.isInteger(n) || n < 5) {
    throw new CurvInputError(`periodicGridGeometry n: expected an integer ≥ 5, got ${n}`, 'n');
  }
  const batchSize = opts.batchSize ?? 4096;
  if (!Number.isInteger(batchSize) || batchSize < 1) {
    throw new CurvInputError(
      `periodicGridGeometry batchSize: expected a positive integer, got ${batchSize}`,
      'batchSize',
    );
  }
  const eps = opts.eps ?? 0;
  checkEps(eps, 'periodicGridGeometry eps');
  const { h, coords } = torusGrid(n);
  const N = n * n;
  const g11 = new Float32Array(N);
  const g12 = new Float32Array(N);
  const g22 = new Float32Array(N);
  const rowsPerChunk = Math.max(1, Math.floor(batchSize / n) - 2);
  const xs = Array.from(coords);
  for (let j0 = 0; j0 < n; j0 += rowsPerChunk) {
    const k = Math.min(rowsPerChunk, n - j0);
    const [a, b, c] = tf.tidy(() => {
      const pts: number[] = [];
      for (let r = -1; r <= k; r++) {
        const y = coords[(((j0 + r) % n) + n) % n];
        for (const x of xs) pts.push(x, y);
      }
      const psi = decoder(tf.tensor2d(pts, [(k + 2) * n, 2]));
      const dim = psi.shape[1];
      const rows = tf.reshape(psi, [k + 2, n, dim]);
      const inv2h = 1 / (2 * h);
      const dy = tf.mul(
        tf.sub(tf.slice(rows, [2, 0, 0], [k, n, dim]), tf.slice(rows, [0, 0, 0], [k, n, dim])),
        inv2h,
      );
      const mid = tf.slice(rows, [1, 0, 0], [k, n, dim]);
      const dx = tf.mul(tf.sub(roll(mid, -1, 1), roll(mid, 1, 1)), inv2h);
      return [tf.sum(tf.mul(dx, dx), 2), tf.sum(tf.mul(dx, dy), 2), tf.sum(tf.mul(dy, dy), 2)];
    });
    g11.set(a.dataSync(), j0 * n);
    g12.set(b.dataSync(), j0 * n);
    g22.set(c.dataSync(), j0 * n);
    tf.dispose([a, b, c]);
  }
  const R = tf.tidy(() => {
    const g = tf.reshape(
      tf.stack([tf.tensor1d(g11), tf.tensor1d(g12), tf.tensor1d(g12), tf.tensor1d(g22)], 1),
      [n, n, 2, 2],
    ); // [y, x, 2, 2]
    const inv2h = 1 / (2 * h);
    // ∂_x is along axis 1 (x fastest), ∂_y along axis 0.
    const grad = (f: tf.Tensor): tf.Tensor =>
      tf.stack(
        [
          tf.mul(tf.sub(roll(f, -1, 1), roll(f, 1, 1)), inv2h),
          tf.mul(tf.sub(roll(f, -1, 0), roll(f, 1, 0)), inv2h),
        ],
        f.rank,
      );
    const dg = tf.reshape(grad(g), [N, 2, 2, 2]) as tf.Tensor4D;
    const gInv = smallInverse(tf.reshape(g, [N, 2, 2]) as tf.Tensor3D, eps);
    const gamma = christoffelSymbols(gInv, dg);
    const dGamma = tf.reshape(grad(tf.reshape(gamma, [n, n, 2, 2, 2])), [N, 2, 2, 2, 2]) as tf.Tensor5D;
    return curvatureFromChristoffel(gInv, gamma, dGamma).R;
  });
  const rData = R.dataSync() as Float32Array;
  R.dispose();
  const sqrtDetG = new Float32Array(N);
  const halfTraceG = new Float32Array(N);
  for (let p = 0; p < N; p++) {
    sqrtDetG[p] = Math.sqrt(Math.max(0, g11[p] * g22[p] - g12[p] * g12[p]));
    halfTraceG[p] = 0.5 * (g11[p] + g22[p]);
  }
  return { n, h, coords, g11, g12, g22, sqrtDetG, halfTraceG, R: Float32Array.from(rData) };
}

/** Periodic shift along `axis`: out[i] = x[i − shift] (so shift = −1 gives the next element). */
function roll(x: tf.Tensor, shift: number, axis: number): tf.Tensor {
  const len = x.shape[axis];
  const s = ((shift % len) + len) % len;
  if (s === 0) return x;
  const [head, tail] = tf.split(x, [len - s, s], axis);
  return tf.concat([tail, head], axis);
}
