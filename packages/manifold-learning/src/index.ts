export { ManifoldInputError } from './errors.js';
export { type LleOptions, type LleResult, lle } from './lle.js';
export {
  continuity,
  type NeighborhoodOptions,
  type NeighborhoodScores,
  neighborhoodQuality,
  trustworthiness,
} from './neighborhoodQuality.js';
export { type PcaOptions, type PcaResult, pca } from './pca.js';
export { type PointSet, pointCount, pointSet, squaredDistance } from './pointSet.js';
export { normalFrom, seededUniform } from './random.js';
export {
  averageRanks,
  type DistanceCorrelationOptions,
  distanceCorrelation,
  pearson,
  spearman,
} from './spearman.js';
export { type TearingOptions, tearing } from './tearing.js';
export { type TorusDensityWeightsOptions, torusDensityWeights } from './torusDensityWeights.js';
export { nextMacrotask, type TsneOptions, type TsneResult, tsne, tsneAsync } from './tsne.js';
export { type UmapOptions, umap, umapAsync } from './umap.js';
