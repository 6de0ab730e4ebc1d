import { type Benchmark, defineBenchmark, Random } from '@curv/core';
import { centralDifferencePullbackMetric } from '@curv/geometry-fd';
import { metricGrid } from '@curv/schauder';
import { disposeDecoder, sinMlpDecoder, sinMlpFunction } from '@curv/test-fixtures';
import { fMeasure, type RiemannianKMeansOptions, riemannianKMeans, wrapAngle } from '../src/index.js';

/**
 * `kmeans-step6-*`: the original Step-6 configuration (SPEC §14): N = 300, K = 3, S = 100, n_max = 7,
 * β = 1e-4, SGD lr 1e-5, 75 outer × 10 inner iterations, on a 784-512-256-2 sin-MLP decoder with
 * **random** PyTorch-style weights (no trained weights ship with the original) and synthetic latent
 * points (3 Gaussian blobs of 100 on the torus, std 0.6) standing in for encoded digits.
 *
 * - `kmeans-step6-metric-grid`: the pull-back metric g = JᵀJ by central differences (h = 1e-2,
 *   @curv/geometry-fd) on a 128 × 128 periodic grid, bilinear interpolation, full 75 × 10 run; the
 *   value is the total time (grid + K-means) in seconds.
 * - `kmeans-step6-decoded-3x2`: energies through the decoder itself, 3 outer × 2 inner iterations
 *   (the value is that reduced run's time in seconds, not the full step's): the full run (750 optimiser
 *   steps over 90 000 decoded points each) takes hours on 2 cores, so its time is extrapolated (meta). The same reduced configuration is run
 *   in metric-grid mode and the labels of the two modes are compared (F-measure and agreement after
 *   the best relabelling, meta).
 */
const N = 300;
const K = 3;
const base: RiemannianKMeansOptions = { nMax: 7, S: 100, beta: 1e-4, learningRate: 1e-5, seed: 0 };
const reduced = { outerIterations: 3, innerIterations: 2 };

function syntheticPoints(seed: number) {
  const rng = new Random(seed);
  const centres = [
    [-1.8, -1.0],
    [1.2, -1.6],
    [0.3, 1.7],
  ];
  const points = new Float32Array(N * 2);
  const truth = new Int32Array(N);
  for (let i = 0; i < N; i++) {
    const k = Math.floor(i / (N / K));
    points[2 * i] = wrapAngle(centres[k][0] + 0.6 * rng.normal());
    points[2 * i + 1] = wrapAngle(centres[k][1] + 0.6 * rng.normal());
    truth[i] = k;
  }
  return { points, truth };
}

/** Fraction of points with equal labels after the best one-to-one relabelling (K! permutations). */
function agreement(a: Int32Array, b: Int32Array): number {
  const perms: number[][] = [];
  const permute = (p: number[], rest: number[]) => {
    if (rest.length === 0) perms.push(p);
    for (let i = 0; i < rest.length; i++)
      permute([...p, rest[i]], [...rest.slice(0, i), ...rest.slice(i + 1)]);
  };
  permute([], [...Array(K).keys()]);
  let best = 0;
  for (const p of perms) {
    let same = 0;
    for (let i = 0; i < a.length; i++) if (p[a[i]] === b[i]) same++;
    best = Math.max(best, same / a.length);
  }
  return best;
}

interface Ctx {
  decoder: { decoder: ReturnType<typeof sinMlpFunction>; dispose: () => void };
  points: Float32Array;
  truth: Int32Array;
}

/** The 4-256-512-784 sin-MLP (seed 0) as a plain function. */
function randomDecoder(seed: number) {
  const dec = sinMlpDecoder(seed);
  return { decoder: sinMlpFunction(dec), dispose: () => disposeDecoder(dec) };
}

const setup = (): Ctx => ({ decoder: randomDecoder(0), ...syntheticPoints(1) });
const teardown = (ctx: Ctx) => ctx.decoder.dispose();

function buildGrid(ctx: Ctx) {
  const t0 = performance.now();
  const grid = metricGrid(centralDifferencePullbackMetric(ctx.decoder.decoder, { dim: 2, h: 1e-2 }), {
    n: 128,
    interpolation: 'bilinear',
  });
  return { grid, secs: (performance.now() - t0) / 1000 };
}

const metricMeta: Record<string, unknown> = {
  config: {
    N,
    K,
    S: 100,
    nMax: 7,
    beta: 1e-4,
    learningRate: 1e-5,
    outer: 75,
    inner: 10,
    grid: '128² bilinear',
  },
  decoder: '4(cos,sin)-256-512-784 sin-MLP, random init U(±1/√fan_in), seed 0',
};
const decodedMeta: Record<string, unknown> = {
  config: {
    N,
    K,
    S: 100,
    nMax: 7,
    beta: 1e-4,
    learningRate: 1e-5,
    ...reduced,
    full: '75 × 10 (extrapolated)',
  },
};

export const benchmarks: Benchmark[] = [
  defineBenchmark<Ctx>({
    name: 'kmeans-step6-metric-grid',
    unit: 's',
    runs: 1,
    warmup: 0,
    meta: metricMeta,
    setup,
    teardown,
    run: (ctx) => {
      const { grid, secs } = buildGrid(ctx);
      try {
        const r = riemannianKMeans(ctx.points, K, {
          ...base,
          grid,
          outerIterations: 75,
          innerIterations: 10,
        });
        metricMeta.gridSecs = secs;
        metricMeta.kmeansSecs = r.timeSecs;
        metricMeta.fMeasureVsBlobs = fMeasure(r.labels, ctx.truth);
        metricMeta.finalHistory = r.history.at(-1);
        return secs + r.timeSecs;
      } finally {
        grid.dispose();
      }
    },
  }) as Benchmark,
  defineBenchmark<Ctx>({
    name: 'kmeans-step6-decoded-3x2',
    unit: 's',
    runs: 1,
    warmup: 0,
    meta: decodedMeta,
    setup,
    teardown,
    run: (ctx) => {
      const decoded = riemannianKMeans(ctx.points, K, { ...base, ...reduced, decoder: ctx.decoder.decoder });
      const { grid } = buildGrid(ctx);
      const metric = riemannianKMeans(ctx.points, K, { ...base, ...reduced, grid });
      grid.dispose();
      const steps = reduced.outerIterations * reduced.innerIterations;
      decodedMeta.secsPerOuterIteration = decoded.timeSecs / reduced.outerIterations;
      // Full run = 750 optimiser steps + 75 length passes. Low: a length pass costs as much as a step;
      // high: a step costs 3 forward passes.
      decodedMeta.extrapolatedFullRunSecs = {
        low: (decoded.timeSecs / (steps + reduced.outerIterations)) * (750 + 75),
        high: (decoded.timeSecs / (3 * steps + reduced.outerIterations)) * (3 * 750 + 75),
      };
      decodedMeta.metricGridSameConfigSecs = metric.timeSecs;
      decodedMeta.labelsFMeasureDecodedVsMetricGrid = fMeasure(decoded.labels, metric.labels);
      decodedMeta.labelsAgreementDecodedVsMetricGrid = agreement(decoded.labels, metric.labels);
      let maxRel = 0;
      for (let q = 0; q < decoded.lengths.length; q++) {
        maxRel = Math.max(maxRel, Math.abs(metric.lengths[q] - decoded.lengths[q]) / decoded.lengths[q]);
      }
      decodedMeta.maxRelativeLengthDifference = maxRel;
      decodedMeta.fMeasureVsBlobs = {
        decoded: fMeasure(decoded.labels, ctx.truth),
        metricGrid: fMeasure(metric.labels, ctx.truth),
      };
      return decoded.timeSecs;
    },
  }) as Benchmark,
];
