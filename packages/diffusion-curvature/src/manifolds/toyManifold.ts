import { Random } from '@curv/core';

/** A sampled manifold with its exact curvature at every sample. */
export interface ToyManifold {
  /** Samples, one row per point (ambient coordinates). */
  points: number[][];
  /** Intrinsic dimension. */
  dim: number;
  /** Exact scalar curvature at every point (for surfaces: twice the Gaussian curvature). */
  scalarCurvature: Float64Array;
  /** Exact Gaussian curvature at every point (surfaces only; null otherwise). */
  gaussianCurvature: Float64Array | null;
}

/** Sampling options shared by the toy manifolds. */
export interface SampleOptions {
  /** Seed of a fresh generator (default 0); ignored when `rng` is given. */
  seed?: number;
  /** Generator to draw from (advanced by the call). */
  rng?: Random;
}

export const generator = (o: SampleOptions): Random => o.rng ?? new Random(o.seed ?? 0);

/** Draws parameters until `n` are accepted with probability density(u)/bound (uniform by area). */
export function rejectionSample<T>(
  n: number,
  rng: Random,
  propose: () => T,
  density: (u: T) => number,
  bound: number,
): T[] {
  const out: T[] = [];
  while (out.length < n) {
    const u = propose();
    if (rng.uniform() * bound < density(u)) out.push(u);
  }
  return out;
}

/** Area element ‖r_u × r_v‖ of a parametric surface from its two tangent vectors. */
export function areaElement(ru: number[], rv: number[]): number {
  const cx = ru[1] * rv[2] - ru[2] * rv[1];
  const cy = ru[2] * rv[0] - ru[0] * rv[2];
  const cz = ru[0] * rv[1] - ru[1] * rv[0];
  return Math.hypot(cx, cy, cz);
}

export function checkCount(n: number, what: string): void {
  if (!Number.isInteger(n) || n < 1) throw new Error(`${what}: n must be a positive integer, got ${n}`);
}
