import { CurvInputError } from '@curv/core';
import type { KMeansHistoryEntry } from '../riemannian/frechetStep.js';

/** The K-means history as columns over T outer iterations (the input shape of `@curv/plots` `kmeansHistory`). */
export interface KMeansHistoryColumns {
  k: number;
  /** mean_k ‖G_k‖ (length T). */
  normGradient: Float64Array;
  /** Per-cluster length sums, row-major T×K. */
  lengthsByCluster: Float64Array;
  /** Σ_i L_{i,k(i)} (length T). */
  lengthsTotal: Float64Array;
  /** Per-cluster intra-class variances, row-major T×K. */
  varianceByCluster: Float64Array;
  /** Intra-class variance (length T). */
  varianceTotal: Float64Array;
}

/**
 * `historyColumns(history)` — turns the per-iteration history entries of `riemannianKMeans` into
 * columns (T = history.length, K from the entries).
 *
 * ```ts
 * kmeansHistory()(historyColumns(result.history)); // @curv/plots
 * ```
 */
export function historyColumns(history: readonly KMeansHistoryEntry[]): KMeansHistoryColumns {
  if (history.length === 0) throw new CurvInputError('history: expected at least one entry', 'history');
  const T = history.length;
  const k = history[0].intraclass_variance_by_cluster.length;
  const out: KMeansHistoryColumns = {
    k,
    normGradient: new Float64Array(T),
    lengthsByCluster: new Float64Array(T * k),
    lengthsTotal: new Float64Array(T),
    varianceByCluster: new Float64Array(T * k),
    varianceTotal: new Float64Array(T),
  };
  history.forEach((h, t) => {
    if (
      h.intraclass_variance_by_cluster.length !== k ||
      h.geodesics_to_nearest_centroids_lengths_by_cluster.length !== k
    ) {
      throw new CurvInputError(`history[${t}]: expected per-cluster arrays of length ${k}`, 'history');
    }
    out.normGradient[t] = h.norm_Frechet_mean_gradient;
    out.lengthsTotal[t] = h.geodesics_to_nearest_centroids_lengths;
    out.varianceTotal[t] = h.intraclass_variance;
    out.lengthsByCluster.set(h.geodesics_to_nearest_centroids_lengths_by_cluster, t * k);
    out.varianceByCluster.set(h.intraclass_variance_by_cluster, t * k);
  });
  return out;
}
