/** Weight of each point in the Fréchet gradient: its own geodesic length (fixed) or the length to cluster 0. */
export type FrechetWeight = 'own' | 'cluster0';

/** One entry of the Riemannian K-means history (key names as in the original). */
export interface KMeansHistoryEntry {
  /** (1/N) Σ_i E_{i,k(i)}. */
  intraclass_variance: number;
  /** Per-cluster sums of (1/N) E_{i,k(i)} (length K). */
  intraclass_variance_by_cluster: number[];
  /** mean_k ‖G_k‖. */
  norm_Frechet_mean_gradient: number;
  /** Σ_i L_{i,k(i)}. */
  geodesics_to_nearest_centroids_lengths: number;
  /** Per-cluster sums of L_{i,k(i)} (length K). */
  geodesics_to_nearest_centroids_lengths_by_cluster: number[];
}

/** Input of {@link frechetStep}: curves N×K×S×d (row-major, index ((i·K + k)·S + s)·d + m), energies and lengths N×K. */
export interface FrechetStepInput {
  curves: ArrayLike<number>;
  energies: ArrayLike<number>;
  lengths: ArrayLike<number>;
  N: number;
  K: number;
  S: number;
  d: number;
  weight: FrechetWeight;
}

/** Output of {@link frechetStep}. */
export interface FrechetStepOutput {
  /** k(i) = argmin_k L_{ik} (ties → smallest k). */
  labels: Int32Array;
  /** Fréchet gradients G_k, K×d row-major. */
  gradients: Float64Array;
  /** Points whose last curve segment had zero length (direction set to 0). */
  degenerate: number;
  history: KMeansHistoryEntry;
}

/**
 * Assignment and Fréchet-gradient step of Riemannian K-means, on plain arrays:
 * k(i) = argmin_k L_{ik}; v_i = (γ_{i,k(i)}(S−1) − γ_{i,k(i)}(S−2)) / ‖…‖ (chart coordinates; set to 0
 * when the last segment has zero length); G_k = Σ_{i: k(i)=k} w_i v_i with
 * w_i = L_{i,k(i)} (`own`, fixed) or L_{i,0} (`cluster0`, as the original shipped). The update is
 * c_k ← c_k − β G_k (done by the caller).
 */
export function frechetStep(input: FrechetStepInput): FrechetStepOutput {
  const { curves, energies, lengths, N, K, S, d, weight } = input;
  const labels = new Int32Array(N);
  const gradients = new Float64Array(K * d);
  const varByCluster = new Array<number>(K).fill(0);
  const lenByCluster = new Array<number>(K).fill(0);
  let degenerate = 0;
  const v = new Float64Array(d);
  for (let i = 0; i < N; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (lengths[i * K + k] < lengths[i * K + best]) best = k;
    labels[i] = best;
    const ik = i * K + best;
    varByCluster[best] += energies[ik] / N;
    lenByCluster[best] += lengths[ik];
    const last = (ik * S + S - 1) * d;
    const prev = (ik * S + S - 2) * d;
    let norm = 0;
    for (let m = 0; m < d; m++) {
      v[m] = curves[last + m] - curves[prev + m];
      norm += v[m] * v[m];
    }
    norm = Math.sqrt(norm);
    if (!(norm > 0) || !Number.isFinite(norm)) {
      degenerate++;
      continue;
    }
    const w = weight === 'own' ? lengths[ik] : lengths[i * K];
    for (let m = 0; m < d; m++) gradients[best * d + m] += (w * v[m]) / norm;
  }
  let gradNorm = 0;
  for (let k = 0; k < K; k++) {
    let s = 0;
    for (let m = 0; m < d; m++) s += gradients[k * d + m] ** 2;
    gradNorm += Math.sqrt(s) / K;
  }
  return {
    labels,
    gradients,
    degenerate,
    history: {
      intraclass_variance: varByCluster.reduce((a, b) => a + b, 0),
      intraclass_variance_by_cluster: varByCluster,
      norm_Frechet_mean_gradient: gradNorm,
      geodesics_to_nearest_centroids_lengths: lenByCluster.reduce((a, b) => a + b, 0),
      geodesics_to_nearest_centroids_lengths_by_cluster: lenByCluster,
    },
  };
}
