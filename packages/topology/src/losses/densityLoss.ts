import * as tf from '@tensorflow/tfjs-core';
import { type LossInput, lengthsOf } from './lossInput.js';

/** Options of {@link densityLoss} (defaults tuned to image-space distances; rescale for latent codes). */
export interface DensityLossOptions {
  /** Kernel width σ (default 0.2). */
  sigma?: number;
  /** Overall scale (default 0.002). */
  scale?: number;
  /** Grid [0, maxRange] (default 35). */
  maxRange?: number;
  /** Number of grid points (default 30). */
  points?: number;
}

/**
 * Density of an H0 diagram at t: ρ(t) = scale · Σ_i d_i⁴ exp(−((d_i − t)/σ)²) over the finite deaths d_i.
 *
 * ```ts
 * h0Density([1], 1); // 0.002
 * ```
 */
export function h0Density(deaths: ArrayLike<number>, t: number, options: DensityLossOptions = {}): number {
  const sigma = options.sigma ?? 0.2;
  const scale = options.scale ?? 0.002;
  let s = 0;
  for (let i = 0; i < deaths.length; i++) {
    const d = deaths[i];
    s += d ** 4 * Math.exp(-(((d - t) / sigma) ** 2));
  }
  return s * scale;
}

/** The grid of {@link densityLoss}: `points` values evenly spaced on [0, maxRange], both ends included. */
export function densityGrid(options: DensityLossOptions = {}): Float64Array {
  const maxRange = options.maxRange ?? 35;
  const points = options.points ?? 30;
  return Float64Array.from({ length: points }, (_, i) => (points === 1 ? 0 : (maxRange * i) / (points - 1)));
}

/**
 * Density loss in H0: mean over the grid of (ρ_x(t) − ρ_target(t))², ρ from {@link h0Density}; gradient
 * through every death edge of x. `null` when x has no finite H0 pair.
 */
export function densityLoss(input: LossInput, options: DensityLossOptions = {}): tf.Scalar | null {
  const { deaths, deathEdges } = input.diagram.h0;
  if (deaths.length === 0) return null;
  const sigma = options.sigma ?? 0.2;
  const scale = options.scale ?? 0.002;
  const grid = densityGrid(options);
  const target = Float32Array.from(grid, (t) => h0Density(input.target.h0.deaths, t, options));
  return tf.tidy(() => {
    const d = tf.expandDims(lengthsOf(input, deathEdges), 1); // [K, 1]
    const t = tf.tensor2d(Float32Array.from(grid), [1, grid.length]);
    const w = tf.square(tf.square(d));
    const g = tf.exp(tf.neg(tf.square(tf.div(tf.sub(d, t), sigma))));
    const rho = tf.mul(tf.sum(tf.mul(w, g), 0), scale);
    return tf.mean(tf.square(tf.sub(rho, tf.tensor1d(target)))) as tf.Scalar;
  });
}
