import { Adam, initBackend, Random } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, PotentialNet, resolveLoss, TorusAE, TorusAELoss, TrainStep } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

function setup(functional: 'F' | 'W') {
  const ae = new TorusAE({ inputDim: 5, hidden: [16, 12], seed: 2 });
  const pot = new PotentialNet({ hidden: 8, seed: 5 });
  const cfg = defaultConfig({
    architecture: { input_dim: 5, hidden_dims: [16, 12] },
    dataset: { name: 'Synthetic', k: 1, n: 4, D: 5, d: 2 },
    training_mode: { compute_curvature: true },
    loss_settings: { lambda_recon: 0, lambda_unif: 0, lambda_curv: 1, curvature_functional: functional },
  });
  const loss = new TorusAELoss(ae, resolveLoss(cfg), pot);
  const x = tf.randomNormal([32, 5], 0, 1, 'float32', 9) as tf.Tensor2D;
  const name = functional === 'F' ? 'Perelman_F' : 'Perelman_W';
  const value = () =>
    tf.tidy(() => {
      const prep = loss.prepare(x, 0, new Random(0));
      const v = loss.compute(x, prep).terms[name].dataSync()[0];
      prep.dispose();
      return v;
    });
  return { ae, pot, loss, x, value };
}

describe('Perelman min–max game (TrainStep with reversed potential gradient)', () => {
  for (const functional of ['F', 'W'] as const) {
    it(`TrainStep lowers ${functional} through the potential f and raises it through the decoder`, () => {
      const s = setup(functional);
      const f0 = s.value();
      const potOpt = new Adam(s.pot.variables(), { lr: 1e-2 });
      const potStep = new TrainStep(s.loss, s.pot.variables(), potOpt, s.pot.variables());
      for (let i = 0; i < 15; i++) expect(potStep.run(s.x, 1, new Random(0)).nonFinite).toBeUndefined();
      const f1 = s.value();
      expect(f1).toBeLessThan(f0);
      const decOpt = new Adam(s.ae.decoderVariables(), { lr: 1e-3 });
      const decStep = new TrainStep(s.loss, s.ae.decoderVariables(), decOpt);
      for (let i = 0; i < 15; i++) decStep.run(s.x, 1, new Random(0));
      expect(s.value()).toBeGreaterThan(f1);
      potOpt.dispose();
      decOpt.dispose();
      s.x.dispose();
      s.pot.dispose();
      s.ae.dispose();
    });
  }
});
