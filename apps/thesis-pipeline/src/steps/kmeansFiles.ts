import { readFileSync } from 'node:fs';
import { CurvInputError, parseSafetensors } from '@curv/core';
import { FILES } from '../files.js';

/** `K_means_setup_<s>/params.json` written by Step 6 (the original's keys plus curv's history and mode). */
export interface KMeansParamsFile {
  K: number;
  N: number;
  selected_labels: number[];
  mode: string;
  periodicity_mode: boolean;
  n_max: number;
  step_count: number;
  beta: number | 'auto';
  learning_rate: number;
  num_iter_outer: number;
  num_iter_inner: number;
  device: string;
  d: number;
  /** curv: how geodesic energies were evaluated (decoded / metricGrid). */
  geodesic_mode: string;
  seed: number;
  /** curv: the run reproduced the shipped algorithm (`kmeans.legacy`). Absent in older files. */
  legacy?: boolean;
  /** curv: geodesics never optimised (legacy). */
  frozen_geodesics?: boolean;
  /** curv: Fréchet weight of each point: its own length ('own') or its length to cluster 0 (legacy). */
  frechet_weight?: 'own' | 'cluster0';
  /** curv: empty clusters re-seeded at the farthest point (not in legacy mode). */
  reseed_empty_clusters?: boolean;
  /** curv: how many times an empty cluster's centroid was re-seeded. */
  reseeded_centroids?: number;
  Riemannian_k_means_labels: number[];
  time_secs: number;
  ground_truth_labels: number[];
  encoded_points: number[][];
  /** Per outer iteration. */
  history: {
    intraclass_variance: number[];
    norm_Frechet_mean_gradient: number[];
    geodesics_to_nearest_centroids_lengths: number[];
    intraclass_variance_by_cluster: number[][];
    geodesics_to_nearest_centroids_lengths_by_cluster: number[][];
  };
  /** Final centroids (K × 2, latent chart coordinates). */
  centroids: number[][];
}

export const kmeansParamsPath = (seed: number) => `${FILES.kmeansDir(seed)}/params.json`;
export const kmeansCurvesPath = (seed: number) => `${FILES.kmeansDir(seed)}/geodesic_curve.safetensors`;

export function readKMeansParams(absPath: string): KMeansParamsFile {
  let v: KMeansParamsFile;
  try {
    v = JSON.parse(readFileSync(absPath, 'utf8')) as KMeansParamsFile;
  } catch (e) {
    throw new CurvInputError(
      `${absPath}: unreadable K-means params (${(e as Error).message.split('\n')[0]})`,
      absPath,
    );
  }
  if (
    !Array.isArray(v.encoded_points) ||
    !Array.isArray(v.Riemannian_k_means_labels) ||
    !Array.isArray(v.ground_truth_labels)
  ) {
    throw new CurvInputError(
      `${absPath}: expected encoded_points, Riemannian_k_means_labels and ground_truth_labels`,
      absPath,
    );
  }
  return v;
}

/** The N×K×S×d curve array of Step 6 (`curves` tensor). */
export function readKMeansCurves(absPath: string): {
  shape: [number, number, number, number];
  data: Float32Array;
} {
  const st = parseSafetensors(readFileSync(absPath), absPath);
  const t = st.tensors.curves;
  if (t?.shape.length !== 4) {
    throw new CurvInputError(`${absPath}: expected a 4-D tensor 'curves' [N, K, S, d]`, absPath);
  }
  return { shape: t.shape as [number, number, number, number], data: t.data };
}
