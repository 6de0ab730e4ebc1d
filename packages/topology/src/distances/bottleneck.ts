import type { Diagram } from '../persistence/types.js';
import { diagramCostMatrix, finitePoints } from './diagramCost.js';
import { hopcroftKarp } from './hopcroftKarp.js';

/** One row of a matching: point i of the first diagram with point j of the second (−1: the diagonal). */
export interface MatchedPair {
  i: number;
  j: number;
  cost: number;
}

/** Result of {@link bottleneckDistance}. */
export interface BottleneckResult {
  distance: number;
  /**
   * An optimal matching: one row per point of the first diagram (in order), then one row per point of
   * the second diagram matched to the diagonal. Indices refer to the input diagrams.
   */
  matching: MatchedPair[];
  /** The first row of `matching` with the largest cost (null when both diagrams are empty). */
  pair: MatchedPair | null;
}

/**
 * Bottleneck distance between two persistence diagrams: the smallest ε such that a perfect matching of
 * points (or of points with the diagonal) has every cost ≤ ε, with the L∞ ground cost
 * max(|b − b'|, |d − d'|) and the cost (d − b)/2 to the diagonal. Points with an infinite death are
 * ignored. Found by binary search over the distinct costs with a Hopcroft–Karp perfect-matching test.
 *
 * ```ts
 * bottleneckDistance([[0, 2], [0, 5]], [[0, 2.2], [0, 4]]).distance; // 1
 * bottleneckDistance([[0, 3]], [[0, 1]]).pair; // { i: 0, j: -1, cost: 1.5 }
 * ```
 */
export function bottleneckDistance(a: Diagram, b: Diagram): BottleneckResult {
  const F = finitePoints(a, 'bottleneckDistance: first diagram');
  const G = finitePoints(b, 'bottleneckDistance: second diagram');
  const M = F.births.length;
  const N = G.births.length;
  if (M + N === 0) return { distance: 0, matching: [], pair: null };
  const { K, cost } = diagramCostMatrix(F, G);
  const values = Array.from(new Set(Array.from(cost).filter(Number.isFinite))).sort((x, y) => x - y);
  // Smallest value with a perfect matching (the largest finite value always has one: all to the diagonal).
  let lo = 0;
  let hi = values.length - 1;
  let best = hopcroftKarp(K, cost, values[hi]).match;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const r = hopcroftKarp(K, cost, values[mid]);
    if (r.size === K) {
      hi = mid;
      best = r.match;
    } else lo = mid + 1;
  }
  const distance = values[hi];
  const matching: MatchedPair[] = [];
  for (let r = 0; r < K; r++) {
    const c = best[r];
    const v = cost[r * K + c];
    if (r < M) matching.push({ i: F.index[r], j: c < N ? G.index[c] : -1, cost: v });
    else if (c < N) matching.push({ i: -1, j: G.index[c], cost: v });
  }
  let pair: MatchedPair | null = null;
  for (const m of matching) if (pair === null || m.cost > pair.cost) pair = m;
  return { distance, matching, pair };
}
