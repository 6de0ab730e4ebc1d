import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@curv/core';
import { createDatasets } from '@curv/datasets';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Checkpoint,
  defaultConfig,
  type ExperimentConfig,
  NonFiniteLossError,
  readCheckpoint,
  runTraining,
  TorusAE,
  type TorusModel,
  type TrainEvent,
  type TrainOptions,
  type TrainResult,
  train,
  writeCheckpoint,
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

/** Through the file format, as a host would: write, then read back. */
function viaFile(ck: Checkpoint): Checkpoint {
  const path = join(tmp(), 'checkpoint.safetensors');
  writeCheckpoint(path, ck);
  return readCheckpoint(path)!;
}

function expectSameWeights(a: TorusModel, b: TorusModel): void {
  const ta = a.toTensors();
  const tb = b.toTensors();
  for (const k of Object.keys(ta)) expect(tb[k].data).toEqual(ta[k].data);
}

describe('train', () => {
  it("train yields batch events in order, an epoch event after each epoch's batches, then one end event", async () => {
    const cfg = swissConfig({}, 2);
    const seen: string[] = [];
    let result: TrainResult | undefined;
    let lastStep = 0;
    for await (const e of train({ config: cfg })) {
      if (e.type === 'batch') {
        seen.push(`b${e.epoch}.${e.batch}`);
        expect(e.batches).toBe(8);
        expect(e.step).toBe(lastStep + 1);
        lastStep = e.step;
        expect(Number.isFinite(e.losses.MSE)).toBe(true);
      } else if (e.type === 'epoch') {
        seen.push(`e${e.epoch}`);
        expect(e.history.MSE).toHaveLength(8 * e.epoch);
        expect(e.testHistory.MSE).toHaveLength(2 * e.epoch);
        expect(e.trainLosses.MSE).toBeCloseTo(e.history.MSE.slice(-8).reduce((a, b) => a + b) / 8, 10);
      } else {
        seen.push('end');
        result = e.result;
      }
    }
    const epoch = (k: number) => [...Array.from({ length: 8 }, (_, i) => `b${k}.${i}`), `e${k}`];
    expect(seen).toEqual([...epoch(1), ...epoch(2), 'end']);
    expect(result!.status).toBe('completed');
    expect(result!.checkpoint.state.epoch).toBe(2);
    result!.model.dispose();
  });

  it('train on a Swiss roll lowers the loss, reaches R² > 0.5 and gives the results entry with the §10.10 keys', async () => {
    const cfg = swissConfig({}, 12);
    const res = await runTraining({ config: cfg });
    expect(res.status).toBe('completed');
    const mse = res.history.MSE;
    expect(mse.length).toBe(12 * 8); // 512 train points / 64
    const first = mse.slice(0, 8).reduce((a, b) => a + b) / 8;
    const last = mse.slice(-8).reduce((a, b) => a + b) / 8;
    expect(last).toBeLessThan(0.5 * first);
    expect(res.testHistory.MSE.length).toBe(12 * 2);
    expect(res.r2Test).toBeGreaterThan(0.5);
    const keys = Object.keys(res.results!);
    expect(keys.slice(0, 5)).toEqual([
      'epoch_count',
      'learning_rate',
      'batch_size',
      'R^2_test_data ',
      'training_time',
    ]);
    expect(keys).toContain('MSE test');
    expect(keys).toContain('MSE train');
    expect(res.results!.epoch_count).toBe(12);
    expect(res.results!['R^2_test_data ']).toBeCloseTo(res.r2Test!, 5);
    res.model.dispose();
  });

  it('train resumed from the checkpoint of epoch 2 (after a crash) ends with the same weights as an uninterrupted run', async () => {
    const cfg3 = swissConfig({ lambda_unif: 5e-4 }, 3);
    const a = await runTraining({ config: cfg3 });
    // "crash": the consumer dies right after persisting epoch 2's checkpoint
    let saved: Checkpoint | undefined;
    await expect(
      runTraining({ config: cfg3 }, async (e) => {
        if (e.type !== 'epoch') return;
        saved = viaFile(await e.checkpoint());
        if (e.epoch === 2) throw new Error('simulated crash');
      }),
    ).rejects.toThrow('simulated crash');
    expect(saved!.state.epoch).toBe(2);
    // a new process resumes and trains the third epoch only
    let epochsRun = 0;
    const b = await runTraining({ config: cfg3, resume: saved }, (e) => {
      if (e.type === 'epoch') epochsRun++;
    });
    expect(epochsRun).toBe(1);
    expect(b.epochs).toBe(3);
    expect(b.resumed).toBe(true);
    expectSameWeights(a.model, b.model);
    expect(b.history.MSE).toEqual(a.history.MSE);
    expect(b.testHistory.MSE).toEqual(a.testHistory.MSE);
    expect(b.results!.epoch_count).toBe(3);
    a.model.dispose();
    b.model.dispose();
  });

  it('train stopped by an AbortSignal mid-epoch stops within one batch, checkpoints the position and resumes identically', async () => {
    const cfg = swissConfig({}, 2);
    const ref = await runTraining({ config: cfg });
    const ac = new AbortController();
    let afterAbort = 0;
    const r1 = await runTraining({ config: cfg, signal: ac.signal }, (e) => {
      if (ac.signal.aborted && e.type === 'batch') afterAbort++;
      // aborted from a macrotask (like a signal handler), not synchronously inside the loop
      if (e.type === 'batch' && e.epoch === 1 && e.batch === 4) setImmediate(() => ac.abort());
    });
    expect(r1.status).toBe('aborted');
    expect(afterAbort).toBe(0);
    expect(r1.checkpoint.state.epoch).toBe(0);
    expect(r1.checkpoint.state.batchInEpoch).toBe(5);
    expect(r1.results).toBeUndefined();
    r1.model.dispose();
    const r2 = await runTraining({ config: cfg, resume: viaFile(r1.checkpoint) });
    expect(r2.status).toBe('completed');
    expectSameWeights(ref.model, r2.model);
    expect(r2.history.MSE).toEqual(ref.history.MSE);
    ref.model.dispose();
    r2.model.dispose();
  });

  it('train throws NonFiniteLossError naming the term and batch; the checkpoint of the previous epoch is intact', async () => {
    const cfg = swissConfig({}, 3);
    const data = createDatasets({ name: 'Swissroll', n: 640, noise: 1e-6 }, { seed: 3 });
    let kept: Checkpoint | undefined;
    let before: Float32Array | undefined;
    const n0 = tf.memory().numTensors;
    let err: unknown;
    try {
      await runTraining({ config: cfg, data }, async (e) => {
        if (e.type === 'epoch' && e.epoch === 1) {
          kept = await e.checkpoint();
          before = Float32Array.from(kept.tensors['fc1.weight'].data);
          data.train.data[5 * 3 * 64 + 1] = Number.NaN; // poison batch 5 of the next epoch (no shuffle below)
        }
      });
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(NonFiniteLossError);
    const e = err as NonFiniteLossError;
    expect(e.epoch).toBe(2);
    expect(e.term).toBe('MSE');
    expect(e.message).toMatch(/loss term 'MSE' is NaN at epoch 2, batch \d+/);
    expect(kept!.state.epoch).toBe(1);
    expect(kept!.tensors['fc1.weight'].data).toEqual(before);
    expect(tf.memory().numTensors).toBe(n0);
  });

  it('train with a raised num_epochs continues from a completed checkpoint; an equal num_epochs retrains nothing', async () => {
    const r1 = await runTraining({ config: swissConfig({}, 1), evaluateTrain: false });
    r1.model.dispose();
    const again = await runTraining({
      config: swissConfig({}, 1),
      resume: r1.checkpoint,
      evaluateTrain: false,
    });
    expect(again.history.MSE.length).toBe(8); // nothing retrained
    again.model.dispose();
    const r2 = await runTraining({ config: swissConfig({}, 2), resume: r1.checkpoint, evaluateTrain: false });
    expect(r2.history.MSE.length).toBe(16);
    expect(r2.results!.epoch_count).toBe(2);
    expect(r2.results!.training_time).toBeGreaterThanOrEqual(r1.results!.training_time);
    expect(r2.results!['MSE train']).toBeUndefined();
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
    await expect(runTraining({ config: cfg })).rejects.toThrow(
      /the gradient of the loss is NaN at epoch 1, batch 0/,
    );
  });

  it('train refuses a checkpoint of another architecture, naming its source, and frees everything', async () => {
    const r = await runTraining({ config: swissConfig({}, 1), evaluateTrain: false });
    r.model.dispose();
    const ck = viaFile(r.checkpoint);
    const other = swissConfig({}, 2);
    other.architecture.hidden_dims = [16, 16];
    const n0 = tf.memory().numTensors;
    await expect(runTraining({ config: other, resume: ck })).rejects.toThrow(
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
    const r = await runTraining({ config: cfg });
    expect(r.history.MSE.length).toBe(4); // 80 points → 64 train / 16 test, batch 16
    expect(r.testHistory.MSE.length).toBe(1);
    expect(r.history.Curvature.every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(r.results?.['Curvature test']).toBeGreaterThanOrEqual(0);
    expect(r.r2Test).toBeLessThan(1);
    r.model.dispose();
  });

  it('train does not leak tensors across epochs, nor when the loop is left early', async () => {
    const cfg = swissConfig({ lambda_unif: 1e-3 }, 1);
    const r0 = await runTraining({ config: cfg });
    r0.model.dispose();
    const n0 = tf.memory().numTensors;
    const r1 = await runTraining({ config: cfg });
    r1.model.dispose();
    expect(tf.memory().numTensors).toBe(n0);
    const options: TrainOptions = { config: swissConfig({}, 3) };
    for await (const e of train(options) as AsyncGenerator<TrainEvent>) {
      if (e.type === 'batch' && e.batch === 2) break;
    }
    expect(tf.memory().numTensors).toBe(n0);
  });
});
