import { performance } from 'node:perf_hooks';
import { CurvInputError, Random } from '@curv/core';
import {
  curvatureLoss,
  decoderFunction,
  rhombusCurvature,
  rhombusCurvatureLoss,
  type SequentialDecoder,
  scalarCurvature,
} from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';

/** The float32 step sizes of AD vs FD: 5·logspace(−3, −1, 7) = 0.005, 0.01077, …, 0.5. */
export const FLOAT32_STEPS: readonly number[] = Array.from({ length: 7 }, (_, k) => 5 * 10 ** (-3 + k / 3));

/** float32 machine epsilon / 2 as quoted by the original (5.96e-8). */
export const FLOAT32_ERROR_LEVEL = 5.96e-8;

export interface AdFdOptions {
  /** Number of centres (default 1024). */
  centres?: number;
  /** Seed of the centres 1.9π(U − 0.5) (default 0). */
  seed?: number;
  /** Step sizes h (default {@link FLOAT32_STEPS}). */
  steps?: readonly number[];
}

/** Accuracy of the FD rhombus R against AD R at one step size. */
export interface AdFdStep {
  h: number;
  /** mean (R_FD − R_AD)². */
  mse: number;
  /** mean |R_FD − R_AD|. */
  mae: number;
  /** mean |R_AD|. */
  meanAbsR: number;
  /** mean |R_FD − R_AD| / |R_AD|. */
  meanRelativeError: number;
  medianRelativeError: number;
}

export interface AdFdEvaluation {
  /** Number of centres. */
  centres: number;
  seed: number;
  steps: AdFdStep[];
  /** Relative errors |R_FD − R_AD|/|R_AD| per step size (centres with R_AD = 0 dropped). */
  relativeErrors: number[][];
  /** The step with the smallest mean relative error. */
  bestStep: number;
}

/** N centres 1.9π(U − 0.5) per coordinate (seeded), row-major [N, 2]. */
export function adFdCentres(count: number, seed: number): Float32Array {
  const rng = new Random(seed);
  const out = new Float32Array(2 * count);
  for (let i = 0; i < out.length; i++) out[i] = 1.9 * Math.PI * (rng.uniform() - 0.5);
  return out;
}

function median(sorted: number[]): number {
  const m = sorted.length;
  if (m === 0) return Number.NaN;
  return m % 2 === 1 ? sorted[(m - 1) / 2] : 0.5 * (sorted[m / 2 - 1] + sorted[m / 2]);
}

/**
 * AD vs FD: accuracy of the finite-difference rhombus scalar curvature (`rhombusCurvature`)
 * against the exact jet curvature (`scalarCurvature`, Gauss route) of a decoder, for each step size h, at
 * seeded centres 1.9π(U − 0.5) — MSE, MAE, mean |R|, mean and median relative error, and the relative
 * errors themselves. In float32 the error is U-shaped in h: truncation O(h²) on the right, rounding
 * ≈ ε|Ψ|/h³ (three nested differences) on the left.
 */
export function evaluateAdFd(decoder: SequentialDecoder, options: AdFdOptions = {}): AdFdEvaluation {
  const count = options.centres ?? 1024;
  const seed = options.seed ?? 0;
  const steps = [...(options.steps ?? FLOAT32_STEPS)];
  if (!Number.isInteger(count) || count < 1) {
    throw new CurvInputError(`centres: expected an integer ≥ 1; got ${count}`, 'centres');
  }
  if (decoder.latentDim !== 2) {
    throw new CurvInputError(
      `decoder: the rhombus scheme needs latent dimension 2; got ${decoder.latentDim}`,
      'decoder',
    );
  }
  const z = tf.tensor2d(adFdCentres(count, seed), [count, 2]);
  const fn = decoderFunction(decoder);
  try {
    const adT = scalarCurvature(decoder, z, { route: 'gauss' });
    const ad = adT.dataSync() as Float32Array;
    adT.dispose();
    const rows: AdFdStep[] = [];
    const relativeErrors: number[][] = [];
    for (const h of steps) {
      const fdT = tf.tidy(() => rhombusCurvature(fn, z, { h }).R);
      const fd = fdT.dataSync() as Float32Array;
      fdT.dispose();
      let se = 0;
      let ae = 0;
      let absR = 0;
      let relSum = 0;
      const rel: number[] = [];
      for (let i = 0; i < count; i++) {
        const e = fd[i] - ad[i];
        se += e * e;
        ae += Math.abs(e);
        absR += Math.abs(ad[i]);
        if (ad[i] !== 0) {
          const r = Math.abs(e) / Math.abs(ad[i]);
          rel.push(r);
          relSum += r;
        }
      }
      const sorted = [...rel].sort((a, b) => a - b);
      rows.push({
        h,
        mse: se / count,
        mae: ae / count,
        meanAbsR: absR / count,
        meanRelativeError: relSum / rel.length,
        medianRelativeError: median(sorted),
      });
      relativeErrors.push(rel);
    }
    let best = 0;
    rows.forEach((r, k) => {
      if (r.meanRelativeError < rows[best].meanRelativeError) best = k;
    });
    return { centres: count, seed, steps: rows, relativeErrors, bestStep: rows[best].h };
  } finally {
    z.dispose();
  }
}

/**
 * One row of `timing_results_batch_minigrids.json`: seconds per forward evaluation of the curvature
 * loss, the **median** of the timed repetitions after one warm-up.
 */
export interface TimingRow {
  batch_size: number;
  /** FD rhombus minigrids (h = 0.01), median seconds. */
  Sc_fd_rhombus_median_time: number;
  /** Exact jets on the Gauss route (second-order derivatives of the decoder), median seconds. */
  Sc_gauss_jets_median_time: number;
  /** The original's key for the FD time: same value as `Sc_fd_rhombus_median_time` (kept for readers of the old files). */
  Sc_fd_rhombus_avg_time: number;
  /** The original's key for the AD time (it used jacfwd): same value as `Sc_gauss_jets_median_time`. */
  Sc_jacfwd_avg_time: number;
}

export interface TimingOptions {
  /** Batch sizes (default 16, 32, 64, 128, 256, 512). */
  batchSizes?: readonly number[];
  /** Timed repetitions per batch size and method (default 5; the median is reported). */
  repetitions?: number;
  /** Seed of the standard-normal centres (default 0). */
  seed?: number;
}

function medianTime(run: () => void, repetitions: number): number {
  run(); // warm-up (kernel compilation, allocation)
  const t: number[] = [];
  for (let r = 0; r < repetitions; r++) {
    const t0 = performance.now();
    run();
    t.push((performance.now() - t0) / 1000);
  }
  return median(t.sort((a, b) => a - b));
}

/**
 * AD vs FD timing: forward evaluation of the curvature loss mean R²√det g by FD rhombus minigrids
 * (h = 0.01, eps = 0) and by exact jets (Gauss route) on the first b of max(batchSizes) standard-normal
 * centres, median over `repetitions` runs after one warm-up. Wall-clock seconds: noisy on a shared machine.
 */
export function timeCurvatureLosses(decoder: SequentialDecoder, options: TimingOptions = {}): TimingRow[] {
  const sizes = [...(options.batchSizes ?? [16, 32, 64, 128, 256, 512])];
  const reps = options.repetitions ?? 5;
  if (sizes.length === 0 || sizes.some((b) => !Number.isInteger(b) || b < 1)) {
    throw new CurvInputError(`batchSizes: expected positive integers; got [${sizes}]`, 'batchSizes');
  }
  const rng = new Random(options.seed ?? 0);
  const maxB = Math.max(...sizes);
  const all = tf.tensor2d(rng.normalArray(2 * maxB), [maxB, 2]);
  const fn = decoderFunction(decoder);
  const sync = (t: tf.Scalar) => {
    t.dataSync();
    t.dispose();
  };
  try {
    return sizes.map((b) => {
      const z = all.slice([0, 0], [b, 2]);
      try {
        const fd = medianTime(() => sync(rhombusCurvatureLoss(fn, z, { h: 0.01 })), reps);
        const jets = medianTime(() => sync(curvatureLoss(decoder, z, { route: 'gauss' })), reps);
        return {
          batch_size: b,
          Sc_fd_rhombus_median_time: fd,
          Sc_gauss_jets_median_time: jets,
          Sc_fd_rhombus_avg_time: fd,
          Sc_jacfwd_avg_time: jets,
        };
      } finally {
        z.dispose();
      }
    });
  } finally {
    all.dispose();
  }
}
