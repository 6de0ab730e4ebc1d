import { CurvInputError } from '@curv/core';
import type { Diagram } from '../persistence/types.js';
import type { MatchedPair } from './bottleneck.js';
import { diagramCostMatrix, finitePoints } from './diagramCost.js';
import { hungarian } from './hungarian.js';

/** Result of {@link wassersteinDistance}. */
export interface WassersteinResult {
  distance: number;
  /** An optimal matching, rows as in {@link bottleneckDistance}. */
  matching: MatchedPair[];
}

/**
 * p-Wasserstein distance between two persistence diagrams, (min over matchings Σ cost^p)^(1/p), with the
 * L∞ ground cost max(|b − b'|, |d − d'|) and the cost (d − b)/2 to the diagonal; points with an
 * infinite death are ignored. Exact (Hungarian algorithm on the (M+N)² matching matrix).
 *
 * ```ts
 * wassersteinDistance([[0, 2], [0, 5]], [[0, 2.2], [0, 4]], 1).distance; // 1.2
 * ```
 */
export function wassersteinDistance(a: Diagram, b: Diagram, p = 2): WassersteinResult {
  if (!(p >= 1) || !Number.isFinite(p)) {
    throw new CurvInputError(`wassersteinDistance: p = ${p}; expected a finite number ≥ 1`, 'p');
  }
  const F = finitePoints(a, 'wassersteinDistance: first diagram');
  const G = finitePoints(b, 'wassersteinDistance: second diagram');
  const M = F.births.length;
  const N = G.births.length;
  if (M + N === 0) return { distance: 0, matching: [] };
  const { K, cost } = diagramCostMatrix(F, G);
  const powered = cost.map((c) => (Number.isFinite(c) ? c ** p : c));
  const match = hungarian(K, powered);
  let total = 0;
  const matching: MatchedPair[] = [];
  for (let r = 0; r < K; r++) {
    const c = match[r];
    total += powered[r * K + c];
    const v = cost[r * K + c];
    if (r < M) matching.push({ i: F.index[r], j: c < N ? G.index[c] : -1, cost: v });
    else if (c < N) matching.push({ i: -1, j: G.index[c], cost: v });
  }
  return { distance: total ** (1 / p), matching };
}
