import * as tf from '@tensorflow/tfjs-core';
import { anisotropicNormalization } from './anisotropicNormalization.js';
import { thresholdSmallValues } from './diffusionOperator.js';
import { type PointCloud, pointTensor } from './input.js';
import { kthNeighbourDistances, squaredDistances } from './pairwiseDistances.js';

export interface CurvatureAgnosticKernelOptions {
  /** Neighbour whose distance sets the scale (1 = nearest other point; default 1). */
  k?: number;
  /** Density normalisation exponent (default 0: off). */
  alpha?: number;
  /** Affinities below this are set to 0 (default 1e-5). */
  threshold?: number;
}

export interface Kernel {
  /** Affinity matrix [n, n] (caller disposes). */
  w: tf.Tensor2D;
  /** Global bandwidth σ, or NaN for kernels without one. */
  sigma: number;
}

/** σ = ν · mean_i (distance from x_i to its k-th nearest other point), from squared distances. */
export function curvatureAgnosticBandwidth(d2: tf.Tensor2D, nu: number, k = 1): number {
  const r = kthNeighbourDistances(d2, k);
  let s = 0;
  for (const v of r) s += v;
  return (nu * s) / r.length;
}

/** The curvature-agnostic kernel from a squared-distance matrix (see {@link curvatureAgnosticKernel}). */
export function curvatureAgnosticKernelFromSquaredDistances(
  d2: tf.Tensor2D,
  nu: number,
  options: CurvatureAgnosticKernelOptions = {},
  /** Precomputed σ for ν = 1 (mean k-th neighbour distance), to skip the neighbour search. */
  unitBandwidth?: number,
): Kernel {
  if (!(nu > 0) || !Number.isFinite(nu))
    throw new Error(`curvatureAgnosticKernel: nu must be > 0, got ${nu}`);
  const sigma =
    unitBandwidth === undefined ? curvatureAgnosticBandwidth(d2, nu, options.k ?? 1) : nu * unitBandwidth;
  const w = tf.tidy(() => {
    // A cloud of identical points has σ = 0; any positive σ then gives the same (all-ones) kernel.
    const s2 = sigma > 0 ? sigma * sigma : 1;
    const g = tf.exp(tf.div(tf.neg(d2), s2)) as tf.Tensor2D;
    return thresholdSmallValues(anisotropicNormalization(g, options.alpha ?? 0), options.threshold ?? 1e-5);
  });
  return { w, sigma };
}

/**
 * The curvature-agnostic Gaussian kernel `W_ij = exp(−‖x_i − x_j‖² / σ²)` with one global bandwidth
 * σ = ν · (mean nearest-neighbour distance), optional α-normalisation, small values zeroed. Scale-free:
 * scaling the cloud scales σ with it.
 *
 * ```ts
 * const { w, sigma } = curvatureAgnosticKernel([[0], [1], [2]], 2);
 * sigma; // 2
 * w.arraySync()[0][1]; // exp(-1/4) = 0.7788
 * ```
 */
export function curvatureAgnosticKernel(
  points: PointCloud,
  nu: number,
  options: CurvatureAgnosticKernelOptions = {},
): Kernel {
  const x = pointTensor(points);
  const d2 = squaredDistances(x);
  try {
    return curvatureAgnosticKernelFromSquaredDistances(d2, nu, options);
  } finally {
    tf.dispose([x, d2]);
  }
}
