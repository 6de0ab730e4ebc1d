import * as tf from '@tensorflow/tfjs-core';
import { anisotropicNormalization } from './anisotropicNormalization.js';
import type { Kernel } from './curvatureAgnosticKernel.js';
import { thresholdSmallValues } from './diffusionOperator.js';
import { type PointCloud, pointTensor } from './input.js';
import { kthNeighbourDistances, squaredDistances } from './pairwiseDistances.js';

export interface AdaptiveKernelOptions {
  /** Neighbour whose distance r_i is the local bandwidth (default 5). */
  k?: number;
  /** Density normalisation exponent (default 1). */
  alpha?: number;
  /** Affinities below this are set to 0 (default 1e-5). */
  threshold?: number;
}

/** {@link adaptiveKernel} from a squared-distance matrix. */
export function adaptiveKernelFromSquaredDistances(
  d2: tf.Tensor2D,
  options: AdaptiveKernelOptions = {},
): Kernel {
  const n = d2.shape[0];
  const r = kthNeighbourDistances(d2, Math.min(options.k ?? 5, n - 1)).map((v) => (v > 0 ? v : 1e-12));
  const w = tf.tidy(() => {
    const rr = tf.tensor1d(Float32Array.from(r));
    const row = tf.reshape(rr, [-1, 1]);
    const col = tf.reshape(rr, [1, -1]);
    const byI = tf.div(tf.exp(tf.div(tf.neg(d2), tf.mul(2, tf.square(row)))), row);
    const byJ = tf.div(tf.exp(tf.div(tf.neg(d2), tf.mul(2, tf.square(col)))), col);
    const g = tf.div(tf.add(byI, byJ), 2 * Math.sqrt(2 * Math.PI)) as tf.Tensor2D;
    return thresholdSmallValues(anisotropicNormalization(g, options.alpha ?? 1), options.threshold ?? 1e-5);
  });
  return { w, sigma: Number.NaN };
}

/**
 * Adaptive (k-th neighbour) Gaussian kernel, symmetric in i and j:
 * `W_ij = [exp(−D²/(2 r_j²))/r_j + exp(−D²/(2 r_i²))/r_i] / (2√(2π))` with r_i the distance from x_i to its
 * k-th nearest neighbour (default k = 5), then α-normalisation (default α = 1).
 *
 * ```ts
 * const { w } = adaptiveKernel(points, { k: 10, alpha: 0 });
 * ```
 */
export function adaptiveKernel(points: PointCloud, options: AdaptiveKernelOptions = {}): Kernel {
  const x = pointTensor(points);
  const d2 = squaredDistances(x);
  try {
    return adaptiveKernelFromSquaredDistances(d2, options);
  } finally {
    tf.dispose([x, d2]);
  }
}
