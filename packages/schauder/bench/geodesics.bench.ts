import { type Benchmark, defineBenchmark } from '@curv/core';
import type { SequentialDecoder } from '@curv/geometry-autograd';
import { pullbackRiemannianMetric } from '@curv/geometry-autograd';
import {
  asDecoderFn,
  curveLength,
  type DecoderFn,
  type MetricGrid,
  metricGrid,
  solveGeodesics,
} from '../src/index.js';
import { disposeDecoder, randomPairs, randomSinMlpDecoder } from './sinMlp.js';

/** Configuration of the issue: 100 pairs, S = 100, nMax = 7, 200 Adam steps (lr 0.01), 784-512-256-2 sin-MLP (random init). */
const CONFIG = {
  pairs: 100,
  S: 100,
  nMax: 7,
  steps: 200,
  lr: 0.01,
  grid: 64,
  interpolation: 'bspline' as const,
};

interface Ctx {
  dec: SequentialDecoder;
  decoder: DecoderFn;
  grid?: MetricGrid;
  starts: number[][];
  ends: number[][];
}

const setup = (pairs: number, withGrid: boolean) => (): Ctx => {
  const dec = randomSinMlpDecoder(0);
  const { starts, ends } = randomPairs(pairs, 1);
  const grid = withGrid
    ? metricGrid(pullbackRiemannianMetric(dec), { n: CONFIG.grid, interpolation: CONFIG.interpolation })
    : undefined;
  return { dec, decoder: asDecoderFn(dec), grid, starts, ends };
};
const teardown = (ctx: Ctx) => {
  ctx.grid?.dispose();
  disposeDecoder(ctx.dec);
};
/** Milliseconds per optimiser step, without the fixed cost of the final energy/length evaluations. */
function perStep(solve: (steps: number) => unknown, steps: number): number {
  let t = performance.now();
  solve(0);
  const fixed = performance.now() - t;
  t = performance.now();
  solve(steps);
  return (performance.now() - t - fixed) / steps;
}

const solverOptions = { nMax: CONFIG.nMax, S: CONFIG.S, steps: CONFIG.steps, lr: CONFIG.lr };

export const benchmarks: Benchmark[] = [
  defineBenchmark<Ctx>({
    name: 'geodesics-100-pairs-decoded',
    unit: 's',
    runs: 1,
    warmup: 0,
    meta: { ...CONFIG, mode: 'decoded', decoder: '784-512-256-2 sin-MLP, random init (seed 0)' },
    setup: setup(CONFIG.pairs, false),
    run: (ctx) => {
      const t = performance.now();
      solveGeodesics({ decoder: ctx.decoder }, ctx.starts, ctx.ends, solverOptions);
      return (performance.now() - t) / 1000;
    },
    teardown,
  }),
  defineBenchmark<Ctx>({
    name: 'geodesics-100-pairs-metric-grid',
    unit: 's',
    runs: 3,
    warmup: 1,
    meta: { ...CONFIG, mode: 'metric-grid (solve only; grid built in setup)' },
    setup: setup(CONFIG.pairs, true),
    run: (ctx) => {
      const t = performance.now();
      solveGeodesics({ metric: ctx.grid as MetricGrid }, ctx.starts, ctx.ends, solverOptions);
      return (performance.now() - t) / 1000;
    },
    teardown,
  }),
  defineBenchmark<Ctx>({
    name: 'geodesics-metric-grid-build-64',
    unit: 's',
    runs: 3,
    warmup: 1,
    meta: { n: 64, interpolation: 'bspline', decoder: '784-512-256-2 sin-MLP, random init' },
    setup: setup(1, false),
    run: (ctx) => {
      const t = performance.now();
      metricGrid(pullbackRiemannianMetric(ctx.dec), { n: 64 }).dispose();
      return (performance.now() - t) / 1000;
    },
    teardown,
  }),
  // K-means-sized batch (900 curves of 100 points): per-step cost, decoded vs metric grid.
  defineBenchmark<Ctx>({
    name: 'geodesics-900-curves-step-decoded',
    unit: 'ms',
    runs: 1,
    warmup: 0,
    meta: { curves: 900, S: 100, nMax: 7, steps: 3, note: 'ms per Adam step: (t(3 steps) − t(0 steps)) / 3' },
    setup: setup(900, false),
    run: (ctx) =>
      perStep(
        (steps) => solveGeodesics({ decoder: ctx.decoder }, ctx.starts, ctx.ends, { nMax: 7, S: 100, steps }),
        3,
      ),
    teardown,
  }),
  defineBenchmark<Ctx>({
    name: 'geodesics-900-curves-step-metric-grid',
    unit: 'ms',
    runs: 3,
    warmup: 1,
    meta: { curves: 900, S: 100, nMax: 7, steps: 20, grid: 64, note: 'ms per Adam step (mean of 20)' },
    setup: setup(900, true),
    run: (ctx) => {
      const t = performance.now();
      solveGeodesics({ metric: ctx.grid as MetricGrid }, ctx.starts, ctx.ends, {
        nMax: 7,
        S: 100,
        steps: 20,
      });
      return (performance.now() - t) / 20;
    },
    teardown,
  }),
  // Accuracy (not speed): max relative length error of the metric grid on its own optimised curves,
  // |L_grid − L_decoded| / L_decoded over 30 pairs, in percent.
  defineBenchmark<Ctx>({
    name: 'geodesics-metric-grid-length-error',
    unit: '%',
    runs: 1,
    warmup: 0,
    meta: { pairs: 30, S: 100, nMax: 7, steps: 200, grid: 64, interpolation: 'bspline', base: 'periodic' },
    setup: setup(30, true),
    run: (ctx) => {
      const r = solveGeodesics({ metric: ctx.grid as MetricGrid }, ctx.starts, ctx.ends, {
        ...solverOptions,
        base: 'periodic',
      });
      const c = r.tensor();
      const Ld = curveLength(ctx.decoder, c).dataSync();
      c.dispose();
      let worst = 0;
      for (let i = 0; i < r.b; i++) worst = Math.max(worst, Math.abs(r.lengths[i] - Ld[i]) / Ld[i]);
      return 100 * worst;
    },
    teardown,
  }),
];
