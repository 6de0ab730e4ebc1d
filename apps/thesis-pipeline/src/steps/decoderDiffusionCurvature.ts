import { Random } from '@curv/core';
import { compareCurvature, diffusionCurvature } from '@curv/diffusion-curvature';
import {
  type CurvatureRoute,
  curvatureAndMetric,
  type Decoder,
  decoderFunction,
  hasJets,
} from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';

/** Settings of {@link decoderDiffusionCurvature}. */
export interface DecoderDiffusionCurvatureOptions {
  /** Target median support of the diffusion operator (must be below the number of points). */
  graphKnn: number;
  /** Diffusion times: first and last (every integer in between). */
  times: [number, number];
  /** Seed of the flat comparison samples. */
  seed: number;
  /** Exact-curvature route (default gauss for jet-capable decoders, fd for plain functions). */
  route?: CurvatureRoute;
  /**
   * Sign agreement counts points with |K| > signThreshold · max|K| (default 0.05): a fraction of the
   * largest exact curvature, since decoded surfaces have curvature on very different scales.
   */
  signThreshold?: number;
  signal?: AbortSignal;
  onProgress?: (stage: string) => void;
}

/** The diffusion curvature k of a decoder's image Ψ(z) and the exact Gaussian curvature K = R/2 at the same z. */
export interface DecoderDiffusionCurvature {
  /** Diffusion curvature per point (smoothed, as the estimator returns it). */
  k: number[];
  /** Exact Gaussian curvature R/2 of the decoded surface per point. */
  K: number[];
  /** Latent points, row-major [n, 2]. */
  z: number[];
  pearson: number;
  spearman: number;
  /** Fraction of points with |K| > threshold where sign(k) = sign(K). */
  signAgreement: number;
  /** Points counted in the sign agreement and the |K| threshold used. */
  signCount: number;
  signThreshold: number;
  /** Tuned bandwidth factor, median support of P, whether the tuning reached graphKnn ± tolerance. */
  nu: number | null;
  /** Kernel bandwidth σ in the ambient space (the walk's step length). */
  sigma: number;
  /**
   * max|K| · σ²: how curved the surface is at the scale the walk sees (≈ 0.1–0.3 on the unit-scale torus
   * where k follows K; near 0 the curvature is too weak to leave a mark in the diffusion).
   */
  curvatureAtKernelScale: number;
  support: number;
  converged: boolean;
  /** Diffusion times and, per point, the diffusion entropy at those times (for energy-vs-t figures). */
  times: number[];
  energy: Float64Array[];
  /** Entropy of the flat comparison walk at the same times. */
  flatEnergy: Float64Array;
  /** Ambient dimension of the decoded cloud. */
  ambientDim: number;
}

/** Row-major [n, d] latent points → tfjs function Ψ. */
function imageFunction(decoder: Decoder): (z: tf.Tensor2D) => tf.Tensor2D {
  return hasJets(decoder) ? decoderFunction(decoder) : decoder;
}

/** Exact R of the pull-back metric at z (row-major [n, 2]), in chunks. */
function exactScalarCurvature(decoder: Decoder, z: Float32Array, route?: CurvatureRoute, chunk = 512) {
  const n = z.length / 2;
  const R = new Float32Array(n);
  for (let s = 0; s < n; s += chunk) {
    const e = Math.min(n, s + chunk);
    const r = tf.tidy(
      () => curvatureAndMetric(decoder, tf.tensor2d(z.subarray(2 * s, 2 * e), [e - s, 2]), { route }).R,
    );
    R.set(r.dataSync() as Float32Array, s);
    r.dispose();
  }
  return R;
}

function firstNonFinite(a: ArrayLike<number>): number {
  for (let i = 0; i < a.length; i++) if (!Number.isFinite(a[i])) return i;
  return -1;
}

/**
 * Diffusion curvature of the cloud Ψ(z) ⊂ R^D (intrinsic dimension 2) compared with the exact Gaussian
 * curvature K = R/2 of the decoded surface at the same latent points z (R from @curv/geometry-autograd):
 * Pearson, Spearman and sign agreement (by @curv/diffusion-curvature's `compareCurvature`). Pure: no files;
 * abortable through `options.signal` (the promise rejects with the signal's reason). Throws a clear
 * Error when R, k or a correlation is not finite, so that no NaN leaves as a result.
 *
 * ```ts
 * const c = await decoderDiffusionCurvature(model.decoder(), z, { graphKnn: 150, times: [1, 39], seed: 0 });
 * c.pearson; // correlation of k with R/2 over the points
 * ```
 */
export async function decoderDiffusionCurvature(
  decoder: Decoder,
  z: Float32Array,
  options: DecoderDiffusionCurvatureOptions,
): Promise<DecoderDiffusionCurvature> {
  const n = z.length / 2;
  if (!Number.isInteger(n) || n < 3) {
    throw new Error(`diffusion curvature: expected latent points [n, 2] with n ≥ 3, got ${z.length} values`);
  }
  if (options.graphKnn >= n) {
    throw new Error(
      `diffusion curvature: graphKnn ${options.graphKnn} must be below the number of points ${n}`,
    );
  }
  const R = exactScalarCurvature(decoder, z, options.route);
  const badR = firstNonFinite(R);
  if (badR >= 0) {
    throw new Error(
      `diffusion curvature: exact R is not finite at latent point ${badR} (${z[2 * badR]}, ${z[2 * badR + 1]})`,
    );
  }
  const K = Array.from(R, (r) => r / 2);
  const psi = imageFunction(decoder);
  const image = tf.tidy(() => psi(tf.tensor2d(z, [n, 2])));
  const ambientDim = image.shape[1];
  let r: Awaited<ReturnType<ReturnType<typeof diffusionCurvature>['run']>>;
  try {
    const dc = diffusionCurvature()
      .graphKnn(options.graphKnn)
      .times(options.times[0], options.times[1])
      .seed(options.seed);
    r = await dc.run(image, 2, { signal: options.signal, onProgress: options.onProgress });
  } finally {
    image.dispose();
  }
  const badK = firstNonFinite(r.k);
  if (badK >= 0) {
    throw new Error(
      `diffusion curvature: k is not finite at point ${badK} (ν ${r.nu}, support ${r.support}); try another graphKnn`,
    );
  }
  const maxAbsK = K.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const signThreshold = (options.signThreshold ?? 0.05) * maxAbsK;
  let c: ReturnType<typeof compareCurvature>;
  try {
    c = compareCurvature(r.k, K, { signThreshold });
  } catch (e) {
    // @curv/stats throws on a constant sample (e.g. a flat decoder, R ≡ 0): no correlation exists.
    throw new Error(`diffusion curvature: no correlation between k and R/2 — ${(e as Error).message}`);
  }
  if (!Number.isFinite(c.pearson) || !Number.isFinite(c.spearman)) {
    throw new Error('diffusion curvature: the correlation of k and R/2 is not finite (constant values?)');
  }
  return {
    k: Array.from(r.k),
    K,
    z: Array.from(z),
    pearson: c.pearson,
    spearman: c.spearman,
    // No point above the threshold (curvature ≡ 0) leaves nothing to compare: report 0 agreement of 0 points.
    signAgreement: c.signCount > 0 ? c.signAgreement : 0,
    signCount: c.signCount,
    signThreshold,
    nu: r.nu,
    sigma: r.sigma,
    curvatureAtKernelScale: maxAbsK * r.sigma * r.sigma,
    support: r.support,
    converged: r.converged,
    times: r.times,
    energy: r.energy,
    flatEnergy: r.flat[0].energy,
    ambientDim,
  };
}

/**
 * Latent sample for the comparison: `n − m` points uniform on the torus [−π, π)² and `m` of the data
 * encodings (`encodings` row-major [N, 2]; m = min(⌊n/2⌋, N), a random subset without repetition).
 * Returns the points (row-major) and, per point, its source ('uniform' first, then 'data').
 */
export function latentSample(
  n: number,
  encodings: Float32Array,
  seed: number,
): { z: Float32Array; source: ('uniform' | 'data')[] } {
  const rng = new Random(seed);
  const available = Math.floor(encodings.length / 2);
  const m = Math.min(Math.floor(n / 2), available);
  const u = n - m;
  const z = new Float32Array(2 * n);
  z.set(rng.uniformArray(2 * u, -Math.PI, Math.PI), 0);
  const perm = rng.permutation(available);
  for (let i = 0; i < m; i++) {
    z[2 * (u + i)] = encodings[2 * perm[i]];
    z[2 * (u + i) + 1] = encodings[2 * perm[i] + 1];
  }
  const source: ('uniform' | 'data')[] = [...Array(u).fill('uniform'), ...Array(m).fill('data')];
  return { z, source };
}

/**
 * `n` latent points uniform by area on the decoded surface: candidates uniform on [−π, π)², accepted with
 * probability √det g(z) / bound (rejection sampling; bound = 1.2 × the largest area element of a
 * 4096-point pilot sample). `areaElement` maps row-major [m, 2] points to √det g at each.
 */
export function areaUniformSample(
  areaElement: (z: Float32Array) => ArrayLike<number>,
  n: number,
  seed: number,
  batch = 1024,
): Float32Array {
  const rng = new Random(seed);
  const pilot = areaElement(rng.uniformArray(2 * 4096, -Math.PI, Math.PI));
  let bound = 0;
  for (let i = 0; i < pilot.length; i++) if (Number.isFinite(pilot[i])) bound = Math.max(bound, pilot[i]);
  if (!(bound > 0))
    throw new Error('diffusion curvature: the decoder has no positive area element to sample by');
  bound *= 1.2;
  const z = new Float32Array(2 * n);
  let m = 0;
  for (let round = 0; m < n; round++) {
    if (round > 10_000) throw new Error('diffusion curvature: area-uniform sampling accepts almost nothing');
    const cand = rng.uniformArray(2 * batch, -Math.PI, Math.PI);
    const a = areaElement(cand);
    for (let i = 0; i < batch && m < n; i++) {
      if (rng.uniform() * bound < a[i]) {
        z[2 * m] = cand[2 * i];
        z[2 * m + 1] = cand[2 * i + 1];
        m++;
      }
    }
  }
  return z;
}
