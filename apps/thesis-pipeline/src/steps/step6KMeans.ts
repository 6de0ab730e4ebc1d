import { CurvInputError, encodeSafetensors } from '@curv/core';
import { pullbackRiemannianMetric } from '@curv/geometry-autograd';
import { riemannianKMeans, selectPointsPerLabel } from '@curv/kmeans';
import type { TorusAE } from '@curv/models';
import { kmeansHistory, latentScatter } from '@curv/plots';
import { type MetricGrid, metricGrid } from '@curv/schauder';
import { getBackend } from '@tensorflow/tfjs-core';
import { experimentData } from '../data.js';
import { saveFigure } from '../figures.js';
import { FILES } from '../files.js';
import type { StepDefinition } from '../step.js';
import { withModel } from '../weights.js';
import { type KMeansParamsFile, kmeansCurvesPath, kmeansParamsPath } from './kmeansFiles.js';
import {
  kmeansAlgorithmOptions,
  kmeansProgressPath,
  kmeansProgressRecorder,
  progressTensors,
} from './kmeansProgress.js';

/**
 * Step 6: Riemannian K-means on encoded digits, one run per setup seed (the seed picks
 * ⌊N/K⌋ points per label from the validation pool and the Dirichlet initial centroids). Geodesic
 * energies in decoded mode (through Ψ, like the original) or metric-grid mode (the pull-back metric
 * sampled once on a periodic grid and interpolated — the quick preset's choice). The original's defects (empty clusters, a fixed centroid step) are
 * fixed as @curv/kmeans does by default (`kmeans.legacy` restores the shipped algorithm). Writes
 * params.json, geodesic_curve.safetensors, kmeans_progress.safetensors (`kmeans.frames` snapshots for
 * the octopus animation of step 7) and the figures per setup.
 */
export const step6: StepDefinition = {
  id: 6,
  name: 'kmeans',
  title: 'Riemannian K-means runs',
  inputs: () => [FILES.weights],
  params: (p) => p.kmeans,
  async run(ctx) {
    const p = ctx.params.kmeans;
    const config = ctx.plan.config;
    const data = experimentData(config);
    const pool = data.officialTest ?? data.test;
    if (!pool.discreteLabels) {
      throw new CurvInputError(
        `${ctx.plan.source}: step 6 clusters labelled classes; dataset ${config.dataset.name} has continuous labels`,
        'dataset.name',
      );
    }
    const allLabels = Int32Array.from(pool.labels, Math.round);
    const selected = config.dataset.selected_labels ?? [...new Set(allLabels)].sort((a, b) => a - b);
    const K = selected.length;
    let grid: MetricGrid | undefined;
    try {
      await withModel(ctx.path(FILES.weights), async (model) => {
        const encoded = model.anglesOf(pool.data);
        const keep: number[] = [];
        for (let i = 0; i < allLabels.length; i++) if (selected.includes(allLabels[i])) keep.push(i);
        const keptPoints = Float32Array.from(keep.flatMap((i) => [encoded[2 * i], encoded[2 * i + 1]]));
        const keptLabels = Int32Array.from(keep.map((i) => allLabels[i]));
        if (p.mode === 'metricGrid') {
          ctx.progress.detail(`metric grid ${p.metricGrid}×${p.metricGrid}`);
          grid = metricGrid(pullbackRiemannianMetric(model.decoder()), {
            n: p.metricGrid,
            interpolation: 'bilinear',
          });
        }
        const geometry = grid
          ? { grid }
          : { decoder: (z: Parameters<TorusAE['decodeAngles']>[0]) => model.decodeAngles(z) };
        const times: number[] = [];
        for (const seed of p.seeds) {
          await ctx.safePoint();
          const sel = selectPointsPerLabel(keptPoints, keptLabels, selected, p.n, seed);
          const N = sel.labels.length;
          const bar = ctx.progress.bar(`K-means setup ${seed}`, p.outer);
          const recorder = kmeansProgressRecorder(p.outer, p.frames);
          const result = riemannianKMeans(sel.points, K, {
            ...geometry,
            ...kmeansAlgorithmOptions(p),
            nMax: p.nMax,
            S: p.steps,
            learningRate: p.lr,
            outerIterations: p.outer,
            innerIterations: p.inner,
            seed,
            onIteration: (it, entry, state) => {
              recorder.record(it, state);
              bar.update(it + 1, `Σ lengths ${entry.geodesics_to_nearest_centroids_lengths.toFixed(3)}`);
            },
          });
          bar.done();
          times.push(result.timeSecs);
          const points = Array.from({ length: N }, (_, i) => [sel.points[2 * i], sel.points[2 * i + 1]]);
          const h = result.history;
          const params: KMeansParamsFile = {
            K,
            N,
            selected_labels: [...selected],
            mode: 'Schauder',
            periodicity_mode: true,
            n_max: p.nMax,
            step_count: p.steps,
            beta: result.settings.beta,
            learning_rate: p.lr,
            num_iter_outer: p.outer,
            num_iter_inner: p.inner,
            device: getBackend(),
            d: 2,
            geodesic_mode:
              p.mode === 'metricGrid' ? `metricGrid ${p.metricGrid}×${p.metricGrid} (bilinear)` : 'decoded',
            seed,
            legacy: result.settings.legacy,
            frozen_geodesics: result.settings.frozenGeodesics,
            frechet_weight: result.settings.frechetWeight,
            reseed_empty_clusters: result.settings.reseedEmpty,
            reseeded_centroids: result.reseededCentroids,
            Riemannian_k_means_labels: Array.from(result.labels),
            time_secs: result.timeSecs,
            ground_truth_labels: Array.from(sel.labels),
            encoded_points: points,
            history: {
              intraclass_variance: h.map((e) => e.intraclass_variance),
              norm_Frechet_mean_gradient: h.map((e) => e.norm_Frechet_mean_gradient),
              geodesics_to_nearest_centroids_lengths: h.map((e) => e.geodesics_to_nearest_centroids_lengths),
              intraclass_variance_by_cluster: h.map((e) => e.intraclass_variance_by_cluster),
              geodesics_to_nearest_centroids_lengths_by_cluster: h.map(
                (e) => e.geodesics_to_nearest_centroids_lengths_by_cluster,
              ),
            },
            centroids: Array.from({ length: K }, (_, k) => [
              result.centroids[2 * k],
              result.centroids[2 * k + 1],
            ]),
          };
          ctx.writeJson(kmeansParamsPath(seed), params);
          ctx.writeFile(
            kmeansCurvesPath(seed),
            encodeSafetensors({ curves: { shape: [...result.curves.shape], data: result.curves.data } }),
          );
          const progress = recorder.result();
          if (progress) {
            ctx.writeFile(kmeansProgressPath(seed), encodeSafetensors(progressTensors(progress)));
          }
          const dir = FILES.kmeansDir(seed);
          saveFigure(
            ctx,
            `${dir}/Manifold_plot_selected_labels`,
            latentScatter()
              .title('Manifold plot for all points with selected labels')
              .labelKey('legend')
              .labelTitle('Ground Truth Labels')({
              points: keptPoints,
              labels: keptLabels,
            }),
          );
          saveFigure(
            ctx,
            `${dir}/ground_truth_labels`,
            latentScatter()
              .title('Encoded Points Colored by Ground Truth Labels')
              .radius(4)
              .labelKey('legend')({ points: sel.points, labels: sel.labels }),
          );
          saveFigure(
            ctx,
            `${dir}/kmeans_losses`,
            kmeansHistory()({
              k: K,
              normGradient: params.history.norm_Frechet_mean_gradient,
              lengthsByCluster: params.history.geodesics_to_nearest_centroids_lengths_by_cluster.flat(),
              lengthsTotal: params.history.geodesics_to_nearest_centroids_lengths,
              varianceByCluster: params.history.intraclass_variance_by_cluster.flat(),
              varianceTotal: params.history.intraclass_variance,
            }),
          );
        }
        ctx.summary.runs = p.seeds.length;
        ctx.summary.kmeans_s = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
      });
    } finally {
      grid?.dispose();
    }
  },
};
