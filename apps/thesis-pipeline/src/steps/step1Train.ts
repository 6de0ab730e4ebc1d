import { existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { LOSS_NAMES } from '@curv/models';
import { lossCurves } from '@curv/plots';
import { experimentData } from '../data.js';
import { saveFigure } from '../figures.js';
import { FILES } from '../files.js';
import type { ProgressBar } from '../progress.js';
import type { StepDefinition } from '../step.js';
import { trainInFolder } from '../training/trainInFolder.js';
import { latentScatterSvg } from './scatter.js';
import { TOPOLOGY_FILES, TopologyRecorder } from './topologyRecorder.js';

const HISTORY_DIR = 'figures/latent_space_history';

/** Terms shown on the progress bar. */
const BAR_LOSSES = [LOSS_NAMES.mse, LOSS_NAMES.curvature, LOSS_NAMES.topological];

/** `MSE 0.0123 Curvature 4.5600` (the given terms that are present, or all of them). */
function formatLosses(losses: Record<string, number>, keys: readonly string[] = Object.keys(losses)): string {
  return keys
    .filter((k) => losses[k] !== undefined)
    .map((k) => `${k} ${losses[k].toFixed(4)}`)
    .join(' ');
}

/** Loss rows of `losses` (SPEC §10 P3 order), those that were recorded. */
const LOSS_ROWS = [
  LOSS_NAMES.mse,
  LOSS_NAMES.equidistribution,
  LOSS_NAMES.contractive,
  LOSS_NAMES.curvature,
  LOSS_NAMES.perelmanF,
  LOSS_NAMES.perelmanW,
  LOSS_NAMES.topological,
];

/**
 * Step 1 (SPEC §10): train the TorusAE of the experiment's config with @curv/models' `train`
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
        if ((e.epoch - 1) % perPlot !== 0 && e.epoch !== epochs) return;
        const batch = e.epoch * nBatches;
        saveFigure(
          ctx,
          FILES.figLatentHistory(batch),
          latentScatterSvg(
            e.model.anglesOf(data.test.data),
            data.test,
            `Latent space for test data in AE at batch ${batch}`,
          ),
        );
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
        const title = `Latent space for test data in AE at batch ${epochs * nBatches}`;
        saveFigure(ctx, last, latentScatterSvg(result.model.anglesOf(data.test.data), data.test, title));
      }
      // Snapshots written before an interruption belong to this run too.
      try {
        for (const f of readdirSync(ctx.path(HISTORY_DIR))) ctx.addOutput(`${HISTORY_DIR}/${f}`);
      } catch {
        // no snapshots
      }
      const history = { train: result.history, test: result.testHistory };
      const keys = LOSS_ROWS.filter((k) => history.train[k]?.length);
      const steps = history.train[LOSS_NAMES.mse]?.length ?? 0;
      const windows = [1, 10, 50].filter((w) => w === 1 || w <= steps);
      saveFigure(
        ctx,
        FILES.figLosses,
        lossCurves()
          .keys(keys)
          .windows(windows)
          .yLabels({
            [LOSS_NAMES.mse]: 'MSE',
            [LOSS_NAMES.equidistribution]: 'L_equi',
            [LOSS_NAMES.curvature]: 'L_curv',
            [LOSS_NAMES.topological]: 'L_topo',
          })
          .title(`Losses of ${ctx.plan.name}`)(history),
      );
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
