import { existsSync, readFileSync } from 'node:fs';
import type { Dataset } from '@curv/datasets';
import type { TorusModel } from '@curv/models';
import { persistenceDiagram, reconstructionStrip, seriesPlot } from '@curv/plots';
import {
  bottleneckDistance,
  type Diagram,
  h0Diagram,
  h1Diagram,
  type RipsPersistence,
  ripsPersistence,
  ripsPersistenceOfDistances,
  tensorDistances,
} from '@curv/topology';
import * as tf from '@tensorflow/tfjs-core';
import { saveFigure } from '../figures.js';
import type { StepContext } from '../step.js';

/** Files of the topology record (relative to the experiment folder). */
export const TOPOLOGY_FILES = {
  dir: 'topology',
  history: 'topology/bottleneck_history.json',
  figHistory: 'topology/bottleneck_distance',
  figLatent: 'topology/diagram_latent',
  figData: 'topology/diagram_data',
  figRecon: 'topology/reconstructions',
} as const;

/** One epoch of the record: bottleneck distances between the latent and the data diagrams. */
export interface TopologyEpoch {
  epoch: number;
  /** H0 bottleneck distance. */
  h0: number;
  /** H1 bottleneck distance. */
  h1: number;
}

/** The JSON written to {@link TOPOLOGY_FILES.history}. */
export interface TopologyHistory {
  /** Evaluation batch: the first `batch` images of the test split. */
  batch: number;
  /** Latent codes: flat-torus distances on [−π, π)²; images: Euclidean distances. */
  latentMetric: 'flat torus';
  /** Factor on the image distances (the configuration's `loss_settings.topo_data_scale`). */
  dataScale: number;
  epochs: TopologyEpoch[];
}

/** Flat [b0, d0, b1, d1, …] of a diagram for the persistence-diagram figure. */
function flat(d: Diagram): number[] {
  return d.flat();
}

/**
 * Records, after every training epoch, how far the topology of the latent codes of a fixed evaluation
 * batch is from that of its images: the H0 and H1 bottleneck distances between the Vietoris–Rips
 * diagrams of the latent angles (flat torus) and of the images (Euclidean distances times `dataScale`,
 * computed once). Writes the
 * history as JSON after every epoch (a resumed run keeps the epochs recorded before), and at the end a
 * line figure of the distances, both diagrams and a reconstruction strip; key figures go to the summary.
 */
export class TopologyRecorder {
  private readonly data: Float32Array;
  private readonly n: number;
  private readonly dim: number;
  private readonly target: RipsPersistence;
  private readonly epochs: TopologyEpoch[] = [];

  constructor(
    private readonly ctx: StepContext,
    private readonly test: Dataset,
    batch: number,
    private readonly dataScale = 1,
  ) {
    const [total, dim] = test.shape;
    this.n = Math.min(batch, total);
    this.dim = dim;
    this.data = test.data.slice(0, this.n * dim);
    const x = tf.tensor2d(this.data, [this.n, dim]);
    try {
      const d = tensorDistances(x);
      if (dataScale !== 1) for (let i = 0; i < d.length; i++) d[i] *= dataScale;
      this.target = ripsPersistenceOfDistances(d, { maxdim: 1 });
    } finally {
      x.dispose();
    }
    const path = ctx.path(TOPOLOGY_FILES.history);
    if (existsSync(path)) {
      try {
        const old = JSON.parse(readFileSync(path, 'utf8')) as TopologyHistory;
        if (old.batch === this.n && old.dataScale === dataScale && Array.isArray(old.epochs))
          this.epochs.push(...old.epochs);
      } catch {
        // unreadable: start a new record
      }
    }
  }

  /** Persistence of the evaluation batch's latent angles. */
  private latent(model: TorusModel): RipsPersistence {
    return ripsPersistence(model.anglesOf(this.data), { dim: 2, periodic: true, maxdim: 1 });
  }

  /** Record epoch `epoch` (replacing a record of that or a later epoch from an earlier run). */
  record(epoch: number, model: TorusModel): TopologyEpoch {
    const p = this.latent(model);
    const h0 = bottleneckDistance(h0Diagram(p), h0Diagram(this.target)).distance;
    const h1 = bottleneckDistance(h1Diagram(p), h1Diagram(this.target)).distance;
    const row = { epoch, h0, h1 };
    while (this.epochs.length && this.epochs[this.epochs.length - 1].epoch >= epoch) this.epochs.pop();
    this.epochs.push(row);
    const history: TopologyHistory = {
      batch: this.n,
      latentMetric: 'flat torus',
      dataScale: this.dataScale,
      epochs: this.epochs,
    };
    this.ctx.writeJson(TOPOLOGY_FILES.history, history);
    return row;
  }

  /** Figures and key figures after training. */
  finish(model: TorusModel): void {
    const { ctx } = this;
    const name = ctx.plan.name;
    ctx.addOutput(TOPOLOGY_FILES.history);
    const x = this.epochs.map((e) => e.epoch);
    saveFigure(
      ctx,
      TOPOLOGY_FILES.figHistory,
      seriesPlot()
        .title(`${name}: bottleneck distance, latent vs data diagrams (${this.n} test images)`)
        .xLabel('epoch')
        .yLabel('bottleneck distance')
        .legend('upper right')({
        series: [
          { label: 'H0', x, y: this.epochs.map((e) => e.h0), marker: 'circle' },
          { label: 'H1', x, y: this.epochs.map((e) => e.h1), marker: 'square' },
        ],
      }),
    );
    const p = this.latent(model);
    saveFigure(
      ctx,
      TOPOLOGY_FILES.figLatent,
      persistenceDiagram().title(`${name}: latent codes (torus)`)({
        pairs: [flat(h0Diagram(p)), flat(h1Diagram(p))],
      }),
    );
    saveFigure(
      ctx,
      TOPOLOGY_FILES.figData,
      persistenceDiagram().title(
        `${this.n} test images${this.dataScale !== 1 ? ` (distances × ${this.dataScale})` : ''}`,
      )({
        pairs: [flat(h0Diagram(this.target)), flat(h1Diagram(this.target))],
      }),
    );
    const k = Math.min(10, this.n);
    const originals = Array.from({ length: k }, (_, i) =>
      this.data.subarray(i * this.dim, (i + 1) * this.dim),
    );
    const [h, w] = this.test.imageShape ?? [0, 0];
    if (h * w === this.dim) {
      const rec = tf.tidy(
        () => model.forward(tf.tensor2d(this.data.subarray(0, k * this.dim), [k, this.dim])).reconstruction,
      );
      const rv = rec.dataSync() as Float32Array;
      rec.dispose();
      saveFigure(
        ctx,
        TOPOLOGY_FILES.figRecon,
        reconstructionStrip().title(`${name}: original and reconstructed test images`)({
          imageSize: [w, h],
          rows: [
            { title: 'Original images', images: originals },
            {
              title: 'Reconstructed images',
              images: originals.map((_, i) => rv.subarray(i * this.dim, (i + 1) * this.dim)),
            },
          ],
          columnLabels: Array.from(this.test.labels.subarray(0, k), String),
        }),
      );
    }
    const last = this.epochs[this.epochs.length - 1];
    if (last) {
      ctx.summary.bottleneck_h0_final = last.h0;
      ctx.summary.bottleneck_h1_final = last.h1;
      ctx.summary.bottleneck_h0_first = this.epochs[0].h0;
      ctx.summary.bottleneck_h1_first = this.epochs[0].h1;
    }
  }
}
