export { type AdaptiveKernelOptions, adaptiveKernel } from './adaptiveKernel.js';
export { anisotropicNormalization } from './anisotropicNormalization.js';
export {
  type CompareCurvatureOptions,
  type CurvatureComparison,
  compareCurvature,
} from './compareCurvature.js';
export {
  type CurvatureAgnosticKernelOptions,
  curvatureAgnosticBandwidth,
  curvatureAgnosticKernel,
  type Kernel,
} from './curvatureAgnosticKernel.js';
export { type CurvatureAgreement, curvatureAgreement } from './curvatureAgreement.js';
export {
  type CurvatureComparisonMethod,
  type DiffusionCurvature,
  type DiffusionCurvatureMethod,
  type DiffusionCurvatureResult,
  type DistanceOption,
  diffusionCurvature,
  type FlatCurves,
  type KernelType,
  type RunOptions,
} from './diffusionCurvature.js';
export { diffusionEntropy } from './diffusionEntropy.js';
export { diffusionOperator, thresholdSmallValues } from './diffusionOperator.js';
export { diffusionPowers, matrixPower, propagateRows, walkDiffusion } from './diffusionPowers.js';
export { type FixedKernelOptions, fixedKernel, medianHeuristicBandwidth } from './fixedKernel.js';
export { type PointCloud, pointTensor } from './input.js';
export { jensenShannonDistance } from './jensenShannonDistance.js';
export { type EllipsoidOptions, ellipsoid, ellipsoidGaussianCurvature } from './manifolds/ellipsoid.js';
export {
  type HyperboloidOptions,
  hyperboloid,
  hyperboloidGaussianCurvature,
} from './manifolds/hyperboloid.js';
export { type PlaneOptions, plane } from './manifolds/plane.js';
export { quadraticGraphScalarCurvature, type SaddleOptions, saddle } from './manifolds/saddle.js';
export { type SphereOptions, sphere } from './manifolds/sphere.js';
export { type TorusOptions, torus, torusGaussianCurvature } from './manifolds/torus.js';
export type { SampleOptions, ToyManifold } from './manifolds/toyManifold.js';
export { kthNeighbourDistances, pairwiseDistances, squaredDistances } from './pairwiseDistances.js';
export { potentialDistances } from './potentialDistances.js';
export { cumulativeTrajectory, interpolate } from './trajectory.js';
export {
  medianSupport,
  type TuneBandwidthOptions,
  type TunedBandwidth,
  tuneBandwidth,
} from './tuneBandwidth.js';
export { wassersteinFromDirac } from './wassersteinFromDirac.js';
