import { type Benchmark, defineBenchmark, Random } from '@curv/core';
import {
  chartMetricGrid,
  ExpectedMetric,
  GaussianVae,
  geodesicGraph,
  graphGeodesic,
  gridPoints,
  gridSchauderGeodesics,
  RbfPrecision,
  schauderGeodesics,
} from '../src/index.js';

/**
 * Expected metric of an MNIST-shaped VAE (decoder 2-32-64-784, tanh, sigmoid mean; random PyTorch-style
 * weights, seed 0) with an RBF precision network of K = 64 centres on a jittered 8 × 8 grid of [−2, 2]²
 * (γ = 2, W ~ U(0, 1), ζ = 1e-6):
 *
 * - `lso-metric-grid-100x100`: √det M on the 100 × 100 grid of [−2.5, 2.5]² (J_μ by forward jets, J_σ in
 *   closed form, chunks of 2048 points).
 * - `lso-geodesic-graph`: the graph solver for one pair: kNN graph (k = 5) on the 64 centres with
 *   Riemannian segment lengths, Dijkstra, smoothing, spline, length by quadrature.
 * - `lso-geodesic-schauder`: one geodesic by the Schauder energy solver in metric mode (the ExpectedMetric handed
 *   to @curv/schauder as a RiemannianMetric: M and ∂M from one pass of stacked second-order jets at every step;
 *   S = 65, 6 levels, 400 Adam steps), spline and length by quadrature.
 * - `lso-geodesic-schauder-default`: the same geodesic with the solver's defaults (stops when the energy changes by
 *   less than 1e-6 relatively: 64 steps here, length within 3e-5 of the 400-step curve).
 * - `lso-geodesic-schauder-grid`: the same on a 128² metric grid of the box (grid construction included).
 */
interface Ctx {
  vae: GaussianVae;
  rbf: RbfPrecision;
  metric: ExpectedMetric;
  centres: Float64Array;
}

function setup(): Ctx {
  const vae = new GaussianVae({ inputDim: 784, hidden: [64, 32], decoderMean: 'sigmoid', seed: 0 });
  const rng = new Random(1);
  const centres = new Float64Array(128);
  for (let i = 0; i < 8; i++) {
    for (let j = 0; j < 8; j++) {
      centres[2 * (i * 8 + j)] = -2 + (4 * i) / 7 + 0.1 * rng.normal();
      centres[2 * (i * 8 + j) + 1] = -2 + (4 * j) / 7 + 0.1 * rng.normal();
    }
  }
  const rbf = new RbfPrecision(centres, new Array(64).fill(2), 784, { zeta: 1e-6, seed: 0 });
  return { vae, rbf, metric: new ExpectedMetric(vae.decoderMeanNetwork(), rbf), centres };
}

function teardown(ctx: Ctx): void {
  ctx.vae.dispose();
  ctx.rbf.dispose();
}

const model = 'decoder 2-32-64-784 tanh/sigmoid, RBF K = 64, D = 784 (random weights)';

export const benchmarks: Benchmark[] = [
  defineBenchmark<Ctx & { grid: Float32Array }>({
    name: 'lso-metric-grid-100x100',
    runs: 5,
    meta: { model, target: '≤ 1000 ms' },
    setup: () => ({ ...setup(), grid: gridPoints({ lo: -2.5, hi: 2.5 }, 100) }),
    run: (ctx) => ctx.metric.measureAt(ctx.grid),
    teardown,
  }),
  defineBenchmark<Ctx>({
    name: 'lso-geodesic-graph',
    runs: 5,
    meta: { model, target: '≤ 2000 ms', nodes: 64, k: 5 },
    setup,
    run: (ctx) => {
      const graph = geodesicGraph(ctx.metric, ctx.centres, 2, { k: 5 });
      return void graphGeodesic(graph, ctx.metric, [-1.8, -1.5], [1.7, 1.6]);
    },
    teardown,
  }),
  defineBenchmark<Ctx>({
    name: 'lso-geodesic-schauder-grid',
    runs: 3,
    meta: {
      model,
      mode: 'metric grid 128² (B-spline) over [−2.5, 2.5]², built inside the measured run',
      S: 65,
      levels: 6,
      steps: 400,
    },
    setup,
    run: (ctx) => {
      const chart = chartMetricGrid(ctx.metric, { x: [-2.5, 2.5], y: [-2.5, 2.5] }, 128);
      return void gridSchauderGeodesics(ctx.metric, chart, [[-1.8, -1.5]], [[1.7, 1.6]], {
        steps: 400,
        tolerance: 0,
      });
    },
    teardown,
  }),
  defineBenchmark<Ctx>({
    name: 'lso-geodesic-schauder-default',
    runs: 3,
    meta: {
      model,
      target: '≤ 2000 ms',
      mode: 'metric (RiemannianMetric), solver defaults: S = 65, 6 levels, ≤ 400 Adam steps, energy tolerance 1e-6',
    },
    setup,
    run: (ctx) => void schauderGeodesics(ctx.metric, [[-1.8, -1.5]], [[1.7, 1.6]]),
    teardown,
  }),
  defineBenchmark<Ctx>({
    name: 'lso-geodesic-schauder',
    runs: 1,
    meta: {
      model,
      target: '≤ 2000 ms',
      mode: 'metric (RiemannianMetric; M and ∂M from stacked second-order jets at every step)',
      S: 65,
      levels: 6,
      steps: 400,
    },
    setup,
    run: (ctx) =>
      void schauderGeodesics(ctx.metric, [[-1.8, -1.5]], [[1.7, 1.6]], { steps: 400, tolerance: 0 }),
    teardown,
  }),
];
