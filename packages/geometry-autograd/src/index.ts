export type { CurvatureAndMetric, LatentFunction } from '@curv/geometry-fd';
export {
  centralDifferenceMetric,
  periodicGridGeometry,
  rhombusCurvature,
  rhombusCurvatureLoss,
} from '@curv/geometry-fd';
export { activationDerivatives } from './activations.js';
export type { CurvatureGridOptions } from './curvatureGrid.js';
export { curvatureGrid } from './curvatureGrid.js';
export type { CurvatureTensors } from './curvatureTensors.js';
export { intrinsicCurvatureTensors, pullbackMetricJet } from './curvatureTensors.js';
export type { DecoderJetOptions } from './decoderJet.js';
export { decode, decoderFunction, decoderJet } from './decoderJet.js';
export { fastCos, fastSin } from './fastTrig.js';
export { gaussCurvatureAndMetric } from './gaussCurvature.js';
export { blockDot, blockGram } from './gram.js';
export { jacobianFrobeniusNorm } from './jacobianFrobeniusNorm.js';
export type { Jet, JetOrder } from './jet.js';
export { activationJet, chainJet, denseJet, jetBlocks, seedJet, torusLiftJet } from './jet.js';
export type { JetDecoder } from './jetOps.js';
export {
  isJetDecoder,
  jetAcosh,
  jetAdd,
  jetColumns,
  jetConcat,
  jetCos,
  jetCosh,
  jetDecoderJet,
  jetDiv,
  jetExp,
  jetLog,
  jetMul,
  jetReciprocal,
  jetScale,
  jetShift,
  jetSin,
  jetSinh,
  jetSqrt,
  jetSquare,
  jetSub,
  jetTanh,
  jetUnary,
} from './jetOps.js';
export type {
  ActivationLayer,
  ActivationName,
  DenseLayer,
  JetLayer,
  SequentialDecoder,
  TorusLiftLayer,
} from './layers.js';
export type { MetricOptions } from './metric.js';
export { metricDeterminant, metricTrace, pullbackMetric } from './metric.js';
export type { MultiIndices } from './multiIndex.js';
export { multiIndices } from './multiIndex.js';
export type { PullbackRiemannianMetricOptions } from './pullbackRiemannianMetric.js';
export { pullbackRiemannianMetric } from './pullbackRiemannianMetric.js';
export type { CurvatureOptions, CurvatureRoute } from './scalarCurvature.js';
export { curvatureAndMetric, curvatureLoss, curvatureTensors, scalarCurvature } from './scalarCurvature.js';
export type { Decoder, JetCapable } from './validate.js';
export { hasJets, isSequential, outputDim } from './validate.js';
