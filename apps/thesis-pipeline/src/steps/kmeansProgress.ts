import { readFileSync } from 'node:fs';
import { CurvInputError, parseSafetensors } from '@curv/core';
import type { KMeansIterationState, RiemannianKMeansOptions } from '@curv/kmeans';
import { FILES } from '../files.js';
import type { PipelineParams } from '../params.js';

/** Snapshots of Riemannian K-means progress written by Step 6 next to params.json. */
export const kmeansProgressPath = (seed: number) => `${FILES.kmeansDir(seed)}/kmeans_progress.safetensors`;

/** Points kept per curve in a snapshot (both ends included): enough to draw it, far smaller than S = 100. */
export const SNAPSHOT_CURVE_POINTS = 25;

/** The K-means progress of one setup: F snapshots of the curves, labels and centroids. */
export interface KMeansProgress {
  /** Outer iteration of each snapshot (0-based), length F. */
  iterations: number[];
  /** [F, N, K, S', d]: the curves of each snapshot, S' points per curve (ends included). */
  curves: Float32Array;
  /** [F, N]: assignments. */
  labels: Int32Array;
  /** [F, K, d]: the centroids the curves end at. */
  centroids: Float32Array;
  F: number;
  N: number;
  K: number;
  S: number;
  d: number;
}

/**
 * The options of @curv/kmeans' `riemannianKMeans` that the pipeline settings decide besides sizes:
 * with `legacy` the library's reproduction of the shipped algorithm, whose β is fixed ('auto' becomes
 * the library's legacy default 1e-4).
 */
export function kmeansAlgorithmOptions(
  p: Pick<PipelineParams['kmeans'], 'beta' | 'legacy'>,
): Pick<RiemannianKMeansOptions, 'beta' | 'legacy'> {
  if (p.legacy) return { legacy: true, beta: p.beta === 'auto' ? undefined : p.beta };
  return { legacy: false, beta: p.beta };
}

/**
 * Outer iterations to snapshot: `frames` evenly spaced ones from the first to the last (all of them
 * when `frames ≥ outer`; none when `frames` is 0), sorted and distinct.
 */
export function snapshotIterations(outer: number, frames: number): number[] {
  if (frames <= 0 || outer <= 0) return [];
  if (frames >= outer) return Array.from({ length: outer }, (_, i) => i);
  if (frames === 1) return [outer - 1];
  const set = new Set<number>();
  for (let f = 0; f < frames; f++) set.add(Math.round((f * (outer - 1)) / (frames - 1)));
  return [...set].sort((a, b) => a - b);
}

/** Curve-point indices kept in a snapshot: `keep` evenly spaced indices of 0..S−1, both ends included. */
export function curvePointIndices(S: number, keep = SNAPSHOT_CURVE_POINTS): number[] {
  if (S <= keep) return Array.from({ length: S }, (_, i) => i);
  return Array.from({ length: keep }, (_, j) => Math.round((j * (S - 1)) / (keep - 1)));
}

/**
 * Records the snapshots of {@link snapshotIterations} from `riemannianKMeans`' `onIteration` state:
 * copies only the chosen iterations (subsampled curves, labels, centroids), so the cost is a few copies
 * of N·K·S' numbers per run.
 */
export function kmeansProgressRecorder(outer: number, frames: number) {
  const wanted = new Set(snapshotIterations(outer, frames));
  const iterations: number[] = [];
  const curves: Float32Array[] = [];
  const labels: Int32Array[] = [];
  const centroids: Float32Array[] = [];
  let dims: [number, number, number, number] | undefined;
  let kept: number[] = [];
  return {
    record(iteration: number, state: KMeansIterationState): void {
      if (!wanted.has(iteration)) return;
      const [N, K, S, d] = state.shape;
      if (!dims) {
        kept = curvePointIndices(S);
        dims = [N, K, kept.length, d];
      }
      const Sk = kept.length;
      const out = new Float32Array(N * K * Sk * d);
      for (let c = 0; c < N * K; c++) {
        for (let j = 0; j < Sk; j++) {
          for (let m = 0; m < d; m++) out[(c * Sk + j) * d + m] = state.curves[(c * S + kept[j]) * d + m];
        }
      }
      iterations.push(iteration);
      curves.push(out);
      labels.push(Int32Array.from(state.labels));
      centroids.push(Float32Array.from(state.centroids));
    },
    /** The recorded progress (undefined when nothing was recorded). */
    result(): KMeansProgress | undefined {
      if (!dims || iterations.length === 0) return undefined;
      const [N, K, S, d] = dims;
      const F = iterations.length;
      const cat = <T extends Float32Array | Int32Array>(parts: T[], out: T) => {
        parts.forEach((p, f) => {
          out.set(p, f * p.length);
        });
        return out;
      };
      return {
        iterations,
        curves: cat(curves, new Float32Array(F * N * K * S * d)),
        labels: cat(labels, new Int32Array(F * N)),
        centroids: cat(centroids, new Float32Array(F * K * d)),
        F,
        N,
        K,
        S,
        d,
      };
    },
  };
}

/** The safetensors tensors of a {@link KMeansProgress} (labels and iterations stored as float32). */
export function progressTensors(p: KMeansProgress) {
  return {
    curves: { shape: [p.F, p.N, p.K, p.S, p.d], data: p.curves },
    labels: { shape: [p.F, p.N], data: Float32Array.from(p.labels) },
    centroids: { shape: [p.F, p.K, p.d], data: p.centroids },
    iterations: { shape: [p.F], data: Float32Array.from(p.iterations) },
  };
}

/** Read `kmeans_progress.safetensors` (shapes checked against each other). */
export function readKMeansProgress(absPath: string): KMeansProgress {
  const st = parseSafetensors(readFileSync(absPath), absPath);
  const { curves, labels, centroids, iterations } = st.tensors;
  const bad = () =>
    new CurvInputError(
      `${absPath}: expected tensors curves [F,N,K,S,d], labels [F,N], centroids [F,K,d], iterations [F]`,
      absPath,
    );
  if (curves?.shape.length !== 5 || !labels || !centroids || !iterations) throw bad();
  const [F, N, K, S, d] = curves.shape;
  if (
    labels.shape.join() !== [F, N].join() ||
    centroids.shape.join() !== [F, K, d].join() ||
    iterations.shape.join() !== [F].join()
  ) {
    throw bad();
  }
  return {
    iterations: Array.from(iterations.data),
    curves: Float32Array.from(curves.data),
    labels: Int32Array.from(labels.data),
    centroids: Float32Array.from(centroids.data),
    F,
    N,
    K,
    S,
    d,
  };
}
