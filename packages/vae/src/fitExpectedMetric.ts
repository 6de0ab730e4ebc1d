import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { ExpectedMetric } from './expectedMetric.js';
import type { GaussianVae } from './gaussianVae.js';
import { kmeansCentres } from './kmeansCentres.js';
import { rbfBandwidths } from './rbfBandwidths.js';
import { RBF_MIN_WEIGHT, type RbfFitOptions, RbfPrecision } from './rbfPrecision.js';

/** Options of {@link fitExpectedMetric}. */
export interface FitExpectedMetricOptions {
  /** RBF centres (k-means clusters of the latent means; default 64). */
  k?: number;
  /** Bandwidth factor a (default 1.25). */
  a?: number;
  /**
   * Precision floor ζ, or 'auto' (default): ζ = 1/α² with α = 1000 · mean decoder σ on the data, i.e. far from
   * the data the decoder's standard deviation is a thousand times its typical value on the data.
   */
  zeta?: number | 'auto';
  /** k-means restarts (default 10) and seed (default 0, also used for W's initialisation and the shuffles). */
  restarts?: number;
  seed?: number;
  /** Settings of the precision-network regression. */
  fit?: Omit<RbfFitOptions, 'seed'>;
  /**
   * Reuse a clustering of the same latent means (e.g. another fit's `centres` and `assignments` when only the
   * bandwidth factor a changes) instead of running k-means; `k` and `restarts` are then ignored.
   */
  clusters?: { centres: Float64Array; assignments: Int32Array };
}

/** Everything {@link fitExpectedMetric} computed. */
export interface FittedExpectedMetric {
  /** The expected metric rescaled so that the largest measure on the latent means is 1. */
  metric: ExpectedMetric;
  rbf: RbfPrecision;
  /** Row-major [n, d] latent means of the data, and [n, D] decoder log-variances at them. */
  latentMeans: Float32Array;
  decoderLogVar: Float32Array;
  centres: Float64Array;
  assignments: Int32Array;
  gamma: Float64Array;
  zeta: number;
  /** Mean regression loss per epoch. */
  history: number[];
}

/** Latent means μ_z(x) [n, d] and decoder log-variances log σ²(μ_z) [n, D] of row-major data, in chunks. */
export function encodeData(
  vae: GaussianVae,
  data: Float32Array,
  chunk = 2048,
): { mu: Float32Array; logVar: Float32Array } {
  const D = vae.inputDim;
  const d = vae.latentDim;
  const n = data.length / D;
  if (!Number.isInteger(n) || n === 0) {
    throw new CurvInputError(`data: expected a row-major [n, ${D}] array; got ${data.length} values`, 'data');
  }
  const mu = new Float32Array(n * d);
  const logVar = new Float32Array(n * D);
  for (let lo = 0; lo < n; lo += chunk) {
    const hi = Math.min(n, lo + chunk);
    const [m, l] = tf.tidy(() => {
      const q = vae.encode(tf.tensor2d(data.subarray(lo * D, hi * D), [hi - lo, D]));
      return [q.mean, vae.decode(q.mean).logVar];
    });
    mu.set(m.dataSync(), lo * d);
    logVar.set(l.dataSync(), lo * D);
    tf.dispose([m, l]);
  }
  return { mu, logVar };
}

/**
 * Initial W from the clusters: W_ka = max(P_ka / s_k − ζ, 1e-5), with P_ka the mean precision exp(−log σ²_a)
 * of the points of cluster k and s_k = Σ_j v_j(c_k) the overlap of the kernels at centre k, so that β(c_k) starts
 * near the data's precision there. (A U(0, 1) start needs thousands of epochs to reach precisions of several
 * hundred with Adam at lr 0.1.)
 */
export function clusterWeights(
  logVar: Float32Array,
  d: number,
  D: number,
  centres: Float64Array,
  assignments: Int32Array,
  gamma: Float64Array,
  zeta: number,
): Float32Array {
  const k = gamma.length;
  const P = new Float64Array(k * D);
  const count = new Float64Array(k);
  for (let i = 0; i < assignments.length; i++) {
    const c = assignments[i];
    count[c]++;
    for (let a = 0; a < D; a++) P[c * D + a] += Math.exp(-logVar[i * D + a]);
  }
  const W = new Float32Array(k * D);
  for (let c = 0; c < k; c++) {
    let overlap = 0;
    for (let j = 0; j < k; j++) {
      let r2 = 0;
      for (let q = 0; q < d; q++) r2 += (centres[c * d + q] - centres[j * d + q]) ** 2;
      overlap += Math.exp(-gamma[j] * r2);
    }
    for (let a = 0; a < D; a++) {
      const p = count[c] > 0 ? P[c * D + a] / count[c] : 1 / zeta;
      W[c * D + a] = Math.max(p / overlap - zeta, RBF_MIN_WEIGHT);
    }
  }
  return W;
}

/**
 * Build the expected metric of a trained VAE: encode the data, cluster the latent means (k-means with seeded
 * restarts), set the RBF bandwidths from the clusters, start W from the clusters' precisions, regress the decoder's log-variance with the precision
 * network (W ≥ 1e-5 by projection), and rescale M so that its largest measure on the latent means is 1.
 *
 * ```ts
 * const { metric } = await fitExpectedMetric(vae, data, { k: 64, a: 1.25 });
 * ```
 */
export async function fitExpectedMetric(
  vae: GaussianVae,
  data: Float32Array,
  options: FitExpectedMetricOptions = {},
): Promise<FittedExpectedMetric> {
  const d = vae.latentDim;
  const D = vae.inputDim;
  const seed = options.seed ?? 0;
  const { mu, logVar } = encodeData(vae, data);
  const n = mu.length / d;
  let km: { centres: Float64Array; assignments: Int32Array };
  if (options.clusters) {
    const { centres, assignments } = options.clusters;
    if (assignments.length !== n || centres.length % d !== 0 || centres.length === 0) {
      throw new CurvInputError(
        `clusters: expected centres [k, ${d}] and ${n} assignments; got ${centres.length} and ${assignments.length} values`,
        'clusters',
      );
    }
    km = options.clusters;
  } else {
    km = kmeansCentres(mu, d, Math.min(options.k ?? 64, n), { restarts: options.restarts ?? 10, seed });
  }
  const { gamma } = rbfBandwidths(mu, d, km.centres, km.assignments, options.a ?? 1.25);
  let zeta = options.zeta ?? 'auto';
  if (zeta === 'auto') {
    let s = 0;
    for (const v of logVar) s += Math.exp(0.5 * v);
    const alpha = 1000 * (s / logVar.length);
    zeta = 1 / (alpha * alpha);
  }
  const weight = clusterWeights(logVar, d, D, km.centres, km.assignments, gamma, zeta);
  const rbf = new RbfPrecision(km.centres, gamma, D, { zeta, weight });
  const history = await rbf.fit(mu, logVar, { ...options.fit, seed });
  const metric = new ExpectedMetric(vae.decoderMeanNetwork(), rbf).rescaled(mu);
  return {
    metric,
    rbf,
    latentMeans: mu,
    decoderLogVar: logVar,
    centres: km.centres,
    assignments: km.assignments,
    gamma,
    zeta,
    history,
  };
}
