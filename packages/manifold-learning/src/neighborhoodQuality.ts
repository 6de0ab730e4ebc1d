import { ManifoldInputError } from './errors.js';
import { neighborRow, neighborRowBuffers, rankIn } from './neighborRows.js';
import { type PointSet, pointCount } from './pointSet.js';

/** Neighbourhood-preservation scores of an embedding at one neighbourhood size k. */
export interface NeighborhoodScores {
  k: number;
  /**
   * Trustworthiness T(k) ∈ [0, 1]: 1 − 2/(n k (2n − 3k − 1)) Σᵢ Σ_{j ∈ Uₖ(i)} (r(i, j) − k), where Uₖ(i) are
   * the points among the k nearest neighbours of i in the embedding that are not among its k nearest in the
   * reference space, and r(i, j) is the rank of j among the neighbours of i in the reference space.
   * Penalises false neighbours (points brought together).
   */
  trustworthiness: number;
  /**
   * Continuity C(k): the same formula with the spaces swapped. Penalises lost neighbours (points torn apart).
   */
  continuity: number;
  /** Mean fraction of the k reference neighbours that are also among the k embedding neighbours. */
  knnPreservation: number;
}

/** Options of {@link neighborhoodQuality}. */
export interface NeighborhoodOptions {
  /** Neighbourhood sizes (each an integer with 1 ≤ k < n/2; default [5, 10, 20]). */
  ks?: readonly number[];
}

function checkKs(ks: readonly number[], n: number, name: string): void {
  if (ks.length === 0) throw new ManifoldInputError(`${name}: ks is empty; expected at least one k`, name);
  for (const k of ks) {
    if (!Number.isInteger(k) || k < 1 || 2 * k >= n) {
      throw new ManifoldInputError(
        `${name}: k = ${k} is not an integer with 1 ≤ k < n/2 (n = ${n} points)`,
        `${name}: k`,
      );
    }
  }
}

/** Check that two point sets hold the same number of points; returns it. */
export function pairedCount(reference: PointSet, embedding: PointSet, name: string): number {
  const n = pointCount(reference, `${name}: reference`);
  const m = pointCount(embedding, `${name}: embedding`);
  if (n !== m) {
    throw new ManifoldInputError(
      `${name}: reference has ${n} points but embedding has ${m}; expected the same points in the same order`,
      name,
    );
  }
  return n;
}

/**
 * Trustworthiness, continuity and k-NN preservation of `embedding` with respect to `reference` (the data or
 * its ground-truth intrinsic coordinates) for several neighbourhood sizes, in one pass over the points:
 * O(n² (D + d + log n)) time, O(n) memory. Ties in distance are broken by point index.
 *
 * ```ts
 * const [s] = neighborhoodQuality(pointSet(x, 3), pointSet(z, 2), { ks: [10] });
 * s.trustworthiness; // 1 for an isometry
 * ```
 */
export function neighborhoodQuality(
  reference: PointSet,
  embedding: PointSet,
  options: NeighborhoodOptions = {},
): NeighborhoodScores[] {
  const name = 'neighborhoodQuality';
  const n = pairedCount(reference, embedding, name);
  const ks = options.ks ?? [5, 10, 20];
  checkKs(ks, n, name);
  const kMax = Math.max(...ks);
  const hi = neighborRowBuffers(n);
  const lo = neighborRowBuffers(n);
  const trust = new Float64Array(ks.length);
  const cont = new Float64Array(ks.length);
  const kept = new Float64Array(ks.length);
  for (let i = 0; i < n; i++) {
    neighborRow(reference, i, kMax, hi);
    neighborRow(embedding, i, kMax, lo);
    ks.forEach((k, a) => {
      for (let t = 0; t < k; t++) {
        const jl = lo.nearest[t];
        const r = rankIn(hi, jl);
        if (r > k) trust[a] += r - k;
        else kept[a]++;
        const jh = hi.nearest[t];
        const rl = rankIn(lo, jh);
        if (rl > k) cont[a] += rl - k;
      }
    });
  }
  return ks.map((k, a) => {
    const scale = 2 / (n * k * (2 * n - 3 * k - 1));
    return {
      k,
      trustworthiness: 1 - scale * trust[a],
      continuity: 1 - scale * cont[a],
      knnPreservation: kept[a] / (n * k),
    };
  });
}

/** Trustworthiness T(k) of `embedding` with respect to `reference` (see {@link NeighborhoodScores}). */
export function trustworthiness(reference: PointSet, embedding: PointSet, k: number): number {
  return neighborhoodQuality(reference, embedding, { ks: [k] })[0].trustworthiness;
}

/** Continuity C(k) of `embedding` with respect to `reference` (see {@link NeighborhoodScores}). */
export function continuity(reference: PointSet, embedding: PointSet, k: number): number {
  return neighborhoodQuality(reference, embedding, { ks: [k] })[0].continuity;
}
