import { CurvInputError } from '@curv/core';
import {
  adjustedRandIndex,
  flatTorusKMeans,
  fMeasure,
  fMeasureStats,
  knnDecisionGrid,
  normalizedMutualInfo,
} from '@curv/kmeans';
import { FILES } from '../files.js';
import type { StepDefinition } from '../step.js';
import { clusteringFigures } from './clusteringFigures.js';
import { kmeansCurvesPath, kmeansParamsPath, readKMeansCurves, readKMeansParams } from './kmeansFiles.js';
import { kmeansProgressPath, readKMeansProgress } from './kmeansProgress.js';

/** Python's float repr for the f_measure_*.txt files (shortest round-trip, like JS). */
function pyFloat(x: number): string {
  const s = String(x);
  return /[.e]/.test(s) || !Number.isFinite(x) ? s : `${s}.0`;
}

/**
 * Step 7: for each K-means setup of Step 6, the flat-torus K-means baseline (seeded), pair-counting F-measures of both labelings against the ground truth (with ARI and NMI),
 * 7-NN decision-boundary maps (ground truth, Riemannian, flat), the octopus plot and its animation over
 * the outer iterations (`Kmeans_gif.gif`, from Step 6's snapshots); then
 * `f_measure_stats.json` over setups (population std, SEM).
 */
export const step7: StepDefinition = {
  id: 7,
  name: 'clustering',
  title: 'flat baseline, F-measures, decision maps',
  inputs: (_plan, p) =>
    p.kmeans.seeds.flatMap((s) => [
      kmeansParamsPath(s),
      kmeansCurvesPath(s),
      ...(p.kmeans.frames > 0 ? [kmeansProgressPath(s)] : []),
    ]),
  params: (p) => ({ kmeans: p.kmeans, clustering: p.clustering }),
  async run(ctx) {
    const { kmeans, clustering } = ctx.params;
    const fR: number[] = [];
    const fE: number[] = [];
    const perSetup: Record<string, unknown>[] = [];
    for (const seed of kmeans.seeds) {
      await ctx.safePoint();
      const params = readKMeansParams(ctx.path(kmeansParamsPath(seed)));
      const curves = readKMeansCurves(ctx.path(kmeansCurvesPath(seed)));
      const {
        K,
        encoded_points: points,
        ground_truth_labels: truth,
        Riemannian_k_means_labels: riem,
      } = params;
      if (points.length !== truth.length || riem.length !== truth.length) {
        throw new CurvInputError(
          `${kmeansParamsPath(seed)}: labels and encoded points have different lengths`,
          kmeansParamsPath(seed),
        );
      }
      const flat = flatTorusKMeans(points, K, { seed, tol: 1e-3, maxIter: 100 });
      const euclideanLabels = Array.from(flat.labels);
      const dir = FILES.kmeansDir(seed);
      ctx.writeJson(`${dir}/Euclidean_k_means_params.json`, {
        K,
        N: params.N,
        selected_labels: params.selected_labels,
        ground_truth_labels: truth,
        Euclidean_k_means_labels: euclideanLabels,
        encoded_points: points,
        seed,
        iterations: flat.iterations,
        converged: flat.converged,
      });
      const fRiem = fMeasure(riem, truth);
      const fEucl = fMeasure(euclideanLabels, truth);
      ctx.writeFile(`${dir}/f_measure_Riemannian.txt`, pyFloat(fRiem));
      ctx.writeFile(`${dir}/f_measure_Euclidean.txt`, pyFloat(fEucl));
      fR.push(fRiem);
      fE.push(fEucl);
      const metrics = {
        seed,
        riemannian: { F: fRiem, ARI: adjustedRandIndex(riem, truth), NMI: normalizedMutualInfo(riem, truth) },
        euclidean: {
          F: fEucl,
          ARI: adjustedRandIndex(euclideanLabels, truth),
          NMI: normalizedMutualInfo(euclideanLabels, truth),
        },
      };
      ctx.writeJson(`${dir}/clustering_metrics.json`, metrics);
      perSetup.push(metrics);
      const gridOptions = { resolution: clustering.grid, k: clustering.knn, distance: 'torus' as const };
      const maps = {
        truth: knnDecisionGrid(points, truth, gridOptions),
        riemannian: knnDecisionGrid(points, riem, { ...gridOptions, truth }),
        euclidean: knnDecisionGrid(points, euclideanLabels, { ...gridOptions, truth }),
      };
      const progress = kmeans.frames > 0 ? readKMeansProgress(ctx.path(kmeansProgressPath(seed))) : undefined;
      clusteringFigures(ctx, dir, { params, curves, maps, knn: clustering.knn, progress });
    }
    const stats = fMeasureStats(fE, fR);
    ctx.writeJson(FILES.fMeasureStats, { ...stats, setups: kmeans.seeds, per_setup: perSetup });
    ctx.summary.F_riemannian = stats.riemannian_F_measure_mean;
    ctx.summary.F_flat = stats.euclidean_F_measure_mean;
    ctx.summary.F_riemannian_std = stats.riemannian_F_measure_std;
    ctx.summary.F_flat_std = stats.euclidean_F_measure_std;
  },
};
