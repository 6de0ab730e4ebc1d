export type { BottleneckResult, MatchedPair } from './distances/bottleneck.js';
export { bottleneckDistance } from './distances/bottleneck.js';
export type { Landscape, LandscapeOptions } from './distances/persistenceLandscape.js';
export { persistenceLandscape } from './distances/persistenceLandscape.js';
export type { WassersteinResult } from './distances/wasserstein.js';
export { wassersteinDistance } from './distances/wasserstein.js';
export { bottleneckLoss0, bottleneckLoss1 } from './losses/bottleneckLoss.js';
export type { DensityLossOptions } from './losses/densityLoss.js';
export { densityGrid, densityLoss, h0Density } from './losses/densityLoss.js';
export type { EdgeLengthOptions } from './losses/edgeLengths.js';
export { edgeLengths } from './losses/edgeLengths.js';
export { entropyLoss0, entropyLoss1, persistenceEntropy } from './losses/entropyLoss.js';
export { kernelLoss0, kernelLoss1, reininghausKernel } from './losses/kernelLoss.js';
export type { LatentTopologicalLossOptions } from './losses/latentTopologicalLoss.js';
export { latentTopologicalLoss } from './losses/latentTopologicalLoss.js';
export type { LossInput } from './losses/lossInput.js';
export { h0Diagram, h1Diagram } from './losses/lossInput.js';
export { pushApartLoss } from './losses/pushApartLoss.js';
export { tensorDistances } from './losses/tensorDistances.js';
export type {
  TopologicalLossOptions,
  TopologicalLossResult,
  TopologicalWeights,
} from './losses/topologicalLoss.js';
export {
  checkTopologicalWeights,
  TOPOLOGICAL_LOSS_TERMS,
  topologicalLoss,
} from './losses/topologicalLoss.js';
export type { FlatPoints, PointsInput } from './persistence/distanceMatrix.js';
export { flattenPoints, pairwiseDistances, periodicDifference } from './persistence/distanceMatrix.js';
export type { RipsOptions, RipsPointsOptions } from './persistence/ripsPersistence.js';
export { ripsPersistence, ripsPersistenceOfDistances } from './persistence/ripsPersistence.js';
export type { Diagram, DiagramH0, DiagramH1, RipsPersistence } from './persistence/types.js';
export type {
  SyntheticFrame,
  SyntheticRunOptions,
  SyntheticRunResult,
} from './synthetic/runSyntheticExperiment.js';
export { runSyntheticExperiment } from './synthetic/runSyntheticExperiment.js';
export type { SyntheticSetup } from './synthetic/syntheticSetup.js';
export { syntheticSetup } from './synthetic/syntheticSetup.js';
export type { TopologySummary } from './synthetic/topologySummary.js';
export { topologySummary } from './synthetic/topologySummary.js';
