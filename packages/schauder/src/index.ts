export { curveEnergy, curveLength } from './curveEnergy.js';
export { curvesFromCoefficients } from './curvesFromCoefficients.js';
export { metricCurveEnergy, metricCurveLength } from './metricCurveEnergy.js';
export type { MetricGrid, MetricGridOptions, MetricInterpolation } from './metricGrid.js';
export { metricGrid } from './metricGrid.js';
export { periodicSegment, wrapDifference } from './periodicSegment.js';
export type { SchauderBasis, SchauderBasisOptions, SchauderMode, SchauderVariant } from './schauderBasis.js';
export { schauderBasis } from './schauderBasis.js';
export type {
  GeodesicGeometry,
  GeodesicObjective,
  GeodesicResult,
  SolveGeodesicsOptions,
} from './solveGeodesics.js';
export { solveGeodesics } from './solveGeodesics.js';
export { straightSegment, timeGrid } from './straightSegment.js';
export type { DecoderFn, MetricFn, PointsLike, Reduction } from './types.js';
