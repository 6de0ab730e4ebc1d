import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { checkInt } from './validate.js';

/**
 * `parity`: the original's discrete construction (cumulative trapezoid of scaled Haar functions, then the
 * "fix" that zeroes every entry from index ⌊((k+1)/2ⁿ)·S − 1⌋ on) — can cut tent values
 * and leave all-zero columns. `clean`: exact tents sampled on the grid; needs S ≥ 2^{nMax} + 1 so that no
 * column is degenerate.
 */
export type SchauderMode = 'parity' | 'clean';

/** `zeroBoundary`: only the tents (curves keep their endpoints). `shooting`: the identity t first, then the tents. */
export type SchauderVariant = 'zeroBoundary' | 'shooting';

export interface SchauderBasisOptions {
  mode?: SchauderMode;
  variant?: SchauderVariant;
}

/** A discrete Schauder basis: an S × m matrix whose column j is one basis function sampled at t_s = s/(S−1). */
export interface SchauderBasis {
  readonly nMax: number;
  /** Number of time points (rows). */
  readonly S: number;
  /** Number of basis functions (columns): 2^{nMax} − 1 (zero boundary) or 2^{nMax} (shooting). */
  readonly columns: number;
  readonly mode: SchauderMode;
  readonly variant: SchauderVariant;
  /** Row-major S × columns matrix: `data[s * columns + j]` = column j at time t_s. */
  readonly data: Float32Array;
  /** (n, k) of each column, or `null` for the identity column t of the shooting variant. */
  readonly labels: ReadonlyArray<readonly [number, number] | null>;
  /** A copy of column j (length S). */
  column(j: number): Float32Array;
  /** A new `[S, columns]` tensor (the caller disposes it). */
  tensor(): tf.Tensor2D;
}

/** Haar mother wavelet ψ(τ): +1 on [0, ½), −1 on [½, 1), 0 elsewhere. */
function haar(tau: number): number {
  if (tau >= 0 && tau < 0.5) return 1;
  if (tau >= 0.5 && tau < 1) return -1;
  return 0;
}

/** Original discrete element (n, k): cumulative trapezoid of 2^{1+n/2}·H_{n,k}, then the "fix". */
function parityElement(n: number, k: number, t: Float64Array): Float64Array {
  const S = t.length;
  const e = new Float64Array(S);
  const scale = 2 ** (1 + n / 2) * 2 ** (n / 2); // 2^{1+n/2} · (the Haar normalisation 2^{n/2})
  const p = 2 ** n;
  for (let s = 1; s < S; s++) {
    const h0 = haar(p * t[s - 1] - k);
    const h1 = haar(p * t[s] - k);
    e[s] = e[s - 1] + scale * 0.5 * (h0 + h1) * (t[s] - t[s - 1]);
  }
  const cut = Math.max(0, Math.floor(((k + 1) / p) * S - 1));
  for (let s = cut; s < S; s++) e[s] = 0;
  return e;
}

/** Exact tent of height 1 on [k/2ⁿ, (k+1)/2ⁿ] sampled at t. */
function cleanElement(n: number, k: number, t: Float64Array): Float64Array {
  const e = new Float64Array(t.length);
  const p = 2 ** (n + 1);
  for (let s = 0; s < t.length; s++) e[s] = Math.max(0, 1 - Math.abs(p * t[s] - 2 * k - 1));
  return e;
}

/**
 * The Faber–Schauder basis on the time grid t_s = s/(S−1), s = 0..S−1. Columns are, in this
 * order, [t (shooting variant only)] then the elements (n, k) for n = 0..nMax−1 (outer) and k = 0..2ⁿ−1
 * (inner); element (n, k) is (in the continuum) the tent of height 1 on [k/2ⁿ, (k+1)/2ⁿ].
 *
 * ```ts
 * const B = schauderBasis(2, 9, { mode: 'parity' });
 * B.column(1); // [0, .5, .5, 0, 0, 0, 0, 0, 0]  (the "fix" cut the tail)
 * ```
 *
 * Parity mode for (nMax, S) = (7, 100) has 127 columns, 52 of them zero, rank 75.
 */
export function schauderBasis(nMax: number, S: number, options: SchauderBasisOptions = {}): SchauderBasis {
  checkInt(nMax, 1, 'nMax');
  checkInt(S, 2, 'S');
  if (nMax > 20) throw new CurvInputError(`nMax: expected at most 20; got ${nMax}`, 'nMax');
  const mode = options.mode ?? 'parity';
  const variant = options.variant ?? 'zeroBoundary';
  if (mode !== 'parity' && mode !== 'clean') {
    throw new CurvInputError(`mode: expected 'parity' or 'clean'; got ${JSON.stringify(mode)}`, 'mode');
  }
  if (variant !== 'zeroBoundary' && variant !== 'shooting') {
    throw new CurvInputError(
      `variant: expected 'zeroBoundary' or 'shooting'; got ${JSON.stringify(variant)}`,
      'variant',
    );
  }
  if (mode === 'clean' && S < 2 ** nMax + 1) {
    throw new CurvInputError(
      `S: clean Schauder basis with nMax = ${nMax} needs S ≥ 2^nMax + 1 = ${2 ** nMax + 1} time points so that every tent is ` +
        `non-degenerate; got S = ${S} (use mode 'parity' to reproduce the original)`,
      'S',
    );
  }
  // Single-precision time grid as in the original; arithmetic below in double.
  const t = new Float64Array(S);
  for (let s = 0; s < S; s++) t[s] = Math.fround(s / (S - 1));
  const cols: Float64Array[] = [];
  const labels: Array<readonly [number, number] | null> = [];
  if (variant === 'shooting') {
    cols.push(Float64Array.from(t));
    labels.push(null);
  }
  for (let n = 0; n < nMax; n++) {
    for (let k = 0; k < 2 ** n; k++) {
      cols.push(mode === 'parity' ? parityElement(n, k, t) : cleanElement(n, k, t));
      labels.push([n, k] as const);
    }
  }
  const m = cols.length;
  const data = new Float32Array(S * m);
  for (let j = 0; j < m; j++) for (let s = 0; s < S; s++) data[s * m + j] = cols[j][s];
  return {
    nMax,
    S,
    columns: m,
    mode,
    variant,
    data,
    labels,
    column(j: number): Float32Array {
      checkInt(j, 0, 'column');
      if (j >= m) throw new CurvInputError(`column: expected an index < ${m}; got ${j}`, 'column');
      const c = new Float32Array(S);
      for (let s = 0; s < S; s++) c[s] = data[s * m + j];
      return c;
    },
    tensor(): tf.Tensor2D {
      return tf.tensor2d(data, [S, m], 'float32');
    },
  };
}
