import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import type { PointsLike, Reduction } from './types.js';

const REDUCTIONS: readonly Reduction[] = ['none', 'sum', 'mean'];

/** Throw unless `r` is a known reduction (an invalid reduction is an error, not a silent value). */
export function checkReduction(r: unknown, where: string): asserts r is Reduction {
  if (!REDUCTIONS.includes(r as Reduction)) {
    throw new CurvInputError(
      `${where}: reduction must be one of 'none', 'sum', 'mean'; got ${JSON.stringify(r)}`,
      'reduction',
    );
  }
}

/** Throw unless `n` is an integer ≥ `min`. */
export function checkInt(n: unknown, min: number, name: string): asserts n is number {
  if (typeof n !== 'number' || !Number.isInteger(n) || n < min) {
    throw new CurvInputError(`${name}: expected an integer ≥ ${min}; got ${String(n)}`, name);
  }
}

/** Throw unless `curves` is a `[b, S, d]` tensor with S ≥ 2. */
export function checkCurves(curves: tf.Tensor, where: string): asserts curves is tf.Tensor3D {
  if (curves.rank !== 3 || (curves.shape[1] ?? 0) < 2) {
    throw new CurvInputError(
      `${where}: curves must be a [b, S, d] tensor with S ≥ 2; got shape [${curves.shape}]`,
      'curves',
    );
  }
}

/**
 * Convert points to a `[b, d]` float32 tensor. A tensor input is returned as is (not copied, caller keeps
 * ownership); an array input gives a new tensor. `owned` tells whether the caller must dispose the result.
 */
export function toPoints(p: PointsLike, name: string): { t: tf.Tensor2D; owned: boolean } {
  if (p instanceof tf.Tensor) {
    if (p.rank !== 2)
      throw new CurvInputError(`${name}: expected a [b, d] tensor; got shape [${p.shape}]`, name);
    return { t: p as tf.Tensor2D, owned: false };
  }
  const rows = Array.from(p as ArrayLike<ArrayLike<number>>, (r) => Array.from(r));
  if (rows.length === 0) throw new CurvInputError(`${name}: expected at least one point`, name);
  const d = rows[0].length;
  if (d === 0 || rows.some((r) => r.length !== d || r.some((x) => !Number.isFinite(x)))) {
    throw new CurvInputError(`${name}: expected rows of equal length d ≥ 1 with finite numbers`, name);
  }
  return { t: tf.tensor2d(rows, [rows.length, d], 'float32'), owned: true };
}
