export type { CircularFrechetMeanOptions } from './flat/circularFrechetMean.js';
export { circularFrechetMean } from './flat/circularFrechetMean.js';
export type { FlatTorusKMeansOptions, FlatTorusKMeansResult } from './flat/flatTorusKMeans.js';
export { flatTorusKMeans } from './flat/flatTorusKMeans.js';
export type { PointsLike } from './internal/validate.js';
export { adjustedRandIndex } from './metrics/adjustedRandIndex.js';
export type { Contingency, PairCounts } from './metrics/contingency.js';
export { contingency, pairCounts, pairCountsFromContingency } from './metrics/contingency.js';
export { fMeasure } from './metrics/fMeasure.js';
export { normalizedMutualInfo } from './metrics/normalizedMutualInfo.js';
export type { KMeansHistoryColumns } from './plotdata/historyColumns.js';
export { historyColumns } from './plotdata/historyColumns.js';
export type { KnnDecisionGrid, KnnDecisionGridOptions } from './plotdata/knnDecisionGrid.js';
export { knnDecisionGrid } from './plotdata/knnDecisionGrid.js';
export type { ClusterLabelMapping } from './plotdata/mapClustersToLabels.js';
export { mapClustersToLabels } from './plotdata/mapClustersToLabels.js';
export { assignedCurves } from './riemannian/assignedCurves.js';
export { dirichletCentroids } from './riemannian/dirichletCentroids.js';
export type {
  FrechetStepInput,
  FrechetStepOutput,
  FrechetWeight,
  KMeansHistoryEntry,
} from './riemannian/frechetStep.js';
export { frechetStep } from './riemannian/frechetStep.js';
export type {
  DecoderLike,
  KMeansIterationState,
  RiemannianKMeansOptions,
  RiemannianKMeansResult,
  RiemannianKMeansSettings,
} from './riemannian/riemannianKMeans.js';
export { riemannianKMeans } from './riemannian/riemannianKMeans.js';
export type {
  ClusteringScores,
  KMeansRun,
  KMeansRunsSummary,
  RiemannianKMeansRunsOptions,
} from './runs/riemannianKMeansRuns.js';
export { riemannianKMeansRuns } from './runs/riemannianKMeansRuns.js';
export type { SelectedPoints, SelectPointsOptions } from './runs/selectPointsPerLabel.js';
export { selectPointsPerLabel } from './runs/selectPointsPerLabel.js';
export type { FMeasureStats, Summary } from './stats/summarize.js';
export { fMeasureStats, summarize } from './stats/summarize.js';
export { circleDistance, remainder2pi, torusDistance, wrapAngle } from './torus/periodic.js';
