import type { RipsPersistence } from '../persistence/types.js';

/** Coarse topology of a diagram: clusters and loops that persist beyond given scales. */
export interface TopologySummary {
  /** Connected components at scale `clusterScale`: 1 + number of finite H0 deaths > clusterScale (+ extra components). */
  clusters: number;
  /** Persistences (death − birth) of the H1 pairs, decreasing. */
  loops: number[];
}

/**
 * Number of clusters separated by more than `clusterScale` and the sorted H1 persistences.
 *
 * ```ts
 * topologySummary(ripsPersistence([[0, 0], [0, 1], [10, 0]]), 2).clusters; // 2
 * ```
 */
export function topologySummary(p: RipsPersistence, clusterScale: number): TopologySummary {
  let clusters = p.h0.essential.length;
  for (const d of p.h0.deaths) if (d > clusterScale) clusters++;
  const loops = p.h1 ? Array.from(p.h1.births, (b, i) => p.h1!.deaths[i] - b).sort((a, b) => b - a) : [];
  return { clusters, loops };
}
