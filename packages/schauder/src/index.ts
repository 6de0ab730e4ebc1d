export { curveEnergy, curveLength } from './curveEnergy.js';
export { curvesFromCoefficients } from './curvesFromCoefficients.js';
export type { EmbeddedGrid, EmbedGridOptions } from './embedGrid.js';
export { embedGrid } from './embedGrid.js';
export { asDecoderFn, pullbackMetricFn } from './fromSequential.js';
export type { GeodesicGridOptions, GeodesicGridResult, PlainCurves } from './geodesicGrid.js';
export { geodesicGrid } from './geodesicGrid.js';
export type {
  GeodesicRelaxation,
  GeodesicSolveOverrides,
  GeodesicSolver,
  RelaxedCurves,
} from './geodesicSolver.js';
export { geodesicSolver } from './geodesicSolver.js';
export type { GraphInitialization } from './graphInitialization.js';
export { graphInitialization } from './graphInitialization.js';
export type { GridEdgeLengths, LatentGrid, LatentGridOptions } from './gridEdgeLengths.js';
export { gridEdgeLengths, latentGrid } from './gridEdgeLengths.js';
export type { Mesh } from './gridMesh.js';
export { gridMesh } from './gridMesh.js';
export { jetColor } from './jetColor.js';
export { meshToObj, meshToPly } from './meshExport.js';
export { meshToGlb } from './meshToGlb.js';
export { metricCurveEnergy, metricCurveLength } from './metricCurveEnergy.js';
export type { MetricGrid, MetricGridOptions, MetricInterpolation } from './metricGrid.js';
export { metricGrid } from './metricGrid.js';
export type { MetricLike } from './metricSource.js';
export { isMetricGrid } from './metricSource.js';
export { periodicSegment, wrapDifference } from './periodicSegment.js';
export { sampleAlongCurve } from './sampleAlongCurve.js';
export type { SchauderBasis, SchauderBasisOptions, SchauderMode, SchauderVariant } from './schauderBasis.js';
export { schauderBasis } from './schauderBasis.js';
export type {
  GeodesicGeometry,
  GeodesicObjective,
  GeodesicResult,
  SolveGeodesicsOptions,
} from './solveGeodesics.js';
export { solveGeodesics } from './solveGeodesics.js';
export type { StraightLineFunctionals, StraightLineOptions } from './straightLineFunctionals.js';
export { straightLineFunctionals } from './straightLineFunctionals.js';
export { straightSegment, timeGrid } from './straightSegment.js';
export type { DecoderFn, MetricFn, PointsLike, Reduction } from './types.js';
