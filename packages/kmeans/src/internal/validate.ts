import { CurvInputError } from '@curv/core';

/**
 * Integer labels as an Int32Array. Throws {@link CurvInputError} naming `field` when a value is not a
 * finite integer, or when `n` is given and the length differs.
 */
export function toLabels(labels: ArrayLike<number>, field: string, n?: number): Int32Array {
  if (labels == null || typeof labels.length !== 'number') {
    throw new CurvInputError(`${field}: expected an array of integer labels`, field);
  }
  if (n !== undefined && labels.length !== n) {
    throw new CurvInputError(`${field}: expected ${n} labels, got ${labels.length}`, field);
  }
  const out = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    const v = labels[i];
    if (!Number.isInteger(v) || Math.abs(v) > 2147483647) {
      throw new CurvInputError(`${field}[${i}]: expected an integer label, got ${v}`, field);
    }
    out[i] = v;
  }
  return out;
}

/** A plain point set: flat row-major `n·d` numbers or `n` rows of `d` numbers. */
export type PointsLike = ArrayLike<number> | ArrayLike<ArrayLike<number>>;

/**
 * Flattens points to a row-major Float64Array of shape n×d (index i·d + m). Rows must all have
 * length `d`; a flat array must have a length divisible by `d`. Values must be finite.
 */
export function toFlatPoints(
  points: PointsLike,
  d: number,
  field: string,
): { data: Float64Array; n: number } {
  if (points == null || typeof points.length !== 'number') {
    throw new CurvInputError(`${field}: expected n×${d} points (flat array or array of rows)`, field);
  }
  const first = points.length > 0 ? points[0] : undefined;
  let data: Float64Array;
  if (first !== undefined && typeof first === 'object') {
    const rows = points as ArrayLike<ArrayLike<number>>;
    data = new Float64Array(rows.length * d);
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      if (r == null || r.length !== d) {
        throw new CurvInputError(`${field}[${i}]: expected a row of ${d} numbers`, field);
      }
      for (let m = 0; m < d; m++) data[i * d + m] = r[m];
    }
  } else {
    const flat = points as ArrayLike<number>;
    if (flat.length % d !== 0) {
      throw new CurvInputError(
        `${field}: flat array length ${flat.length} is not a multiple of d = ${d}`,
        field,
      );
    }
    data = Float64Array.from(flat);
  }
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new CurvInputError(
        `${field}: point ${Math.floor(i / d)} coordinate ${i % d} is ${data[i]}; expected a finite number`,
        field,
      );
    }
  }
  return { data, n: data.length / d };
}

/** Throws unless `v` is an integer ≥ `min`. */
export function requireInt(v: number, field: string, min: number): number {
  if (!Number.isInteger(v) || v < min) {
    throw new CurvInputError(`${field}: expected an integer ≥ ${min}, got ${v}`, field);
  }
  return v;
}

/** Throws unless `v` is a finite number > 0 (or ≥ 0 when `allowZero`). */
export function requirePositive(v: number, field: string, allowZero = false): number {
  if (!Number.isFinite(v) || v < 0 || (!allowZero && v === 0)) {
    throw new CurvInputError(
      `${field}: expected a finite number ${allowZero ? '≥' : '>'} 0, got ${v}`,
      field,
    );
  }
  return v;
}
