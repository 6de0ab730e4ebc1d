import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '@curv/core';
import type { Dataset } from '@curv/datasets';
import {
  type ExperimentConfig,
  NonFiniteLossError,
  type ResultsEntry,
  readCheckpoint,
  type TrainBatchEvent,
  type TrainEpochEvent,
  type TrainResult,
  train,
  writeCheckpoint,
} from '@curv/models';
import { FILES } from '../files.js';

export interface TrainInFolderOptions {
  config: ExperimentConfig;
  data: { train: Dataset; test: Dataset };
  /** The experiment folder: checkpoint, weights, loss history and results.json go here. */
  dir: string;
  /** Continue from `<dir>/checkpoint.safetensors` when it exists (default true). */
  resume?: boolean;
  /** Stop at the next batch boundary (a checkpoint of the exact position is written). */
  signal?: AbortSignal;
  /** Test-mode pass over the training split for the "<loss> train" entries (default true). */
  evaluateTrain?: boolean;
  /** Called (awaited) for every batch and epoch; an epoch's checkpoint is on disk before its call. */
  onEvent?: (event: TrainBatchEvent | TrainEpochEvent) => void | Promise<void>;
}

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function readResults(path: string): ResultsEntry[] {
  if (!existsSync(path)) return [];
  try {
    const list = JSON.parse(readFileSync(path, 'utf8')) as unknown;
    return Array.isArray(list) ? (list as ResultsEntry[]) : [];
  } catch {
    return [];
  }
}

/**
 * Step 1's files around @curv/models' `train` iterator: resume from `checkpoint.safetensors`, a
 * checkpoint after every epoch (one atomic file: a crash leaves the old or the new one), and on
 * completion `ae_weights.safetensors`, `losses_history.json` and one more `results.json` entry (accumulated over the previous entry when training continues from loaded weights). When
 * stopped by the signal, the checkpoint of the exact batch position is written and nothing else.
 */
export async function trainInFolder(options: TrainInFolderOptions): Promise<TrainResult> {
  const { config, dir } = options;
  mkdirSync(dir, { recursive: true });
  const ckPath = join(dir, FILES.checkpoint);
  const resume = options.resume !== false ? readCheckpoint(ckPath) : undefined;
  let result: TrainResult | undefined;
  try {
    for await (const event of train({
      config,
      data: options.data,
      resume,
      signal: options.signal,
      evaluateTrain: options.evaluateTrain,
    })) {
      if (event.type === 'end') {
        result = event.result;
        break;
      }
      if (event.type === 'epoch') writeCheckpoint(ckPath, await event.checkpoint());
      await options.onEvent?.(event);
    }
  } catch (e) {
    if (e instanceof NonFiniteLossError) {
      throw new NonFiniteLossError(
        e.term,
        e.value,
        e.epoch,
        e.batch,
        existsSync(ckPath) ? ckPath : undefined,
      );
    }
    throw e;
  }
  if (!result) throw new Error('trainInFolder: training ended without a result');
  const ck = result.checkpoint;
  if (result.status === 'aborted' || !result.results) {
    writeCheckpoint(ckPath, ck);
    return result;
  }
  result.model.save(join(dir, FILES.weights), { experiment: config.experiment.name });
  writeJsonAtomic(join(dir, FILES.lossHistory), {
    train: result.history,
    test: result.testHistory,
    diagnostics: result.diagnostics,
  });
  const resultsPath = join(dir, FILES.results);
  const list = readResults(resultsPath);
  const entry = { ...result.results };
  // Continued training from loaded weights: accumulate over the previous run.
  const prev = list[list.length - 1];
  if (
    prev &&
    config.experiment.weights_loaded_from !== false &&
    ck.state.resultsEpoch === 0 &&
    !result.resumed
  ) {
    entry.epoch_count += prev.epoch_count ?? 0;
    entry.training_time = round(entry.training_time + (prev.training_time ?? 0), 3);
  }
  // A re-run that trained nothing more does not append the same entry twice.
  if (ck.state.resultsEpoch !== ck.state.epoch) {
    // Idempotent by epoch: a row of this run already appended (a kill before the checkpoint
    // below recorded it) is replaced, not duplicated.
    if (list.length > 0 && list[list.length - 1].epoch_count === entry.epoch_count) list.pop();
    list.push(entry);
    writeFileAtomic(resultsPath, `${JSON.stringify(list, null, 4)}\n`);
    ck.state.resultsEpoch = ck.state.epoch;
  }
  writeCheckpoint(ckPath, ck);
  return { ...result, results: entry };
}
