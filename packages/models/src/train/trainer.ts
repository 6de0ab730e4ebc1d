import { Adam, CurvInputError, Random } from '@curv/core';
import { batchCount, batches, createDatasets, type Dataset } from '@curv/datasets';
import * as tf from '@tensorflow/tfjs-core';
import { datasetSpec } from '../config/parseConfig.js';
import { type ResolvedLoss, resolveLoss } from '../config/resolveLoss.js';
import type { ExperimentConfig } from '../config/types.js';
import type { Autoencoder } from '../latent/autoencoder.js';
import { LOSS_NAMES, TorusAELoss } from '../losses/batchLoss.js';
import { PotentialNet } from '../losses/potential.js';
import type { TorusModel } from '../model/torusModel.js';
import type { Checkpoint, TrainerState } from './checkpoint.js';
import { createModel } from './createModel.js';
import { NonFiniteLossError } from './errors.js';
import { mean, rSquared } from './metrics.js';
import { TrainStep } from './trainStep.js';
import { yieldToEventLoop } from './yieldToEventLoop.js';

/** After every optimiser step. */
export interface TrainBatchEvent<M extends Autoencoder = TorusModel> {
  type: 'batch';
  /** 1-based epoch. */
  epoch: number;
  epochs: number;
  /** 0-based batch index within the epoch. */
  batch: number;
  batches: number;
  /** Optimiser steps so far. */
  step: number;
  losses: Record<string, number>;
  /** Diagnostic metrics of this batch (diagnostic mode only). */
  diagnostics?: Record<string, number>;
  model: M;
}

/** After every epoch's optimiser steps and test pass. */
export interface TrainEpochEvent<M extends Autoencoder = TorusModel> {
  type: 'epoch';
  epoch: number;
  epochs: number;
  batches: number;
  model: M;
  /** Mean test loss per term for this epoch. */
  testLosses: Record<string, number>;
  /** Mean training loss per term for this epoch. */
  trainLosses: Record<string, number>;
  /** Per-batch training losses so far (all epochs). */
  history: Record<string, number[]>;
  /** Per-batch test losses so far (all epochs). */
  testHistory: Record<string, number[]>;
  /** Training time so far (s), cumulative over resumed runs. */
  trainingTime: number;
  /**
   * Everything needed to resume from the end of this epoch (weights, optimiser state, generator
   * state, histories), as plain arrays. Call it before asking for the next event.
   */
  checkpoint(): Promise<Checkpoint>;
}

/** The last event: training completed, or stopped by the signal at a batch boundary. */
export interface TrainEndEvent<M extends Autoencoder = TorusModel> {
  type: 'end';
  result: TrainResult<M>;
}

export type TrainEvent<M extends Autoencoder = TorusModel> =
  | TrainBatchEvent<M>
  | TrainEpochEvent<M>
  | TrainEndEvent<M>;

/**
 * Options of {@link train}. `M` is the model type the events carry: `TorusAE` unless `createModel` says
 * otherwise (or the call names it, e.g. `train<EuclideanAE>(…)` for a config with `architecture.type:
 * EuclideanAE`).
 */
export interface TrainOptions<M extends Autoencoder = TorusModel> {
  config: ExperimentConfig;
  /** Build the model from the config (default: `createModel`, which reads `architecture.type`). */
  createModel?: (config: ExperimentConfig) => M;
  /** Loss weights and settings (default: `resolveLoss(config)`). */
  loss?: ResolvedLoss;
  /** Train/test splits (default: `createDatasets` from the config's dataset section and seed). */
  data?: { train: Dataset; test: Dataset };
  /** Continue from this checkpoint (e.g. `readCheckpoint(file)`) instead of from the initial weights. */
  resume?: Checkpoint;
  /**
   * Stop at the next batch boundary: the `end` event then has status `aborted` and a checkpoint of
   * the exact position. The loop lets the event loop run after every batch, so a signal aborted by a
   * Ctrl-C handler is seen within one batch.
   */
  signal?: AbortSignal;
  /** Test-mode pass over the training split for the "<loss> train" entries of the results (default true). */
  evaluateTrain?: boolean;
}

/** One entry of results.json; loss keys are "<name> test" / "<name> train". */
export type ResultsEntry = Record<string, number>;

export interface TrainResult<M extends Autoencoder = TorusModel> {
  /** `completed`: all epochs done; `aborted`: stopped by the signal. */
  status: 'completed' | 'aborted';
  /** Owned by the caller from here on (dispose it). */
  model: M;
  /** Owned by the caller from here on (dispose it). */
  potential?: PotentialNet;
  /** Epochs completed on these weights (cumulative). */
  epochs: number;
  history: Record<string, number[]>;
  testHistory: Record<string, number[]>;
  diagnostics: Record<string, number[]>;
  /** Test R² = 1 − mean test MSE / unbiased variance of the test data; only for `completed`. */
  r2Test?: number;
  /** The results.json entry of this run; only for `completed`. */
  results?: ResultsEntry;
  /** Cumulative training wall time (s). */
  trainingTime: number;
  /** True when the run continued from `options.resume`. */
  resumed: boolean;
  /** The state at the end (exact batch position when aborted). */
  checkpoint: Checkpoint;
}

function append(h: Record<string, number[]>, values: Record<string, number>): void {
  for (const [k, v] of Object.entries(values)) {
    h[k] ??= [];
    h[k].push(v);
  }
}

function copyHistory(h: Record<string, number[]>): Record<string, number[]> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k, [...v]]));
}

function epochShuffleRng(seed: number, epoch: number): Random {
  return new Random((Math.imul(seed | 0, 0x9e3779b1) + epoch * 0x85ebca6b) >>> 0);
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

/**
 * Train an autoencoder (TorusAE, TorusConvAE or EuclideanAE, from `architecture.type`), as an async iterator of events: `batch` after every
 * optimiser step, `epoch` after every epoch (with a `checkpoint()` to persist), and a final `end`
 * with the result. It reads no files besides the data and writes none: the caller decides what to
 * show and what to keep (see the CLI's step 1 for checkpoints, results.json and a progress bar).
 *
 * ```ts
 * for await (const e of train({ config })) {
 *   if (e.type === 'epoch') console.log(e.epoch, e.testLosses.MSE);
 *   if (e.type === 'end') e.result.model.dispose();
 * }
 * ```
 *
 * Determinism: weights are initialised from `Random(random_seed)`, the per-epoch shuffle from a
 * generator derived from (seed, epoch), and per-batch randomness (uniform samples, OOD noise) from a
 * trainer generator whose state is in the checkpoint; so a run stopped after any epoch or batch and
 * resumed from its checkpoint ends with the same weights as an uninterrupted one. A NaN/±Inf loss
 * term or gradient throws {@link NonFiniteLossError} before the step is applied. Leaving the loop
 * early (break, throw) frees the model; after `end` the result's model belongs to the caller.
 */
export async function* train<M extends Autoencoder = TorusModel>(
  options: TrainOptions<M>,
): AsyncGenerator<TrainEvent<M>, void, undefined> {
  const config = options.config;
  const seed = config.data_loader_settings.random_seed;
  const data =
    options.data ??
    createDatasets(datasetSpec(config), {
      seed,
      splitRatio: config.data_loader_settings.split_ratio,
      dataRoot: config.dataset.data_root,
    });
  const weights = options.loss ?? resolveLoss(config);
  const model = options.createModel ? options.createModel(config) : (createModel(config) as M);
  const usesPotential = weights.curvature !== null && weights.curvature.functional !== 'R2';
  const potential = usesPotential
    ? new PotentialNet({
        latentDim: model.latentDim,
        hidden: config.loss_settings.potential_hidden,
        seed: seed + 1,
        periodic: model.measure.periodic,
      })
    : undefined;
  const loss = new TorusAELoss(model, weights, potential);
  const vars = [...model.variables(), ...(potential?.variables() ?? [])];
  const opt = new Adam(vars, {
    lr: config.optimizer_settings.lr,
    weightDecay: config.optimizer_settings.weight_decay,
  });
  let handedOver = false;
  try {
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
    const ck = options.resume;
    if (ck) {
      const source = ck.source ?? 'checkpoint';
      try {
        model.setTensors(ck.tensors, source);
        potential?.setTensors(ck.tensors, source);
        if (ck.adam.m.length !== vars.length) {
          throw new CurvInputError(
            `${source}: optimiser state has ${ck.adam.m.length} buffers, model needs ${vars.length}`,
            source,
          );
        }
      } catch (e) {
        if (e instanceof CurvInputError) {
          throw new CurvInputError(
            `${e.message} — the checkpoint does not match this config; delete it to start afresh`,
            source,
          );
        }
        throw e;
      }
      opt.setState(ck.adam);
      state = {
        ...ck.state,
        history: copyHistory(ck.state.history),
        testHistory: copyHistory(ck.state.testHistory),
        diagnostics: copyHistory(ck.state.diagnostics),
      };
      if (loss.ood && state.ood) loss.ood.setState(state.ood);
    }
    const rng = Random.fromState(state.rng);
    const epochs = config.optimizer_settings.num_epochs;
    const bs = config.data_loader_settings.batch_size;
    const nBatches = batchCount(data.train.shape[0], bs);
    const dim = data.train.shape[1];
    if (dim !== model.inputDim) {
      throw new CurvInputError(
        `data dimension ${dim} does not match the model input dimension ${model.inputDim}`,
        'input_dim',
      );
    }

    const checkpoint = async (): Promise<Checkpoint> => ({
      state: {
        ...state,
        rng: rng.state(),
        ood: loss.ood ? loss.ood.state() : state.ood,
        history: copyHistory(state.history),
        testHistory: copyHistory(state.testHistory),
        diagnostics: copyHistory(state.diagnostics),
      },
      tensors: { ...model.toTensors(), ...(potential?.toTensors() ?? {}) },
      adam: await opt.state(),
      adamShapes: vars.map((v) => [...v.shape]),
    });

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
    for (let epoch = state.epoch + 1; epoch <= epochs && !aborted; epoch++) {
      const t0 = performance.now();
      // Time spent outside the loop (in the caller, or letting the event loop run) is not training time.
      let paused = 0;
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
        if (nonFinite) throw new NonFiniteLossError(nonFinite[0], nonFinite[1], epoch, b.index, undefined);
        state.step += 1;
        append(state.history, values);
        append(epochTrain, values);
        if (diag) append(state.diagnostics, diag);
        const p0 = performance.now();
        yield {
          type: 'batch',
          epoch,
          epochs,
          batch: b.index,
          batches: nBatches,
          step: state.step,
          losses: values,
          diagnostics: diag,
          model,
        };
        await yieldToEventLoop();
        paused += performance.now() - p0;
      }
      if (aborted) {
        state.trainingTime += (performance.now() - t0 - paused) / 1000;
        break;
      }
      const testH = evaluate(data.test);
      for (const [k, v] of Object.entries(testH)) {
        state.testHistory[k] ??= [];
        state.testHistory[k].push(...v);
      }
      state.epoch = epoch;
      state.batchInEpoch = 0;
      state.trainingTime += (performance.now() - t0 - paused) / 1000;
      yield {
        type: 'epoch',
        epoch,
        epochs,
        batches: nBatches,
        model,
        testLosses: Object.fromEntries(Object.entries(testH).map(([k, v]) => [k, mean(v)])),
        trainLosses: Object.fromEntries(Object.entries(epochTrain).map(([k, v]) => [k, mean(v)])),
        history: state.history,
        testHistory: state.testHistory,
        trainingTime: state.trainingTime,
        checkpoint,
      };
      await yieldToEventLoop();
      if (options.signal?.aborted && epoch < epochs) aborted = true;
    }

    const result: TrainResult<M> = {
      status: aborted ? 'aborted' : 'completed',
      model,
      potential,
      epochs: state.epoch,
      history: state.history,
      testHistory: state.testHistory,
      diagnostics: state.diagnostics,
      trainingTime: state.trainingTime,
      resumed: ck !== undefined,
      checkpoint: await checkpoint(),
    };
    if (!aborted) {
      // Final evaluation: test R² and the results entry.
      const finalTest = evaluate(data.test);
      const r2Test = rSquared(mean(finalTest[LOSS_NAMES.mse]), data.test.data);
      const finalTrain = options.evaluateTrain === false ? undefined : evaluate(data.train);
      // NaN guard for the final evaluation: a last epoch that diverged must not be reported as done.
      for (const [k, v] of [['R^2', [r2Test]] as const, ...Object.entries(finalTest)]) {
        const bad = v.find((x) => !Number.isFinite(x));
        if (bad !== undefined) throw new NonFiniteLossError(k, bad, state.epoch, -1, undefined);
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
      result.r2Test = r2Test;
      result.results = results;
    }
    handedOver = true;
    yield { type: 'end', result };
  } finally {
    opt.dispose();
    // The caller never sees the model of a run it left early or that failed.
    if (!handedOver) {
      model.dispose();
      potential?.dispose();
    }
  }
}

/**
 * Run {@link train} to its end and return the result, calling `onEvent` for every event on the
 * way (awaited). For callers that need no control over the loop, e.g. benchmarks and scripts.
 */
export async function runTraining<M extends Autoencoder = TorusModel>(
  options: TrainOptions<M>,
  onEvent?: (event: TrainBatchEvent<M> | TrainEpochEvent<M>) => void | Promise<void>,
): Promise<TrainResult<M>> {
  for await (const event of train(options)) {
    if (event.type === 'end') return event.result;
    await onEvent?.(event);
  }
  throw new Error('train: the iterator ended without an end event');
}
