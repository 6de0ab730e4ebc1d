import { CurvInputError, type Random } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { uniformTorusSamples } from '../losses/curvature.js';
import { equidistributionLoss } from '../losses/equidistribution.js';

/** Points at which a latent integral is estimated, and the coordinate volume they are uniform over. */
export interface LatentSample {
  /** [n, d] constant latent points. */
  points: tf.Tensor2D;
  /** log of the coordinate volume of the domain the points are uniform on ((2π)^d on the torus). */
  logVolume: number;
}

/**
 * The Monte-Carlo measure of a latent space: where uniform latent samples come from, the coordinate
 * volume over which batch encodings are treated as uniform, and (torus only) the equidistribution
 * penalty that pushes the encodings towards the uniform law.
 *
 * Integrals such as ∫R² dμ or Perelman's F and W are estimated as averages over points that are
 * assumed uniform on a domain of known coordinate volume; the torus has a natural one ([−π, π)^d),
 * the plane does not, so the Euclidean measure uses a box around the batch's codes.
 */
export interface LatentMeasure {
  /** `torus`: [−π, π)^d with periodic coordinates; `box`: R^d, sampled in a box around the codes. */
  readonly kind: 'torus' | 'box';
  /** True when latent coordinates are angles (period 2π). */
  readonly periodic: boolean;
  /**
   * `n` uniform samples for a batch whose detached latent codes are `codes` (row-major [B, d]; the torus
   * ignores them), consuming `rng`.
   */
  uniformSamples(n: number, d: number, rng: Random, codes: ArrayLike<number>): LatentSample;
  /**
   * log coordinate volume over which the batch's own codes ([B, d], constant) are treated as uniform (read only
   * by measures that depend on them).
   */
  encodingLogVolume(codes: tf.Tensor2D): number;
  /**
   * Factor turning the sample mean of an integrand into the curvature loss for a domain of log volume
   * `logVolume`: 1 on the torus (the loss is the mean, i.e. the integral over (2π)^d, as the original), the
   * volume V on the box (the Monte-Carlo integral V·mean: a mean alone would reward spreading the codes over
   * a larger box, which changes the parametrisation but not the surface).
   */
  integralFactor(logVolume: number): number;
  /** Moment-matching penalty of the encodings to the uniform law, when this latent space has one. */
  equidistribution?(encoding: tf.Tensor2D, numMoments: number): tf.Scalar;
}

/** The flat torus [−π, π)^d: uniform samples cover all of it, volume (2π)^d, equidistribution on the encodings. */
export const torusMeasure: LatentMeasure = {
  kind: 'torus',
  periodic: true,
  uniformSamples(n, d, rng) {
    return { points: uniformTorusSamples(n, d, rng), logVolume: d * Math.log(2 * Math.PI) };
  },
  encodingLogVolume(codes) {
    return codes.shape[1] * Math.log(2 * Math.PI);
  },
  integralFactor() {
    return 1;
  },
  equidistribution(encoding, numMoments) {
    return equidistributionLoss(encoding, numMoments);
  },
};

/**
 * Per-coordinate bounds [lo, hi] of the codes widened by `margin` times their range on each side (a range
 * below 1e-6 counts as 1e-6, so the box never has zero volume).
 */
export function codeBox(codes: ArrayLike<number>, d: number, margin = 0): { lo: number[]; hi: number[] } {
  const n = codes.length / d;
  if (!(n >= 1) || !Number.isInteger(n)) {
    throw new CurvInputError(
      `latent box: expected at least one code of dimension ${d}, got ${codes.length} values`,
    );
  }
  const lo: number[] = [];
  const hi: number[] = [];
  for (let c = 0; c < d; c++) {
    let a = Number.POSITIVE_INFINITY;
    let b = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
      const v = codes[i * d + c];
      if (v < a) a = v;
      if (v > b) b = v;
    }
    if (!Number.isFinite(a) || !Number.isFinite(b)) {
      throw new CurvInputError(`latent box: coordinate ${c} of the codes is not finite`);
    }
    const range = Math.max(b - a, 1e-6);
    const mid = (a + b) / 2;
    lo.push(mid - range * (0.5 + margin));
    hi.push(mid + range * (0.5 + margin));
  }
  return { lo, hi };
}

const logBoxVolume = (box: { lo: number[]; hi: number[] }) =>
  box.lo.reduce((s, l, c) => s + Math.log(box.hi[c] - l), 0);

/**
 * The plane R^d measured on a box around the batch's codes: uniform samples fill the codes' bounding box
 * widened by `margin` × its range on each side (default 0.1), and the batch's own codes are treated as
 * uniform on their bounding box. No equidistribution penalty (the plane has no uniform law).
 */
export function boxMeasure(margin = 0.1): LatentMeasure {
  if (!(margin >= 0)) throw new CurvInputError(`latent box: margin must be ≥ 0, got ${margin}`, 'margin');
  return {
    kind: 'box',
    periodic: false,
    uniformSamples(n, d, rng, codes) {
      const box = codeBox(codes, d, margin);
      const u = rng.uniformArray(n * d, 0, 1);
      for (let i = 0; i < n; i++)
        for (let c = 0; c < d; c++) u[i * d + c] = box.lo[c] + (box.hi[c] - box.lo[c]) * u[i * d + c];
      return { points: tf.tensor2d(u, [n, d]), logVolume: logBoxVolume(box) };
    },
    encodingLogVolume(codes) {
      return logBoxVolume(codeBox(codes.dataSync(), codes.shape[1], 0));
    },
    integralFactor(logVolume) {
      return Math.exp(logVolume);
    },
  };
}
