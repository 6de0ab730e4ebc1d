import { copyFileSync, existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@curv/core';
import { createDatasets } from '@curv/datasets';
import { defaultConfig, type ExperimentConfig, NonFiniteLossError } from '@curv/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainInFolder } from '../src/training/trainInFolder.js';

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

const data = () => createDatasets({ name: 'Swissroll', n: 256, noise: 1e-6 }, { seed: 3 });

describe('trainInFolder robustness', () => {
  it('a kill between the results.json append and the next checkpoint does not duplicate the row on resume', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'curv-train-kill-'));
    const cfg = swissConfig(5e-3, 2);
    const backup = join(dir, 'checkpoint.before-results');
    const first = await trainInFolder({
      config: cfg,
      data: data(),
      dir,
      // The checkpoint of the last epoch, as it is before the results row is recorded.
      onEvent: (e) => {
        if (e.type === 'epoch' && e.epoch === 2) copyFileSync(join(dir, 'checkpoint.safetensors'), backup);
      },
    });
    first.model.dispose();
    expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'))).toHaveLength(1);
    // Kill point: results.json has the row, the checkpoint does not know it yet.
    copyFileSync(backup, join(dir, 'checkpoint.safetensors'));
    const again = await trainInFolder({ config: cfg, data: data(), dir });
    again.model.dispose();
    const rows = JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'));
    expect(rows).toHaveLength(1);
    expect(rows[0].epoch_count).toBe(2);
  });

  it('lr 1e300 (the step is finite, the weights are not): the final-evaluation NaN guard stops training; no weights or results are written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'curv-train-nan-'));
    const err = await trainInFolder({ config: swissConfig(1e300, 1, 256), data: data(), dir }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(NonFiniteLossError);
    expect((err as Error).message).toMatch(/is NaN in the final evaluation after epoch 1; training stopped/);
    expect(existsSync(join(dir, 'results.json'))).toBe(false);
    expect(existsSync(join(dir, 'ae_weights.safetensors'))).toBe(false);
  });
});
