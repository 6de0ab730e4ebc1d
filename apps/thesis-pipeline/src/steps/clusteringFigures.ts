import { type KnnDecisionGrid, mapClustersToLabels } from '@curv/kmeans';
import { decisionBoundary, octopusPlot } from '@curv/plots';
import { saveFigure } from '../figures.js';
import type { StepContext } from '../step.js';
import type { KMeansParamsFile } from './kmeansFiles.js';

/** Step 7 figures of one setup: three 7-NN decision maps (SPEC §15.2) and the octopus plot (§15.1). */
export function clusteringFigures(
  ctx: StepContext,
  dir: string,
  input: {
    params: KMeansParamsFile;
    curves: { shape: [number, number, number, number]; data: Float32Array };
    maps: { truth: KnnDecisionGrid; riemannian: KnnDecisionGrid; euclidean: KnnDecisionGrid };
    knn: number;
  },
): void {
  const { params, curves, maps, knn } = input;
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
}
