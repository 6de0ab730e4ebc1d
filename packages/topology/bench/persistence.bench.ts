import { type Benchmark, defineBenchmark, Random } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { latentTopologicalLoss, ripsPersistence } from '../src/index.js';

const cloud = (n: number, d: number, seed: number) => {
  const r = new Random(seed);
  return Float64Array.from({ length: n * d }, () => r.normal());
};

interface CloudCtx {
  x: Float64Array;
  d: number;
}

/** Vietoris–Rips H0 + H1 with generators of one random cloud (distances included). */
const persistenceBench = (name: string, n: number, d: number, threshold?: number) =>
  defineBenchmark<CloudCtx>({
    name,
    runs: 15,
    warmup: 3,
    setup: () => ({ x: cloud(n, d, n + d), d }),
    run: ({ x, d: dim }) => {
      ripsPersistence(x, { dim, threshold });
    },
    meta: {
      points: n,
      dim: d,
      threshold: threshold ?? null,
      edges: (n * (n - 1)) / 2,
      triangles: (n * (n - 1) * (n - 2)) / 6,
    },
  }) as Benchmark;

interface LossCtx {
  z: tf.Variable<tf.Rank.R2>;
  data: tf.Tensor2D;
}

/**
 * Forward + backward of the topological regulariser on a TorusAE-sized batch: latent codes z [128, 2]
 * on the flat torus against their data rows [128, 784], TopoVAE weights (bottleneck and entropy in H0
 * and H1). Includes both diagrams (the data diagram too, as a trainer without a cache would).
 */
const lossBench = defineBenchmark<LossCtx>({
  name: 'topo-loss-b128',
  runs: 15,
  warmup: 3,
  setup: () => {
    const r = new Random(1);
    return {
      z: tf.variable(
        tf.tensor2d(
          Float32Array.from({ length: 256 }, () => r.uniformIn(-Math.PI, Math.PI)),
          [128, 2],
        ),
      ),
      data: tf.tensor2d(
        Float32Array.from({ length: 128 * 784 }, () => r.uniform()),
        [128, 784],
      ),
    };
  },
  run: ({ z, data }) => {
    const { value, grads } = tf.variableGrads(
      () => latentTopologicalLoss(z as unknown as tf.Tensor2D, data, [10, 10, 10, 10, 0, 0, 0]),
      [z],
    );
    grads[z.name].dataSync();
    tf.dispose([value, ...Object.values(grads)]);
  },
  teardown: ({ z, data }) => tf.dispose([z, data]),
  meta: { batch: 128, latent: 2, data: 784, weights: [10, 10, 10, 10, 0, 0, 0], periodic: true },
}) as Benchmark;

/**
 * The same work measured in CPU time of this process (user + system, `process.cpuUsage`): on a machine
 * shared with other jobs wall time can be several times larger; CPU time is what one step costs.
 */
const cpuTime = (b: Benchmark): Benchmark => ({
  ...b,
  name: `${b.name}-cpu`,
  unit: 'ms-cpu',
  async run(ctx: unknown) {
    const t = process.cpuUsage();
    await b.run(ctx);
    const d = process.cpuUsage(t);
    return (d.user + d.system) / 1000;
  },
});

export const benchmarks: Benchmark[] = [
  persistenceBench('persistence-h1-n128-r784', 128, 784),
  persistenceBench('persistence-h1-n128-r2', 128, 2),
  persistenceBench('persistence-h1-n500-r2', 500, 2),
  persistenceBench('persistence-h1-n500-r2-threshold', 500, 2, 0.5),
  lossBench,
  cpuTime(persistenceBench('persistence-h1-n128-r784', 128, 784)),
  cpuTime(persistenceBench('persistence-h1-n128-r2', 128, 2)),
  cpuTime(lossBench),
];
