import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, readSafetensors } from '@curv/core';
import { createDatasets } from '@curv/datasets';
import {
  defaultConfig,
  type ExperimentConfig,
  NonFiniteLossError,
  readCheckpoint,
  TorusAE,
} from '@curv/models';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { trainInFolder } from '../src/training/trainInFolder.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

function swissConfig(
  epochs: number,
  over: Partial<ExperimentConfig['loss_settings']> = {},
): ExperimentConfig {
  return defaultConfig({
    architecture: { input_dim: 3, hidden_dims: [32, 16] },
    dataset: { name: 'Swissroll', n: 640, swissroll_noise: 1e-6 },
    experiment: { name: 'swiss_test' },
    training_mode: { compute_curvature: false },
    loss_settings: { lambda_unif: 0, lambda_curv: 0, ...over },
    optimizer_settings: { lr: 5e-3, num_epochs: epochs },
    data_loader_settings: { batch_size: 64, random_shuffling: true, random_seed: 3 },
  });
}

const data = () => createDatasets({ name: 'Swissroll', n: 640, noise: 1e-6 }, { seed: 3 });
const tmp = () => mkdtempSync(join(tmpdir(), 'curv-folder-'));
const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8'));

describe('trainInFolder', () => {
  it('writes the weights, losses_history.json and results.json with the §10.10 keys', async () => {
    const dir = tmp();
    const r = await trainInFolder({ config: swissConfig(2), data: data(), dir });
    expect(r.status).toBe('completed');
    const results = readJson(join(dir, 'results.json'));
    expect(results).toHaveLength(1);
    expect(Object.keys(results[0]).slice(0, 5)).toEqual([
      'epoch_count',
      'learning_rate',
      'batch_size',
      'R^2_test_data ',
      'training_time',
    ]);
    expect(results[0]['MSE train']).toBeGreaterThan(0);
    expect(results[0]['R^2_test_data ']).toBeCloseTo(r.r2Test!, 5);
    const history = readJson(join(dir, 'losses_history.json'));
    expect(history.train.MSE).toEqual(r.history.MSE);
    expect(history.test.MSE).toHaveLength(4);
    const w = TorusAE.fromSafetensors(join(dir, 'ae_weights.safetensors'));
    expect(w.toTensors()['fc1.weight'].data).toEqual(r.model.toTensors()['fc1.weight'].data);
    w.dispose();
    r.model.dispose();
  });

  it('a process killed after epoch 2 resumes from checkpoint.safetensors to the same weights as an uninterrupted run', async () => {
    const cfg = swissConfig(3, { lambda_unif: 5e-4 });
    const a = await trainInFolder({ config: cfg, data: data(), dir: tmp() });
    const dir = tmp();
    await expect(
      trainInFolder({
        config: cfg,
        data: data(),
        dir,
        onEvent: (e) => {
          if (e.type === 'epoch' && e.epoch === 2) throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrow('simulated crash');
    expect(readCheckpoint(join(dir, 'checkpoint.safetensors'))!.state.epoch).toBe(2);
    expect(existsSync(join(dir, 'results.json'))).toBe(false);
    let epochsRun = 0;
    const b = await trainInFolder({
      config: cfg,
      data: data(),
      dir,
      onEvent: (e) => {
        if (e.type === 'epoch') epochsRun++;
      },
    });
    expect(epochsRun).toBe(1);
    const wa = a.model.toTensors();
    const wb = b.model.toTensors();
    for (const k of Object.keys(wa)) expect(wb[k].data).toEqual(wa[k].data);
    expect(b.history.MSE).toEqual(a.history.MSE);
    expect(readJson(join(dir, 'results.json'))[0].epoch_count).toBe(3);
    a.model.dispose();
    b.model.dispose();
  });

  it('a raised num_epochs continues and appends to results.json; an unchanged one appends nothing', async () => {
    const dir = tmp();
    const r1 = await trainInFolder({ config: swissConfig(1), data: data(), dir, evaluateTrain: false });
    r1.model.dispose();
    const again = await trainInFolder({ config: swissConfig(1), data: data(), dir, evaluateTrain: false });
    expect(again.history.MSE).toHaveLength(8);
    again.model.dispose();
    expect(readJson(join(dir, 'results.json'))).toHaveLength(1);
    const r2 = await trainInFolder({ config: swissConfig(2), data: data(), dir, evaluateTrain: false });
    expect(r2.history.MSE).toHaveLength(16);
    r2.model.dispose();
    const list = readJson(join(dir, 'results.json'));
    expect(list.map((e: { epoch_count: number }) => e.epoch_count)).toEqual([1, 2]);
    expect(list[1].training_time).toBeGreaterThanOrEqual(list[0].training_time);
    expect(list[1]['MSE train']).toBeUndefined();
  });

  it('a NaN loss names the kept checkpoint, which is the intact one of the previous epoch', async () => {
    const dir = tmp();
    const d = data();
    let before: Float32Array | undefined;
    let err: unknown;
    try {
      await trainInFolder({
        config: swissConfig(3),
        data: d,
        dir,
        onEvent: (e) => {
          if (e.type === 'epoch' && e.epoch === 1) {
            before = readSafetensors(join(dir, 'checkpoint.safetensors')).tensors['fc1.weight'].data;
            d.train.data.fill(Number.NaN, 0, 64 * 3 * 8);
          }
        },
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NonFiniteLossError);
    expect((err as NonFiniteLossError).checkpoint).toBe(join(dir, 'checkpoint.safetensors'));
    expect((err as Error).message).toMatch(/last good checkpoint kept at .*checkpoint.safetensors/);
    const ck = readCheckpoint(join(dir, 'checkpoint.safetensors'))!;
    expect(ck.state.epoch).toBe(1);
    expect(ck.tensors['fc1.weight'].data).toEqual(before);
    expect(existsSync(join(dir, 'results.json'))).toBe(false);
  });

  it('refuses the checkpoint of another architecture, naming the file, without leaking tensors', async () => {
    const dir = tmp();
    const r = await trainInFolder({ config: swissConfig(1), data: data(), dir, evaluateTrain: false });
    r.model.dispose();
    const other = swissConfig(2);
    other.architecture.hidden_dims = [16, 16];
    const n0 = tf.memory().numTensors;
    await expect(trainInFolder({ config: other, data: data(), dir })).rejects.toThrow(
      /checkpoint.safetensors: tensor 'fc1.weight' has shape \[32,3\], expected \[16,3\] — the checkpoint does not match this config/,
    );
    expect(tf.memory().numTensors).toBe(n0);
  });
});
