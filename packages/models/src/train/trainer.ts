import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Adam, CurvInputError, Random, writeFileAtomic, writeJsonAtomic } from '@curv/core';
import { batchCount, batches, createDatasets, type Dataset } from '@curv/datasets';
import * as tf from '@tensorflow/tfjs-core';
import { datasetSpec } from '../config/parseConfig.js';
import type { ExperimentConfig } from '../config/types.js';
import { LOSS_NAMES, TorusAELoss } from '../losses/batchLoss.js';
import { PotentialNet } from '../losses/potential.js';
import { TorusAE } from '../model/torusAE.js';
import { readCheckpoint, type TrainerState, writeCheckpoint } from './checkpoint.js';
import { NonFiniteLossError } from './errors.js';
import { mean, rSquared } from './metrics.js';
import { createProgress, type ProgressMode } from './progress.js';
import { TrainStep } from './trainStep.js';

/** Passed to `onBatch` after every optimiser step. */
export interface BatchInfo {
  /** 1-based epoch. */
  epoch: number;
  /** 0-based batch index within the epoch. */
  batch: number;
  batches: number;
  /** Optimiser steps so far. */
  step: number;
  losses: Record<string, number>;
  model: TorusAE;
}

/** Passed to `onEpoch` after every epoch (after the test loop and the checkpoint). */
export interface EpochInfo {
  epoch: number;
  epochs: number;
  model: TorusAE;
  /** Mean test loss per term for this epoch. */
  testLosses: Record<string, number>;
  /** Mean training loss per term for this epoch. */
  trainLosses: Record<string, number>;
  history: Record<string, number[]>;
  testHistory: Record<string, number[]>;
}

export interface TrainOptions {
  config: ExperimentConfig;
  /** Train/test splits (default: `createDatasets` from the config's dataset section and seed). */
  data?: { train: Dataset; test: Dataset };
  /**
   * Output folder: checkpoint.safetensors, ae_weights.safetensors, losses_history.json,
   * results.json. Default `experiments/<experiment.name>`. `null` writes nothing (no resume).
   */
  outDir?: string | null;
  /** Resume from `<outDir>/checkpoint.safetensors` when present (default true). */
  resume?: boolean;
  /** Stop cleanly at the next batch boundary: a checkpoint of the exact position is written first. */
  signal?: AbortSignal;
  /** Default `auto`: live bar on a TTY, plain lines otherwise. */
  progress?: ProgressMode;
  progressStream?: NodeJS.WritableStream;
  onBatch?: (info: BatchInfo) => void;
  /** Awaited; e.g. snapshot latent scatters with `info.model.anglesOf(test.data)`. */
  onEpoch?: (info: EpochInfo) => void | Promise<void>;
  /** Test-mode pass over the training split for the "<loss> train" entries of results.json (default true). */
  evaluateTrain?: boolean;
}

/** One entry of results.json (SPEC §10.10); loss keys are "<name> test" / "<name> train". */
export type ResultsEntry = Record<string, number>;

export interface TrainResult {
  /** `completed`: all epochs done; `aborted`: stopped by the signal (checkpoint written). */
  status: 'completed' | 'aborted';
  model: TorusAE;
  potential?: PotentialNet;
  /** Epochs completed on these weights (cumulative). */
  epochs: number;
  history: Record<string, number[]>;
  testHistory: Record<string, number[]>;
  diagnostics: Record<string, number[]>;
  /** Test R² (SPEC §10.8); only for `completed`. */
  r2Test?: number;
  /** The entry appended to results.json; only for `completed`. */
  results?: ResultsEntry;
  /** Cumulative training wall time (s). */
  trainingTime: number;
  outDir: string | null;
}

function append(h: Record<string, number[]>, values: Record<string, number>): void {
  for (const [k, v] of Object.entries(values)) {
    h[k] ??= [];
    h[k].push(v);
  }
}

function epochShuffleRng(seed: number, epoch: number): Random {
  return new Random((Math.imul(seed | 0, 0x9e3779b1) + epoch * 0x85ebca6b) >>> 0);
}

/** Build the model a config asks for: PyTorch-style init from `Random(random_seed)` or `weights_loaded_from`. */
export function createModel(config: ExperimentConfig): TorusAE {
  const a = config.architecture;
  const from = config.experiment.weights_loaded_from;
  if (from !== false) {
    const m = TorusAE.fromSafetensors(from);
    if (m.inputDim !== a.input_dim || m.latentDim !== a.latent_dim) {
      m.dispose();
      throw new CurvInputError(
        `experiment.weights_loaded_from: ${from} has input ${m.inputDim}/latent ${m.latentDim}, config asks ${a.input_dim}/${a.latent_dim}`,
        'weights_loaded_from',
      );
    }
    return m;
  }
  return new TorusAE({
    inputDim: a.input_dim,
    latentDim: a.latent_dim,
    hidden: a.hidden_dims,
    seed: config.data_loader_settings.random_seed,
  });
}

/**
 * Train a TorusAE as Step 1 (SPEC §10) — resumable, abortable, with per-batch train and test loss
 * history, a checkpoint at every epoch, test R² and results.json.
 *
 * ```ts
 * const cfg = defaultConfig({ dataset: { name: 'Swissroll', n: 3000, swissroll_noise: 1e-6 } });
 * const { model, r2Test } = await train({ config: cfg, outDir: 'experiments/swiss' });
 * ```
 *
 * Determinism: weights are initialised from `Random(random_seed)`, the per-epoch shuffle from a
 * generator derived from (seed, epoch), and per-batch randomness (uniform samples, OOD noise) from a
 * trainer generator whose state is checkpointed; so a run interrupted (Ctrl-C → `signal`, or a
 * kill after an epoch's checkpoint) and resumed ends with the same weights as an uninterrupted one.
 * A NaN/±Inf loss term throws {@link NonFiniteLossError} before the step is applied.
 */
export async function train(options: TrainOptions): Promise<TrainResult> {
  const config = options.config;
  const seed = config.data_loader_settings.random_seed;
  const outDir = options.outDir === undefined ? join('experiments', config.experiment.name) : options.outDir;
  const ckPath = outDir ? join(outDir, 'checkpoint.safetensors') : undefined;
  const data =
    options.data ??
    createDatasets(datasetSpec(config), {
      seed,
      splitRatio: config.data_loader_settings.split_ratio,
      dataRoot: config.dataset.data_root,
    });
  const model = createModel(config);
  const ls = config.loss_settings;
  const usesPotential = config.training_mode.compute_curvature && ls.curvature_functional !== 'R2';
  const potential = usesPotential
    ? new PotentialNet({ latentDim: model.latentDim, hidden: ls.potential_hidden, seed: seed + 1 })
    : undefined;
  const loss = new TorusAELoss(model, config, potential);
  const modelVars = model.variables();
  const vars = [...modelVars, ...(potential?.variables() ?? [])];
  const opt = new Adam(vars, {
    lr: config.optimizer_settings.lr,
    weightDecay: config.optimizer_settings.weight_decay,
  });
  const stepper = new TrainStep(loss, vars, opt, potential?.variables());

  let state: TrainerState = {
    version: 1,
    epoch: 0,
    batchInEpoch: 0,
    step: 0,
    rng: new Random(seed ^ 0x5eed1).state(),
    history: {},
    testHistory: {},
    diagnostics: {},
    trainingTime: 0,
    resultsEpoch: 0,
  };
  const ck = ckPath && options.resume !== false ? readCheckpoint(ckPath) : undefined;
  const release = () => {
    opt.dispose();
    model.dispose();
    potential?.dispose();
  };
  if (ck) {
    try {
      model.setTensors(ck.tensors, ckPath);
      potential?.setTensors(ck.tensors, ckPath);
      if (ck.adam.m.length !== vars.length) {
        throw new CurvInputError(
          `${ckPath}: optimiser state has ${ck.adam.m.length} buffers, model needs ${vars.length}`,
          ckPath,
        );
      }
    } catch (e) {
      release();
      if (e instanceof CurvInputError) {
        throw new CurvInputError(
          `${e.message} — the checkpoint does not match this config; delete it or pass resume: false`,
          ckPath,
        );
      }
      throw e;
    }
    opt.setState(ck.adam);
    state = ck.state;
    if (loss.ood && state.ood) loss.ood.setState(state.ood);
  }
  const rng = Random.fromState(state.rng);
  const epochs = config.optimizer_settings.num_epochs;
  const bs = config.data_loader_settings.batch_size;
  const nTrain = data.train.shape[0];
  const nBatches = batchCount(nTrain, bs);
  const progress = createProgress(options.progress ?? 'auto', options.progressStream);
  const dim = data.train.shape[1];
  if (dim !== model.inputDim) {
    throw new CurvInputError(
      `data dimension ${dim} does not match the model input dimension ${model.inputDim}`,
      'input_dim',
    );
  }

  const saveCheckpoint = async () => {
    if (!ckPath) return;
    if (loss.ood) state.ood = loss.ood.state();
    state.rng = rng.state();
    writeCheckpoint(
      ckPath,
      {
        state,
        tensors: { ...model.toTensors(), ...(potential?.toTensors() ?? {}) },
        adam: await opt.state(),
      },
      vars.map((v) => [...v.shape]),
    );
  };

  const evaluate = (ds: Dataset): Record<string, number[]> => {
    const h: Record<string, number[]> = {};
    const evalRng = new Random(seed ^ 0x7e57);
    for (const b of batches(ds, { batchSize: bs })) {
      const values = tf.tidy(() => {
        const x = tf.tensor2d(b.data, [b.size, dim]);
        const prep = loss.prepare(x, b.index, evalRng, false);
        const { terms } = loss.compute(x, prep);
        const out: Record<string, number> = {};
        for (const [k, v] of Object.entries(terms)) out[k] = v.dataSync()[0];
        prep.dispose();
        return out;
      });
      append(h, values);
    }
    return h;
  };

  let aborted = false;
  try {
    for (let epoch = state.epoch + 1; epoch <= epochs && !aborted; epoch++) {
      const t0 = performance.now();
      const shuffleRng = config.data_loader_settings.random_shuffling
        ? epochShuffleRng(seed, epoch)
        : undefined;
      const startBatch = state.batchInEpoch;
      const epochTrain: Record<string, number[]> = {};
      for (const b of batches(data.train, { batchSize: bs, shuffle: !!shuffleRng, rng: shuffleRng })) {
        if (b.index === 0 && loss.ood && startBatch === 0) {
          const x0 = tf.tensor2d(b.data, [b.size, dim]);
          loss.resetOod(x0);
          x0.dispose();
        }
        if (b.index < startBatch) continue;
        if (options.signal?.aborted) {
          aborted = true;
          state.batchInEpoch = b.index;
          break;
        }
        const x = tf.tensor2d(b.data, [b.size, dim]);
        const {
          values,
          diagnostics: diag,
          nonFinite,
        } = stepper.run(x, b.index, rng, config.training_mode.diagnostic_mode);
        x.dispose();
        if (nonFinite) {
          const kept = ckPath && existsSync(ckPath) ? ckPath : undefined;
          throw new NonFiniteLossError(nonFinite[0], nonFinite[1], epoch, b.index, kept);
        }
        state.step += 1;
        append(state.history, values);
        append(epochTrain, values);
        if (diag) append(state.diagnostics, diag);
        progress.batch(epoch, epochs, b.index, nBatches, values);
        options.onBatch?.({
          epoch,
          batch: b.index,
          batches: nBatches,
          step: state.step,
          losses: values,
          model,
        });
      }
      if (aborted) {
        state.trainingTime += (performance.now() - t0) / 1000;
        await saveCheckpoint();
        break;
      }
      const testH = evaluate(data.test);
      for (const [k, v] of Object.entries(testH)) {
        state.testHistory[k] ??= [];
        state.testHistory[k].push(...v);
      }
      state.epoch = epoch;
      state.batchInEpoch = 0;
      state.trainingTime += (performance.now() - t0) / 1000;
      await saveCheckpoint();
      const testLosses = Object.fromEntries(Object.entries(testH).map(([k, v]) => [k, mean(v)]));
      const trainLosses = Object.fromEntries(Object.entries(epochTrain).map(([k, v]) => [k, mean(v)]));
      progress.epoch(
        epoch,
        epochs,
        `train ${Object.entries(trainLosses)
          .map(([k, v]) => `${k} ${v.toFixed(4)}`)
          .join(' ')} | test ${Object.entries(testLosses)
          .map(([k, v]) => `${k} ${v.toFixed(4)}`)
          .join(' ')}`,
      );
      await options.onEpoch?.({
        epoch,
        epochs,
        model,
        testLosses,
        trainLosses,
        history: state.history,
        testHistory: state.testHistory,
      });
      if (options.signal?.aborted && epoch < epochs) aborted = true;
    }
  } catch (e) {
    // The caller never sees the model of a failed run: free it (the checkpoint on disk is kept).
    progress.done();
    release();
    throw e;
  }
  progress.done();

  const base: TrainResult = {
    status: aborted ? 'aborted' : 'completed',
    model,
    potential,
    epochs: state.epoch,
    history: state.history,
    testHistory: state.testHistory,
    diagnostics: state.diagnostics,
    trainingTime: state.trainingTime,
    outDir,
  };
  if (aborted) {
    opt.dispose();
    return base;
  }

  // Final evaluation (SPEC §10.8–10.10).
  const finalTest = evaluate(data.test);
  const r2Test = rSquared(mean(finalTest[LOSS_NAMES.mse]), data.test.data);
  const finalTrain = options.evaluateTrain === false ? undefined : evaluate(data.train);
  // NaN guard for the final evaluation: a last epoch that diverged must not be reported as done.
  for (const [k, v] of [['R^2', [r2Test]] as const, ...Object.entries(finalTest)]) {
    const bad = v.find((x) => !Number.isFinite(x));
    if (bad !== undefined) {
      release();
      throw new NonFiniteLossError(
        k,
        bad,
        state.epoch,
        -1,
        ckPath && existsSync(ckPath) ? ckPath : undefined,
      );
    }
  }
  const results: ResultsEntry = {
    epoch_count: state.epoch,
    learning_rate: config.optimizer_settings.lr,
    batch_size: bs,
    'R^2_test_data ': round(r2Test, 6),
    training_time: round(state.trainingTime, 3),
  };
  for (const k of Object.keys(finalTest)) {
    results[`${k} test`] = round(mean(finalTest[k]), 6);
    if (finalTrain?.[k]) results[`${k} train`] = round(mean(finalTrain[k]), 6);
  }
  if (outDir) {
    model.save(join(outDir, 'ae_weights.safetensors'), { experiment: config.experiment.name });
    writeJsonAtomic(join(outDir, 'losses_history.json'), {
      train: state.history,
      test: state.testHistory,
      diagnostics: state.diagnostics,
    });
    const resultsPath = join(outDir, 'results.json');
    let list: ResultsEntry[] = [];
    if (existsSync(resultsPath)) {
      try {
        list = JSON.parse(readFileSync(resultsPath, 'utf8')) as ResultsEntry[];
        if (!Array.isArray(list)) list = [];
      } catch {
        list = [];
      }
    }
    // Continued training from loaded weights: accumulate over the previous run (SPEC §10.10).
    const prev = list[list.length - 1];
    if (prev && config.experiment.weights_loaded_from !== false && state.resultsEpoch === 0 && !ck) {
      results.epoch_count += prev.epoch_count ?? 0;
      results.training_time = round(results.training_time + (prev.training_time ?? 0), 3);
    }
    if (state.resultsEpoch !== state.epoch) {
      // Idempotent by epoch: a row of this run already appended (a kill before the checkpoint
      // below recorded it) is replaced, not duplicated.
      if (list.length > 0 && list[list.length - 1].epoch_count === results.epoch_count) list.pop();
      list.push(results);
      writeFileAtomic(resultsPath, `${JSON.stringify(list, null, 4)}\n`);
      state.resultsEpoch = state.epoch;
      await saveCheckpoint();
    }
  }
  opt.dispose();
  return { ...base, r2Test, results };
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
