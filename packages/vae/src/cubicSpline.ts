import { CurvInputError } from '@curv/core';

/** A curve c: [0, 1] → R^d with its velocity, evaluated at many parameters at once. */
export interface ParametricCurve {
  readonly dim: number;
  /** Points c(t) for each t, row-major [m, d]. */
  points(ts: ArrayLike<number>): Float64Array;
  /** Velocities c′(t) for each t, row-major [m, d]. */
  velocities(ts: ArrayLike<number>): Float64Array;
}

/**
 * Interpolating cubic spline through row-major points [n, d] at increasing knots (default uniform on
 * [0, 1]) with not-a-knot end conditions (the third derivative is continuous at the second and the
 * second-to-last knot; scipy's default). Two points give the segment, three the parabola.
 * Written here because the npm spline packages do not offer not-a-knot ends together with derivatives
 * for parametric curves.
 *
 * ```ts
 * cubicSpline([0, 0, 1, 1, 2, 0, 3, 1], 2).points([0.5]); // the curve halfway along the knots
 * ```
 */
export function cubicSpline(
  points: ArrayLike<number>,
  d: number,
  knots?: ArrayLike<number>,
): ParametricCurve {
  const n = Math.floor(points.length / d);
  if (n < 2 || n * d !== points.length) {
    throw new CurvInputError(
      `points: expected a row-major [n ≥ 2, ${d}] array; got ${points.length} values`,
      'points',
    );
  }
  const t = knots ? Float64Array.from(knots) : Float64Array.from({ length: n }, (_, i) => i / (n - 1));
  if (t.length !== n) throw new CurvInputError(`knots: expected ${n} values; got ${t.length}`, 'knots');
  for (let i = 1; i < n; i++) {
    if (!(t[i] > t[i - 1])) throw new CurvInputError('knots: expected strictly increasing values', 'knots');
  }
  const h = Float64Array.from({ length: n - 1 }, (_, i) => t[i + 1] - t[i]);
  // Second derivatives m[i·d + c] at the knots.
  const m = new Float64Array(n * d);
  if (n === 3) {
    for (let c = 0; c < d; c++) {
      const s0 = (points[d + c] - points[c]) / h[0];
      const s1 = (points[2 * d + c] - points[d + c]) / h[1];
      const q = (2 * (s1 - s0)) / (h[0] + h[1]);
      m[c] = q;
      m[d + c] = q;
      m[2 * d + c] = q;
    }
  } else if (n >= 4) {
    const A = new Float64Array(n * n);
    A[0] = h[1];
    A[1] = -(h[0] + h[1]);
    A[2] = h[0];
    for (let i = 1; i < n - 1; i++) {
      A[i * n + i - 1] = h[i - 1];
      A[i * n + i] = 2 * (h[i - 1] + h[i]);
      A[i * n + i + 1] = h[i];
    }
    const l = n - 1;
    A[l * n + n - 3] = h[n - 2];
    A[l * n + n - 2] = -(h[n - 3] + h[n - 2]);
    A[l * n + n - 1] = h[n - 3];
    const rhs = new Float64Array(n * d);
    for (let i = 1; i < n - 1; i++) {
      for (let c = 0; c < d; c++) {
        const a = (points[(i + 1) * d + c] - points[i * d + c]) / h[i];
        const b = (points[i * d + c] - points[(i - 1) * d + c]) / h[i - 1];
        rhs[i * d + c] = 6 * (a - b);
      }
    }
    solveInPlace(A, rhs, n, d);
    m.set(rhs);
  }
  const locate = (x: number): number => {
    if (x <= t[0]) return 0;
    if (x >= t[n - 1]) return n - 2;
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (t[mid] <= x) lo = mid;
      else hi = mid;
    }
    return lo;
  };
  const evaluate = (ts: ArrayLike<number>, derivative: boolean): Float64Array => {
    const out = new Float64Array(ts.length * d);
    for (let q = 0; q < ts.length; q++) {
      const i = locate(ts[q]);
      const u = ts[q] - t[i];
      const hi = h[i];
      for (let c = 0; c < d; c++) {
        const y0 = points[i * d + c];
        const y1 = points[(i + 1) * d + c];
        const m0 = m[i * d + c];
        const m1 = m[(i + 1) * d + c];
        const b = (y1 - y0) / hi - (hi * (2 * m0 + m1)) / 6;
        const k3 = (m1 - m0) / (6 * hi);
        out[q * d + c] = derivative ? b + m0 * u + 3 * k3 * u * u : y0 + u * (b + u * (m0 / 2 + u * k3));
      }
    }
    return out;
  };
  return { dim: d, points: (ts) => evaluate(ts, false), velocities: (ts) => evaluate(ts, true) };
}

/** Solve A X = B in place (A [n, n], B [n, r] row-major) by Gaussian elimination with partial pivoting. */
export function solveInPlace(A: Float64Array, B: Float64Array, n: number, r: number): void {
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let i = c + 1; i < n; i++) if (Math.abs(A[i * n + c]) > Math.abs(A[p * n + c])) p = i;
    if (A[p * n + c] === 0) throw new Error('solveInPlace: singular system');
    if (p !== c) {
      for (let k = 0; k < n; k++) [A[p * n + k], A[c * n + k]] = [A[c * n + k], A[p * n + k]];
      for (let k = 0; k < r; k++) [B[p * r + k], B[c * r + k]] = [B[c * r + k], B[p * r + k]];
    }
    const piv = A[c * n + c];
    for (let i = c + 1; i < n; i++) {
      const f = A[i * n + c] / piv;
      if (f === 0) continue;
      for (let k = c; k < n; k++) A[i * n + k] -= f * A[c * n + k];
      for (let k = 0; k < r; k++) B[i * r + k] -= f * B[c * r + k];
    }
  }
  for (let c = n - 1; c >= 0; c--) {
    for (let k = 0; k < r; k++) {
      let s = B[c * r + k];
      for (let j = c + 1; j < n; j++) s -= A[c * n + j] * B[j * r + k];
      B[c * r + k] = s / A[c * n + c];
    }
  }
}

/** The straight segment from a to b as a {@link ParametricCurve}. */
export function straightCurve(a: readonly number[], b: readonly number[]): ParametricCurve {
  const d = a.length;
  return {
    dim: d,
    points: (ts) => {
      const out = new Float64Array(ts.length * d);
      for (let q = 0; q < ts.length; q++)
        for (let c = 0; c < d; c++) out[q * d + c] = a[c] + ts[q] * (b[c] - a[c]);
      return out;
    },
    velocities: (ts) => {
      const out = new Float64Array(ts.length * d);
      for (let q = 0; q < ts.length; q++) for (let c = 0; c < d; c++) out[q * d + c] = b[c] - a[c];
      return out;
    },
  };
}
