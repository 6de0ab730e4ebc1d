import { CurvInputError } from '@curv/core';
import { checkInt } from './validate.js';

/**
 * `count` points along a discrete curve at the fractional indices linspace(0, S−1, count), by linear
 * interpolation between neighbouring curve points (uniform in the curve parameter, not in arc length;
 * both endpoints included).
 *
 * ```ts
 * sampleAlongCurve([[0, 0], [1, 0], [1, 1]], 3); // [[0, 0], [1, 0], [1, 1]]
 * ```
 */
export function sampleAlongCurve(curve: ReadonlyArray<ArrayLike<number>>, count: number): number[][] {
  checkInt(count, 2, 'count');
  const S = curve.length;
  if (S < 2) throw new CurvInputError(`curve: expected at least 2 points; got ${S}`, 'curve');
  const out: number[][] = [];
  for (let i = 0; i < count; i++) {
    const x = (i * (S - 1)) / (count - 1);
    const s0 = Math.min(Math.floor(x), S - 2);
    const f = x - s0;
    const a = curve[s0];
    const b = curve[s0 + 1];
    out.push(Array.from({ length: a.length }, (_, k) => (1 - f) * a[k] + f * b[k]));
  }
  return out;
}
