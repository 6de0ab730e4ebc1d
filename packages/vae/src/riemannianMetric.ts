// The metric contract is @curv/geometry's; the expected metric implements it.
export type { RiemannianMetric } from '@curv/geometry';
