import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CurvInputError, writeJsonAtomic } from '@curv/core';
import { describeFile, type FileRecord } from './hash.js';
import type { RunEnvironment } from './runEnvironment.js';

/** Status of one step in an experiment directory. `running` left behind means the run was interrupted. */
export type StepStatus = 'running' | 'done' | 'failed';

/** One step's entry in `manifest.json`. */
export interface StepRecord {
  step: number;
  name: string;
  status: StepStatus;
  /** Hash of everything that determines the step's result apart from its input files. */
  configHash: string;
  /** Files of earlier steps this step read (relative paths, sizes, mtimes, sha256). */
  inputs: FileRecord[];
  /** Files this step wrote. */
  outputs: FileRecord[];
  /** Versions of the @curv packages that computed it. */
  packages: Record<string, string>;
  /** Machine, Node version, backend and git commit the step ran with (absent in manifests of older versions). */
  environment?: RunEnvironment;
  startedAt: string;
  finishedAt?: string;
  seconds?: number;
  /** Key figures (test R², mean R², F-measures, …) shown in the summary table and report. */
  summary?: Record<string, unknown>;
  /** One-line error for a failed step. */
  error?: string;
}

/** `DIR/<experiment>/manifest.json`. */
export interface Manifest {
  format: 'curv-manifest';
  version: 1;
  experiment: string;
  preset: string;
  /** The validated experiment configuration (YAML keys). */
  config: unknown;
  /** Preset parameters for each step (sizes, iterations). */
  params: unknown;
  /** The YAML `pipeline:` and `--set` values applied over the preset: `{ key, value, source }`. */
  overrides?: unknown[];
  steps: Record<string, StepRecord>;
}

export const MANIFEST_FILE = 'manifest.json';

/**
 * Read an experiment's manifest, or undefined if there is none. A corrupt manifest is an input error;
 * a step entry that lacks fields (hand-edited, written by another version) is dropped — the step is
 * then stale and recomputed — with a one-line notice to `notice`.
 */
export function readManifest(
  dir: string,
  notice: (message: string) => void = () => {},
): Manifest | undefined {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return undefined;
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new CurvInputError(
      `${path}: malformed JSON (${(e as Error).message}); delete it or run with --force`,
      path,
    );
  }
  const m = value as Partial<Manifest>;
  if (
    m?.format !== 'curv-manifest' ||
    typeof m.steps !== 'object' ||
    m.steps === null ||
    Array.isArray(m.steps)
  ) {
    throw new CurvInputError(
      `${path}: not a curv manifest (expected format 'curv-manifest'); delete it or run with --force`,
      path,
    );
  }
  for (const [id, rec] of Object.entries(m.steps as Record<string, unknown>)) {
    const problem = stepRecordProblem(rec);
    if (problem) {
      delete (m.steps as Record<string, unknown>)[id];
      notice(`${path}: step ${id} entry ${problem}; treating the step as stale (it will be recomputed)`);
    }
  }
  return m as Manifest;
}

/** Why a manifest step entry is unusable, or undefined when it has every field with its type. */
function stepRecordProblem(rec: unknown): string | undefined {
  if (rec === null || typeof rec !== 'object' || Array.isArray(rec)) return 'is not an object';
  const r = rec as Record<string, unknown>;
  if (!['running', 'done', 'failed'].includes(r.status as string)) return 'has no valid status';
  for (const k of ['step', 'name', 'configHash', 'startedAt'] as const) {
    const want = k === 'step' ? 'number' : 'string';
    if (typeof r[k] !== want) return `lacks '${k}'`;
  }
  for (const k of ['inputs', 'outputs'] as const) {
    const list = r[k];
    if (!Array.isArray(list)) return `lacks '${k}'`;
    for (const f of list) {
      const ok =
        f !== null &&
        typeof f === 'object' &&
        typeof f.path === 'string' &&
        typeof f.sha256 === 'string' &&
        typeof f.bytes === 'number' &&
        typeof f.mtimeMs === 'number';
      if (!ok) return `has a malformed '${k}' record`;
    }
  }
  if (r.packages === null || typeof r.packages !== 'object') return "lacks 'packages'";
  if (r.summary !== undefined && (r.summary === null || typeof r.summary !== 'object')) {
    return "has a malformed 'summary'";
  }
  return undefined;
}

export function writeManifest(dir: string, manifest: Manifest): void {
  writeJsonAtomic(join(dir, MANIFEST_FILE), manifest);
}

/** Why a step must run again, or undefined when its recorded outputs are current. */
export function staleReason(
  dir: string,
  record: StepRecord | undefined,
  configHash: string,
  inputs: string[],
): string | undefined {
  if (!record) return 'never run';
  if (record.status === 'running') return 'interrupted';
  if (record.status === 'failed') return 'failed last time';
  if (record.configHash !== configHash) return 'configuration changed';
  const recordedInputs = new Map(record.inputs.map((f) => [f.path, f]));
  if (recordedInputs.size !== inputs.length) return 'inputs changed';
  for (const rel of inputs) {
    const known = recordedInputs.get(rel);
    const now = describeFile(join(dir, rel), rel, known);
    if (!now) return `input ${rel} missing`;
    if (!known || known.sha256 !== now.sha256) return `input ${rel} changed`;
  }
  for (const out of record.outputs) {
    const now = describeFile(join(dir, out.path), out.path, out);
    if (!now) return `output ${out.path} missing`;
    if (now.sha256 !== out.sha256) return `output ${out.path} changed`;
  }
  return undefined;
}
