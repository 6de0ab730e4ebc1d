import { existsSync } from 'node:fs';
import {
  type AdamState,
  CurvInputError,
  type NamedTensor,
  type RandomState,
  readSafetensors,
  writeSafetensors,
} from '@curv/core';

/** Everything besides tensors that a resumed run needs (stored as JSON in the safetensors metadata). */
export interface TrainerState {
  version: 1;
  /** Epochs fully completed on these weights (cumulative over continued runs). */
  epoch: number;
  /** Batches already done in epoch `epoch + 1` (non-zero only for a checkpoint written on abort). */
  batchInEpoch: number;
  /** Optimiser steps taken. */
  step: number;
  /** State of the trainer's generator (uniform samples, OOD noise). */
  rng: RandomState;
  /** Per-batch training losses by term. */
  history: Record<string, number[]>;
  /** Per-batch test losses by term (appended after every epoch). */
  testHistory: Record<string, number[]>;
  /** Per-batch diagnostic metrics (diagnostic mode). */
  diagnostics: Record<string, number[]>;
  /** Wall time spent training (s), cumulative. */
  trainingTime: number;
  /** OOD extreme set (OOD regime). */
  ood?: { points: number[]; values: number[] };
  /** Epoch count when results.json was last written (for accumulation). */
  resultsEpoch: number;
}

export interface Checkpoint {
  state: TrainerState;
  /** Model (fc1.weight … PyTorch layout) and potential tensors. */
  tensors: Record<string, NamedTensor>;
  adam: AdamState;
  /** Shapes of the optimiser's buffers (those of the trained variables, in order). */
  adamShapes: number[][];
  /** Where the checkpoint was read from (named in error messages). */
  source?: string;
}

/**
 * Write a checkpoint as **one** safetensors file (one atomic rename: a crash leaves either the
 * old or the new checkpoint): model tensors under their PyTorch names (so the file also loads with
 * `TorusAE.fromSafetensors`), potential tensors `potential.*`, Adam moments `adam.m.<i>` /
 * `adam.v.<i>`, and the JSON trainer state in the metadata key `curv.trainer`.
 */
export function writeCheckpoint(path: string, ck: Checkpoint, shapes: number[][] = ck.adamShapes): void {
  const tensors: Record<string, NamedTensor> = { ...ck.tensors };
  ck.adam.m.forEach((m, i) => {
    tensors[`adam.m.${i}`] = { shape: shapes[i], data: m };
    tensors[`adam.v.${i}`] = { shape: shapes[i], data: ck.adam.v[i] };
  });
  writeSafetensors(path, tensors, {
    format: 'pt',
    'curv.trainer': JSON.stringify(ck.state),
    'curv.adam_step': String(ck.adam.step),
  });
}

/** Read a checkpoint written by {@link writeCheckpoint}; `undefined` when the file does not exist. */
export function readCheckpoint(path: string): Checkpoint | undefined {
  if (!existsSync(path)) return undefined;
  const st = readSafetensors(path);
  const raw = st.metadata['curv.trainer'];
  if (!raw)
    throw new CurvInputError(`${path}: not a curv trainer checkpoint (no 'curv.trainer' metadata)`, path);
  const state = JSON.parse(raw) as TrainerState;
  if (state.version !== 1)
    throw new CurvInputError(`${path}: unsupported checkpoint version ${state.version}`, path);
  const m: Float32Array[] = [];
  const v: Float32Array[] = [];
  const adamShapes: number[][] = [];
  for (let i = 0; st.tensors[`adam.m.${i}`]; i++) {
    m.push(st.tensors[`adam.m.${i}`].data);
    v.push(st.tensors[`adam.v.${i}`].data);
    adamShapes.push([...st.tensors[`adam.m.${i}`].shape]);
  }
  const tensors: Record<string, NamedTensor> = {};
  for (const [k, t] of Object.entries(st.tensors)) if (!k.startsWith('adam.')) tensors[k] = t;
  return {
    state,
    tensors,
    adam: { step: Number(st.metadata['curv.adam_step'] ?? state.step), m, v },
    adamShapes,
    source: path,
  };
}
