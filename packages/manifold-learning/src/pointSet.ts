import { ManifoldInputError } from './errors.js';

/**
 * n points of dimension `dim`, row-major (point i occupies `data[i·dim .. (i+1)·dim)`), with the distance
 * used between them: Euclidean, or the flat-torus distance when `period` is set (every coordinate is
 * periodic with that period, e.g. 2π for angles in (−π, π]).
 */
export interface PointSet {
  data: ArrayLike<number>;
  dim: number;
  /** Period of every coordinate (flat torus); absent = Euclidean space. */
  period?: number;
}

/** Build a {@link PointSet}, checking that `data.length` is a multiple of `dim` and all values are finite. */
export function pointSet(data: ArrayLike<number>, dim: number, period?: number): PointSet {
  const p: PointSet = period === undefined ? { data, dim } : { data, dim, period };
  pointCount(p, 'points');
  return p;
}

/** Number of points, validating the set (`name` prefixes the error message). */
export function pointCount(p: PointSet, name: string): number {
  if (!Number.isInteger(p.dim) || p.dim <= 0) {
    throw new ManifoldInputError(`${name}: dim must be a positive integer, got ${p.dim}`, name);
  }
  if (p.data.length % p.dim !== 0) {
    throw new ManifoldInputError(
      `${name}: ${p.data.length} values is not a multiple of dim = ${p.dim}`,
      name,
    );
  }
  if (p.period !== undefined && !(p.period > 0 && Number.isFinite(p.period))) {
    throw new ManifoldInputError(`${name}: period must be a positive number, got ${p.period}`, name);
  }
  for (let i = 0; i < p.data.length; i++) {
    if (!Number.isFinite(p.data[i])) {
      throw new ManifoldInputError(
        `${name}: value ${p.data[i]} at point ${Math.floor(i / p.dim)} is not finite`,
        name,
      );
    }
  }
  return p.data.length / p.dim;
}

/** Squared distance between points i and j of `p` (flat-torus when `p.period` is set). */
export function squaredDistance(p: PointSet, i: number, j: number): number {
  const { data, dim, period } = p;
  let s = 0;
  const a = i * dim;
  const b = j * dim;
  if (period === undefined) {
    for (let c = 0; c < dim; c++) {
      const t = data[a + c] - data[b + c];
      s += t * t;
    }
  } else {
    for (let c = 0; c < dim; c++) {
      let t = Math.abs(data[a + c] - data[b + c]) % period;
      if (t > period / 2) t = period - t;
      s += t * t;
    }
  }
  return s;
}

/** Squared distances from point i to every point of `p`, written into `out` (length n). */
export function squaredDistancesFrom(p: PointSet, i: number, out: Float64Array): Float64Array {
  const n = out.length;
  const { data, dim } = p;
  if (p.period === undefined && dim <= 3) {
    // Unrolled small-dimension path (latent spaces, the Swiss roll).
    const a = i * dim;
    const x0 = data[a];
    const x1 = dim > 1 ? data[a + 1] : 0;
    const x2 = dim > 2 ? data[a + 2] : 0;
    for (let j = 0; j < n; j++) {
      const b = j * dim;
      const t0 = data[b] - x0;
      const t1 = dim > 1 ? data[b + 1] - x1 : 0;
      const t2 = dim > 2 ? data[b + 2] - x2 : 0;
      out[j] = t0 * t0 + t1 * t1 + t2 * t2;
    }
    return out;
  }
  for (let j = 0; j < n; j++) out[j] = squaredDistance(p, i, j);
  return out;
}
