import { fileURLToPath } from 'node:url';
import { CurvInputError } from '@curv/core';
import type { StepId } from './args.js';
import type { PipelineParams } from './params.js';
import { didYouMean } from './suggest.js';

/** One experiment of a preset: a YAML file shipped in `configs/`, optional overrides, its steps. */
export interface PresetExperiment {
  /** File name in `apps/thesis-pipeline/configs/`. */
  file: string;
  /** Deep-merged over the parsed YAML before validation (used by the reduced test preset). */
  overrides?: Record<string, unknown>;
  steps: StepId[];
}

export interface Preset {
  name: string;
  description: string;
  experiments: PresetExperiment[];
  params: PipelineParams;
}

const ALL: StepId[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

/** Directory of the shipped YAML configurations (works from `src/` and from `dist/`). */
export const CONFIG_DIR = fileURLToPath(new URL('../configs/', import.meta.url));

/** STEPS.md's small CPU configurations (2 cores, ≤ 10 minutes for both experiments). */
const QUICK_PARAMS: PipelineParams = {
  train: { snapshots: 5 },
  report: { grid: 50, bins: 60, route: 'gauss' },
  geodesics: {
    nMax: 4,
    steps: 33,
    epochs: 150,
    lr: 0.01,
    single: { from: [0, -2], to: [0, 3] },
    half: 2,
    lines: 5,
  },
  embedding: {
    nodes: 6,
    half: 2,
    nMax: 4,
    steps: 33,
    epochs: 150,
    lr: 0.01,
    rounds: 5,
    iterations: 100,
    sgdLr: 0.01,
    weight: 100,
    seed: 666,
  },
  kmeans: {
    n: 60,
    nMax: 3,
    steps: 17,
    beta: 1e-3,
    lr: 1e-5,
    outer: 30,
    inner: 5,
    seeds: [0, 1, 2],
    mode: 'metricGrid',
    metricGrid: 64,
    legacy: false,
    frames: 30,
  },
  clustering: { knn: 7, grid: 60 },
  chapter4: { points: 6, quick: false, adfd: false },
  diffusion: { n: 800, sampling: 'mixed', graphKnn: 150, times: [1, 39], seed: 0, grid: 50 },
};

/**
 * The original notebooks' hard-coded values, except step 6: K-means on the metric grid over five
 * setups (the original: decoded geodesics, one setup).
 */
const THESIS_PARAMS: PipelineParams = {
  train: { snapshots: 10 },
  report: { grid: 200, bins: 200, route: 'gauss' },
  geodesics: {
    nMax: 7,
    steps: 100,
    epochs: 500,
    lr: 0.01,
    single: { from: [0, -2], to: [0, 3] },
    half: 2,
    lines: 10,
  },
  embedding: {
    nodes: 10,
    half: 2,
    nMax: 7,
    steps: 100,
    epochs: 200,
    lr: 0.01,
    rounds: 10,
    iterations: 100,
    sgdLr: 0.01,
    weight: 100,
    seed: 666,
  },
  kmeans: {
    n: 300,
    nMax: 7,
    steps: 100,
    beta: 1e-4,
    lr: 1e-5,
    outer: 75,
    inner: 10,
    // Five setups so that step 7 reports F-measures as mean ± std.
    seeds: [0, 1, 2, 3, 4],
    // The original evaluates geodesics through the decoder: ≈ 55–79 s per outer iteration of 2 inner
    // steps measured on 2 cores, i.e. ≈ 4–7 h per setup at 75 × 10; `--set kmeans.mode=decoded` restores it.
    mode: 'metricGrid',
    metricGrid: 128,
    legacy: false,
    frames: 38,
  },
  clustering: { knn: 7, grid: 100 },
  chapter4: { points: 10, quick: false, adfd: true },
  diffusion: { n: 2000, sampling: 'mixed', graphKnn: 150, times: [1, 39], seed: 0, grid: 200 },
};

/** A reduced quick preset for the end-to-end test (not advertised in --help). */
const TINY_PARAMS: PipelineParams = {
  train: { snapshots: 2 },
  report: { grid: 16, bins: 20, route: 'gauss' },
  geodesics: {
    nMax: 3,
    steps: 17,
    epochs: 30,
    lr: 0.01,
    single: { from: [0, -2], to: [0, 3] },
    half: 2,
    lines: 3,
  },
  embedding: {
    nodes: 4,
    half: 2,
    nMax: 3,
    steps: 17,
    epochs: 30,
    lr: 0.01,
    rounds: 2,
    iterations: 50,
    sgdLr: 0.01,
    weight: 100,
    seed: 666,
  },
  kmeans: {
    n: 30,
    nMax: 3,
    steps: 17,
    beta: 1e-3,
    lr: 1e-5,
    outer: 6,
    inner: 2,
    seeds: [0, 1],
    mode: 'metricGrid',
    metricGrid: 32,
    legacy: false,
    frames: 6,
  },
  clustering: { knn: 7, grid: 30 },
  chapter4: { points: 4, quick: true, adfd: false },
  diffusion: { n: 120, sampling: 'mixed', graphKnn: 30, times: [1, 20], seed: 0, grid: 16 },
};

const TINY_OVERRIDES = {
  architecture: { hidden_dims: [128, 64] },
  dataset: { num_points_per_label: 60 },
  optimizer_settings: { num_epochs: 3 },
};

/** The topo preset: Step 1 only, with the topology of 120 test images recorded after every epoch. */
const TOPO_PARAMS: PipelineParams = { ...QUICK_PARAMS, train: { snapshots: 5, topology: { batch: 120 } } };

export const PRESETS: Record<string, Preset> = {
  quick: {
    name: 'quick',
    description:
      'MNIST digits 0, 1, 2 (300 per label), the original (512, 256) hidden layers, 20 epochs; a curvature-regularised model (λ_curv 0.1) and its unregularised twin; all seven steps with small grids',
    experiments: [
      { file: 'quick_curv.yaml', steps: ALL },
      { file: 'quick_nocurv.yaml', steps: ALL },
    ],
    params: QUICK_PARAMS,
  },
  thesis: {
    name: 'thesis',
    description:
      'the original configurations: MNIST_Setting_3 (steps 1, 2, 4, 5), MNIST_Setting_1 (steps 1, 3, 8), MNIST_Setting_1_exp1 (steps 1, 6, 7) with the notebooks’ sizes',
    experiments: [
      { file: 'MNIST_Setting_3_config.yaml', steps: [1, 2, 4, 5, 9] },
      { file: 'MNIST_Setting_1_config.yaml', steps: [1, 3, 8] },
      { file: 'MNIST_Setting_1_exp1_config.yaml', steps: [1, 6, 7] },
    ],
    params: THESIS_PARAMS,
  },
  tiny: {
    name: 'tiny',
    description: 'the quick preset reduced for tests (60 images per label, 3 epochs, tiny grids)',
    experiments: [
      { file: 'quick_curv.yaml', overrides: TINY_OVERRIDES, steps: ALL },
      { file: 'quick_nocurv.yaml', overrides: TINY_OVERRIDES, steps: ALL },
    ],
    params: TINY_PARAMS,
  },
  topo: {
    name: 'topo',
    description:
      'MNIST digits 0, 1, 2 (200 per label), the original (512, 256) hidden layers, 15 epochs; a model with the topological regulariser on its latent codes (λ_topo 0.1, bottleneck H0 + H1, image distances × 0.05) and its unregularised twin; Step 1 with the bottleneck distance between latent and image diagrams after every epoch',
    experiments: [
      { file: 'topo_latent.yaml', steps: [1] },
      { file: 'topo_plain.yaml', steps: [1] },
    ],
    params: TOPO_PARAMS,
  },
};

/** The presets `curv run --preset` accepts: the step pipelines above plus lso and ricci-flow (their own modules). */
export const PRESET_NAMES = ['quick', 'thesis', 'topo', 'lso', 'ricci-flow'] as const;

export function getPreset(name: string): Preset {
  const p = PRESETS[name];
  if (!p) {
    throw new CurvInputError(
      `--preset '${name}': unknown preset${didYouMean(name, PRESET_NAMES) || `; expected ${PRESET_NAMES.join(', ')}`}`,
      '--preset',
    );
  }
  return p;
}
