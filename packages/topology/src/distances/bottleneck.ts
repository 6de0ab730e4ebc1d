import type { Diagram } from '../persistence/types.js';
import { coversRows } from './coveringMatching.js';
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
 * ignored. Found by binary search over the distinct costs. A threshold ε is feasible iff the points of
 * F farther than ε from the diagonal can all be matched into G within ε, and those of G into F (two
 * small matchings suffice, by the Mendelsohn–Dulmage theorem); the optimal matching itself comes from
 * one Hopcroft–Karp run on the (M+N)² diagonal-augmented graph at the optimum.
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
  // Distinct finite costs, increasing (typed-array sort: numeric, no comparator).
  const finite = new Float64Array(M * N + M + N + 1);
  let c = 0;
  for (let i = 0; i < M; i++) for (let j = 0; j < N; j++) finite[c++] = cost[i * K + j];
  for (let i = 0; i < M; i++) finite[c++] = cost[i * K + N + i];
  for (let j = 0; j < N; j++) finite[c++] = cost[(M + j) * K + j];
  finite[c++] = 0;
  finite.sort();
  const values: number[] = [];
  for (let i = 0; i < c; i++) if (i === 0 || finite[i] !== finite[i - 1]) values.push(finite[i]);
  // L∞ costs F×G and G×F (row-major) for the covering tests.
  const fg = new Float64Array(M * N);
  const gf = new Float64Array(N * M);
  for (let i = 0; i < M; i++) {
    for (let j = 0; j < N; j++) {
      const v = cost[i * K + j];
      fg[i * N + j] = v;
      gf[j * M + i] = v;
    }
  }
  const feasible = (eps: number): boolean => {
    const mustF: number[] = [];
    const mustG: number[] = [];
    for (let i = 0; i < M; i++) if (cost[i * K + N + i] > eps) mustF.push(i);
    for (let j = 0; j < N; j++) if (cost[(M + j) * K + j] > eps) mustG.push(j);
    return (
      coversRows(Int32Array.from(mustF), N, fg, N, eps) && coversRows(Int32Array.from(mustG), M, gf, M, eps)
    );
  };
  // Smallest feasible value (the largest finite value is feasible: everything to the diagonal).
  let lo = 0;
  let hi = values.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (feasible(values[mid])) hi = mid;
    else lo = mid + 1;
  }
  const { match: best, size } = hopcroftKarp(K, cost, values[hi]);
  if (size !== K) throw new Error('bottleneckDistance: no perfect matching at the feasible threshold');
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
