import { Adam, CurvInputError, Random, Sgd } from '@curv/core';
import {
  type MetricFn,
  type MetricGrid,
  periodicSegment,
  type SchauderMode,
  schauderBasis,
  straightSegment,
} from '@curv/schauder';
import * as tf from '@tensorflow/tfjs-core';
import { type PointsLike, requireInt, requirePositive, toFlatPoints } from '../internal/validate.js';
import { curveGeometry, type DecoderLike } from './curveGeometry.js';
import { dirichletCentroids } from './dirichletCentroids.js';
import { type FrechetWeight, frechetStep, type KMeansHistoryEntry } from './frechetStep.js';
import { schauderCurves } from './schauderCurves.js';

/** Options of {@link riemannianKMeans}. Defaults are the Step-6 configuration (SPEC §7.1, §14). */
export interface RiemannianKMeansOptions {
  /** Decoded mode: energies/lengths through Ψ, a function or a SequentialDecoder (exactly one of decoder / metric / grid). */
  decoder?: DecoderLike;
  /** Metric-grid mode: energies/lengths through a latent metric, e.g. `metricGrid(g, { n }).at`. */
  metric?: MetricFn;
  /**
   * Metric-grid mode with a `metricGrid(…)` of `@curv/schauder`: energies and lengths through
   * `metricCurveEnergy(grid, …)` / `metricCurveLength(grid, …)`, schauder's plain-JS grid kernel
   * (any interpolation; fastest with `'bilinear'`).
   */
  grid?: MetricGrid;
  /** Schauder levels: 2^{nMax} − 1 basis functions (default 7). */
  nMax?: number;
  /** Points per curve (default 100). */
  S?: number;
  /** Schauder basis construction (default 'parity', the original's; 'clean' needs S ≥ 2^{nMax} + 1). */
  basisMode?: SchauderMode;
  /** Centroid step β in c_k ← c_k − β G_k (default 1e-4). */
  beta?: number;
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
  /** Periodic shortest segments as base curves (default true; B6: honoured). */
  periodic?: boolean;
  /** Initial centroids K×d instead of the Dirichlet draw. */
  initialCentroids?: PointsLike;
  /** Reproduce the shipped behaviour: frozen geodesics (B4), L_{i,0} Fréchet weight (B7), always periodic (B6). */
  legacy?: boolean;
  /** Override: never optimise the geodesic coefficients (B4 as shipped). Default: `legacy`. */
  frozenGeodesics?: boolean;
  /** Override: Fréchet weight L_{i,k(i)} ('own') or L_{i,0} ('cluster0', B7). Default: legacy ? 'cluster0' : 'own'. */
  frechetWeight?: FrechetWeight;
  /** Curves per tensor batch (default: all N·K curves in metric mode, ⌊32768/S⌋ in decoded mode). */
  chunkSize?: number;
  /** Latent dimension when `points` is flat (default 2). */
  dim?: number;
  /** Called after every outer iteration with its history entry (progress reporting). */
  onIteration?: (iteration: number, entry: KMeansHistoryEntry) => void;
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
  beta: number;
  learningRate: number;
  optimizer: 'sgd' | 'adam';
  outerIterations: number;
  innerIterations: number;
  seed: number;
  periodic: boolean;
  legacy: boolean;
  frozenGeodesics: boolean;
  frechetWeight: FrechetWeight;
  chunkSize: number;
}

/** Result of {@link riemannianKMeans} (plain arrays, no tensors). */
export interface RiemannianKMeansResult {
  /** k(i) from the last outer iteration (computed before the last centroid update), length N. */
  labels: Int32Array;
  /** One entry per outer iteration (SPEC §7.1 g). */
  history: KMeansHistoryEntry[];
  /** Curves of the last outer iteration (pre-update), index ((i·K + k)·S + s)·d + m. */
  curves: { data: Float32Array; shape: [number, number, number, number] };
  /** L_{ik} of the last outer iteration, N×K row-major. */
  lengths: Float32Array;
  /** E_{ik} used for the last history entry, N×K row-major. */
  energies: Float32Array;
  /** Centroids after the last update, K×d row-major (chart coordinates, not wrapped — B33). */
  centroids: Float64Array;
  /** Centroids before each outer iteration and after the last: (outer + 1)×K×d. */
  centroidTrajectory: Float64Array;
  /** Points whose last curve segment had zero length, summed over iterations (B33 guard hits). */
  degenerateDirections: number;
  /** Wall time in seconds. */
  timeSecs: number;
  settings: RiemannianKMeansSettings;
}

function resolve(N: number, K: number, d: number, o: RiemannianKMeansOptions, mode: 'decoded' | 'metric') {
  const legacy = o.legacy ?? false;
  const S = requireInt(o.S ?? 100, 'S', 3);
  const settings: RiemannianKMeansSettings = {
    K,
    N,
    d,
    mode,
    nMax: requireInt(o.nMax ?? 7, 'nMax', 1),
    S,
    basisMode: o.basisMode ?? 'parity',
    beta: requirePositive(o.beta ?? 1e-4, 'beta', true),
    learningRate: requirePositive(o.learningRate ?? 1e-5, 'learningRate', true),
    optimizer: o.optimizer ?? 'sgd',
    outerIterations: requireInt(o.outerIterations ?? 75, 'outerIterations', 1),
    innerIterations: requireInt(o.innerIterations ?? 10, 'innerIterations', 0),
    seed: o.seed ?? 0,
    periodic: legacy ? true : (o.periodic ?? true),
    legacy,
    frozenGeodesics: o.frozenGeodesics ?? legacy,
    frechetWeight: o.frechetWeight ?? (legacy ? 'cluster0' : 'own'),
    chunkSize: requireInt(
      o.chunkSize ?? (mode === 'metric' ? N * K : Math.max(1, Math.floor(32768 / S))),
      'chunkSize',
      1,
    ),
  };
  if (settings.optimizer !== 'sgd' && settings.optimizer !== 'adam') {
    throw new CurvInputError(
      `optimizer: expected 'sgd' or 'adam', got ${String(settings.optimizer)}`,
      'optimizer',
    );
  }
  if (settings.frechetWeight !== 'own' && settings.frechetWeight !== 'cluster0') {
    throw new CurvInputError(
      `frechetWeight: expected 'own' or 'cluster0', got ${String(settings.frechetWeight)}`,
      'frechetWeight',
    );
  }
  if (!Number.isFinite(settings.seed))
    throw new CurvInputError(`seed: expected a finite number, got ${settings.seed}`, 'seed');
  return settings;
}

/**
 * `riemannianKMeans(points, K, options)` — K-means on the latent torus with geodesic lengths
 * (SPEC §7.1, bugs fixed by default):
 *
 * 1. centroids c_k = Σ_i w_i x_i with w ~ Dirichlet(1,…,1) (seeded);
 * 2. curves γ_{ik} = base_{ik} + B·C_{ik} (B: zero-boundary Schauder basis S×(2^{nMax}−1); base: the
 *    periodic shortest segment x_i → c_k, or the straight one when `periodic: false`); C = 0 initially
 *    and kept across outer iterations;
 * 3. per outer iteration: `innerIterations` optimiser steps on Σ_{ik} E_{ik} w.r.t. C (B4 fixed; all
 *    N·K curves batched, in chunks of `chunkSize`); lengths L_{ik}; k(i) = argmin_k L_{ik};
 *    G_k = Σ_{k(i)=k} L_{i,k(i)} v_i with v_i the unit last segment (B7 fixed, B33 guarded);
 *    c_k ← c_k − β G_k; history entry (energies of the last inner step).
 *
 * `legacy: true` reproduces the shipped code: geodesics frozen at the periodic segments, weight L_{i,0}.
 * Energies/lengths go through the decoder (`decoder`) or a latent metric (`metric`, e.g. a
 * metric grid). Synchronous; every tensor is disposed before returning.
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
  const geometry = curveGeometry(options);
  const cfg = resolve(N, K, d, options, geometry.mode);
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

  const basis = schauderBasis(cfg.nMax, S, { mode: cfg.basisMode, variant: 'zeroBoundary' });
  const m = basis.columns;
  const chunks: Array<{ start: number; count: number }> = [];
  for (let start = 0; start < b; start += cfg.chunkSize)
    chunks.push({ start, count: Math.min(cfg.chunkSize, b - start) });

  // Curve j = i·K + k starts at x_i.
  const starts = new Float32Array(b * d);
  for (let i = 0; i < N; i++)
    for (let k = 0; k < K; k++) for (let q = 0; q < d; q++) starts[(i * K + k) * d + q] = x[i * d + q];

  const B = cfg.frozenGeodesics ? null : basis.tensor();
  const coeffs = cfg.frozenGeodesics
    ? []
    : chunks.map((ch) => {
        const zeros = tf.zeros([m, ch.count * d]);
        const v = tf.variable(zeros, true) as tf.Variable<tf.Rank.R2>;
        zeros.dispose();
        return v;
      });
  const opt =
    coeffs.length === 0
      ? null
      : cfg.optimizer === 'adam'
        ? new Adam(coeffs, { lr: cfg.learningRate })
        : new Sgd(coeffs, cfg.learningRate);

  const history: KMeansHistoryEntry[] = [];
  let labels: Int32Array = new Int32Array(N);
  const curvesData = new Float32Array(b * S * d);
  const lengths = new Float32Array(b);
  const energies = new Float32Array(b);
  let degenerate = 0;
  const segment = cfg.periodic ? periodicSegment : straightSegment;

  try {
    for (let outer = 0; outer < cfg.outerIterations; outer++) {
      const ends = new Float32Array(b * d);
      for (let j = 0; j < b; j++) for (let q = 0; q < d; q++) ends[j * d + q] = c[(j % K) * d + q];
      const bases = chunks.map((ch) =>
        tf.tidy(() =>
          segment(
            tf.tensor2d(starts.subarray(ch.start * d, (ch.start + ch.count) * d), [ch.count, d]),
            tf.tensor2d(ends.subarray(ch.start * d, (ch.start + ch.count) * d), [ch.count, d]),
            S,
          ),
        ),
      );
      let energiesFromInner = false;
      try {
        if (opt !== null && B !== null) {
          for (let inner = 0; inner < cfg.innerIterations; inner++) {
            const lastInner = inner === cfg.innerIterations - 1;
            const grads: tf.Tensor[] = [];
            for (let ci = 0; ci < chunks.length; ci++) {
              let kept: tf.Tensor | null = null;
              const { value, grads: g } = tf.variableGrads(() => {
                const e = geometry.energy(schauderCurves(bases[ci], B, coeffs[ci]));
                if (lastInner) kept = tf.keep(e.clone());
                return tf.sum(e) as tf.Scalar;
              }, [coeffs[ci]]);
              value.dispose();
              grads.push(g[coeffs[ci].name]);
              if (kept !== null) {
                const ek = kept as tf.Tensor;
                energies.set(ek.dataSync() as Float32Array, chunks[ci].start);
                ek.dispose();
              }
            }
            opt.step(grads);
            for (const g of grads) g.dispose();
            if (lastInner) energiesFromInner = true;
          }
        }
        for (let ci = 0; ci < chunks.length; ci++) {
          const { start } = chunks[ci];
          tf.tidy(() => {
            const curves = B !== null ? schauderCurves(bases[ci], B, coeffs[ci]) : bases[ci];
            lengths.set(geometry.length(curves).dataSync() as Float32Array, start);
            if (!energiesFromInner) energies.set(geometry.energy(curves).dataSync() as Float32Array, start);
            curvesData.set(curves.dataSync() as Float32Array, start * S * d);
          });
        }
      } finally {
        for (const t of bases) t.dispose();
      }
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
      for (let q = 0; q < K * d; q++) c[q] -= cfg.beta * step.gradients[q];
      trajectory.set(c, (outer + 1) * K * d);
      options.onIteration?.(outer, step.history);
    }
  } finally {
    opt?.dispose();
    for (const v of coeffs) v.dispose();
    B?.dispose();
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
    timeSecs: (performance.now() - t0) / 1000,
    settings: cfg,
  };
}
