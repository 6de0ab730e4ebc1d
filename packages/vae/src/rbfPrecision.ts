import { Adam, CurvInputError, type NamedTensor, Random } from '@curv/core';
import { multiIndices } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import { blockMatMul, rowProducts, type StackedJet } from './stackedJet.js';

/** σ(z) of an RBF precision network and its latent derivatives, each [B, D]. */
export interface SigmaJet {
  value: tf.Tensor2D;
  /** ∂σ/∂z_i, i = 0..d−1 (empty for order 0). */
  first: tf.Tensor2D[];
  /** ∂²σ/∂z_i∂z_j for the pairs i ≤ j in lexicographic order (empty below order 2). */
  second: tf.Tensor2D[];
}

/** Training settings of {@link RbfPrecision.fit}. */
export interface RbfFitOptions {
  /** Epochs over the latent means (default 300). */
  epochs?: number;
  /** Batch size (default 128). */
  batchSize?: number;
  /** Adam learning rate on W (default 0.1). */
  lr?: number;
  /** Seed of the shuffles (default 0). */
  seed?: number;
  signal?: AbortSignal;
  /** Called after every epoch with the mean loss. */
  onEpoch?: (epoch: number, loss: number) => void | Promise<void>;
}

/** Smallest weight kept by the projection after every step (positivity of the precision). */
export const RBF_MIN_WEIGHT = 1e-5;

/**
 * An RBF precision network β(z) = W v(z) + ζ with v_k(z) = exp(−γ_k ‖z − c_k‖²) and W ≥ 0, giving the decoder
 * standard deviation σ(z) = β(z)^{−1/2} per output dimension. Far from every centre β → ζ, so σ grows to
 * ζ^{−1/2}: the decoder becomes uncertain away from the data, which is what makes the expected metric grow
 * there. σ and its first and second latent derivatives are in closed form ({@link RbfPrecision.sigmaJet}).
 *
 * ```ts
 * const rbf = new RbfPrecision(centres, gamma, 784, { zeta: 1e-6 });
 * await rbf.fit(latentMeans, decoderLogVar, { epochs: 100 });
 * ```
 */
export class RbfPrecision {
  readonly k: number;
  readonly d: number;
  readonly outputDim: number;
  readonly zeta: number;
  /** Row-major [k, d] centres and [k] inverse widths (plain copies). */
  readonly centres: Float64Array;
  readonly gamma: Float64Array;
  /** W stored as [k, D] (β = v·W + ζ), kept ≥ {@link RBF_MIN_WEIGHT}. */
  readonly weight: tf.Variable<tf.Rank.R2>;
  private readonly c: tf.Tensor2D;
  private readonly g: tf.Tensor2D;

  constructor(
    centres: ArrayLike<number>,
    gamma: ArrayLike<number>,
    outputDim: number,
    options: { zeta?: number; seed?: number; weight?: Float32Array } = {},
  ) {
    this.k = gamma.length;
    this.d = Math.floor(centres.length / Math.max(1, this.k));
    if (this.k === 0 || this.d * this.k !== centres.length) {
      throw new CurvInputError(
        `centres: expected a row-major [k, d] array with k = ${this.k}; got ${centres.length} values`,
        'centres',
      );
    }
    for (let i = 0; i < this.k; i++) {
      if (!(gamma[i] > 0 && Number.isFinite(gamma[i])))
        throw new CurvInputError(`gamma[${i}]: expected > 0; got ${gamma[i]}`, 'gamma');
    }
    if (!Number.isInteger(outputDim) || outputDim <= 0) {
      throw new CurvInputError(`outputDim: expected a positive integer; got ${outputDim}`, 'outputDim');
    }
    this.outputDim = outputDim;
    this.zeta = options.zeta ?? 1e-6;
    if (!(this.zeta > 0))
      throw new CurvInputError(`zeta: expected a positive precision floor; got ${this.zeta}`, 'zeta');
    this.centres = Float64Array.from(centres);
    this.gamma = Float64Array.from(gamma);
    const init = options.weight ?? new Random(options.seed ?? 0).uniformArray(this.k * outputDim, 0, 1);
    if (init.length !== this.k * outputDim) {
      throw new CurvInputError(
        `weight: expected ${this.k}·${outputDim} values; got ${init.length}`,
        'weight',
      );
    }
    this.weight = tf.tidy(() => tf.variable(tf.tensor2d(init, [this.k, outputDim]), true));
    this.c = tf.tensor2d(Float32Array.from(this.centres), [this.k, this.d]);
    this.g = tf.tensor2d(Float32Array.from(this.gamma), [1, this.k]);
  }

  /** v(z) [B, k]. */
  features(z: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.exp(tf.neg(tf.mul(this.g, this.squaredDistances(z)))) as tf.Tensor2D);
  }

  private squaredDistances(z: tf.Tensor2D): tf.Tensor2D {
    let s: tf.Tensor = tf.zeros([z.shape[0], this.k]);
    for (let i = 0; i < this.d; i++) s = tf.add(s, tf.square(this.diff(z, i)));
    return s as tf.Tensor2D;
  }

  /** z_i − c_{k,i} as [B, k]. */
  private diff(z: tf.Tensor2D, i: number): tf.Tensor2D {
    const zi = z.slice([0, i], [-1, 1]);
    const ci = this.c.slice([0, i], [this.k, 1]).reshape([1, this.k]);
    return tf.sub(zi, ci) as tf.Tensor2D;
  }

  /** Precision β(z) [B, D]. */
  precision(z: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.add(tf.matMul(this.features(z), this.weight), this.zeta) as tf.Tensor2D);
  }

  /** σ(z) = β(z)^{−1/2} [B, D]. */
  sigma(z: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.rsqrt(this.precision(z)) as tf.Tensor2D);
  }

  /** log σ²(z) = −log β(z) [B, D]. */
  logVariance(z: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => tf.neg(tf.log(this.precision(z))) as tf.Tensor2D);
  }

  /**
   * σ and its latent derivatives up to `order` in closed form:
   * v_i = −2γ(z_i − c_i) v, v_ij = (4γ²(z_i − c_i)(z_j − c_j) − 2γδ_ij) v, β_• = v_• W,
   * σ_i = −½ β^{−3/2} β_i, σ_ij = ¾ β^{−5/2} β_i β_j − ½ β^{−3/2} β_ij.
   * Not wrapped in tf.tidy; use inside one.
   */
  sigmaJet(z: tf.Tensor2D, order: 0 | 1 | 2): SigmaJet {
    if (z.rank !== 2 || z.shape[1] !== this.d) {
      throw new CurvInputError(`z: expected [B, ${this.d}] points; got [${z.shape}]`, 'z');
    }
    const v = this.features(z);
    const beta = tf.add(tf.matMul(v, this.weight), this.zeta);
    const rs = tf.rsqrt(beta); // β^{−1/2}
    const value = rs as tf.Tensor2D;
    if (order === 0) return { value, first: [], second: [] };
    const r3 = tf.mul(tf.mul(rs, rs), rs); // β^{−3/2}
    const diffs = Array.from({ length: this.d }, (_, i) => this.diff(z, i));
    const gv = tf.mul(this.g, v); // γ v
    const betaFirst = diffs.map((di) => tf.matMul(tf.mul(tf.mul(di, gv), -2), this.weight));
    const first = betaFirst.map((bi) => tf.mul(tf.mul(r3, bi), -0.5) as tf.Tensor2D);
    if (order === 1) return { value, first, second: [] };
    const r5 = tf.mul(r3, tf.mul(rs, rs));
    const g2v = tf.mul(this.g, gv); // γ² v
    const second = multiIndices(this.d).pairs.map(([i, j]) => {
      let vij = tf.mul(tf.mul(tf.mul(diffs[i], diffs[j]), g2v), 4);
      if (i === j) vij = tf.sub(vij, tf.mul(gv, 2));
      const bij = tf.matMul(vij, this.weight);
      return tf.sub(
        tf.mul(tf.mul(r5, tf.mul(betaFirst[i], betaFirst[j])), 0.75),
        tf.mul(tf.mul(r3, bij), 0.5),
      ) as tf.Tensor2D;
    });
    return { value, first, second };
  }

  /**
   * {@link RbfPrecision.sigmaJet} stacked per point ({@link StackedJet}: first [B, d, D], second [B, d², D] with
   * row k·d + i = ∂_k∂_i σ): the feature derivatives are formed on [B, d, K] by broadcasting, and each order takes
   * one matMul with W. Not wrapped in tf.tidy; use inside one.
   */
  stackedSigmaJet(z: tf.Tensor2D, order: 1 | 2): StackedJet {
    if (z.rank !== 2 || z.shape[1] !== this.d) {
      throw new CurvInputError(`z: expected [B, ${this.d}] points; got [${z.shape}]`, 'z');
    }
    const d = this.d;
    const v = this.features(z);
    const beta = tf.add(tf.matMul(v, this.weight), this.zeta);
    const rs = tf.rsqrt(beta); // β^{−1/2}
    const beta1 = tf.reciprocal(beta);
    // Constant factors go on the narrow [B, 1, D] and [B, d, K] tensors, not on the wide [B, d², D] ones.
    const r3h = tf.expandDims(tf.mul(tf.mul(beta1, rs), -0.5), 1); // −½ β^{−3/2} [B, 1, D]
    const diff = tf.sub(tf.expandDims(z, 2), tf.expandDims(tf.transpose(this.c), 0)) as tf.Tensor3D; // [B, d, K]
    const gv = tf.expandDims(tf.mul(this.g, v), 1); // γ v [B, 1, K]
    const betaFirst = blockMatMul(tf.mul(diff, tf.mul(gv, -2)) as tf.Tensor3D, this.weight); // β_i [B, d, D]
    const first = tf.mul(r3h, betaFirst) as tf.Tensor3D; // σ_i = −½ β^{−3/2} β_i
    if (order === 1) return { value: rs as tf.Tensor2D, first, second: null };
    const g2v = tf.mul(tf.expandDims(this.g, 0), gv); // γ² v [B, 1, K]
    const delta = tf.eye(d).reshape([1, d * d, 1]);
    const vki = tf.sub(
      tf.mul(rowProducts(diff), tf.mul(g2v, 4)),
      tf.mul(delta, tf.mul(gv, 2)),
    ) as tf.Tensor3D;
    const bki = blockMatMul(vki, this.weight); // β_ki [B, d², D]
    // σ_ki = ¾ β^{−5/2} β_k β_i − ½ β^{−3/2} β_ki = 3 β^{1/2} σ_k σ_i − ½ β^{−3/2} β_ki
    const second = tf.add(
      tf.mul(tf.expandDims(tf.mul(tf.sqrt(beta), 3), 1), rowProducts(first)),
      tf.mul(r3h, bki),
    ) as tf.Tensor3D;
    return { value: rs as tf.Tensor2D, first, second };
  }

  /**
   * Fit W so that −log β(μ_n) regresses the decoder's log-variance at the latent means: minimise
   * mean_batch Σ_D (target − (−log β))² with Adam, then project W onto W ≥ 1e-5 after every step.
   * `latents` [n, d] and `targetLogVar` [n, D] are row-major. Returns the mean loss of each epoch.
   */
  async fit(
    latents: Float32Array,
    targetLogVar: Float32Array,
    options: RbfFitOptions = {},
  ): Promise<number[]> {
    const n = latents.length / this.d;
    if (!Number.isInteger(n) || n === 0 || targetLogVar.length !== n * this.outputDim) {
      throw new CurvInputError(
        `fit: expected latents [n, ${this.d}] and targets [n, ${this.outputDim}]; got ${latents.length} and ${targetLogVar.length} values`,
        'latents',
      );
    }
    const epochs = options.epochs ?? 300;
    const batchSize = options.batchSize ?? 128;
    let created: Adam | undefined;
    tf.tidy(() => {
      created = new Adam([this.weight], { lr: options.lr ?? 0.1 });
    });
    const opt = created as unknown as Adam;
    const rng = new Random(options.seed ?? 0);
    const history: number[] = [];
    const D = this.outputDim;
    try {
      for (let e = 0; e < epochs; e++) {
        if (options.signal?.aborted) break;
        const perm = rng.permutation(n);
        let sum = 0;
        let count = 0;
        for (let lo = 0; lo < n; lo += batchSize) {
          const hi = Math.min(n, lo + batchSize);
          const zs = new Float32Array((hi - lo) * this.d);
          const ts = new Float32Array((hi - lo) * D);
          for (let i = lo; i < hi; i++) {
            zs.set(latents.subarray(perm[i] * this.d, (perm[i] + 1) * this.d), (i - lo) * this.d);
            ts.set(targetLogVar.subarray(perm[i] * D, (perm[i] + 1) * D), (i - lo) * D);
          }
          const loss = tf.tidy(() => {
            const z = tf.tensor2d(zs, [hi - lo, this.d]);
            const t = tf.tensor2d(ts, [hi - lo, D]);
            const { value, grads } = tf.variableGrads(
              () => tf.mean(tf.sum(tf.square(tf.sub(t, this.logVariance(z))), 1)) as tf.Scalar,
              [this.weight],
            );
            opt.step([grads[this.weight.name]]);
            this.weight.assign(tf.maximum(this.weight, RBF_MIN_WEIGHT));
            return value.dataSync()[0];
          });
          sum += loss;
          count++;
        }
        history.push(sum / count);
        await options.onEpoch?.(e + 1, sum / count);
        await new Promise<void>((r) => setTimeout(r, 0));
      }
    } finally {
      opt.dispose();
    }
    return history;
  }

  /** Parameters as named plain tensors (centres, gamma, zeta, weight). */
  tensors(): Record<string, NamedTensor> {
    return {
      'rbf.centres': { shape: [this.k, this.d], data: Float32Array.from(this.centres) },
      'rbf.gamma': { shape: [this.k], data: Float32Array.from(this.gamma) },
      'rbf.zeta': { shape: [1], data: Float32Array.of(this.zeta) },
      'rbf.weight': { shape: [this.k, this.outputDim], data: Float32Array.from(this.weight.dataSync()) },
    };
  }

  /** Rebuild from {@link RbfPrecision.tensors}. */
  static fromTensors(t: Record<string, NamedTensor>, source = '<rbf>'): RbfPrecision {
    for (const k of ['rbf.centres', 'rbf.gamma', 'rbf.zeta', 'rbf.weight']) {
      if (!t[k]) throw new CurvInputError(`${source}: missing tensor '${k}'`, source);
    }
    return new RbfPrecision(t['rbf.centres'].data, t['rbf.gamma'].data, t['rbf.weight'].shape[1], {
      zeta: t['rbf.zeta'].data[0],
      weight: t['rbf.weight'].data,
    });
  }

  dispose(): void {
    tf.dispose([this.weight, this.c, this.g]);
  }
}
