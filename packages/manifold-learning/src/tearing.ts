import { ManifoldInputError } from './errors.js';
import { pairedCount } from './neighborhoodQuality.js';
import { neighborRow, neighborRowBuffers, rankIn } from './neighborRows.js';
import type { PointSet } from './pointSet.js';

/** Options of {@link tearing}. */
export interface TearingOptions {
  /** Reference neighbourhood size: the pairs checked are (i, j) with j among the k nearest of i (default 10). */
  k?: number;
  /**
   * A reference neighbour counts as torn away when its rank among the embedding neighbours of i exceeds
   * `far`·(n − 1), i.e. it is not even in the nearest `far` fraction of the embedded points (default 0.05).
   */
  far?: number;
}

/**
 * Tearing: the fraction of reference k-nearest-neighbour pairs that the embedding sends far apart (outside
 * the nearest `far` fraction of points around i). Scale-free (ranks, not distances), so embeddings of
 * different sizes compare. 0 for any embedding that keeps neighbourhoods; a roll cut open along a line
 * tears roughly the pairs that straddle the cut.
 *
 * ```ts
 * tearing(pointSet(intrinsic, 2), pointSet(latent, 2, 2 * Math.PI), { k: 10, far: 0.05 });
 * ```
 */
export function tearing(reference: PointSet, embedding: PointSet, options: TearingOptions = {}): number {
  const name = 'tearing';
  const n = pairedCount(reference, embedding, name);
  const k = options.k ?? 10;
  const far = options.far ?? 0.05;
  if (!Number.isInteger(k) || k < 1 || k >= n) {
    throw new ManifoldInputError(
      `${name}: k = ${k}; expected an integer with 1 ≤ k < n = ${n}`,
      `${name}: k`,
    );
  }
  if (!(far > 0 && far < 1)) {
    throw new ManifoldInputError(`${name}: far = ${far}; expected a fraction in (0, 1)`, `${name}: far`);
  }
  const limit = far * (n - 1);
  const hi = neighborRowBuffers(n);
  const lo = neighborRowBuffers(n);
  let torn = 0;
  for (let i = 0; i < n; i++) {
    neighborRow(reference, i, k, hi);
    neighborRow(embedding, i, 0, lo);
    for (let t = 0; t < k; t++) if (rankIn(lo, hi.nearest[t]) > limit) torn++;
  }
  return torn / (n * k);
}
