import { existsSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LOSS_NAMES } from '@curv/models';
import { experimentData } from '../data.js';
import { saveFigure } from '../figures.js';
import { FILES } from '../files.js';
import type { ProgressBar } from '../progress.js';
import type { StepDefinition } from '../step.js';
import { trainInFolder } from '../training/trainInFolder.js';
import { HISTORY_DIR, writeHistoryStrip, writeSnapshot, writeUntrainedSnapshot } from './latentHistory.js';
import { latentScatterSvg } from './scatter.js';
import { TOPOLOGY_FILES, TopologyRecorder } from './topologyRecorder.js';
import { diagnosticHistorySvg, lossesSvg } from './trainingFigures.js';

/** Terms shown on the progress bar. */
const BAR_LOSSES = [LOSS_NAMES.mse, LOSS_NAMES.curvature, LOSS_NAMES.topological];

/** `MSE 0.0123 Curvature 4.5600` (the given terms that are present, or all of them). */
function formatLosses(losses: Record<string, number>, keys: readonly string[] = Object.keys(losses)): string {
  return keys
    .filter((k) => losses[k] !== undefined)
    .map((k) => `${k} ${losses[k].toFixed(4)}`)
    .join(' ');
}

/**
 * Step 1: train the TorusAE of the experiment's config with @curv/models' `train`
 * iterator in the experiment folder (checkpoint every epoch, resumable, Ctrl-C stops at the next
 * batch boundary after writing a checkpoint), with a progress bar and latent scatters on the way,
 * then the loss curves. Key figures: test R², test MSE.
 */
export const step1: StepDefinition = {
  id: 1,
  name: 'train',
  title: 'train the torus autoencoder',
  inputs: () => [],
  params: (p) => p.train,
  clean(plan, resume) {
    if (resume) return;
    for (const f of [FILES.checkpoint, FILES.weights, FILES.results, FILES.lossHistory])
      rmSync(join(plan.dir, f), { force: true });
    rmSync(join(plan.dir, HISTORY_DIR), { recursive: true, force: true });
    for (const base of [FILES.figLatentHistoryStrip, FILES.figDiagnostics]) {
      for (const ext of ['svg', 'png']) rmSync(join(plan.dir, `${base}.${ext}`), { force: true });
    }
    rmSync(join(plan.dir, TOPOLOGY_FILES.dir), { recursive: true, force: true });
  },
  async run(ctx) {
    const config = ctx.plan.config;
    const data = experimentData(config);
    const epochs = config.optimizer_settings.num_epochs;
    const perPlot = Math.max(Math.floor(epochs / Math.max(1, ctx.params.train.snapshots)), 1);
    const nBatches = Math.ceil(data.train.shape[0] / config.data_loader_settings.batch_size);
    let bar: ProgressBar | undefined;
    const topoBatch = ctx.params.train.topology?.batch;
    const topology = topoBatch
      ? new TopologyRecorder(ctx, data.test, topoBatch, config.loss_settings.topo_data_scale)
      : undefined;
    // Batch 0: the model before its first step. Only a run that starts afresh draws it (a resumed run
    // continues from trained weights and keeps the snapshot of its first start).
    if (!existsSync(ctx.path(FILES.checkpoint))) writeUntrainedSnapshot(ctx, config, data.test);
    const result = await trainInFolder({
      config,
      data,
      dir: ctx.plan.dir,
      resume: true,
      signal: ctx.signal,
      onEvent: (e) => {
        const done = (e.epoch - 1) * nBatches + (e.type === 'batch' ? e.batch + 1 : nBatches);
        // The bar starts at the first finished batch (a resumed run: where the checkpoint left off), so
        // the ETA counts only batches timed in this process.
        bar ??= ctx.progress.bar('training', epochs * nBatches, done);
        if (e.type === 'batch') {
          bar.update(done, `epoch ${e.epoch}/${epochs} ${formatLosses(e.losses, BAR_LOSSES)}`);
          return;
        }
        bar.update(
          done,
          `epoch ${e.epoch}/${epochs} done, test ${formatLosses(e.testLosses, BAR_LOSSES)}`,
          true,
        );
        ctx.progress.detail(`epoch ${e.epoch}: test ${formatLosses(e.testLosses)}`);
        if (topology) {
          const t = topology.record(e.epoch, e.model);
          ctx.progress.detail(
            `epoch ${e.epoch}: bottleneck latent vs data H0 ${t.h0.toFixed(4)} H1 ${t.h1.toFixed(4)}`,
          );
        }
        // Snapshots at batches 0, p·n, 2p·n, … (p = epochs per plot, n = batches per epoch) and at the end.
        if (e.epoch % perPlot !== 0 && e.epoch !== epochs) return;
        writeSnapshot(ctx, e.model.anglesOf(data.test.data), data.test, e.epoch * nBatches);
      },
    });
    bar?.done();
    try {
      if (result.status === 'aborted') {
        ctx.checkAbort();
        return;
      }
      ctx.addOutput(FILES.weights);
      ctx.addOutput(FILES.results);
      ctx.addOutput(FILES.lossHistory);
      // A kill while the last snapshot was written (after the last checkpoint) would lose it for
      // good: the final model is the last epoch's model, so draw it again.
      const last = FILES.figLatentHistory(epochs * nBatches);
      if (!existsSync(ctx.path(`${last}.svg`)) || !existsSync(ctx.path(`${last}.png`))) {
        writeSnapshot(ctx, result.model.anglesOf(data.test.data), data.test, epochs * nBatches);
      }
      // Snapshots written before an interruption belong to this run too; the strip shows them all.
      writeHistoryStrip(
        ctx,
        `${ctx.plan.name}: latent space of the test data during training (batch 0 = untrained)`,
      );
      const history = { train: result.history, test: result.testHistory };
      saveFigure(ctx, FILES.figLosses, lossesSvg(history, result.diagnostics, `Losses of ${ctx.plan.name}`));
      const diagnostics = diagnosticHistorySvg(
        result.diagnostics,
        `${ctx.plan.name}: diagnostics per batch (training_mode.diagnostic_mode)`,
      );
      if (diagnostics) saveFigure(ctx, FILES.figDiagnostics, diagnostics);
      const angles = result.model.anglesOf(data.test.data);
      saveFigure(
        ctx,
        FILES.figLatentFinal,
        latentScatterSvg(
          angles,
          data.test,
          `${ctx.plan.name}: latent space for test data after epoch ${result.epochs}`,
        ),
      );
      ctx.summary.R2_test = result.r2Test;
      ctx.summary.mse_test = result.results?.[`${LOSS_NAMES.mse} test`];
      if (result.results?.[`${LOSS_NAMES.curvature} test`] !== undefined) {
        ctx.summary.curv_test = result.results[`${LOSS_NAMES.curvature} test`];
      }
      if (result.results?.[`${LOSS_NAMES.topological} test`] !== undefined) {
        ctx.summary.topo_test = result.results[`${LOSS_NAMES.topological} test`];
      }
      topology?.finish(result.model);
      ctx.summary.epochs = result.epochs;
      ctx.summary.train_s = result.trainingTime;
    } finally {
      result.model.dispose();
      result.potential?.dispose();
    }
  },
};
