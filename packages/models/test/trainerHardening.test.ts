import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@curv/core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultConfig, type ExperimentConfig, NonFiniteLossError, train } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

function swissConfig(lr: number, epochs: number, batchSize = 64): ExperimentConfig {
  return defaultConfig({
    architecture: { hidden_dims: [16, 8] },
    dataset: { name: 'Swissroll', n: 256, swissroll_noise: 1e-6 },
    experiment: { name: 'swiss_hardening' },
    training_mode: { compute_curvature: false },
    loss_settings: { lambda_unif: 0, lambda_curv: 0 },
    optimizer_settings: { lr, num_epochs: epochs },
    data_loader_settings: { batch_size: batchSize, random_seed: 3 },
  });
}

describe('trainer robustness', () => {
  it('a kill between the results.json append and the next checkpoint does not duplicate the row on resume', async () => {
    const out = mkdtempSync(join(tmpdir(), 'curv-train-kill-'));
    const cfg = swissConfig(5e-3, 2);
    const backup = join(out, 'checkpoint.before-results');
    const first = await train({
      config: cfg,
      outDir: out,
      progress: 'none',
      // The checkpoint of the last epoch, as it is before the results row is recorded.
      onEpoch: (e) => {
        if (e.epoch === 2) copyFileSync(join(out, 'checkpoint.safetensors'), backup);
      },
    });
    first.model.dispose();
    expect(JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'))).toHaveLength(1);
    // Kill point: results.json has the row, the checkpoint does not know it yet.
    copyFileSync(backup, join(out, 'checkpoint.safetensors'));
    const again = await train({ config: cfg, outDir: out, progress: 'none' });
    again.model.dispose();
    const rows = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(rows).toHaveLength(1);
    expect(rows[0].epoch_count).toBe(2);
  });

  it('lr 1e300 for one epoch of one batch (the step itself is finite, the weights are not): the final-evaluation NaN guard stops training; no weights or results are written', async () => {
    const out = mkdtempSync(join(tmpdir(), 'curv-train-nan-'));
    const err = await train({ config: swissConfig(1e300, 1, 256), outDir: out, progress: 'none' }).catch(
      (e) => e,
    );
    expect(err).toBeInstanceOf(NonFiniteLossError);
    expect((err as Error).message).toMatch(/is NaN in the final evaluation after epoch 1; training stopped/);
    expect(existsSync(join(out, 'results.json'))).toBe(false);
    expect(existsSync(join(out, 'ae_weights.safetensors'))).toBe(false);
  });
});
