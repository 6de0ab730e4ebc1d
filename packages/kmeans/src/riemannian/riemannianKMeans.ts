import { CurvInputError, Random } from '@curv/core';
import {
  asDecoderFn,
  type GeodesicGeometry,
  type GeodesicSolver,
  geodesicSolver,
  type MetricGrid,
  type MetricLike,
  type SchauderMode,
} from '@curv/schauder';
import { type PointsLike, requireInt, requirePositive, toFlatPoints } from '../internal/validate.js';
import { dirichletCentroids } from './dirichletCentroids.js';
import { type FrechetWeight, frechetStep, type KMeansHistoryEntry } from './frechetStep.js';

/** A decoder: a tfjs function `[B, d] → [B, D]` or a `SequentialDecoder` of `@curv/geometry-autograd`. */
export type DecoderLike = Parameters<typeof asDecoderFn>[0];

/** Options of {@link riemannianKMeans}. Defaults are the Step-6 configuration of the thesis. */
export interface RiemannianKMeansOptions {
  /**
   * The geodesic solver (`geodesicSolver` of @curv/schauder): its geometry, basis, optimiser, learning rate,
   * base segment and memory bound are used, and `decoder` / `metric` / `grid`, `nMax`, `S`, `basisMode`,
   * `learningRate`, `optimizer`, `periodic` and `chunkSize` must then be left out. Without it, one is built
   * from exactly one of `decoder` / `metric` / `grid` and those options.
   */
  solver?: GeodesicSolver;
  /** Decoded mode: energies/lengths through Ψ, a function or a SequentialDecoder. */
  decoder?: DecoderLike;
  /** Metric mode: energies/lengths through a latent metric — a `RiemannianMetric` of @curv/geometry (or a `[P, d] → [P, d, d]` function). */
  metric?: MetricLike;
  /**
   * Metric-grid mode with a `metricGrid(…)` of `@curv/schauder` (also accepted as `metric`): energies and
   * lengths through schauder's plain-JS grid kernel (any interpolation; fastest with `'bilinear'`).
   */
  grid?: MetricGrid;
  /** Schauder levels: 2^{nMax} − 1 basis functions (default 7). */
  nMax?: number;
  /** Points per curve (default 100). */
  S?: number;
  /** Schauder basis construction (default 'parity', the original's; 'clean' needs S ≥ 2^{nMax} + 1). */
  basisMode?: SchauderMode;
  /**
   * Centroid step. `'auto'` (default): c_k ← c_k − G_k / Σ_{i∈k} L_i/ℓ_i, with ℓ_i the chart length of
   * point i's curve — on a flat metric of any scale this is exactly the step to the cluster's chart mean
   * (Lloyd's update), whatever N and the metric's scale. A number β: the fixed step c_k ← c_k − β G_k of
   * the original (1e-4 at its N = 300; with `legacy: true` the default is 1e-4). A fixed β moves a
   * centroid by ≈ β·n_k·λ times its distance to the cluster mean (n_k points, metric scale λ), so it
   * must be tuned to N and to the metric: too small and the centroids stay where they started.
   */
  beta?: number | 'auto';
  /** Learning rate of the geodesic optimiser (default 1e-5). */
  learningRate?: number;
  /** Geodesic optimiser on the coefficients: plain SGD (original, default) or Adam. */
  optimizer?: 'sgd' | 'adam';
  /** Outer iterations (default 75). */
  outerIterations?: number;
  /** Geodesic steps per outer iteration (default 10). */
  innerIterations?: number;
  /** Seed of the Dirichlet initialisation (default 0). */
  seed?: number;
  /** Periodic shortest segments as base curves (default true; honoured). */
  periodic?: boolean;
  /** Initial centroids K×d instead of the Dirichlet draw. */
  initialCentroids?: PointsLike;
  /** Reproduce the shipped behaviour: frozen geodesics, L_{i,0} Fréchet weight, always periodic. */
  legacy?: boolean;
  /** Override: never optimise the geodesic coefficients. Default: `legacy`. */
  frozenGeodesics?: boolean;
  /** Override: Fréchet weight L_{i,k(i)} ('own') or L_{i,0} ('cluster0'). Default: legacy ? 'cluster0' : 'own'. */
  frechetWeight?: FrechetWeight;
  /**
   * A centroid that no point chose (typical after the Dirichlet start, whose centroids all sit near the
   * data's mean) moves to the point farthest (chart distance) from the other centroids, as in Lloyd's
   * K-means with farthest-point re-seeding;
   * otherwise it never moves and K-means runs with K − 1 clusters. Default: `!legacy`.
   */
  reseedEmpty?: boolean;
  /** Curves per tensor batch (default: all N·K curves in metric mode, ⌊32768/S⌋ in decoded mode). */
  chunkSize?: number;
  /** Latent dimension when `points` is flat (default 2). */
  dim?: number;
  /**
   * Called after every outer iteration with its history entry (progress reporting) and the iteration's
   * state (curves, labels and the centroids they end at), e.g. to record snapshots for an animation.
   * The state's arrays may be reused by later iterations: copy what you keep.
   */
  onIteration?: (iteration: number, entry: KMeansHistoryEntry, state: KMeansIterationState) => void;
}

/** The state of one outer iteration of {@link riemannianKMeans}, before its centroid update. */
export interface KMeansIterationState {
  /** Curves N×K×S×d, index ((i·K + k)·S + s)·d + m (the iteration's geodesics to the centroids). */
  curves: Float32Array;
  /** k(i) = argmin_k L_{ik}, length N. */
  labels: Int32Array;
  /** The centroids the curves end at (before this iteration's update), K×d. */
  centroids: Float64Array;
  /** [N, K, S, d]. */
  shape: [number, number, number, number];
}

/** The settings a run actually used (for params.json). */
export interface RiemannianKMeansSettings {
  K: number;
  N: number;
  d: number;
  mode: 'decoded' | 'metric';
  nMax: number;
  S: number;
  basisMode: SchauderMode;
  beta: number | 'auto';
  learningRate: number;
  optimizer: 'sgd' | 'adam';
  outerIterations: number;
  innerIterations: number;
  seed: number;
  periodic: boolean;
  legacy: boolean;
  frozenGeodesics: boolean;
  frechetWeight: FrechetWeight;
  reseedEmpty: boolean;
  chunkSize: number;
}

/** Result of {@link riemannianKMeans} (plain arrays, no tensors). */
export interface RiemannianKMeansResult {
  /** k(i) from the last outer iteration (computed before the last centroid update), length N. */
  labels: Int32Array;
  /** One entry per outer iteration. */
  history: KMeansHistoryEntry[];
  /** Curves of the last outer iteration (pre-update), index ((i·K + k)·S + s)·d + m. */
  curves: { data: Float32Array; shape: [number, number, number, number] };
  /** L_{ik} of the last outer iteration, N×K row-major. */
  lengths: Float32Array;
  /** E_{ik} used for the last history entry, N×K row-major. */
  energies: Float32Array;
  /** Centroids after the last update, K×d row-major (chart coordinates, not wrapped). */
  centroids: Float64Array;
  /** Centroids before each outer iteration and after the last: (outer + 1)×K×d. */
  centroidTrajectory: Float64Array;
  /** Points whose last curve segment had zero length, summed over iterations. */
  degenerateDirections: number;
  /** Empty clusters whose centroid was moved to a point (summed over iterations). */
  reseededCentroids: number;
  /** Wall time in seconds. */
  timeSecs: number;
  settings: RiemannianKMeansSettings;
}

const SOLVER_OWNED = [
  'decoder',
  'metric',
  'grid',
  'nMax',
  'S',
  'basisMode',
  'learningRate',
  'optimizer',
  'periodic',
  'chunkSize',
] as const;

/** The geometry from exactly one of decoder / metric / grid. */
function geometryOf(o: RiemannianKMeansOptions): GeodesicGeometry {
  const { decoder, metric, grid } = o;
  const given = [decoder, metric, grid].filter((v) => v !== undefined).length;
  if (given !== 1) {
    throw new CurvInputError(
      'decoder/metric/grid: expected exactly one of `decoder` (decoded mode), `metric` or `grid` (metric mode), or a `solver`',
      'decoder',
    );
  }
  if (grid !== undefined) {
    if (typeof grid !== 'object' || typeof grid.sample !== 'function') {
      throw new CurvInputError('grid: expected a MetricGrid from metricGrid() of @curv/schauder', 'grid');
    }
    return { metric: grid };
  }
  if (decoder !== undefined) {
    if (typeof decoder !== 'function' && (typeof decoder !== 'object' || !Array.isArray(decoder.layers))) {
      throw new CurvInputError(
        'decoder: expected a function [B, d] → [B, D] or a SequentialDecoder',
        'decoder',
      );
    }
    return { decoder: asDecoderFn(decoder) };
  }
  return { metric: metric as MetricLike };
}

function resolve(N: number, K: number, d: number, o: RiemannianKMeansOptions) {
  const legacy = o.legacy ?? false;
  let solver: GeodesicSolver;
  let chunkSize: number;
  if (o.solver !== undefined) {
    const clash = SOLVER_OWNED.find((k) => o[k] !== undefined);
    if (clash !== undefined) {
      throw new CurvInputError(`${clash}: leave it out when a solver is given (the solver fixes it)`, clash);
    }
    if (typeof o.solver !== 'object' || typeof o.solver.relaxation !== 'function') {
      throw new CurvInputError(
        'solver: expected a GeodesicSolver from geodesicSolver() of @curv/schauder',
        'solver',
      );
    }
    solver = o.solver;
    if (legacy && solver.options.base !== 'periodic') {
      throw new CurvInputError(
        "legacy: needs a solver with base 'periodic' (the shipped behaviour)",
        'legacy',
      );
    }
    const maxPoints =
      solver.options.maxPointsPerPass ?? (solver.mode === 'metric' ? Number.POSITIVE_INFINITY : 20000);
    chunkSize = Math.min(N * K, Math.max(1, Math.floor(maxPoints / solver.S)));
  } else {
    const geometry = geometryOf(o);
    const S = requireInt(o.S ?? 100, 'S', 3);
    const mode = 'decoder' in geometry ? 'decoded' : 'metric';
    chunkSize = requireInt(
      o.chunkSize ?? (mode === 'metric' ? N * K : Math.max(1, Math.floor(32768 / S))),
      'chunkSize',
      1,
    );
    const optimizer = o.optimizer ?? 'sgd';
    if (optimizer !== 'sgd' && optimizer !== 'adam') {
      throw new CurvInputError(`optimizer: expected 'sgd' or 'adam', got ${String(optimizer)}`, 'optimizer');
    }
    solver = geodesicSolver(geometry, {
      nMax: requireInt(o.nMax ?? 7, 'nMax', 1),
      S,
      mode: o.basisMode ?? 'parity',
      lr: requirePositive(o.learningRate ?? 1e-5, 'learningRate', true),
      optimizer,
      base: legacy || (o.periodic ?? true) ? 'periodic' : 'straight',
      maxPointsPerPass: chunkSize * S,
    });
  }
  const so = solver.options;
  const settings: RiemannianKMeansSettings = {
    K,
    N,
    d,
    mode: solver.mode,
    nMax: solver.basis.nMax,
    S: solver.S,
    basisMode: solver.basis.mode,
    beta:
      o.beta === 'auto' || (o.beta === undefined && !legacy)
        ? 'auto'
        : requirePositive(o.beta ?? 1e-4, 'beta', true),
    learningRate: so.lr ?? 0.01,
    optimizer: so.optimizer ?? 'adam',
    outerIterations: requireInt(o.outerIterations ?? 75, 'outerIterations', 1),
    innerIterations: requireInt(o.innerIterations ?? 10, 'innerIterations', 0),
    seed: o.seed ?? 0,
    periodic: so.base === 'periodic',
    legacy,
    frozenGeodesics: o.frozenGeodesics ?? legacy,
    frechetWeight: o.frechetWeight ?? (legacy ? 'cluster0' : 'own'),
    reseedEmpty: o.reseedEmpty ?? !legacy,
    chunkSize,
  };
  if (settings.frechetWeight !== 'own' && settings.frechetWeight !== 'cluster0') {
    throw new CurvInputError(
      `frechetWeight: expected 'own' or 'cluster0', got ${String(settings.frechetWeight)}`,
      'frechetWeight',
    );
  }
  if (!Number.isFinite(settings.seed))
    throw new CurvInputError(`seed: expected a finite number, got ${settings.seed}`, 'seed');
  return { settings, solver };
}

/**
 * `riemannianKMeans(points, K, options)` — K-means on the latent torus with geodesic lengths
 * (bugs fixed by default):
 *
 * 1. centroids c_k = Σ_i w_i x_i with w ~ Dirichlet(1,…,1) (seeded);
 * 2. curves γ_{ik} = base_{ik} + B·C_{ik} (B: zero-boundary Schauder basis S×(2^{nMax}−1); base: the
 *    periodic shortest segment x_i → c_k, or the straight one when `periodic: false`); C = 0 initially
 *    and kept across outer iterations;
 * 3. per outer iteration: `innerIterations` optimiser steps on Σ_{ik} E_{ik} w.r.t. C (all
 *    N·K curves batched, in chunks of `chunkSize`); lengths L_{ik}; k(i) = argmin_k L_{ik};
 *  G_k = Σ_{k(i)=k} L_{i,k(i)} v_i with v_i the unit last segment;
 *    c_k ← c_k − β G_k; history entry (energies of the last inner step).
 *
 * `legacy: true` reproduces the shipped code: geodesics frozen at the periodic segments, weight L_{i,0}.
 * Geodesics come from a `geodesicSolver` of @curv/schauder (`solver`, or one built from `decoder` /
 * `metric` / `grid`): energies/lengths through the decoder or through any `RiemannianMetric` (no decoder
 * needed). Synchronous; every tensor is disposed before returning.
 *
 * ```ts
 * const r = riemannianKMeans(points, 3, { decoder, nMax: 3, S: 17, outerIterations: 20, innerIterations: 3 });
 * r.labels; // Int32Array(N)
 * ```
 */
export function riemannianKMeans(
  points: PointsLike,
  K: number,
  options: RiemannianKMeansOptions = {},
): RiemannianKMeansResult {
  const t0 = performance.now();
  const d = requireInt(options.dim ?? 2, 'dim', 1);
  const { data: x, n: N } = toFlatPoints(points, d, 'points');
  requireInt(K, 'K', 1);
  if (K > N) throw new CurvInputError(`K: expected at most N = ${N} clusters, got ${K}`, 'K');
  const { settings: cfg, solver } = resolve(N, K, d, options);
  const { S } = cfg;
  const b = N * K;

  let c: Float64Array;
  if (options.initialCentroids !== undefined) {
    const init = toFlatPoints(options.initialCentroids, d, 'initialCentroids');
    if (init.n !== K) {
      throw new CurvInputError(
        `initialCentroids: expected ${K} rows of ${d} numbers, got ${init.n}`,
        'initialCentroids',
      );
    }
    c = init.data;
  } else {
    c = dirichletCentroids(x, N, d, K, new Random(cfg.seed));
  }
  const trajectory = new Float64Array((cfg.outerIterations + 1) * K * d);
  trajectory.set(c, 0);

  // Curve j = i·K + k starts at x_i.
  const starts = new Float32Array(b * d);
  for (let i = 0; i < N; i++)
    for (let k = 0; k < K; k++) for (let q = 0; q < d; q++) starts[(i * K + k) * d + q] = x[i * d + q];

  const history: KMeansHistoryEntry[] = [];
  let labels: Int32Array = new Int32Array(N);
  let curvesData: Float32Array = new Float32Array(b * S * d);
  let lengths: Float32Array = new Float32Array(b);
  let energies: Float32Array = new Float32Array(b);
  let degenerate = 0;
  let reseeded = 0;
  const steps = cfg.frozenGeodesics ? 0 : cfg.innerIterations;
  // Coefficients (and optimiser state) persist across outer iterations while the centroids move.
  const geodesics = solver.relaxation(b, d);
  try {
    for (let outer = 0; outer < cfg.outerIterations; outer++) {
      const before = options.onIteration ? Float64Array.from(c) : c;
      const ends = new Float32Array(b * d);
      for (let j = 0; j < b; j++) for (let q = 0; q < d; q++) ends[j * d + q] = c[(j % K) * d + q];
      ({ curves: curvesData, lengths, energies } = geodesics.relax(starts, ends, steps));
      const step = frechetStep({
        curves: curvesData,
        energies,
        lengths,
        N,
        K,
        S,
        d,
        weight: cfg.frechetWeight,
      });
      labels = step.labels;
      degenerate += step.degenerate;
      history.push(step.history);
      const scale = cfg.beta === 'auto' ? autoSteps(curvesData, lengths, step.labels, N, K, S, d) : undefined;
      for (let q = 0; q < K * d; q++) {
        c[q] -= (scale ? scale[Math.floor(q / d)] : (cfg.beta as number)) * step.gradients[q];
      }
      if (cfg.reseedEmpty) reseeded += reseedEmptyClusters(c, step.labels, x, N, K, d, cfg.periodic);
      trajectory.set(c, (outer + 1) * K * d);
      options.onIteration?.(outer, step.history, {
        curves: curvesData,
        labels: step.labels,
        centroids: before,
        shape: [N, K, S, d],
      });
    }
  } finally {
    geodesics.dispose();
  }
  return {
    labels,
    history,
    curves: { data: curvesData, shape: [N, K, S, d] },
    lengths,
    energies,
    centroids: Float64Array.from(c),
    centroidTrajectory: trajectory,
    degenerateDirections: degenerate,
    reseededCentroids: reseeded,
    timeSecs: (performance.now() - t0) / 1000,
    settings: cfg,
  };
}

/**
 * Per-cluster step sizes of `beta: 'auto'`: 1 / Σ_{i∈k} L_{i,k}/ℓ_{i,k}, where ℓ is the chart (coordinate)
 * length of the curve and L its length in the metric. With G_k = Σ L_i v_i and a flat metric g = λ²I,
 * L_i/ℓ_i = λ and G_k = λ Σ (c_k − x_i), so the step lands on the cluster's chart mean. Clusters with no
 * point (or only zero-length curves) do not move.
 */
function autoSteps(
  curves: ArrayLike<number>,
  lengths: ArrayLike<number>,
  labels: Int32Array,
  N: number,
  K: number,
  S: number,
  d: number,
): Float64Array {
  const w = new Float64Array(K);
  for (let i = 0; i < N; i++) {
    const k = labels[i];
    const base = (i * K + k) * S * d;
    let chart = 0;
    for (let s = 0; s + 1 < S; s++) {
      let sq = 0;
      for (let m = 0; m < d; m++) {
        const dz = curves[base + (s + 1) * d + m] - curves[base + s * d + m];
        sq += dz * dz;
      }
      chart += Math.sqrt(sq);
    }
    if (chart > 0 && Number.isFinite(lengths[i * K + k])) w[k] += lengths[i * K + k] / chart;
  }
  for (let k = 0; k < K; k++) w[k] = w[k] > 0 ? 1 / w[k] : 0;
  return w;
}

/**
 * Move the centroid of every empty cluster to the point farthest (chart distance, across the seam when
 * `periodic`) from its nearest updated centroid, one empty cluster at a time (farthest-point seeding).
 * Returns how many centroids moved.
 */
function reseedEmptyClusters(
  c: Float64Array,
  labels: Int32Array,
  points: ArrayLike<number>,
  N: number,
  K: number,
  d: number,
  periodic: boolean,
): number {
  const count = new Int32Array(K);
  for (let i = 0; i < N; i++) count[labels[i]]++;
  const live: number[] = [];
  const empty: number[] = [];
  for (let k = 0; k < K; k++) (count[k] > 0 ? live : empty).push(k);
  if (empty.length === 0) return 0;
  const TWO_PI = 2 * Math.PI;
  const dist2 = (i: number, k: number) => {
    let sq = 0;
    for (let q = 0; q < d; q++) {
      let t = Math.abs(points[i * d + q] - c[k * d + q]);
      if (periodic) {
        t %= TWO_PI;
        t = Math.min(t, TWO_PI - t);
      }
      sq += t * t;
    }
    return sq;
  };
  const nearest = new Float64Array(N).fill(Number.POSITIVE_INFINITY);
  for (let i = 0; i < N; i++) for (const k of live) nearest[i] = Math.min(nearest[i], dist2(i, k));
  for (const k of empty) {
    let far = 0;
    for (let i = 1; i < N; i++) if (nearest[i] > nearest[far]) far = i;
    for (let q = 0; q < d; q++) c[k * d + q] = points[far * d + q];
    for (let i = 0; i < N; i++) nearest[i] = Math.min(nearest[i], dist2(i, k));
  }
  return empty.length;
}
