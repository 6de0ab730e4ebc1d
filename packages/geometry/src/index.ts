export { christoffelSymbols, firstKindSum } from './christoffel.js';
export type { ConformalMetricOptions } from './conformalMetric.js';
export { conformalMetric, halfPlaneMetric, stereographicSphereMetric } from './conformalMetric.js';
export { constantMetric } from './constantMetric.js';
export { curvatureDensity } from './curvatureDensity.js';
export type { CurvatureTensors } from './curvatureTensors.js';
export { christoffelDerivative, curvatureFromMetricDerivatives } from './curvatureTensors.js';
export {
  batchTrace,
  conditionNumber2,
  smallDeterminant,
  smallInverse,
  symmetricEigenvalues2,
} from './linalg.js';
export type { FiniteDifferenceOptions } from './metricDerivative.js';
export { centralShifts, finiteDifferenceMetricDerivative, metricDerivativeAt } from './metricDerivative.js';
export { curvatureFromChristoffel, ricciTensor, riemannTensor, scalarFromRicci } from './riemann.js';
export type { RiemannianCurvatureOptions } from './riemannianCurvature.js';
export { riemannianCurvature, scalarCurvatureOf } from './riemannianCurvature.js';
export type { RiemannianMetric } from './riemannianMetric.js';
export { checkRiemannianMetric, isRiemannianMetric } from './riemannianMetric.js';
export type { TorusGrid, TorusGridOptions } from './torusGrid.js';
export { torusGrid } from './torusGrid.js';
export { checkEps, checkLatentBatch, checkStep } from './validate.js';
