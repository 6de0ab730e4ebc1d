import { CurvInputError } from '@curv/core';
import {
  type FlatTorusKMeansOptions,
  type FlatTorusKMeansResult,
  flatTorusKMeans,
} from '../flat/flatTorusKMeans.js';
import type { PointsLike } from '../internal/validate.js';
import { toLabels } from '../internal/validate.js';
import { adjustedRandIndex } from '../metrics/adjustedRandIndex.js';
import { fMeasure } from '../metrics/fMeasure.js';
import { normalizedMutualInfo } from '../metrics/normalizedMutualInfo.js';
import {
  type RiemannianKMeansOptions,
  type RiemannianKMeansResult,
  riemannianKMeans,
} from '../riemannian/riemannianKMeans.js';
import { type FMeasureStats, fMeasureStats, type Summary, summarize } from '../stats/summarize.js';

/** Agreement of a labeling with the ground truth. */
export interface ClusteringScores {
  fMeasure: number;
  adjustedRandIndex: number;
  normalizedMutualInfo: number;
}

/** Options of {@link riemannianKMeansRuns}: the options of every run plus the seeds and optional scoring. */
export interface RiemannianKMeansRunsOptions extends Omit<RiemannianKMeansOptions, 'seed'> {
  /** One run per seed (Dirichlet initialisation; also the flat baseline's seed). */
  seeds: number[];
  /** Ground-truth labels: each run is scored (F-measure, ARI, NMI). */
  truth?: ArrayLike<number>;
  /** Also run the flat-torus baseline per seed (true, or its options). Default false. */
  baseline?: boolean | Omit<FlatTorusKMeansOptions, 'seed'>;
  /** Called after each run (progress). */
  onRun?: (index: number, run: KMeansRun) => void;
}

/** One run of {@link riemannianKMeansRuns}. */
export interface KMeansRun {
  seed: number;
  result: RiemannianKMeansResult;
  scores?: ClusteringScores;
  baseline?: { result: FlatTorusKMeansResult; scores?: ClusteringScores };
}

/** Summary statistics over runs (population std, SEM = std/√runs). */
export interface KMeansRunsSummary {
  timeSecs: Summary;
  fMeasure?: Summary;
  adjustedRandIndex?: Summary;
  normalizedMutualInfo?: Summary;
  baselineFMeasure?: Summary;
  /** The f_measure_stats.json record (when truth and baseline are given). */
  fMeasureStats?: FMeasureStats;
}

function score(labels: ArrayLike<number>, truth: Int32Array): ClusteringScores {
  return {
    fMeasure: fMeasure(labels, truth),
    adjustedRandIndex: adjustedRandIndex(labels, truth),
    normalizedMutualInfo: normalizedMutualInfo(labels, truth),
  };
}

/**
 * `riemannianKMeansRuns(points, K, { seeds, truth, baseline, ...options })` — "multiple K-means
 * execution": one {@link riemannianKMeans} run per seed, each run's labels, curves,
 * history and time kept; optionally the flat-torus baseline with the same seed, scores against the
 * ground truth, and summary statistics over runs.
 *
 * ```ts
 * const { runs, summary } = riemannianKMeansRuns(points, 3, { decoder, seeds: [0, 1, 2], truth, baseline: true });
 * summary.fMeasureStats; // { euclidean_F_measure_mean, …, riemannian_F_measure_SEM }
 * ```
 */
export function riemannianKMeansRuns(
  points: PointsLike,
  K: number,
  options: RiemannianKMeansRunsOptions,
): { runs: KMeansRun[]; summary: KMeansRunsSummary } {
  const { seeds, truth: truthIn, baseline, onRun, ...rest } = options;
  if (!Array.isArray(seeds) || seeds.length === 0) {
    throw new CurvInputError('seeds: expected a non-empty array of seeds', 'seeds');
  }
  const truth = truthIn === undefined ? undefined : toLabels(truthIn, 'truth');
  const runs: KMeansRun[] = [];
  seeds.forEach((seed, index) => {
    const result = riemannianKMeans(points, K, { ...rest, seed });
    if (truth !== undefined && truth.length !== result.labels.length) {
      throw new CurvInputError(
        `truth: expected ${result.labels.length} labels, got ${truth.length}`,
        'truth',
      );
    }
    const run: KMeansRun = { seed, result };
    if (truth !== undefined) run.scores = score(result.labels, truth);
    if (baseline) {
      const flat = flatTorusKMeans(points, K, {
        ...(baseline === true ? {} : baseline),
        dim: rest.dim,
        seed,
      });
      run.baseline = { result: flat, scores: truth === undefined ? undefined : score(flat.labels, truth) };
    }
    runs.push(run);
    onRun?.(index, run);
  });
  const summary: KMeansRunsSummary = { timeSecs: summarize(runs.map((r) => r.result.timeSecs)) };
  if (truth !== undefined) {
    summary.fMeasure = summarize(runs.map((r) => r.scores!.fMeasure));
    summary.adjustedRandIndex = summarize(runs.map((r) => r.scores!.adjustedRandIndex));
    summary.normalizedMutualInfo = summarize(runs.map((r) => r.scores!.normalizedMutualInfo));
    if (baseline) {
      const flatF = runs.map((r) => r.baseline!.scores!.fMeasure);
      summary.baselineFMeasure = summarize(flatF);
      summary.fMeasureStats = fMeasureStats(
        flatF,
        runs.map((r) => r.scores!.fMeasure),
      );
    }
  }
  return { runs, summary };
}
