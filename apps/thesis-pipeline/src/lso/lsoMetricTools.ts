import { Random } from '@curv/core';
import type { RiemannianMetric } from '@curv/geometry';
import { assignedCurves, fMeasure, riemannianKMeans } from '@curv/kmeans';
import {
  type EmbeddedGrid,
  embedGrid,
  type GridEdgeLengths,
  gridEdgeLengths,
  latentGrid,
} from '@curv/schauder';
import { kmeansCentres } from '@curv/vae';

/** Riemannian vs Euclidean K-means (K = 2) on the latent means of two digits. */
export interface LsoKMeans {
  /** Row-major [N, 2] latent means clustered, and their digits. */
  points: Float32Array;
  truth: Int32Array;
  riemannian: {
    labels: Int32Array;
    fMeasure: number;
    centroids: number[];
    seconds: number;
    curves: number[][];
  };
  euclidean: { labels: Int32Array; fMeasure: number; centroids: number[] };
}

/**
 * K-means with K = 2 on `perDigit` latent means of each of the digits 0 and 1 (drawn with a seeded generator),
 * once with geodesic lengths under `metric` (@curv/kmeans' Riemannian K-means, handed the metric as any
 * RiemannianMetric: straight base segments, since the latent plane is not periodic; Adam on the Schauder
 * coefficients) and once with Euclidean distances (k-means++ restarts), both scored by the pair-counting
 * F-measure against the digits.
 */
export function lsoKMeans(
  metric: RiemannianMetric,
  mu: Float32Array,
  labels: Float32Array,
  options: { perDigit: number; outer: number; inner: number; seed: number; lr: number },
): LsoKMeans {
  const rng = new Random(options.seed + 31);
  const chosen: number[] = [];
  for (const digit of [0, 1]) {
    const idx: number[] = [];
    for (let i = 0; i < labels.length; i++) if (labels[i] === digit) idx.push(i);
    const perm = rng.permutation(idx.length);
    for (let t = 0; t < Math.min(options.perDigit, idx.length); t++) chosen.push(idx[perm[t]]);
  }
  const N = chosen.length;
  const points = new Float32Array(2 * N);
  const truth = new Int32Array(N);
  chosen.forEach((i, r) => {
    points[2 * r] = mu[2 * i];
    points[2 * r + 1] = mu[2 * i + 1];
    truth[r] = labels[i];
  });
  const t0 = performance.now();
  const r = riemannianKMeans(points, 2, {
    metric,
    periodic: false,
    optimizer: 'adam',
    learningRate: options.lr,
    nMax: 4,
    S: 17,
    outerIterations: options.outer,
    innerIterations: options.inner,
    seed: options.seed,
  });
  const seconds = (performance.now() - t0) / 1000;
  const own = assignedCurves(r.curves, r.labels).data; // [N, S, 2]
  const S = r.curves.shape[2];
  const curves = Array.from({ length: N }, (_, i) => Array.from(own.subarray(i * S * 2, (i + 1) * S * 2)));
  const e = kmeansCentres(points, 2, 2, { restarts: 10, seed: options.seed });
  return {
    points,
    truth,
    riemannian: {
      labels: r.labels,
      fMeasure: fMeasure(r.labels, truth),
      centroids: Array.from(r.centroids),
      seconds,
      curves,
    },
    euclidean: {
      labels: e.assignments,
      fMeasure: fMeasure(e.assignments, truth),
      centroids: Array.from(e.centres),
    },
  };
}

/** Geodesic edge lengths of a latent grid and their quasi-isometric 3-D embedding. */
export interface LsoEmbedding {
  lengths: GridEdgeLengths;
  /** The lengths were divided by this (their median) before embedding: the shape does not depend on the scale. */
  scale: number;
  /** Smallest, median and largest edge length. */
  range: [number, number, number];
  embedding: EmbeddedGrid;
  /** Mean |ℓ_embedded − L| / L over the edges (normalised lengths). */
  edgeError: number;
  seconds: number;
}

/**
 * The 3-D embedding of the thesis pipeline applied to a plane chart: geodesic lengths under `metric` of the edges
 * of a nodes × nodes grid on the square [lo, hi]² (@curv/schauder's `gridEdgeLengths` with straight base segments
 * — a sheet, not a torus), then `embedGrid`'s SGD on the vertex positions. The lengths are divided by their median
 * first (a fixed SGD step suits lengths of order one).
 *
 * On the expected metric of a VAE this embedding is not a faithful picture: the measure rises by orders of magnitude
 * across the band around the data, the edge lengths of one grid span four or more orders of magnitude (measured on
 * MNIST {0, 1}: 9e-6 to 0.19), and no sheet in R³ realises them at a coarse grid resolution — the SGD leaves a
 * mean relative edge error ≫ 1 whatever its step. The preset therefore reports the edge lengths and the error, not
 * a surface.
 */
export function lsoEmbedding(
  metric: RiemannianMetric,
  lo: number,
  hi: number,
  options: { nodes: number; steps: number; seed: number },
): LsoEmbedding {
  const t0 = performance.now();
  const grid = latentGrid({ num: options.nodes, lo, hi });
  const h = (hi - lo) / (options.nodes - 1);
  const lengths = gridEdgeLengths({ metric }, grid, {
    nMax: 4,
    S: 17,
    steps: options.steps,
    lr: 0.005 * h,
    tolerance: 1e-6,
  });
  const all = [...lengths.horizontal.flat(), ...lengths.vertical.flat()].sort((a, b) => a - b);
  const scale = all[all.length >> 1] > 0 ? all[all.length >> 1] : 1;
  const norm = (m: number[][]) => m.map((row) => row.map((v) => v / scale));
  const scaled: GridEdgeLengths = {
    ...lengths,
    horizontal: norm(lengths.horizontal),
    vertical: norm(lengths.vertical),
  };
  const embedding = embedGrid(grid, scaled, { seed: options.seed });
  let acc = 0;
  let n = 0;
  const add = (target: number[][], got: number[][]) => {
    target.forEach((row, i) => {
      row.forEach((L, j) => {
        if (L > 0) {
          acc += Math.abs(got[i][j] - L) / L;
          n++;
        }
      });
    });
  };
  add(scaled.horizontal, embedding.horizontal);
  add(scaled.vertical, embedding.vertical);
  return {
    lengths,
    scale,
    range: [all[0], all[all.length >> 1], all[all.length - 1]],
    embedding,
    edgeError: n ? acc / n : Number.NaN,
    seconds: (performance.now() - t0) / 1000,
  };
}
