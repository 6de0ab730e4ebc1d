import { CurvInputError, type NamedTensor, Random } from '@curv/core';
import type { ActivationName, SequentialDecoder } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import { type DenseVariables, denseVariables, mlpForward, mlpLayers } from './mlp.js';

/** Architecture of a {@link GaussianVae}. */
export interface GaussianVaeConfig {
  /** Data dimension D. */
  inputDim: number;
  /** Latent dimension d (default 2). */
  latentDim?: number;
  /** Encoder hidden widths (default [32, 32]); the decoder uses them in reverse order. */
  hidden?: number[];
  /** Hidden activation (default 'tanh'). */
  activation?: ActivationName;
  /** Output activation of the decoder mean: 'identity' (default) or 'sigmoid' (pixels in [0, 1]). */
  decoderMean?: 'identity' | 'sigmoid';
  /**
   * Floor of the decoder log-variance: log σ²(z) = floor + softplus(·) (default −8, σ ≥ 0.018), which keeps
   * the Gaussian likelihood bounded on data with (nearly) constant coordinates such as MNIST borders.
   */
  minLogVar?: number;
  /** Seed of the weight initialisation (default 0). */
  seed?: number;
}

/** The resolved configuration (all defaults filled). */
export type ResolvedVaeConfig = Required<GaussianVaeConfig>;

function resolve(c: GaussianVaeConfig): ResolvedVaeConfig {
  const r: ResolvedVaeConfig = {
    inputDim: c.inputDim,
    latentDim: c.latentDim ?? 2,
    hidden: c.hidden ?? [32, 32],
    activation: c.activation ?? 'tanh',
    decoderMean: c.decoderMean ?? 'identity',
    minLogVar: c.minLogVar ?? -8,
    seed: c.seed ?? 0,
  };
  const posInt = (v: number, k: string) => {
    if (!Number.isInteger(v) || v <= 0)
      throw new CurvInputError(`vae.${k}: expected a positive integer; got ${v}`, k);
  };
  posInt(r.inputDim, 'inputDim');
  posInt(r.latentDim, 'latentDim');
  if (!Array.isArray(r.hidden) || r.hidden.length === 0) {
    throw new CurvInputError('vae.hidden: expected a non-empty list of widths', 'hidden');
  }
  for (const h of r.hidden) posInt(h, 'hidden');
  if (r.decoderMean !== 'identity' && r.decoderMean !== 'sigmoid') {
    throw new CurvInputError(
      `vae.decoderMean: expected 'identity' or 'sigmoid'; got ${r.decoderMean}`,
      'decoderMean',
    );
  }
  if (!Number.isFinite(r.minLogVar))
    throw new CurvInputError('vae.minLogVar: expected a finite number', 'minLogVar');
  return r;
}

/** Encoder output: latent mean and log-variance, each [B, d]. */
export interface Encoding {
  mean: tf.Tensor2D;
  logVar: tf.Tensor2D;
}

/** Decoder output: mean μ(z) and log-variance log σ²(z), each [B, D]. */
export interface Decoding {
  mean: tf.Tensor2D;
  logVar: tf.Tensor2D;
}

/**
 * A Gaussian variational autoencoder with a Euclidean latent space R^d: encoder q(z|x) = N(μ_z, diag σ_z²)
 * and decoder p(x|z) = N(μ(z), diag σ²(z)), all fully connected (tanh by default). The decoder mean is a
 * jet-capable network ({@link GaussianVae.decoderMeanNetwork}) so that its Jacobian and Hessian come from
 * forward jets.
 *
 * ```ts
 * const vae = new GaussianVae({ inputDim: 3 });
 * const { mean } = vae.encode(tf.tensor2d([[0, 0, 0]])); // [1, 2]
 * ```
 */
export class GaussianVae {
  readonly config: ResolvedVaeConfig;
  private readonly encHidden: DenseVariables[];
  private readonly encMean: DenseVariables;
  private readonly encLogVar: DenseVariables;
  private readonly decHidden: DenseVariables[];
  private readonly decMean: DenseVariables;
  private readonly decLogVar: DenseVariables;

  constructor(config: GaussianVaeConfig) {
    this.config = resolve(config);
    const { inputDim: D, latentDim: d, hidden, seed } = this.config;
    const rng = new Random(seed);
    this.encHidden = [];
    let w = D;
    hidden.forEach((h, i) => {
      this.encHidden.push(denseVariables(w, h, rng, `encoder.${i}`));
      w = h;
    });
    this.encMean = denseVariables(w, d, rng, 'encoder.mean');
    this.encLogVar = denseVariables(w, d, rng, 'encoder.logvar');
    const rev = [...hidden].reverse();
    this.decHidden = [];
    w = d;
    rev.forEach((h, i) => {
      this.decHidden.push(denseVariables(w, h, rng, `decoder.${i}`));
      w = h;
    });
    this.decMean = denseVariables(w, D, rng, 'decoder.mean');
    this.decLogVar = denseVariables(w, D, rng, 'decoder.logvar');
  }

  get inputDim(): number {
    return this.config.inputDim;
  }

  get latentDim(): number {
    return this.config.latentDim;
  }

  private trunk(layers: DenseVariables[], inputDim: number): SequentialDecoder {
    return { latentDim: inputDim, layers: mlpLayers(layers, this.config.activation, this.config.activation) };
  }

  /** μ(z) as a jet-capable network R^d → R^D (hidden layers, mean head, output activation). */
  decoderMeanNetwork(): SequentialDecoder {
    const layers = mlpLayers(
      [...this.decHidden, this.decMean],
      this.config.activation,
      this.config.decoderMean,
    );
    return { latentDim: this.config.latentDim, layers };
  }

  /** q(z|x): latent means and log-variances of data rows x [B, D]. */
  encode(x: tf.Tensor2D): Encoding {
    return tf.tidy(() => {
      const h = mlpForward(this.trunk(this.encHidden, this.inputDim), x);
      const mean = tf.add(tf.matMul(h, this.encMean.kernel), this.encMean.bias) as tf.Tensor2D;
      const logVar = tf.add(tf.matMul(h, this.encLogVar.kernel), this.encLogVar.bias) as tf.Tensor2D;
      return { mean, logVar };
    }) as unknown as Encoding;
  }

  /** p(x|z): decoder mean μ(z) and log-variance log σ²(z) at latent points z [B, d]. */
  decode(z: tf.Tensor2D): Decoding {
    return tf.tidy(() => {
      const h = mlpForward(this.trunk(this.decHidden, this.latentDim), z);
      let mean = tf.add(tf.matMul(h, this.decMean.kernel), this.decMean.bias) as tf.Tensor2D;
      if (this.config.decoderMean === 'sigmoid') mean = tf.sigmoid(mean);
      const raw = tf.add(tf.matMul(h, this.decLogVar.kernel), this.decLogVar.bias);
      const logVar = tf.add(tf.softplus(raw), this.config.minLogVar) as tf.Tensor2D;
      return { mean, logVar };
    }) as unknown as Decoding;
  }

  /** All trainable variables in a fixed order (encoder, then decoder). */
  variables(): tf.Variable[] {
    return this.dense().flatMap((l) => [l.kernel, l.bias]);
  }

  /** Names of {@link GaussianVae.variables} in saved weights, in the same order. */
  variableNames(): string[] {
    return this.dense().flatMap((l) => [`${l.name}.kernel`, `${l.name}.bias`]);
  }

  private dense(): DenseVariables[] {
    return [...this.encHidden, this.encMean, this.encLogVar, ...this.decHidden, this.decMean, this.decLogVar];
  }

  /** Weights as named plain tensors (kernels [in, out]); inverse of {@link GaussianVae.setWeights}. */
  weights(): Record<string, NamedTensor> {
    const out: Record<string, NamedTensor> = {};
    const names = this.variableNames();
    this.variables().forEach((v, i) => {
      out[names[i]] = { shape: [...v.shape], data: Float32Array.from(v.dataSync()) };
    });
    return out;
  }

  /** Load weights written by {@link GaussianVae.weights} (names and shapes must match). */
  setWeights(tensors: Record<string, NamedTensor>, source = '<weights>'): void {
    const names = this.variableNames();
    this.variables().forEach((v, i) => {
      const t = tensors[names[i]];
      if (!t) throw new CurvInputError(`${source}: missing tensor '${names[i]}'`, source);
      if (t.shape.length !== v.shape.length || t.shape.some((s, k) => s !== v.shape[k])) {
        throw new CurvInputError(
          `${source}: tensor '${names[i]}' has shape [${t.shape}]; expected [${v.shape}]`,
          source,
        );
      }
      tf.tidy(() => v.assign(tf.tensor(t.data, v.shape)));
    });
  }

  dispose(): void {
    for (const v of this.variables()) v.dispose();
  }
}
