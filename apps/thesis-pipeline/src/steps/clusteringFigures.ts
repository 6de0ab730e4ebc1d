import { type KnnDecisionGrid, mapClustersToLabels } from '@curv/kmeans';
import { decisionBoundary, octopusPlot, toGif } from '@curv/plots';
import { saveFigure } from '../figures.js';
import type { StepContext } from '../step.js';
import type { KMeansParamsFile } from './kmeansFiles.js';
import type { KMeansProgress } from './kmeansProgress.js';

/** The octopus animation of a setup (GIF), next to its static final frame `frame_0000`. */
export const OCTOPUS_ANIMATION = 'Kmeans_gif.gif';

/**
 * One octopus plot per snapshot of the K-means progress (clusters coloured by `labelOf`, the mapping
 * of the final clusters to ground-truth labels, so colours stay fixed across frames), titled with the
 * outer iteration.
 */
export function octopusFrames(progress: KMeansProgress, labelOf: number[], outer: number): string[] {
  const { F, N, K, S, d } = progress;
  const per = N * K * S * d;
  return Array.from({ length: F }, (_, f) =>
    octopusPlot().title(`Riemannian k-means: outer iteration ${progress.iterations[f] + 1} of ${outer}`)({
      curves: progress.curves.subarray(f * per, (f + 1) * per),
      n: N,
      k: K,
      s: S,
      labels: progress.labels.subarray(f * N, (f + 1) * N),
      labelOf,
    }),
  );
}

/**
 * Step 7 figures of one setup: three 7-NN decision maps, the octopus plot of the final
 * iteration and, when Step 6 recorded snapshots, the octopus animation over the outer iterations.
 */
export function clusteringFigures(
  ctx: StepContext,
  dir: string,
  input: {
    params: KMeansParamsFile;
    curves: { shape: [number, number, number, number]; data: Float32Array };
    maps: { truth: KnnDecisionGrid; riemannian: KnnDecisionGrid; euclidean: KnnDecisionGrid };
    knn: number;
    /** Snapshots of the run (Step 6, `kmeans.frames`): rendered as the octopus animation. */
    progress?: KMeansProgress;
  },
): void {
  const { params, curves, maps, knn, progress } = input;
  const points = params.encoded_points.flat();
  const name = ctx.plan.name;
  const boundary = (map: KnnDecisionGrid, title: string, file: string) =>
    saveFigure(
      ctx,
      `${dir}/${file}_${name}`,
      decisionBoundary().title(title).extent(map.extent)({
        points,
        labels: map.pointLabels,
        grid: map.grid,
        gridSize: map.resolution,
      }),
    );
  boundary(
    maps.truth,
    `Points in latent space colored by ground truth labels,\nVoronoi's cells colored by ${knn}-NN.`,
    'Decision_boundary_ground_truth_labels',
  );
  boundary(
    maps.riemannian,
    `Points in latent space colored by labels assigned by\nRiemannian k-means, Voronoi's cells colored by ${knn}-NN.`,
    'Decision_boundary_Riemannian_k-means_labels',
  );
  boundary(
    maps.euclidean,
    `Points in latent space colored by labels assigned by\nflat-torus k-means, Voronoi's cells colored by ${knn}-NN.`,
    'Decision_boundary_Euclidean_k-means_labels',
  );
  const [n, k, s] = curves.shape;
  const mapping = mapClustersToLabels(params.Riemannian_k_means_labels, params.ground_truth_labels).mapping;
  const labelOf = Array.from({ length: k }, (_, c) => mapping.get(c) ?? c);
  saveFigure(
    ctx,
    `${dir}/frame_0000`,
    octopusPlot().title('Riemannian k-means: geodesics to the centroids')({
      curves: curves.data,
      n,
      k,
      s,
      labels: params.Riemannian_k_means_labels,
      labelOf,
    }),
  );
  if (progress && progress.F > 0) {
    const frames = octopusFrames(progress, labelOf, params.num_iter_outer);
    ctx.writeFile(`${dir}/${OCTOPUS_ANIMATION}`, toGif(frames, { delayMs: 250, lastDelayMs: 2000 }));
  }
}
