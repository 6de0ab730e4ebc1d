import { CurvInputError } from '@curv/core';
import { toLabels } from '../internal/validate.js';

/** Result of {@link mapClustersToLabels}. */
export interface ClusterLabelMapping {
  /** cluster id → most frequent true label among its members. */
  mapping: Map<number, number>;
  /** The predicted labels with each cluster id replaced by its mapped label (length n). */
  labels: Int32Array;
}

/**
 * `mapClustersToLabels(clusters, truth)` — maps each predicted cluster id to the most frequent
 * ground-truth label among its members, ties → smallest label. Two clusters may map
 * to the same label. Used to colour predicted clusters like the ground truth.
 *
 * ```ts
 * mapClustersToLabels([2, 2, 0, 0], [1, 1, 0, 1]).labels; // [1, 1, 0, 0]  (cluster 0: tie 0/1 → 0)
 * ```
 */
export function mapClustersToLabels(
  clusters: ArrayLike<number>,
  truth: ArrayLike<number>,
): ClusterLabelMapping {
  const p = toLabels(clusters, 'clusters');
  const q = toLabels(truth, 'truth');
  if (q.length !== p.length) {
    throw new CurvInputError(
      `truth: expected ${p.length} labels (as many as clusters), got ${q.length}`,
      'truth',
    );
  }
  const counts = new Map<number, Map<number, number>>();
  for (let i = 0; i < p.length; i++) {
    let m = counts.get(p[i]);
    if (!m) {
      m = new Map();
      counts.set(p[i], m);
    }
    m.set(q[i], (m.get(q[i]) ?? 0) + 1);
  }
  const mapping = new Map<number, number>();
  for (const [cluster, m] of counts) {
    let best = 0;
    let bestCount = -1;
    for (const [label, c] of m) {
      if (c > bestCount || (c === bestCount && label < best)) {
        best = label;
        bestCount = c;
      }
    }
    mapping.set(cluster, best);
  }
  const labels = new Int32Array(p.length);
  for (let i = 0; i < p.length; i++) labels[i] = mapping.get(p[i])!;
  return { mapping, labels };
}
