import * as tf from '@tensorflow/tfjs-core';
import { anisotropicNormalization } from './anisotropicNormalization.js';
import type { Kernel } from './curvatureAgnosticKernel.js';
import { thresholdSmallValues } from './diffusionOperator.js';
import { median, type PointCloud, pointTensor } from './input.js';
import { squaredDistances } from './pairwiseDistances.js';

export interface FixedKernelOptions {
  /** Density normalisation exponent (default 1). */
  alpha?: number;
  /** Affinities below this are set to 0 (default 1e-5). */
  threshold?: number;
}

/** Median-heuristic bandwidth σ = sqrt(median_{i<j} ‖x_i − x_j‖² / 2). */
export function medianHeuristicBandwidth(d2: tf.Tensor2D): number {
  const n = d2.shape[0];
  const all = d2.dataSync();
  const upper = new Float64Array((n * (n - 1)) / 2);
  let c = 0;
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) upper[c++] = all[i * n + j];
  return Math.sqrt(median(upper) / 2);
}

/** {@link fixedKernel} from a squared-distance matrix. */
export function fixedKernelFromSquaredDistances(d2: tf.Tensor2D, options: FixedKernelOptions = {}): Kernel {
  const sigma = medianHeuristicBandwidth(d2);
  const s = sigma > 0 ? sigma : 1;
  const w = tf.tidy(() => {
    const g = tf.div(tf.exp(tf.div(tf.neg(d2), 2 * s * s)), s * Math.sqrt(2 * Math.PI)) as tf.Tensor2D;
    return thresholdSmallValues(anisotropicNormalization(g, options.alpha ?? 1), options.threshold ?? 1e-5);
  });
  return { w, sigma };
}

/**
 * Fixed Gaussian kernel `W = exp(−D²/(2σ²)) / (σ√(2π))` with the median heuristic
 * σ = sqrt(median(D²)/2) over distinct pairs, then α-normalisation (default α = 1).
 *
 * ```ts
 * const { sigma } = fixedKernel([[0], [1], [3]]);
 * sigma; // sqrt(4 / 2) = 1.414
 * ```
 */
export function fixedKernel(points: PointCloud, options: FixedKernelOptions = {}): Kernel {
  const x = pointTensor(points);
  const d2 = squaredDistances(x);
  try {
    return fixedKernelFromSquaredDistances(d2, options);
  } finally {
    tf.dispose([x, d2]);
  }
}
