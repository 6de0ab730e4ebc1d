import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, readSafetensors } from '@curv/core';
import { createDatasets } from '@curv/datasets';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  defaultConfig,
  type ExperimentConfig,
  NonFiniteLossError,
  readCheckpoint,
  TorusAE,
  train,
} from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

function swissConfig(over: Partial<ExperimentConfig['loss_settings']> = {}, epochs = 3): ExperimentConfig {
  return defaultConfig({
    architecture: { hidden_dims: [32, 16] },
    dataset: { name: 'Swissroll', n: 640, swissroll_noise: 1e-6 },
    experiment: { name: 'swiss_test' },
    training_mode: { compute_curvature: false },
    loss_settings: { lambda_unif: 0, lambda_curv: 0, ...over },
    optimizer_settings: { lr: 5e-3, num_epochs: epochs },
    data_loader_settings: { batch_size: 64, random_shuffling: true, random_seed: 3 },
  });
}

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'curv-train-'));
}

describe('train', () => {
  it('train on a Swiss roll lowers the loss, reaches R² > 0.5, writes results.json with the §10.10 keys', async () => {
    const cfg = swissConfig({}, 12);
    const out = tmp();
    const res = await train({ config: cfg, outDir: out, progress: 'none' });
    expect(res.status).toBe('completed');
    const mse = res.history.MSE;
    expect(mse.length).toBe(12 * 8); // 512 train points / 64
    const first = mse.slice(0, 8).reduce((a, b) => a + b) / 8;
    const last = mse.slice(-8).reduce((a, b) => a + b) / 8;
    expect(last).toBeLessThan(0.5 * first);
    expect(res.testHistory.MSE.length).toBe(12 * 2);
    expect(res.r2Test).toBeGreaterThan(0.5);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(results).toHaveLength(1);
    const keys = Object.keys(results[0]);
    expect(keys.slice(0, 5)).toEqual([
      'epoch_count',
      'learning_rate',
      'batch_size',
      'R^2_test_data ',
      'training_time',
    ]);
    expect(keys).toContain('MSE test');
    expect(keys).toContain('MSE train');
    expect(results[0].epoch_count).toBe(12);
    expect(results[0]['R^2_test_data ']).toBeCloseTo(res.r2Test!, 5);
    const w = TorusAE.fromSafetensors(join(out, 'ae_weights.safetensors'));
    expect(w.hidden).toEqual([32, 16]);
    w.dispose();
    res.model.dispose();
  });

  it('train resumed after a crash ends with the same weights as an uninterrupted run', async () => {
    const cfg3 = swissConfig({ lambda_unif: 5e-4 }, 3);
    const a = await train({ config: cfg3, outDir: tmp(), progress: 'none' });
    const outB = tmp();
    // "crash": the process dies right after epoch 2's checkpoint (simulated by throwing from the hook)
    await expect(
      train({
        config: cfg3,
        outDir: outB,
        progress: 'none',
        onEpoch: (e) => {
          if (e.epoch === 2) throw new Error('simulated crash');
        },
      }),
    ).rejects.toThrow('simulated crash');
    expect(readCheckpoint(join(outB, 'checkpoint.safetensors'))!.state.epoch).toBe(2);
    // a new process resumes and trains the third epoch only
    let epochsRun = 0;
    const b = await train({ config: cfg3, outDir: outB, progress: 'none', onEpoch: () => void epochsRun++ });
    expect(epochsRun).toBe(1);
    expect(b.epochs).toBe(3);
    const wa = a.model.toTensors();
    const wb = b.model.toTensors();
    for (const k of Object.keys(wa)) expect(wb[k].data).toEqual(wa[k].data);
    expect(b.history.MSE).toEqual(a.history.MSE);
    expect(b.testHistory.MSE).toEqual(a.testHistory.MSE);
    expect(JSON.parse(readFileSync(join(outB, 'results.json'), 'utf8'))[0].epoch_count).toBe(3);
    a.model.dispose();
    b.model.dispose();
  });

  it('train stopped by an AbortSignal mid-epoch checkpoints the position and resumes identically', async () => {
    const cfg = swissConfig({}, 2);
    const ref = await train({ config: cfg, outDir: tmp(), progress: 'none' });
    const out = tmp();
    const ac = new AbortController();
    const r1 = await train({
      config: cfg,
      outDir: out,
      progress: 'none',
      signal: ac.signal,
      onBatch: (i) => {
        if (i.epoch === 1 && i.batch === 4) ac.abort();
      },
    });
    expect(r1.status).toBe('aborted');
    const ck = readCheckpoint(join(out, 'checkpoint.safetensors'))!;
    expect(ck.state.epoch).toBe(0);
    expect(ck.state.batchInEpoch).toBe(5);
    r1.model.dispose();
    const r2 = await train({ config: cfg, outDir: out, progress: 'none' });
    expect(r2.status).toBe('completed');
    const wa = ref.model.toTensors();
    const wb = r2.model.toTensors();
    for (const k of Object.keys(wa)) expect(wb[k].data).toEqual(wa[k].data);
    ref.model.dispose();
    r2.model.dispose();
  });

  it('train throws NonFiniteLossError naming the term and batch and keeps the last good checkpoint', async () => {
    const cfg = swissConfig({}, 3);
    const data = createDatasets({ name: 'Swissroll', n: 640, noise: 1e-6 }, { seed: 3 });
    const out = tmp();
    let err: unknown;
    let before: Float32Array | undefined;
    try {
      await train({
        config: cfg,
        data,
        outDir: out,
        progress: 'none',
        onEpoch: (e) => {
          if (e.epoch === 1) {
            before = readSafetensors(join(out, 'checkpoint.safetensors')).tensors['fc1.weight'].data;
            data.train.data[5 * 3 * 64 + 1] = Number.NaN; // poison batch 5 of the next epoch (no shuffle below)
          }
        },
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NonFiniteLossError);
    const e = err as NonFiniteLossError;
    expect(e.epoch).toBe(2);
    expect(e.term).toBe('MSE');
    expect(e.message).toMatch(/loss term 'MSE' is NaN at epoch 2, batch \d+/);
    const ck = readCheckpoint(join(out, 'checkpoint.safetensors'))!;
    expect(ck.state.epoch).toBe(1);
    expect(ck.tensors['fc1.weight'].data).toEqual(before);
    expect(existsSync(join(out, 'results.json'))).toBe(false);
  });

  it('train with a raised num_epochs continues from the checkpoint and accumulates results.json', async () => {
    const out = tmp();
    const r1 = await train({
      config: swissConfig({}, 1),
      outDir: out,
      progress: 'none',
      evaluateTrain: false,
    });
    r1.model.dispose();
    const again = await train({
      config: swissConfig({}, 1),
      outDir: out,
      progress: 'none',
      evaluateTrain: false,
    });
    expect(again.history.MSE.length).toBe(8); // nothing retrained
    again.model.dispose();
    const r2 = await train({
      config: swissConfig({}, 2),
      outDir: out,
      progress: 'none',
      evaluateTrain: false,
    });
    expect(r2.history.MSE.length).toBe(16);
    const list = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8'));
    expect(list.map((e: { epoch_count: number }) => e.epoch_count)).toEqual([1, 2]);
    expect(list[1].training_time).toBeGreaterThanOrEqual(list[0].training_time);
    expect(list[1]['MSE train']).toBeUndefined();
    r2.model.dispose();
  });

  it('createModel loads experiment.weights_loaded_from and checks its dimensions', async () => {
    const { createModel } = await import('../src/index.js');
    const dir = tmp();
    const src = new TorusAE({ inputDim: 3, hidden: [32, 16], seed: 11 });
    src.save(join(dir, 'w.safetensors'));
    const cfg = swissConfig({}, 1);
    cfg.experiment.weights_loaded_from = join(dir, 'w.safetensors');
    const m = createModel(cfg);
    expect(m.toTensors()['fc6.weight'].data).toEqual(src.toTensors()['fc6.weight'].data);
    m.dispose();
    const wrong = new TorusAE({ inputDim: 4, hidden: [8, 8], seed: 1 });
    wrong.save(join(dir, 'x.safetensors'));
    cfg.experiment.weights_loaded_from = join(dir, 'x.safetensors');
    expect(() => createModel(cfg)).toThrow(
      /weights_loaded_from: .*x.safetensors has input 4\/latent 2, config asks 3\/2/,
    );
    src.dispose();
    wrong.dispose();
  });

  it('train stops on a NaN gradient behind a finite loss (contractive loss at a zero encoder Jacobian)', async () => {
    const dir = tmp();
    const m = new TorusAE({ inputDim: 3, hidden: [32, 16], seed: 11 });
    const t = m.toTensors();
    t['fc1.weight'].data.fill(0);
    m.setTensors(t);
    m.save(join(dir, 'zero.safetensors'));
    m.dispose();
    const cfg = swissConfig({ lambda_contractive: 1, delta_encoder: 0.5 }, 1);
    cfg.training_mode.compute_contractive_loss = true;
    cfg.experiment.weights_loaded_from = join(dir, 'zero.safetensors');
    await expect(train({ config: cfg, outDir: null, progress: 'none' })).rejects.toThrow(
      /the gradient of the loss is NaN at epoch 1, batch 0/,
    );
  });

  it('train refuses a checkpoint of another architecture, naming the file', async () => {
    const out = tmp();
    const r = await train({
      config: swissConfig({}, 1),
      outDir: out,
      progress: 'none',
      evaluateTrain: false,
    });
    r.model.dispose();
    const other = swissConfig({}, 2);
    other.architecture.hidden_dims = [16, 16];
    const n0 = tf.memory().numTensors;
    await expect(train({ config: other, outDir: out, progress: 'none' })).rejects.toThrow(
      /checkpoint.safetensors: tensor 'fc1.weight' has shape \[32,3\], expected \[16,3\] — the checkpoint does not match this config/,
    );
    expect(tf.memory().numTensors).toBe(n0);
  });

  it('train builds the data from the config (MNIST_subset) and evaluates curvature on curvature_points encodings', async () => {
    const cfg = defaultConfig({
      dataset: { name: 'MNIST_subset', selected_labels: [0, 1], num_points_per_label: 40 },
      experiment: { name: 'mnist_small' },
      architecture: { hidden_dims: [16, 8] },
      loss_settings: { curvature_points: 8 },
      optimizer_settings: { num_epochs: 1 },
      data_loader_settings: { batch_size: 16 },
    });
    const r = await train({ config: cfg, outDir: tmp(), progress: 'none' });
    expect(r.history.MSE.length).toBe(4); // 80 points → 64 train / 16 test, batch 16
    expect(r.testHistory.MSE.length).toBe(1);
    expect(r.history.Curvature.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(r.results?.['Curvature test']).toBeGreaterThanOrEqual(0);
    expect(r.r2Test).toBeLessThan(1);
    r.model.dispose();
  });

  it('train does not leak tensors across epochs', async () => {
    const cfg = swissConfig({ lambda_unif: 1e-3 }, 1);
    const r0 = await train({ config: cfg, outDir: null, progress: 'none' });
    r0.model.dispose();
    const n0 = tf.memory().numTensors;
    const r1 = await train({ config: cfg, outDir: null, progress: 'none' });
    r1.model.dispose();
    expect(tf.memory().numTensors).toBe(n0);
  });
});
