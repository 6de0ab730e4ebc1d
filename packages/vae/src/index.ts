export { halfPlaneMetric } from '@curv/geometry';
export type { ParametricCurve } from './cubicSpline.js';
export { cubicSpline, straightCurve } from './cubicSpline.js';
export type { CurveLengthOptions, CurveLengthResult } from './curveLength.js';
export { curveLength, metricSpeeds } from './curveLength.js';
export type { SigmaJetSource } from './expectedMetric.js';
export { determinant, ExpectedMetric } from './expectedMetric.js';
export type { FitExpectedMetricOptions, FittedExpectedMetric } from './fitExpectedMetric.js';
export { clusterWeights, encodeData, fitExpectedMetric } from './fitExpectedMetric.js';
export type { Decoding, Encoding, GaussianVaeConfig, ResolvedVaeConfig } from './gaussianVae.js';
export { GaussianVae } from './gaussianVae.js';
export type {
  GeodesicGraph,
  GeodesicGraphOptions,
  GraphGeodesic,
  GraphGeodesicOptions,
} from './graphGeodesic.js';
export { geodesicGraph, graphGeodesic, segmentLengths } from './graphGeodesic.js';
export type { ChartMetricGrid, LatentRect } from './gridGeodesic.js';
export { chartMetricGrid, gridSchauderGeodesics } from './gridGeodesic.js';
export { halfPlaneDistance } from './halfPlaneMetric.js';
export type { KMeansCentres, KMeansCentresOptions } from './kmeansCentres.js';
export { kmeansCentres } from './kmeansCentres.js';
export type { LatentBox } from './latentGrid.js';
export { gridPoints, latentBox } from './latentGrid.js';
export type { Eigen, FactoredMetric } from './metricEigen.js';
export {
  gramEigen,
  hasMetricFactor,
  metricEigen,
  symmetricEigen,
  symmetricEigen2,
} from './metricEigen.js';
export type { RandomWalkOptions } from './randomWalk.js';
export { randomWalk } from './randomWalk.js';
export type { RbfBandwidths } from './rbfBandwidths.js';
export { rbfBandwidths } from './rbfBandwidths.js';
export type { RbfFitOptions, SigmaJet } from './rbfPrecision.js';
export { RBF_MIN_WEIGHT, RbfPrecision } from './rbfPrecision.js';
export type { RiemannianMetric } from './riemannianMetric.js';
export type { SchauderGeodesic } from './schauderGeodesic.js';
export { projectCurves, schauderGeodesics } from './schauderGeodesic.js';
export type { StackedJet } from './stackedJet.js';
export { isStackable, stackedJet } from './stackedJet.js';
export type { VaeTrainEvent, VaeTrainerState, VaeTrainOptions } from './trainVae.js';
export { VaeTrainer } from './trainVae.js';
export type { VaeLossTerms } from './vaeLoss.js';
export { vaeLoss } from './vaeLoss.js';
