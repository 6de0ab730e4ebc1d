import { Adam, type Benchmark, defineBenchmark, Random } from '@curv/core';
import { createDatasets } from '@curv/datasets';
import * as tf from '@tensorflow/tfjs-core';
import { defaultConfig, resolveLoss, TorusAE, TorusAELoss, TrainStep } from '../src/index.js';

interface Ctx {
  model: TorusAE;
  x: tf.Tensor2D;
  step: TrainStep;
  opt: Adam;
}

const WEIGHTS = [10, 10, 10, 10, 0, 0, 0];

/**
 * One Adam step of the original TorusAE (784-512-256-2) on a batch of 128 MNIST training images through
 * `TrainStep` (loss terms, one reverse pass, finiteness checks, the update): plain MSE, or MSE + λ_topo ·
 * the topological term on the latent batch (flat torus) against the image batch, weights
 * [10, 10, 10, 10, 0, 0, 0] (H0 and H1 bottleneck and entropy), the data diagram computed in the step.
 * Both run in the same process one after the other; `meta.cpuMs` is the median CPU time per step of this
 * process (wall time grows when other jobs share the cores, CPU time does not).
 */
function topoStepBench(name: string, lambdaTopo: number): Benchmark {
  const cpu: number[] = [];
  const meta: Record<string, unknown> = {
    network: '784-512-256-2 TorusAE, Adam lr 1e-3',
    batch: 128,
    data: 'MNIST training images 0–127 (split seed 0)',
    loss: lambdaTopo ? `MSE + ${lambdaTopo}·topological (latent, weights [${WEIGHTS}])` : 'MSE',
  };
  return defineBenchmark<Ctx>({
    name,
    runs: 15,
    warmup: 3,
    meta,
    setup: () => {
      const s = createDatasets({ name: 'MNIST' }, { seed: 0, splitRatio: 0.2 });
      const x = tf.tensor2d(s.train.data.subarray(0, 128 * 784), [128, 784]);
      const config = defaultConfig({
        experiment: { name },
        training_mode: { compute_curvature: false },
        loss_settings: { lambda_unif: 0, lambda_curv: 0, lambda_topo: lambdaTopo, topo_weights: WEIGHTS },
      });
      const model = new TorusAE({ inputDim: 784, hidden: [512, 256], seed: 0 });
      const opt = new Adam(model.variables(), { lr: 1e-3 });
      const step = new TrainStep(new TorusAELoss(model, resolveLoss(config)), model.variables(), opt);
      return { model, x, step, opt };
    },
    run: ({ x, step }) => {
      const c0 = process.cpuUsage();
      step.run(x, 0, new Random(0));
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      const sorted = [...cpu].sort((a, b) => a - b);
      meta.cpuMs = Math.round(sorted[sorted.length >> 1] * 10) / 10;
    },
    teardown: ({ model, x, opt }) => {
      model.dispose();
      opt.dispose();
      x.dispose();
    },
  }) as Benchmark;
}

export const benchmarks: Benchmark[] = [
  topoStepBench('topo-loss-step-b128', 1),
  topoStepBench('topo-loss-step-b128-mse', 0),
];
