import { mkdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type BackendName, initBackend, isInputError, writeJsonAtomic } from '@curv/core';
import { STEP_IDS, type StepId } from './args.js';
import { errorLine } from './errorLine.js';
import { describeFile, type FileRecord, hashValue } from './hash.js';
import { acquireRunLock } from './lock.js';
import { type Manifest, readManifest, type StepRecord, staleReason, writeManifest } from './manifest.js';
import { cleanOrphanTempFiles, isTempFile, prepareOutDir } from './outDir.js';
import type { PipelineParams } from './params.js';
import { createProgress, formatSeconds, formatTable, type Progress } from './progress.js';
import { buildComparison, buildReport } from './report.js';
import { runEnvironment } from './runEnvironment.js';
import { createStepContext, type ExperimentPlan, RunInterrupted, yieldToEventLoop } from './step.js';
import { STEPS } from './steps/index.js';
import { APP_VERSION, packageVersions } from './versions.js';

export interface RunOptions {
  experiments: ExperimentPlan[];
  params: PipelineParams;
  preset: string;
  /** Which steps to run (default all seven). Steps an experiment does not plan are skipped. */
  steps?: StepId[];
  out: string;
  backend?: BackendName;
  /** Re-run steps even when their outputs are current. */
  force?: boolean;
  progress?: Progress;
  /** Aborting it stops the run at the next safe point (Ctrl-C). */
  signal?: AbortSignal;
  /** Build `report.html` at the end of each experiment (default true). */
  report?: boolean;
}

/** The outcome of one step of one experiment. */
export interface StepOutcome {
  experiment: string;
  step: StepId;
  name: string;
  status: 'done' | 'skipped' | 'failed' | 'interrupted';
  seconds: number;
  summary: Record<string, unknown>;
  error?: string;
}

export interface RunResult {
  outcomes: StepOutcome[];
  /** True when every selected step is done (or current). */
  ok: boolean;
  interrupted: boolean;
  seconds: number;
}

function emptyManifest(plan: ExperimentPlan, preset: string, params: PipelineParams): Manifest {
  return {
    format: 'curv-manifest',
    version: 1,
    experiment: plan.name,
    preset,
    config: plan.config,
    params,
    steps: {},
  };
}

/**
 * Run the selected steps of every experiment in order, skipping steps whose outputs are current
 * (same config hash, same input files, outputs present) and recording everything in
 * `DIR/<experiment>/manifest.json`. A failed step marks the steps that depend on it as failed too
 * (their inputs are missing) but does not stop the other experiments.
 */
export async function runPipeline(options: RunOptions): Promise<RunResult> {
  // One run per output folder: an exclusive lock, then orphan temporary files of killed runs go.
  const out = prepareOutDir(options.out);
  const lock = acquireRunLock(out);
  try {
    const progress = options.progress ?? createProgress();
    const orphans = cleanOrphanTempFiles(out);
    if (orphans.length > 0)
      progress.line(`removed ${orphans.length} temporary file(s) left by an interrupted run`);
    return await runPipelineLocked({ ...options, progress });
  } finally {
    lock.release();
  }
}

async function runPipelineLocked(options: RunOptions): Promise<RunResult> {
  const progress = options.progress ?? createProgress();
  const signal = options.signal ?? new AbortController().signal;
  const selected = new Set<StepId>(options.steps ?? [...STEP_IDS]);
  const t0 = performance.now();
  const outcomes: StepOutcome[] = [];
  let interrupted = false;

  const info = await initBackend({ backend: options.backend, log: null });
  const environment = runEnvironment(info);
  progress.line(
    `curv ${APP_VERSION} · preset ${options.preset} · backend ${info.backend} · out ${resolve(options.out)}`,
  );

  for (const plan of options.experiments) {
    if (interrupted) break;
    mkdirSync(plan.dir, { recursive: true });
    const params = plan.params ?? options.params;
    const manifest =
      readManifestFor(plan.dir, options.force === true, (m) => progress.line(`notice: ${m}`)) ??
      emptyManifest(plan, options.preset, params);
    manifest.experiment = plan.name;
    manifest.config = plan.config;
    manifest.params = params;
    manifest.overrides = plan.overrides ?? [];
    manifest.preset = options.preset;
    const steps = plan.steps.filter((s) => selected.has(s));
    progress.line(`\n${plan.name} (${plan.source}) → ${plan.dir}`);
    for (const id of steps) {
      await yieldToEventLoop(); // deliver a pending Ctrl-C before starting the next step
      if (signal.aborted) {
        interrupted = true;
        break;
      }
      const def = STEPS[id];
      const hashOf = (step: StepId) =>
        hashValue({
          app: APP_VERSION,
          step,
          config: plan.config,
          params: STEPS[step].params(params),
        });
      const configHash = hashOf(id);
      const inputs = def.inputs(plan, params);
      const old = manifest.steps[id];
      const reason = options.force && old ? 'forced' : staleReason(plan.dir, old, configHash, inputs);
      const label = `[${plan.name}] step ${id} ${def.title}`;
      if (!reason) {
        progress.line(`${label}: current (skipped)`);
        outcomes.push({
          experiment: plan.name,
          step: id,
          name: def.name,
          status: 'skipped',
          seconds: old?.seconds ?? 0,
          summary: old?.summary ?? {},
        });
        continue;
      }
      // Missing inputs: an earlier step failed or was not run.
      // Inputs written by a step whose configuration has changed since (e.g. new training settings
      // with --steps 2) are out of date: using them would silently mix configurations.
      const missing = inputs.filter((rel) => !describeFile(join(plan.dir, rel), rel));
      const outdated = inputs.find((rel) => {
        const producer = Object.values(manifest.steps).find((r) => r.outputs.some((o) => o.path === rel));
        return (
          producer && (producer.status !== 'done' || producer.configHash !== hashOf(producer.step as StepId))
        );
      });
      if (missing.length > 0 || outdated) {
        const error =
          missing.length > 0
            ? `missing input ${missing[0]} (run step ${producerOf(missing[0])} first)`
            : `input ${outdated} is out of date: its step ran with another configuration (run step ${producerOf(outdated as string)} first)`;
        progress.line(`${label}: FAILED — ${error}`);
        manifest.steps[id] = {
          step: id,
          name: def.name,
          status: 'failed',
          configHash,
          inputs: [],
          outputs: [],
          packages: packageVersions(),
          startedAt: new Date().toISOString(),
          error,
        };
        writeManifest(plan.dir, manifest);
        outcomes.push({
          experiment: plan.name,
          step: id,
          name: def.name,
          status: 'failed',
          seconds: 0,
          summary: {},
          error,
        });
        continue;
      }
      const resume = !options.force && old?.status === 'running' && old.configHash === configHash;
      def.clean?.(plan, resume);
      // Outputs of the previous run that are not rewritten would otherwise linger as stale files.
      const keep = new Set(def.preserve?.(plan) ?? []);
      if (!resume && old)
        for (const f of old.outputs) if (!keep.has(f.path)) rmSync(join(plan.dir, f.path), { force: true });
      progress.line(
        `${label}: ${resume ? 'resuming' : reason === 'never run' ? 'running' : `re-running (${reason})`}`,
      );
      const inputRecords = inputs.map((rel) => describeFile(join(plan.dir, rel), rel) as FileRecord);
      const record: StepRecord = {
        step: id,
        name: def.name,
        status: 'running',
        configHash,
        inputs: inputRecords,
        outputs: [],
        packages: packageVersions(),
        environment,
        startedAt: new Date().toISOString(),
      };
      manifest.steps[id] = record;
      writeManifest(plan.dir, manifest);
      const { ctx, outputs } = createStepContext(plan, params, progress, signal);
      const ts = performance.now();
      try {
        await def.run(ctx);
        checkFiniteSummary(ctx.summary);
        await yieldToEventLoop();
        if (signal.aborted) throw new RunInterrupted();
        record.status = 'done';
      } catch (e) {
        const seconds = (performance.now() - ts) / 1000;
        if (e instanceof RunInterrupted || signal.aborted) {
          interrupted = true;
          record.seconds = seconds;
          writeManifest(plan.dir, manifest); // stays 'running' → resumed next time
          progress.line(
            `${label}: interrupted after ${formatSeconds(seconds)}; run the same command again to resume`,
          );
          outcomes.push({
            experiment: plan.name,
            step: id,
            name: def.name,
            status: 'interrupted',
            seconds,
            summary: ctx.summary,
          });
          break;
        }
        record.status = 'failed';
        record.error = errorLine(e);
        record.seconds = seconds;
        record.finishedAt = new Date().toISOString();
        writeManifest(plan.dir, manifest);
        progress.line(`${label}: FAILED — ${record.error}`);
        if (!isInputError(e) && e instanceof Error && e.stack) progress.detail(e.stack);
        outcomes.push({
          experiment: plan.name,
          step: id,
          name: def.name,
          status: 'failed',
          seconds,
          summary: ctx.summary,
          error: record.error,
        });
        continue;
      }
      record.seconds = (performance.now() - ts) / 1000;
      record.finishedAt = new Date().toISOString();
      record.summary = ctx.summary;
      record.outputs = [...outputs]
        .sort()
        .map((rel) => describeFile(join(plan.dir, rel), rel))
        .filter((f): f is FileRecord => f !== undefined && !isTempFile(f.path));
      writeManifest(plan.dir, manifest);
      progress.line(`${label}: done in ${formatSeconds(record.seconds)}${summaryText(ctx.summary)}`);
      outcomes.push({
        experiment: plan.name,
        step: id,
        name: def.name,
        status: 'done',
        seconds: record.seconds,
        summary: ctx.summary,
      });
    }
    if (!interrupted && options.report !== false) {
      try {
        const file = await buildReport(plan.dir);
        progress.line(`[${plan.name}] report: ${file}`);
      } catch (e) {
        progress.line(`[${plan.name}] report: FAILED — ${errorLine(e)}`);
        outcomes.push({
          experiment: plan.name,
          step: 7,
          name: 'report',
          status: 'failed',
          seconds: 0,
          summary: {},
          error: errorLine(e),
        });
      }
    }
  }
  if (!interrupted && options.report !== false && options.experiments.length > 1) {
    try {
      const file = await buildComparison(
        options.out,
        options.experiments.map((p) => p.dir),
      );
      progress.line(`comparison: ${file}`);
    } catch (e) {
      progress.line(`comparison: FAILED — ${errorLine(e)}`);
    }
  }
  const seconds = (performance.now() - t0) / 1000;
  const ok = !interrupted && outcomes.every((o) => o.status === 'done' || o.status === 'skipped');
  writeJsonAtomic(join(options.out, 'summary.json'), {
    preset: options.preset,
    seconds,
    ok,
    interrupted,
    outcomes,
  });
  progress.line(
    `\n${summaryTable(outcomes)}\n\ntotal ${formatSeconds(seconds)}${ok ? '' : interrupted ? ' (interrupted)' : ' (some steps failed)'}`,
  );
  return { outcomes, ok, interrupted, seconds };
}

/** A step whose key figures are NaN or ±Infinity has not produced a result: it fails instead of being marked done. */
function checkFiniteSummary(summary: Record<string, unknown>): void {
  for (const [k, v] of Object.entries(summary)) {
    if (typeof v === 'number' && !Number.isFinite(v)) {
      throw new Error(`key figure ${k} is ${v}: the step's result is not finite, so it is not marked done`);
    }
  }
}

/** {@link readManifest}; with `force`, an unreadable manifest is replaced (notice) instead of an error. */
function readManifestFor(dir: string, force: boolean, notice: (m: string) => void): Manifest | undefined {
  try {
    return readManifest(dir, notice);
  } catch (e) {
    if (!force || !isInputError(e)) throw e;
    notice(`${errorLine(e).split(';')[0]}; --force starts a new one`);
    return undefined;
  }
}

/** Which step writes a file (for "run step N first" hints). */
function producerOf(rel: string): string {
  if (rel.startsWith('K_means_setup_')) return '6';
  if (rel.startsWith('embedding/')) return '4';
  return '1';
}

/** Summary figures worth a line: numbers with 4 significant digits. */
function summaryText(summary: Record<string, unknown>): string {
  const parts = Object.entries(summary)
    .filter(([, v]) => typeof v === 'number')
    .slice(0, 4)
    .map(([k, v]) => `${k} ${fmt(v as number)}`);
  return parts.length ? ` · ${parts.join(', ')}` : '';
}

function fmt(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e5)) return v.toExponential(3);
  return Number(v.toPrecision(4)).toString();
}

/** The end-of-run table: experiment, step, status, time and key figures. */
export function summaryTable(outcomes: StepOutcome[]): string {
  const rows = outcomes.map((o) => [
    o.experiment,
    `${o.step} ${o.name}`,
    o.status,
    formatSeconds(o.seconds),
    Object.entries(o.summary)
      .filter(([, v]) => typeof v === 'number')
      .map(([k, v]) => `${k}=${fmt(v as number)}`)
      .join(' ') ||
      (o.error ?? ''),
  ]);
  return formatTable(['experiment', 'step', 'status', 'time', 'key figures'], rows);
}
