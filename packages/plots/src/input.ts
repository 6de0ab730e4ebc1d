import { PlotInputError } from './errors.js';

/** Numeric array input: plain arrays and typed arrays are both accepted. */
export type NumericArray = ArrayLike<number>;

/** Check `a.length === expected`; throw a {@link PlotInputError} naming `field` otherwise. */
export function requireLength(a: NumericArray | undefined, expected: number, field: string): NumericArray {
  if (a === undefined || a === null || typeof a.length !== 'number') {
    throw new PlotInputError(`${field}: missing; expected an array of ${expected} numbers`, field);
  }
  if (a.length !== expected) {
    throw new PlotInputError(`${field}: has length ${a.length}; expected ${expected}`, field);
  }
  return a;
}

/** Number of rows of a row-major N×2 point array; throws unless the length is even. */
export function pointCount(points: NumericArray | undefined, field: string): number {
  if (points === undefined || points === null || typeof points.length !== 'number') {
    throw new PlotInputError(`${field}: missing; expected a row-major N×2 array (x0, y0, x1, y1, …)`, field);
  }
  if (points.length % 2 !== 0) {
    throw new PlotInputError(
      `${field}: length ${points.length} is odd; expected a row-major N×2 array`,
      field,
    );
  }
  return points.length / 2;
}

/** [min, max] over finite values (optionally only positive ones); undefined when there are none. */
export function finiteExtent(a: NumericArray, positiveOnly = false): [number, number] | undefined {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < a.length; i++) {
    const v = a[i];
    if (!Number.isFinite(v) || (positiveOnly && v <= 0)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** Wrap an angle into [−π, π). */
export function wrapAngle(v: number): number {
  const twoPi = 2 * Math.PI;
  return v - twoPi * Math.floor((v + Math.PI) / twoPi);
}
