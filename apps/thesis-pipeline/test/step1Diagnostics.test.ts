import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@curv/core';
import { createModel, DIAGNOSTIC_NAMES } from '@curv/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { planExperiments } from '../src/commands/run.js';
import { experimentData } from '../src/data.js';
import { FILES } from '../src/files.js';
import { type Manifest, readManifest } from '../src/manifest.js';
import { type RunResult, runPipeline } from '../src/pipeline.js';
import { PRESETS } from '../src/presets.js';
import { createProgress, type Progress } from '../src/progress.js';
import { buildReport } from '../src/report.js';
import { snapshotSvg } from '../src/steps/latentHistory.js';
import { DIAGNOSTIC_LABELS } from '../src/steps/trainingFigures.js';

/**
 * Step 1 of the tiny preset's unregularised model (curvature not in the loss) with
 * `training_mode.diagnostic_mode: true`: the diagnostic histories, their figures, and the latent
 * snapshots from batch 0 (the untrained model) on, also across an interruption and resume.
 */

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

const EXPERIMENT = 'quick_nocurv';

function plan(out: string) {
  const p = planExperiments({ preset: 'tiny', out }).plans.find((e) => e.name === EXPERIMENT)!;
  return {
    ...p,
    config: { ...p.config, training_mode: { ...p.config.training_mode, diagnostic_mode: true } },
  };
}

async function step1(out: string, progress?: Progress, signal?: AbortSignal): Promise<RunResult> {
  return runPipeline({
    experiments: [plan(out)],
    params: PRESETS.tiny.params,
    preset: 'tiny',
    out,
    steps: [1],
    progress: progress ?? createProgress({ quiet: true }),
    signal,
  });
}

/** The batch numbers of the snapshot SVGs a manifest records, in its order. */
function snapshotOutputs(m: Manifest): number[] {
  return m.steps[1].outputs
    .map((o) => /latent_space_history\/latent_space_at_batch_(\d+)\.svg$/.exec(o.path))
    .filter((x) => x !== null)
    .map((x) => Number(x![1]));
}

/** The batch-0 snapshot drawn from a freshly initialised model of the plan's config. */
function untrainedSnapshot(out: string): string {
  const { config } = plan(out);
  const { test } = experimentData(config);
  const model = createModel(config);
  const svg = snapshotSvg(model.codesOf(test.data), test, 0);
  model.dispose();
  return svg;
}

describe('step 1 in diagnostic mode', () => {
  it('records every diagnostic per batch without the curvature term, draws the diagnostic history, the extra loss rows and the snapshots from batch 0', async () => {
    const out = mkdtempSync(join(tmpdir(), 'curv-diag-'));
    const r = await step1(out);
    expect(r.ok, JSON.stringify(r.outcomes)).toBe(true);
    const dir = join(out, EXPERIMENT);
    const history = JSON.parse(readFileSync(join(dir, FILES.lossHistory), 'utf8'));
    const steps = history.train.MSE.length;
    const { config } = plan(out);
    const nBatches = Math.ceil(
      experimentData(config).train.shape[0] / config.data_loader_settings.batch_size,
    );
    const epochs = config.optimizer_settings.num_epochs;
    expect(steps).toBe(epochs * nBatches);
    expect(history.train.Curvature).toBeUndefined(); // not in the loss …
    expect(Object.keys(history.diagnostics)).toEqual([...DIAGNOSTIC_NAMES]); // … but diagnosed
    for (const k of DIAGNOSTIC_NAMES) {
      expect(history.diagnostics[k], k).toHaveLength(steps);
      expect(history.diagnostics[k].every(Number.isFinite), k).toBe(true);
    }
    const diag = readFileSync(join(dir, `${FILES.figDiagnostics}.svg`), 'utf8');
    for (const k of DIAGNOSTIC_NAMES) expect(diag, k).toContain(DIAGNOSTIC_LABELS[k]);
    expect(existsSync(join(dir, `${FILES.figDiagnostics}.png`))).toBe(true);
    const losses = readFileSync(join(dir, `${FILES.figLosses}.svg`), 'utf8');
    for (const row of ['det(g)', '‖∇Ψ‖²_F = tr(g)', '‖∇Φ‖_F', 'R²']) expect(losses).toContain(row);
    // snapshots at batch 0 (untrained), after every epoch (tiny: 3 epochs, one snapshot per epoch)
    const m = readManifest(dir) as Manifest;
    expect(snapshotOutputs(m)).toEqual(Array.from({ length: epochs + 1 }, (_, e) => e * nBatches));
    const first = readFileSync(join(dir, `${FILES.figLatentHistory(0)}.svg`), 'utf8');
    expect(first).toBe(untrainedSnapshot(out));
    expect(first).not.toBe(readFileSync(join(dir, `${FILES.figLatentHistory(nBatches)}.svg`), 'utf8'));
    const paths = m.steps[1].outputs.map((o) => o.path);
    expect(paths).toContain(`${FILES.figLatentHistoryStrip}.svg`);
    expect(paths).toContain(`${FILES.figDiagnostics}.svg`);
    // the strip holds every snapshot, batch 0 first
    const strip = readFileSync(join(dir, `${FILES.figLatentHistoryStrip}.svg`), 'utf8');
    const titles = [...strip.matchAll(/AE at batch (\d+)/g)].map((x) => Number(x[1]));
    // each panel names its batch (in its title and its accessible title): collapse the repeats
    expect(titles.filter((t, i) => i === 0 || t !== titles[i - 1])).toEqual(snapshotOutputs(m));
    // the report shows the strip and the diagnostic history, not each snapshot again
    const html = readFileSync(await buildReport(dir), 'utf8');
    expect(html).toContain(`${FILES.figLatentHistoryStrip}.svg`);
    expect(html).toContain(`${FILES.figDiagnostics}.svg`);
    expect(html).not.toContain(`${FILES.figLatentHistory(nBatches)}.svg`);
  });

  it('a run interrupted in epoch 2 and resumed keeps the batch-0 snapshot of the untrained model (not redrawn, not duplicated) and continues the diagnostic histories', async () => {
    const out = mkdtempSync(join(tmpdir(), 'curv-diag-resume-'));
    const controller = new AbortController();
    const base = createProgress({ quiet: true });
    let batches = 0;
    const aborting: Progress = {
      ...base,
      bar: (label, total) => {
        const b = base.bar(label, total);
        return {
          update: (done, status) => {
            if (label === 'training' && ++batches === 4) controller.abort();
            b.update(done, status);
          },
          done: () => b.done(),
        };
      },
    };
    const stopped = await step1(out, aborting, controller.signal);
    expect(stopped.interrupted).toBe(true);
    const dir = join(out, EXPERIMENT);
    const zero = join(dir, `${FILES.figLatentHistory(0)}.svg`);
    const before = statSync(zero).mtimeMs;
    const resumed = await step1(out);
    expect(resumed.ok).toBe(true);
    expect(statSync(zero).mtimeMs).toBe(before);
    expect(readFileSync(zero, 'utf8')).toBe(untrainedSnapshot(out));
    const m = readManifest(dir) as Manifest;
    const shots = snapshotOutputs(m);
    expect(shots[0]).toBe(0);
    expect(new Set(shots).size).toBe(shots.length);
    expect(shots).toEqual([...shots].sort((a, b) => a - b));
    const history = JSON.parse(readFileSync(join(dir, FILES.lossHistory), 'utf8'));
    for (const k of DIAGNOSTIC_NAMES)
      expect(history.diagnostics[k], k).toHaveLength(history.train.MSE.length);
    rmSync(out, { recursive: true, force: true });
  });
});
