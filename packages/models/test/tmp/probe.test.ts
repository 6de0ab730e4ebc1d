import { Adam, initBackend, Random } from '@curv/core';
import { createDatasets } from '@curv/datasets';
import * as tf from '@tensorflow/tfjs-core';
import { it } from 'vitest';
import { defaultConfig, resolveLoss, TorusAE, TorusAELoss, TorusConvAE, TrainStep } from '../../src/index.js';

it('probe', async () => {
  await initBackend({ backend: 'wasm', log: null });
  const s = createDatasets({ name: 'MNIST' }, { seed: 0, splitRatio: 0.2 });
  const x = tf.tensor2d(s.train.data.subarray(0, 128 * 784), [128, 784]);
  const mk = (conv: boolean, curv: boolean) => {
    const config = defaultConfig({
      architecture: conv ? { type: 'TorusConvAE', activation: 'softplus' } : {},
      experiment: { name: 'p' },
      training_mode: { compute_curvature: curv },
      loss_settings: { lambda_unif: 0, lambda_curv: curv ? 0.1 : 0 },
    });
    const model = conv
      ? new TorusConvAE({ activation: 'softplus', seed: 0 })
      : new TorusAE({ inputDim: 784, seed: 0 });
    const opt = new Adam(model.variables(), { lr: 1e-3 });
    return new TrainStep(new TorusAELoss(model, resolveLoss(config)), model.variables(), opt);
  };
  const steps: [string, TrainStep][] = [
    ['fc-mse', mk(false, false)],
    ['conv-mse', mk(true, false)],
    ['fc-curv', mk(false, true)],
    ['conv-curv', mk(true, true)],
  ];
  const cpu: Record<string, number[]> = {};
  for (let r = 0; r < 6; r++) {
    for (const [n, st] of steps) {
      const c0 = process.cpuUsage();
      st.run(x, 0, new Random(0));
      const c = process.cpuUsage(c0);
      if (r > 0) (cpu[n] ??= []).push((c.user + c.system) / 1000);
    }
  }
  for (const [n, v] of Object.entries(cpu))
    console.log(n, 'median cpu', v.sort((a, b) => a - b)[v.length >> 1].toFixed(0), 'ms');
});
