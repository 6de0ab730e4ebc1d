/**
 * The small-matrix and curvature algebra now lives in @curv/geometry; these re-exports keep the old
 * import paths working for one release.
 */
export {
  batchTrace,
  checkEps,
  checkLatentBatch,
  checkStep,
  christoffelSymbols,
  curvatureFromChristoffel,
  firstKindSum,
  ricciTensor,
  riemannTensor,
  scalarFromRicci,
  smallDeterminant,
  smallInverse,
} from '@curv/geometry';
export type { CentralDifferenceOptions } from './centralDifferenceMetric.js';
export { centralDifferenceJacobian, centralDifferenceMetric } from './centralDifferenceMetric.js';
export type { CentralDifferencePullbackOptions } from './centralDifferencePullbackMetric.js';
export { centralDifferencePullbackMetric } from './centralDifferencePullbackMetric.js';
export type { PeriodicGridGeometry, PeriodicGridOptions } from './periodicGridGeometry.js';
export { periodicGridGeometry } from './periodicGridGeometry.js';
export type { RhombusOptions } from './rhombusCurvature.js';
export { rhombusCurvature, rhombusCurvatureLoss } from './rhombusCurvature.js';
export type { NeighbourLists, RhombusStencil } from './rhombusStencil.js';
export { rhombusStencil } from './rhombusStencil.js';
export type { CurvatureAndMetric, LatentFunction } from './types.js';
