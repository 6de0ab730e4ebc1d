import { Adam, type Benchmark, defineBenchmark, Random } from '@curv/core';
import { createDatasets } from '@curv/datasets';
import * as tf from '@tensorflow/tfjs-core';
import {
  type ConvActivation,
  defaultConfig,
  resolveLoss,
  TorusAELoss,
  TorusConvAE,
  TrainStep,
} from '../src/index.js';

interface Ctx {
  model: TorusConvAE;
  x: tf.Tensor2D;
  step: TrainStep;
  opt: Adam;
}

/**
 * One Adam step of the convolutional torus autoencoder (88 099 parameters, d = 2) on a batch of 128 MNIST
 * training images through `TrainStep` (loss terms, one reverse pass, finiteness checks, the update): MSE
 * with the original ReLU network, or MSE + 0.1 · mean R²√det g over the 128 detached batch encodings
 * (Gauss route, second-order jets through the transposed convolutions) with the softplus network.
 * `cpuMs` (recorded by the runner) is the process CPU time per step: wall time grows when other jobs
 * share the cores, CPU time much less.
 */
function convStepBench(name: string, activation: ConvActivation, lambdaCurv: number): Benchmark {
  return defineBenchmark<Ctx>({
    name,
    runs: 10,
    warmup: 2,
    meta: {
      network: `TorusConvAE (${activation}), Adam lr 1e-3`,
      batch: 128,
      data: 'MNIST training images 0–127 (split seed 0)',
      loss: lambdaCurv ? `MSE + ${lambdaCurv}·L_curv on the 128 batch encodings (gauss route)` : 'MSE',
    },
    setup: () => {
      const s = createDatasets({ name: 'MNIST' }, { seed: 0, splitRatio: 0.2 });
      const x = tf.tensor2d(s.train.data.subarray(0, 128 * 784), [128, 784]);
      const config = defaultConfig({
        architecture: { type: 'TorusConvAE', activation },
        experiment: { name },
        training_mode: { compute_curvature: lambdaCurv > 0 },
        loss_settings: { lambda_unif: 0, lambda_curv: lambdaCurv },
      });
      const model = new TorusConvAE({ activation, seed: 0 });
      const opt = new Adam(model.variables(), { lr: 1e-3 });
      const step = new TrainStep(new TorusAELoss(model, resolveLoss(config)), model.variables(), opt);
      return { model, x, step, opt };
    },
    run: ({ x, step }) => {
      step.run(x, 0, new Random(0));
    },
    teardown: ({ model, x, opt }) => {
      model.dispose();
      opt.dispose();
      x.dispose();
    },
  }) as Benchmark;
}

export const benchmarks: Benchmark[] = [
  convStepBench('conv-ae-step-mse-b128', 'relu', 0),
  convStepBench('conv-ae-step-curvature-b128', 'softplus', 0.1),
];
