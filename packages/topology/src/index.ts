export type { BottleneckResult, MatchedPair } from './distances/bottleneck.js';
export { bottleneckDistance } from './distances/bottleneck.js';
export type { WassersteinResult } from './distances/wasserstein.js';
export { wassersteinDistance } from './distances/wasserstein.js';
export type { FlatPoints, PointsInput } from './persistence/distanceMatrix.js';
export { flattenPoints, pairwiseDistances, periodicDifference } from './persistence/distanceMatrix.js';
export type { RipsOptions, RipsPointsOptions } from './persistence/ripsPersistence.js';
export { ripsPersistence, ripsPersistenceOfDistances } from './persistence/ripsPersistence.js';
export type { Diagram, DiagramH0, DiagramH1, RipsPersistence } from './persistence/types.js';
