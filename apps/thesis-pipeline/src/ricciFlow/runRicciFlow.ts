import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '@curv/core';
import { createDatasets, type Dataset, take } from '@curv/datasets';
import { lle, pca, pointSet, tsneAsync, umapAsync } from '@curv/manifold-learning';
import {
  type Autoencoder,
  type CurvatureFunctional,
  codeBox,
  createModel,
  datasetSpec,
  type ExperimentConfig,
  type LatentType,
  LOSS_NAMES,
  NonFiniteLossError,
  train,
} from '@curv/models';
import { latentScatter, type ReportSection, report, scatter3d, seriesPlot, toPng } from '@curv/plots';
import { validateConfig } from '../config.js';
import { geometryAt } from '../geometryAt.js';
import { sweepConclusion, writtenConclusion } from './conclusion.js';
import { idealCoordinates } from './idealCoordinates.js';
import {
  type CurvatureFunctionalName,
  type NicerRow,
  nicerTable,
  type TrainedModelMeasurements,
} from './nicerTable.js';

/** The datasets of the comparison. */
export type RicciFlowDataset = 'Synthetic' | 'Swissroll';

/** Sizes and settings of a `ricci-flow` run. */
export interface RicciFlowSettings {
  datasets: RicciFlowDataset[];
  /** Synthetic Gaussians: points per class (3 classes); the original uses 18 000. */
  syntheticPerClass: number;
  /** Swiss roll: points; the original uses 18 000. */
  swissRollPoints: number;
  /** Hidden layers of encoder and decoder (the original: 512, 256). */
  hidden: number[];
  epochs: number;
  batchSize: number;
  /**
   * The λ_curv sweep: every curvature functional (∫R², F, W) is trained once per value, from the same initial
   * weights (the model without a curvature term has 0).
   */
  lambdas: number[];
  /** Latent spaces compared: the TorusAE and the Euclidean-latent autoencoder (the same network on R²). */
  latentTypes: LatentType[];
  /**
   * Fresh uniform latent samples per step on which the curvature functional is evaluated (torus: uniform on the
   * torus; plane: uniform in a box around the batch's codes).
   */
  uniformSamples: number;
  /** τ of Perelman's W. */
  perelmanTau: number;
  /** Side of the latent grid on which R and the ∫R² flow are measured. */
  grid: number;
  /** Held-out points on which the table is measured (at most the test split). */
  evalPoints: number;
  /** Neighbourhood sizes of trustworthiness / continuity. */
  ks: number[];
  /** Seed of the data, the initial weights and the views. */
  seed: number;
  /** Compute the t-SNE, UMAP and LLE data views (PCA is always drawn). */
  views: boolean;
}

/** The default: reduced sizes that run in minutes on a 2-core CPU (28 models). */
export const RICCI_FLOW_QUICK: RicciFlowSettings = {
  datasets: ['Synthetic', 'Swissroll'],
  syntheticPerClass: 400,
  swissRollPoints: 2000,
  hidden: [128, 64],
  epochs: 20,
  batchSize: 64,
  lambdas: [0.01, 0.1],
  latentTypes: ['torus', 'euclidean'],
  uniformSamples: 32,
  perelmanTau: 1,
  grid: 16,
  evalPoints: 400,
  ks: [5, 10, 20],
  seed: 0,
  views: true,
};

/**
 * A larger setting for users with time: the original's hidden sizes (512, 256), five times the points, 40 epochs
 * and a three-value sweep (40 models). About fifty times the default's training work per model: hours on a
 * 2-core CPU. `curv run --preset ricci-flow-large`.
 */
export const RICCI_FLOW_LARGE: RicciFlowSettings = {
  ...RICCI_FLOW_QUICK,
  syntheticPerClass: 2000,
  swissRollPoints: 10000,
  hidden: [512, 256],
  epochs: 40,
  lambdas: [0.001, 0.01, 0.1],
  evalPoints: 1000,
};

/** A tiny run for the end-to-end test. */
export const RICCI_FLOW_TINY: RicciFlowSettings = {
  ...RICCI_FLOW_QUICK,
  syntheticPerClass: 60,
  swissRollPoints: 240,
  hidden: [32, 16],
  epochs: 3,
  batchSize: 32,
  lambdas: [1],
  latentTypes: ['torus'],
  uniformSamples: 16,
  grid: 8,
  evalPoints: 48,
  ks: [5, 10],
  views: false,
};

/** Thrown when the signal stops the run; the CLI maps it to exit code 130. Nothing half-written remains. */
export class RicciFlowInterrupted extends Error {
  constructor() {
    super('ricci-flow: interrupted');
  }
}

const FUNCTIONAL_TITLE: Record<CurvatureFunctionalName, string> = {
  none: 'no curvature term',
  R2: '∫R²',
  F: 'Perelman F',
  W: 'Perelman W',
};
const TRAINED_TERM: Record<Exclude<CurvatureFunctionalName, 'none'>, string> = {
  R2: LOSS_NAMES.curvature,
  F: LOSS_NAMES.perelmanF,
  W: LOSS_NAMES.perelmanW,
};
const DATASET_TITLE: Record<RicciFlowDataset, string> = {
  Synthetic: 'Synthetic Gaussians',
  Swissroll: 'Swiss roll',
};

/**
 * The configuration of one model: the original's Swiss-roll / Synthetic values (learning rate, batch
 * norms, split, seed, dataset parameters) with the reduced sizes of `s`, and the curvature functional
 * evaluated on fresh uniform torus samples each step.
 */
export function ricciFlowConfig(
  dataset: RicciFlowDataset,
  functional: CurvatureFunctionalName,
  s: RicciFlowSettings,
  lambda = functional === 'none' ? 0 : s.lambdas[0],
  latentType: LatentType = 'torus',
): ExperimentConfig {
  const roll = dataset === 'Swissroll';
  const curv = functional !== 'none';
  const raw = {
    architecture: {
      type: latentType === 'torus' ? 'TorusAE' : 'EuclideanAE',
      input_dim: roll ? 3 : 784,
      output_dim: roll ? 3 : 784,
      latent_dim: 2,
      hidden_dims: s.hidden,
    },
    dataset: roll
      ? { name: 'Swissroll', n: s.swissRollPoints, swissroll_noise: 1e-6 }
      : {
          name: 'Synthetic',
          k: 3,
          n: s.syntheticPerClass,
          D: 784,
          d: 2,
          shift_class: 0,
          interclass_variance: 0.1,
          variance_of_classes: 1,
        },
    experiment: {
      name: `ricci_flow_${dataset}_${latentType}_${functional}_${lambda}`,
      weights_loaded_from: false,
    },
    training_mode: {
      diagnostic_mode: false,
      compute_curvature: curv,
      curvature_computation_mode: 'gauss',
      compute_contractive_loss: false,
      OOD_regime: false,
      uniform_OOD_sampling_flag: curv,
    },
    loss_settings: {
      lambda_recon: 1.0,
      lambda_unif: 0.0,
      lambda_curv: curv ? lambda : 0,
      num_moments: 4,
      // The original Swiss-roll configuration has eps 0.1 but never computes curvature; the exact route needs 0.
      eps: 0.0,
      delta_encoder: roll ? 0.5 : 0.0,
      curvature_functional: (curv ? functional : 'R2') as CurvatureFunctional,
      perelman_tau: s.perelmanTau,
    },
    OOD_settings: { n_OOD: s.uniformSamples },
    optimizer_settings: { lr: roll ? 0.0005 : 0.001, num_epochs: s.epochs, weight_decay: 0.0 },
    data_loader_settings: {
      batch_size: s.batchSize,
      split_ratio: 0.2,
      random_shuffling: false,
      random_seed: s.seed,
    },
  };
  return validateConfig(raw, `ricci-flow ${dataset} ${latentType} ${functional} λ=${lambda}`);
}

/** Latent points at which the flow is measured and the coordinate area of each. */
export interface LatentGrid {
  /** Row-major [side², 2]. */
  points: Float32Array;
  cellArea: number;
}

/** A cell-centred side×side grid on the box [lo₁, hi₁] × [lo₂, hi₂]. */
function boxGrid(side: number, lo: number[], hi: number[]): LatentGrid {
  const out = new Float32Array(2 * side * side);
  for (let i = 0; i < side; i++)
    for (let j = 0; j < side; j++) {
      out[2 * (i * side + j)] = lo[0] + ((hi[0] - lo[0]) * (i + 0.5)) / side;
      out[2 * (i * side + j) + 1] = lo[1] + ((hi[1] - lo[1]) * (j + 0.5)) / side;
    }
  return { points: out, cellArea: ((hi[0] - lo[0]) * (hi[1] - lo[1])) / (side * side) };
}

/**
 * The latent grid of a model: the whole torus [−π, π)² for a torus latent; for a Euclidean latent the box
 * around the codes of the evaluation points widened by 10 % of their range on each side (the region the
 * decoder is used on; it moves with the codes during training).
 */
export function latentGrid(latentType: LatentType, side: number, codes: ArrayLike<number>): LatentGrid {
  if (latentType === 'torus') return boxGrid(side, [-Math.PI, -Math.PI], [Math.PI, Math.PI]);
  const box = codeBox(codes, 2, 0.1);
  return boxGrid(side, box.lo, box.hi);
}

/**
 * On the grid: ∫R² dμ ≈ cell area · Σ R²√det g, and the scale-free spread of R, the area-weighted standard
 * deviation of R times the total area ∫√det g dz (invariant under g ↦ c²g, unlike ∫R² dμ which falls as 1/c²
 * when the decoder is inflated; 0 exactly for constant curvature).
 */
function gridCurvature(
  model: Autoencoder,
  grid: LatentGrid,
): { integral: number; spread: number; R: Float32Array } {
  const geo = geometryAt(model, grid.points);
  const m = geo.density.length;
  const cell = grid.cellArea;
  let s = 0;
  let area = 0;
  let mean = 0;
  for (let i = 0; i < m; i++) {
    s += geo.density[i];
    const w = Math.sqrt(Math.max(geo.detg[i], 0));
    area += w;
    mean += w * geo.R[i];
  }
  mean /= area;
  let v = 0;
  for (let i = 0; i < m; i++) v += Math.sqrt(Math.max(geo.detg[i], 0)) * (geo.R[i] - mean) ** 2;
  const spread = Math.sqrt(v / area) * area * cell;
  return { integral: cell * s, spread, R: geo.R };
}

/**
 * Circular standard deviation √(−2 ln R̄) of torus codes (row-major [n, 2]), averaged over the two angles,
 * where R̄ = |mean e^{iφ}|: 0 when every code is the same point, large when the codes go round the circle
 * (R̄ → 0; R̄ is floored at 1e-300, so the value stays finite).
 */
export function circularSpread(latent: ArrayLike<number>): number {
  const n = latent.length / 2;
  let total = 0;
  for (let c = 0; c < 2; c++) {
    let cs = 0;
    let sn = 0;
    for (let i = 0; i < n; i++) {
      cs += Math.cos(latent[2 * i + c]);
      sn += Math.sin(latent[2 * i + c]);
    }
    const r = Math.min(Math.hypot(cs, sn) / n, 1);
    total += Math.sqrt(-2 * Math.log(Math.max(r, 1e-300)));
  }
  return total / 2;
}

/** Below this circular spread (rad) or reconstruction R², the conclusion flags a model as degenerate. */
const COLLAPSED_SPREAD = 0.05;
const POOR_RECONSTRUCTION = 0.5;

/**
 * Warnings written under the conclusion: rank-based scores (trustworthiness, continuity, Spearman) and
 * curvature at the data are blind to a latent space that has collapsed to a point or a model that does not
 * reconstruct, so such models are named with the numbers that show it.
 */
export function degenerateModelNotes(models: readonly RicciFlowModelRecord[]): string[] {
  const out: string[] = [];
  for (const m of models) {
    const why: string[] = [];
    if (m.latentSpread !== undefined && m.latentSpread < COLLAPSED_SPREAD)
      why.push(`its codes have collapsed (circular spread ${m.latentSpread.toExponential(2)} rad)`);
    if (m.diverged) continue;
    if (!(m.reconstructionR2 >= POOR_RECONSTRUCTION))
      why.push(`it reconstructs poorly (R² ${m.reconstructionR2.toFixed(3)})`);
    if (why.length > 0)
      out.push(
        `Caution: ${m.name} — ${why.join(' and ')}; its scores above do not describe a useful latent space.`,
      );
  }
  return out;
}

/** The curvature functional's value over training of one model. */
export interface FlowRecord {
  /** Epochs 0 (initial weights) … epochs. */
  epochs: number[];
  /** ∫R² dμ on the latent grid after each epoch (the same functional for every model). */
  integralR2: number[];
  /** Scale-free spread of R on the grid after each epoch (area-weighted std of R × total area). */
  curvatureSpread: number[];
  /** Mean value per epoch of the term the model was trained with (absent for the model without one). */
  trainedFunctional?: { name: string; values: number[] };
}

export interface RicciFlowModelRecord {
  name: string;
  functional: CurvatureFunctionalName;
  lambda: number;
  latentType: LatentType;
  trainingSeconds: number;
  /** Coefficient of determination of the reconstruction on the test split (0 for a diverged run). */
  reconstructionR2: number;
  /** Torus only: circular standard deviation of the held-out codes (rad), see {@link circularSpread}. */
  latentSpread?: number;
  flow: FlowRecord;
  /**
   * Set when training stopped on a non-finite loss or gradient: where and why. The model then has no row in
   * the table and no latent figure; its flow covers the epochs before the failure.
   */
  diverged?: { reason: string; term: string; epoch: number; batch: number };
}

export interface RicciFlowDatasetRecord {
  dataset: RicciFlowDataset;
  title: string;
  trainPoints: number;
  evalPoints: number;
  models: RicciFlowModelRecord[];
  table: NicerRow[];
  conclusion: string;
  figures: string[];
}

export interface RicciFlowResult {
  settings: RicciFlowSettings;
  seconds: number;
  datasets: RicciFlowDatasetRecord[];
  /** What this run does not cover, diverged runs, non-finite numbers. */
  notes: string[];
}

/** A number that is not finite, where it is in the result, and what it was. */
export interface NonFiniteEntry {
  /** JSON path, e.g. `datasets[1].table[3].conditionNumber.median`. */
  path: string;
  value: 'NaN' | 'Infinity' | '-Infinity';
}

/**
 * Every non-finite number in `value` (a plain JSON-like tree), with its path. The JSON written by the preset
 * stores these as null and lists them under `nonFinite`, so none is dropped silently.
 */
export function nonFiniteEntries(value: unknown, path = ''): NonFiniteEntry[] {
  if (typeof value === 'number') {
    if (Number.isFinite(value)) return [];
    return [{ path, value: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' }];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => nonFiniteEntries(v, `${path}[${i}]`));
  if (ArrayBuffer.isView(value)) return nonFiniteEntries(Array.from(value as Float32Array), path);
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => nonFiniteEntries(v, path ? `${path}.${k}` : k));
  }
  return [];
}

const nullForNonFinite = (_key: string, v: unknown): unknown =>
  typeof v === 'number' && !Number.isFinite(v) ? null : v;

function figureWriter(dir: string) {
  return (base: string, svg: string): string[] => {
    const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
    writeFileAtomic(join(dir, `${base}.svg`), svg);
    writeFileAtomic(join(dir, `${base}.png`), toPng(svg, width > 0 ? { width: 2 * width } : {}));
    return [`${base}.svg`, `${base}.png`];
  };
}

const MODEL_COLORS = ['#444444', '#0072B2', '#D55E00', '#009E73', '#56B4E9', '#E69F00', '#CC79A7', '#7F3C8D'];
const LATENT_TITLE: Record<LatentType, string> = { torus: 'torus latent', euclidean: 'Euclidean latent' };

/** The models of one latent type: no curvature term, then each functional at each λ of the sweep. */
function modelPlan(s: RicciFlowSettings): { functional: CurvatureFunctionalName; lambda: number }[] {
  return [
    { functional: 'none', lambda: 0 },
    ...(['R2', 'F', 'W'] as const).flatMap((functional) =>
      s.lambdas.map((lambda) => ({ functional, lambda })),
    ),
  ];
}

/** Everything one trained (or diverged) model contributes. */
export interface TrainedModel {
  record: RicciFlowModelRecord;
  measurement?: TrainedModelMeasurements;
  latent?: Float32Array;
}

/**
 * Train one model of the comparison and measure it on the evaluation points. A non-finite loss or gradient
 * does not stop the preset: the model is returned with `diverged` set (and no measurements).
 */
export async function trainAndMeasure(
  config: ExperimentConfig,
  plan: { functional: CurvatureFunctionalName; lambda: number; latentType: LatentType; name: string },
  data: { train: Dataset; test: Dataset },
  evalSet: Dataset,
  settings: RicciFlowSettings,
  signal: AbortSignal | undefined,
  progress: (line: string) => void,
): Promise<TrainedModel> {
  const evalData = Float32Array.from(evalSet.data);
  const gridOf = (model: Autoencoder) =>
    latentGrid(plan.latentType, settings.grid, plan.latentType === 'torus' ? [] : model.codesOf(evalData));
  const initial = createModel(config);
  let start: { integral: number; spread: number };
  try {
    start = gridCurvature(initial, gridOf(initial));
  } finally {
    initial.dispose();
  }
  const flow: FlowRecord = { epochs: [0], integralR2: [start.integral], curvatureSpread: [start.spread] };
  if (plan.functional !== 'none')
    flow.trainedFunctional = { name: TRAINED_TERM[plan.functional], values: [] };
  const record: RicciFlowModelRecord = {
    name: plan.name,
    functional: plan.functional,
    lambda: plan.lambda,
    latentType: plan.latentType,
    trainingSeconds: 0,
    reconstructionR2: 0,
    flow,
  };
  let seconds = 0;
  try {
    for await (const e of train<Autoencoder>({ config, data, signal, evaluateTrain: false })) {
      if (e.type === 'epoch') {
        seconds = e.trainingTime;
        flow.epochs.push(e.epoch);
        const c = gridCurvature(e.model, gridOf(e.model));
        flow.integralR2.push(c.integral);
        flow.curvatureSpread.push(c.spread);
        if (flow.trainedFunctional) {
          const v = e.trainLosses[flow.trainedFunctional.name];
          // The trainer stops on a non-finite term, so a completed epoch has a finite mean.
          if (v !== undefined) flow.trainedFunctional.values.push(v);
        }
        progress(
          `ricci-flow: ${plan.name}: epoch ${e.epoch}/${e.epochs} MSE ${e.testLosses[LOSS_NAMES.mse]?.toPrecision(4)} ∫R² ${c.integral.toPrecision(4)}`,
        );
      } else if (e.type === 'end') {
        const { model, potential } = e.result;
        try {
          if (e.result.status === 'aborted') throw new RicciFlowInterrupted();
          const latent = model.codesOf(evalData);
          const atData = geometryAt(model, latent);
          const onGrid = gridCurvature(model, gridOf(model));
          const r2 = e.result.r2Test as number;
          record.trainingSeconds = e.result.trainingTime;
          record.reconstructionR2 = r2;
          if (plan.latentType === 'torus') record.latentSpread = circularSpread(latent);
          return {
            record,
            latent,
            measurement: {
              name: plan.name,
              functional: plan.functional,
              lambda: plan.lambda,
              latentType: plan.latentType,
              latent,
              metricAtData: atData.g,
              curvatureAtData: atData.R,
              curvatureOnGrid: onGrid.R,
              reconstructionR2: r2,
            },
          };
        } finally {
          model.dispose();
          potential?.dispose();
        }
      }
    }
  } catch (err) {
    if (!(err instanceof NonFiniteLossError)) throw err;
    record.trainingSeconds = seconds;
    record.diverged = { reason: err.message, term: err.term, epoch: err.epoch, batch: err.batch };
    progress(`ricci-flow: ${plan.name}: diverged — ${err.message}`);
    return { record };
  }
  throw new RicciFlowInterrupted();
}

/**
 * The `ricci-flow` preset: for each dataset and each latent type (TorusAE, Euclidean-latent autoencoder),
 * train the same network (same initial weights, same data) with no curvature term and with ∫R², Perelman's F
 * and W at every λ_curv of the sweep (curvature on fresh uniform latent samples each step), record ∫R² on a
 * latent grid after every epoch (and the trained functional's epoch mean), measure the "nicer" table on
 * held-out points against the ideal 2-D coordinates, and write `ricci_flow.json`, the figures (SVG + PNG) and
 * `report.html` under `outDir`, each file atomically. A model whose training hits a non-finite loss is kept as
 * `diverged` with the reason. The signal is checked after every batch; an aborted run throws
 * {@link RicciFlowInterrupted}.
 */
export async function runRicciFlow(
  outDir: string,
  settings: RicciFlowSettings = RICCI_FLOW_QUICK,
  signal?: AbortSignal,
  progress: (line: string) => void = () => {},
): Promise<RicciFlowResult> {
  const t0 = performance.now();
  const figDir = join(outDir, 'figures');
  mkdirSync(figDir, { recursive: true });
  const save = figureWriter(figDir);
  const stop = () => {
    if (signal?.aborted) throw new RicciFlowInterrupted();
  };
  const records: RicciFlowDatasetRecord[] = [];
  const sections: ReportSection[] = [];
  const notes: string[] = [];

  for (const dataset of settings.datasets) {
    stop();
    const title = DATASET_TITLE[dataset];
    const baseConfig = ricciFlowConfig(dataset, 'none', settings);
    const data = createDatasets(datasetSpec(baseConfig), {
      seed: settings.seed,
      splitRatio: baseConfig.data_loader_settings.split_ratio,
    });
    const m = Math.min(settings.evalPoints, data.test.shape[0]);
    const evalSet: Dataset = take(
      data.test,
      Array.from({ length: m }, (_, i) => i),
    );
    const ideal = idealCoordinates(evalSet);
    const colour = evalSet.discreteLabels
      ? { labels: Int32Array.from(evalSet.labels, Math.round) }
      : { values: evalSet.labels };
    const colourName = dataset === 'Swissroll' ? 't (roll parameter)' : 'class';
    const figures: string[] = [];
    const reportFigures: { title: string; svg: string; caption?: string }[] = [];
    const addFigure = (base: string, figTitle: string, svg: string, caption?: string) => {
      figures.push(...save(`${dataset}_${base}`, svg));
      reportFigures.push({ title: figTitle, svg, caption });
    };

    // Data views and the ideal representation.
    progress(`ricci-flow: ${title}: data views`);
    const points = pointSet(evalSet.data, evalSet.shape[1]);
    const p3 = pca(points, { components: 3 }).embedding;
    addFigure(
      'data_PCA3D',
      `${title}: 3-D PCA of the data`,
      scatter3d()
        .title(`${title}: 3-D PCA`)
        .axisNames(['PC 1', 'PC 2', 'PC 3'])
        .colormap('jet')
        .opacity(0.6)
        .labelTitle('Label')
        .colorLabel(colourName)({ points: p3, ...colour }),
    );
    const scatter2d = (t: string, axes: [string, string], extent: [number, number] | null) =>
      latentScatter()
        .extent(extent)
        .title(t)
        .axisLabels(axes)
        .colormap('jet')
        .opacity(0.6)
        .labelTitle('Label')
        .colorLabel(colourName);
    if (settings.views) {
      for (const [method, label] of [
        ['tsne', 't-SNE'],
        ['umap', 'UMAP'],
      ] as const) {
        stop();
        let emb: Float64Array;
        try {
          emb =
            method === 'tsne'
              ? (await tsneAsync(points, { seed: settings.seed, signal })).embedding
              : (await umapAsync(points, { seed: settings.seed, signal })).embedding;
        } catch (e) {
          if (signal?.aborted) throw new RicciFlowInterrupted();
          throw e;
        }
        addFigure(
          `data_${method.toUpperCase()}`,
          `${title}: ${label} of the data`,
          scatter2d(`${title}: ${label}`, [`${label} 1`, `${label} 2`], null)({ points: emb, ...colour }),
        );
      }
    }
    if (settings.views) {
      stop();
      // Locally linear embedding (k = 10): one piece of seconds at these sizes, the signal is checked around it.
      addFigure(
        'data_LLE',
        `${title}: LLE of the data`,
        scatter2d(
          `${title}: LLE (k = 10)`,
          ['LLE 1', 'LLE 2'],
          null,
        )({
          points: lle(points, { neighbors: 10, seed: settings.seed }).embedding,
          ...colour,
        }),
      );
    }
    addFigure(
      'ideal',
      `${title}: ideal 2-D representation`,
      scatter2d(
        `${title}: ideal 2-D coordinates`,
        dataset === 'Swissroll' ? ['arc length', 'y'] : ['s₁', 's₂'],
        null,
      )({ points: ideal, ...colour }),
      dataset === 'Swissroll'
        ? 'The unrolled chart: Euclidean distance here is the geodesic distance on the roll.'
        : 'The in-plane coordinates of every class, all classes realigned on one plane.',
    );

    // For each latent type: the models of the sweep, from the same initial weights on the same data.
    const models: RicciFlowModelRecord[] = [];
    const table: NicerRow[] = [];
    const conclusions: string[] = [];
    const tables = [];
    for (const latentType of settings.latentTypes) {
      const latentTitle = LATENT_TITLE[latentType];
      const group: RicciFlowModelRecord[] = [];
      const measurements: TrainedModelMeasurements[] = [];
      for (const { functional, lambda } of modelPlan(settings)) {
        stop();
        const config = ricciFlowConfig(dataset, functional, settings, lambda, latentType);
        const name = `${latentType} ${functional === 'none' ? 'no curvature' : `${functional} λ=${lambda}`}`;
        progress(`ricci-flow: ${title}: training ${name} (${settings.epochs} epochs)`);
        const trained = await trainAndMeasure(
          config,
          { functional, lambda, latentType, name: `${title} ${name}` },
          data,
          evalSet,
          settings,
          signal,
          progress,
        );
        trained.record.name = name;
        group.push(trained.record);
        if (trained.measurement && trained.latent) {
          measurements.push({ ...trained.measurement, name });
          const tag = `${latentType}_${functional}${functional === 'none' ? '' : `_${lambda}`}`;
          addFigure(
            `latent_${tag}`,
            `${title}: latent space, ${latentTitle}, ${FUNCTIONAL_TITLE[functional]}${functional === 'none' ? '' : ` λ=${lambda}`}`,
            scatter2d(
              `${title}: ${name}`,
              latentType === 'torus' ? ['φ₁', 'φ₂'] : ['z₁', 'z₂'],
              latentType === 'torus' ? [-Math.PI, Math.PI] : null,
            )({ points: trained.latent, ...colour }),
          );
        }
      }
      models.push(...group);
      for (const [key, label, yLabel, caption] of [
        ['integralR2', '∫R² dμ on the latent grid', '∫R² dμ', undefined],
        [
          'curvatureSpread',
          'scale-free spread of R on the latent grid',
          'std(R) · area',
          'Area-weighted standard deviation of R times the total area: unchanged when the decoder is scaled, so a model cannot look flatter by inflating its output.',
        ],
      ] as const) {
        addFigure(
          `flow_${latentType}${key === 'integralR2' ? '' : '_spread'}`,
          `${title}, ${latentTitle}: ${label} over training`,
          seriesPlot()
            .title(`${title}, ${latentTitle}: ${label}`)
            .xLabel('epoch')
            .yLabel(yLabel)
            .yScale('log')
            .legend('upper right')({
            series: group.map((r, i) => ({
              x: r.flow.epochs,
              y: r.flow[key].map((v) => (Number.isFinite(v) ? Math.max(v, 1e-12) : 1e-12)),
              label: r.name,
              color: MODEL_COLORS[i % MODEL_COLORS.length],
              marker: 'circle' as const,
            })),
          }),
          caption,
        );
      }
      const rows = nicerTable(ideal, measurements, { ks: settings.ks });
      table.push(...rows);
      const heading = `${title}, ${latentTitle}`;
      conclusions.push(
        writtenConclusion(heading, rows, settings.ks) +
          sweepConclusion(rows, settings.ks) +
          divergedNotes(group)
            .map((c) => `${c}\n`)
            .join('') +
          degenerateModelNotes(group)
            .map((c) => `${c}\n`)
            .join(''),
      );
      tables.push(tableOf(heading, rows, settings.ks), flowTable(heading, group));
    }
    const conclusion = conclusions.join('');
    records.push({
      dataset,
      title,
      trainPoints: data.train.shape[0],
      evalPoints: m,
      models,
      table,
      conclusion,
      figures,
    });
    sections.push({
      title,
      id: dataset,
      figures: reportFigures,
      tables,
      notes: conclusion.trim().split('\n'),
    });
  }

  const result: RicciFlowResult = {
    settings,
    seconds: (performance.now() - t0) / 1000,
    datasets: records,
    notes,
  };
  // No NaN leaves the program: non-finite numbers are written as null and listed, with their paths.
  const nonFinite = nonFiniteEntries(result);
  if (nonFinite.length > 0) {
    notes.push(
      `${nonFinite.length} non-finite number(s) in the results, written as null: ${nonFinite
        .slice(0, 10)
        .map((e) => `${e.path} = ${e.value}`)
        .join('; ')}${nonFinite.length > 10 ? '; …' : ''} (all listed under nonFinite in ricci_flow.json).`,
    );
  }
  writeJsonAtomic(join(outDir, 'ricci_flow.json'), {
    ...JSON.parse(JSON.stringify(result, nullForNonFinite)),
    nonFinite,
  });
  writeFileAtomic(
    join(outDir, 'report.html'),
    report({
      title: 'Ricci-flow functionals: ∫R², Perelman F and W',
      config: settings as unknown as Record<string, unknown>,
      sections: [
        ...sections,
        {
          title: 'Notes',
          id: 'notes',
          notes: [...notes, `Wall time ${result.seconds.toFixed(1)} s.`],
        },
      ],
    }),
  );
  return result;
}

/** One line per diverged model: where training stopped and why. */
export function divergedNotes(models: readonly RicciFlowModelRecord[]): string[] {
  return models
    .filter((m) => m.diverged)
    .map(
      (m) =>
        `Diverged: ${m.name} — ${m.diverged!.reason} It has no row in the table; its flow stops at epoch ${m.flow.epochs.at(-1)}.`,
    );
}

const num = (v: number) => (Number.isFinite(v) ? Number(v.toPrecision(4)) : null);

function tableOf(title: string, rows: NicerRow[], ks: number[]) {
  return {
    title: `${title}: the numbers that define "nicer"`,
    columns: [
      'model',
      'λ_curv',
      ...ks.flatMap((k) => [`T(${k})`, `C(${k})`]),
      'Spearman',
      'tearing',
      'median cond g',
      'CV √det g',
      'mean R² data',
      'mean R² grid',
      'recon. R²',
    ],
    rows: rows.map((r) => [
      r.name,
      r.lambda,
      ...r.neighborhoods.flatMap((q) => [num(q.trustworthiness), num(q.continuity)]),
      num(r.distanceSpearman),
      num(r.tearing),
      num(r.conditionNumber.median),
      num(r.sqrtDet.cv),
      num(r.meanR2AtData),
      num(r.meanR2OnGrid),
      num(r.reconstructionR2),
    ]),
  };
}

function flowTable(title: string, models: RicciFlowModelRecord[]) {
  const epochs = models.reduce<number[]>((a, r) => (r.flow.epochs.length > a.length ? r.flow.epochs : a), []);
  return {
    title: `${title}: ∫R² dμ and the spread of R on the latent grid per epoch`,
    columns: ['model', ...epochs.map((e) => `epoch ${e}`)],
    rows: models.flatMap((r) => [
      [`${r.name}: ∫R² dμ`, ...r.flow.integralR2.map(num)],
      [`${r.name}: spread of R`, ...r.flow.curvatureSpread.map(num)],
    ]),
  };
}
