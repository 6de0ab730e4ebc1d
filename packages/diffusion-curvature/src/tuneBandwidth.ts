import * as tf from '@tensorflow/tfjs-core';
import {
  type CurvatureAgnosticKernelOptions,
  curvatureAgnosticBandwidth,
  curvatureAgnosticKernelFromSquaredDistances,
} from './curvatureAgnosticKernel.js';
import { diffusionOperator } from './diffusionOperator.js';
import { median, type PointCloud, pointTensor } from './input.js';
import { squaredDistances } from './pairwiseDistances.js';

export interface TuneBandwidthOptions extends CurvatureAgnosticKernelOptions {
  /** Target median number of entries of a row of P above 1e-10 (default 150). */
  graphKnn?: number;
  /** Accepted |median support − target| (default 5). */
  tolerance?: number;
  /** Bisection steps at most (default 1000; bisection stalls long before in float64). */
  maxIterations?: number;
  /** Search interval for ν (default [0, 10]). */
  range?: [number, number];
}

export interface TunedBandwidth {
  /** The ν whose median support was closest to the target. */
  nu: number;
  /** Median support of P at that ν. */
  support: number;
  /** True when |support − target| ≤ tolerance. */
  converged: boolean;
  /** Kernels tried. */
  iterations: number;
}

/** Median over rows of #{j : P_ij > 1e-10}. */
export function medianSupport(p: tf.Tensor2D, eps = 1e-10): number {
  const counts = tf.tidy(() => tf.sum(tf.cast(tf.greater(p, eps), 'float32'), 1));
  const out = median(counts.dataSync());
  counts.dispose();
  return out;
}

/** {@link tuneBandwidth} from a squared-distance matrix. */
export function tuneBandwidthFromSquaredDistances(
  d2: tf.Tensor2D,
  options: TuneBandwidthOptions = {},
): TunedBandwidth {
  const target = options.graphKnn ?? 150;
  const tolerance = options.tolerance ?? 5;
  const maxIterations = options.maxIterations ?? 1000;
  let [lo, hi] = options.range ?? [0, 10];
  if (!(target >= 1)) throw new Error(`tuneBandwidth: graphKnn must be ≥ 1, got ${target}`);
  if (!(hi > lo && lo >= 0))
    throw new Error(`tuneBandwidth: range must satisfy 0 ≤ lo < hi, got [${lo}, ${hi}]`);
  let best = { nu: hi, support: Number.NaN, gap: Number.POSITIVE_INFINITY };
  let iterations = 0;
  const unit = curvatureAgnosticBandwidth(d2, 1, options.k ?? 1);
  while (iterations < maxIterations) {
    const nu = (lo + hi) / 2;
    if (!(nu > lo && nu < hi)) break; // interval exhausted in floating point
    iterations++;
    const { w } = curvatureAgnosticKernelFromSquaredDistances(d2, nu, options, unit);
    const p = diffusionOperator(w);
    const support = medianSupport(p);
    tf.dispose([w, p]);
    const gap = Math.abs(support - target);
    if (gap < best.gap) best = { nu, support, gap };
    if (best.gap <= tolerance) break;
    if (support > target) hi = nu;
    else lo = nu;
  }
  return { nu: best.nu, support: best.support, converged: best.gap <= tolerance, iterations };
}

/**
 * Bisection on ν ∈ [0, 10] so that the median number of non-negligible entries (> 1e-10) of a row of
 * the curvature-agnostic diffusion operator is `graphKnn` ± `tolerance`. Reports non-convergence
 * (e.g. fewer points than the target) with `converged: false` and the closest ν found.
 *
 * ```ts
 * const t = tuneBandwidth(points, { graphKnn: 150 });
 * t.converged; // true
 * Math.abs(t.support - 150) <= 5; // true
 * ```
 */
export function tuneBandwidth(points: PointCloud, options: TuneBandwidthOptions = {}): TunedBandwidth {
  const x = pointTensor(points);
  const d2 = squaredDistances(x);
  try {
    return tuneBandwidthFromSquaredDistances(d2, options);
  } finally {
    tf.dispose([x, d2]);
  }
}
