import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '@curv/core';
import type { StepId } from './args.js';
import type { ExperimentConfig } from './config.js';
import { pathInside } from './outDir.js';
import type { PipelineParams } from './params.js';
import type { SettingOverride } from './pipelineSettings.js';
import type { Progress } from './progress.js';

/** One experiment of a run: a validated configuration, its directory and the steps to run on it. */
export interface ExperimentPlan {
  name: string;
  /** `DIR/<name>` (absolute). */
  dir: string;
  config: ExperimentConfig;
  /** Where the configuration came from (file path or `preset <name>`). */
  source: string;
  steps: StepId[];
  /** This experiment's step parameters (preset + YAML `pipeline:` + `--set`); absent → the run's. */
  params?: PipelineParams;
  /** The YAML `pipeline:` and `--set` values applied over the preset (recorded in manifest.json). */
  overrides?: SettingOverride[];
}

/** Thrown (and recognised) when a run is stopped by Ctrl-C. */
export class RunInterrupted extends Error {
  override readonly name = 'RunInterrupted';
  constructor(message = 'interrupted') {
    super(message);
  }
}

/** What a step gets to work with. Outputs written through it are recorded in the manifest. */
export interface StepContext {
  plan: ExperimentPlan;
  params: PipelineParams;
  progress: Progress;
  /** Aborted on Ctrl-C: long loops check it and stop at the next safe point. */
  signal: AbortSignal;
  /** Absolute path of a file in the experiment directory. */
  path(rel: string): string;
  /** Write a file atomically and record it as an output. */
  writeFile(rel: string, data: string | Uint8Array): void;
  /** Write JSON atomically (indent 2) and record it as an output. */
  writeJson(rel: string, value: unknown): void;
  /** Record a file written by a package (e.g. the trainer) as an output. */
  addOutput(rel: string): void;
  /** Key figures for the summary table, the manifest and the report. */
  summary: Record<string, unknown>;
  /** Throw {@link RunInterrupted} if Ctrl-C was pressed. */
  checkAbort(): void;
  /**
   * Let the event loop run (so that a pending Ctrl-C is delivered — long tensor computations are
   * synchronous), then {@link StepContext.checkAbort}. Call it between the parts of a long step.
   */
  safePoint(): Promise<void>;
}

/** Resolve after the event loop has processed pending events (signals, I/O). */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** A pipeline step. `inputs` are files of earlier steps (relative to the experiment dir). */
export interface StepDefinition {
  id: StepId;
  name: string;
  title: string;
  inputs(plan: ExperimentPlan, params: PipelineParams): string[];
  /** The part of the preset parameters the result depends on (goes into the config hash). */
  params(params: PipelineParams): unknown;
  run(ctx: StepContext): Promise<void>;
  /** Called before a fresh (non-resumed) run, to remove stale state such as checkpoints. */
  clean?(plan: ExperimentPlan, resume: boolean): void;
  /** Previous outputs that must survive a re-run (e.g. weights the configuration continues from). */
  preserve?(plan: ExperimentPlan): string[];
}

export function createStepContext(
  plan: ExperimentPlan,
  params: PipelineParams,
  progress: Progress,
  signal: AbortSignal,
): { ctx: StepContext; outputs: Set<string> } {
  const outputs = new Set<string>();
  const path = (rel: string) => pathInside(plan.dir, rel);
  const ctx: StepContext = {
    plan,
    params,
    progress,
    signal,
    path,
    writeFile(rel, data) {
      mkdirSync(dirname(path(rel)), { recursive: true });
      writeFileAtomic(path(rel), data);
      outputs.add(rel);
    },
    writeJson(rel, value) {
      mkdirSync(dirname(path(rel)), { recursive: true });
      writeJsonAtomic(path(rel), value);
      outputs.add(rel);
    },
    addOutput(rel) {
      outputs.add(rel);
    },
    summary: {},
    checkAbort() {
      if (signal.aborted) throw new RunInterrupted();
    },
    async safePoint() {
      await yieldToEventLoop();
      if (signal.aborted) throw new RunInterrupted();
    },
  };
  return { ctx, outputs };
}
