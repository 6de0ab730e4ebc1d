import { type PointSet, squaredDistancesFrom } from './pointSet.js';

/**
 * The neighbourhood of one point i in one space: squared distances to every point, the same values sorted
 * (for ranks by binary search) and the `kMax` nearest other points in order (ties broken by index).
 * Memory O(n) per row, so metrics over all rows never hold an n×n matrix.
 */
export interface NeighborRow {
  /** Squared distances from i (index i holds −∞ so that i is its own rank 0). */
  dist: Float64Array;
  /** `dist` sorted ascending. */
  sorted: Float64Array;
  /** The kMax nearest other points, nearest first. */
  nearest: Int32Array;
}

/** Scratch buffers for {@link neighborRow}, reusable across rows of one space. */
export function neighborRowBuffers(n: number): NeighborRow {
  return { dist: new Float64Array(n), sorted: new Float64Array(n), nearest: new Int32Array(0) };
}

/** Fill `row` for point i of `p` with its `kMax` nearest neighbours. */
export function neighborRow(p: PointSet, i: number, kMax: number, row: NeighborRow): NeighborRow {
  const { dist, sorted } = row;
  const n = dist.length;
  squaredDistancesFrom(p, i, dist);
  dist[i] = Number.NEGATIVE_INFINITY;
  sorted.set(dist);
  sorted.sort();
  // Every point strictly below the kMax-th smallest distance, plus the ties at it, in (distance, index) order.
  const threshold = sorted[Math.min(kMax, n - 1)];
  const candidates: number[] = [];
  for (let j = 0; j < n; j++) if (j !== i && dist[j] <= threshold) candidates.push(j);
  candidates.sort((a, b) => dist[a] - dist[b] || a - b);
  row.nearest = Int32Array.from(candidates.slice(0, kMax));
  return row;
}

/**
 * Rank of point j among the neighbours of the row's point (1 = nearest; the point itself has rank 0):
 * 1 + the number of other points strictly closer, + the number at the same distance with a smaller index.
 */
export function rankIn(row: NeighborRow, j: number): number {
  const { dist, sorted } = row;
  const v = dist[j];
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  // lo = #{m: dist[m] < v}, including the point itself (−∞), i.e. exactly the 1-based rank without ties.
  let rank = lo;
  if (lo + 1 < sorted.length && sorted[lo + 1] === v) {
    for (let m = 0; m < j; m++) if (dist[m] === v) rank++;
  }
  return rank;
}
