import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { Dataset } from '@curv/datasets';
import { createModel, type ExperimentConfig } from '@curv/models';
import { figureGrid } from '@curv/plots';
import { saveFigure } from '../figures.js';
import { FILES } from '../files.js';
import type { StepContext } from '../step.js';
import { latentScatterSvg } from './scatter.js';

/** Folder of the latent snapshots taken during training. */
export const HISTORY_DIR = 'figures/latent_space_history';

const SNAPSHOT = /^latent_space_at_batch_(\d+)\.svg$/;

/** Title of the snapshot after `batch` optimiser steps (0: the untrained model). */
export function snapshotTitle(batch: number): string {
  return `Latent space for test data in AE at batch ${batch}${batch === 0 ? ' (untrained)' : ''}`;
}

/** The latent scatter of the test split after `batch` optimiser steps, from the encodings `angles`. */
export function snapshotSvg(angles: Float32Array, test: Dataset, batch: number): string {
  return latentScatterSvg(angles, test, snapshotTitle(batch));
}

/** Write the snapshot `latent_space_history/latent_space_at_batch_<batch>` (SVG and PNG). */
export function writeSnapshot(ctx: StepContext, angles: Float32Array, test: Dataset, batch: number): void {
  saveFigure(ctx, FILES.figLatentHistory(batch), snapshotSvg(angles, test, batch));
}

/**
 * The batch-0 snapshot: the test split encoded by the model training starts from (the configured
 * initialisation, or `weights_loaded_from`), built the way the trainer builds it.
 */
export function writeUntrainedSnapshot(ctx: StepContext, config: ExperimentConfig, test: Dataset): void {
  const model = createModel(config);
  try {
    writeSnapshot(ctx, model.codesOf(test.data), test, 0);
  } finally {
    model.dispose();
  }
}

/** Batch numbers of the snapshots on disk, ascending. */
export function snapshotBatches(ctx: StepContext): number[] {
  const dir = ctx.path(HISTORY_DIR);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => SNAPSHOT.exec(f))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]))
    .sort((a, b) => a - b);
}

/**
 * Record every snapshot on disk (SVG and PNG, in batch order) as an output and draw the
 * training-history strip `latent_space_history_strip`: the snapshots side by side, batch 0 (the
 * untrained model) first. Returns the batches drawn.
 */
export function writeHistoryStrip(ctx: StepContext, title: string): number[] {
  const batches = snapshotBatches(ctx);
  for (const b of batches) {
    for (const ext of ['svg', 'png']) {
      const rel = `${FILES.figLatentHistory(b)}.${ext}`;
      if (existsSync(ctx.path(rel))) ctx.addOutput(rel);
    }
  }
  if (batches.length === 0) return batches;
  const svgs = batches.map((b) => readFileSync(ctx.path(`${FILES.figLatentHistory(b)}.svg`), 'utf8'));
  saveFigure(
    ctx,
    FILES.figLatentHistoryStrip,
    figureGrid().columns(Math.min(4, svgs.length)).title(title)(svgs),
  );
  return batches;
}
