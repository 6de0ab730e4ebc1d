import { CurvInputError } from '@curv/core';

/** Row-major points: a flat array of N·D numbers (with `dim`), or N rows of D numbers. */
export type PointsInput = ArrayLike<number> | readonly (readonly number[])[] | readonly ArrayLike<number>[];

/** Points as one flat Float64Array, row-major N×D. */
export interface FlatPoints {
  n: number;
  dim: number;
  values: Float64Array;
}

const TWO_PI = 2 * Math.PI;

/**
 * Normalise point input to a flat row-major Float64Array. Rows must all have the same length and
 * finite coordinates; a flat array needs `dim`.
 */
export function flattenPoints(points: PointsInput, dim?: number, name = 'points'): FlatPoints {
  const first = (points as ArrayLike<unknown>)[0];
  if (points.length > 0 && typeof first === 'object' && first !== null) {
    const rows = points as readonly ArrayLike<number>[];
    const d = rows[0].length;
    if (d === 0) throw new CurvInputError(`${name}: rows are empty; expected N rows of D ≥ 1 numbers`, name);
    const values = new Float64Array(rows.length * d);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (!r || r.length !== d) {
        throw new CurvInputError(
          `${name}: row ${i} has ${r?.length ?? 0} coordinates; expected ${d} like row 0`,
          name,
        );
      }
      for (let k = 0; k < d; k++) values[i * d + k] = r[k];
    }
    checkFinite(values, name, d);
    return { n: rows.length, dim: d, values };
  }
  const flat = points as ArrayLike<number>;
  if (dim === undefined || !Number.isInteger(dim) || dim < 1) {
    throw new CurvInputError(`${name}: a flat array needs the dimension (dim ≥ 1)`, name);
  }
  if (flat.length % dim !== 0) {
    throw new CurvInputError(`${name}: length ${flat.length} is not a multiple of dim ${dim}`, name);
  }
  const values = Float64Array.from(flat);
  checkFinite(values, name, dim);
  return { n: flat.length / dim, dim, values };
}

function checkFinite(v: Float64Array, name: string, d: number): void {
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) {
      throw new CurvInputError(
        `${name}: point ${Math.floor(i / d)} has a non-finite coordinate ${v[i]}; expected finite numbers`,
        name,
      );
    }
  }
}

/** Periodic difference on the circle of length 2π: a − b − 2π·round((a − b)/2π), in [−π, π]. */
export function periodicDifference(a: number, b: number): number {
  const d = a - b;
  return d - TWO_PI * Math.round(d / TWO_PI);
}

/**
 * Pairwise distances of N points, as a dense symmetric N×N Float64Array: Euclidean, or the flat-torus
 * distance √(Σ_k δ_k²) with δ_k = (x_k − y_k) wrapped into [−π, π] when `periodic` (every coordinate is
 * an angle of the torus [−π, π)^D).
 *
 * ```ts
 * pairwiseDistances({ n: 2, dim: 2, values: Float64Array.of(0, 0, 3, 4) }).at(1); // 5
 * ```
 */
export function pairwiseDistances(p: FlatPoints, periodic = false): Float64Array {
  const { n, dim, values: x } = p;
  const out = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const oi = i * dim;
    for (let j = i + 1; j < n; j++) {
      const oj = j * dim;
      let s = 0;
      if (periodic) {
        for (let k = 0; k < dim; k++) {
          const d = periodicDifference(x[oi + k], x[oj + k]);
          s += d * d;
        }
      } else {
        for (let k = 0; k < dim; k++) {
          const d = x[oi + k] - x[oj + k];
          s += d * d;
        }
      }
      const v = Math.sqrt(s);
      out[i * n + j] = v;
      out[j * n + i] = v;
    }
  }
  return out;
}
