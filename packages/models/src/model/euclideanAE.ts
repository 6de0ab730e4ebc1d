import {
  CurvInputError,
  type NamedTensor,
  Random,
  readSafetensors,
  requireTensor,
  type Safetensors,
  writeSafetensors,
} from '@curv/core';
import type { JetLayer, SequentialDecoder } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import type { Autoencoder } from '../latent/autoencoder.js';
import { encodeRows } from '../latent/encodeRows.js';
import { boxMeasure, type LatentMeasure } from '../latent/latentMeasure.js';
import { type DenseParams, transpose } from './torusAE.js';

export interface EuclideanAEOptions {
  /** Data dimension x_dim (784 MNIST and Synthetic Gaussians, 3 Swiss roll). */
  inputDim: number;
  /** Latent dimension d (default 2). */
  latentDim?: number;
  /** Hidden sizes [h₁, h₂] (default [512, 256], as the torus autoencoder). */
  hidden?: [number, number];
  /** Seed of the PyTorch-style initialisation (default 0); ignored when `rng` is given. */
  seed?: number;
  /** Generator for the initialisation (consumed in the order fc1.weight, fc1.bias, …, fc6.bias). */
  rng?: Random;
  /**
   * Widening of the box around a batch's codes in which uniform latent samples are drawn, as a fraction of
   * the codes' range on each side (default 0.1).
   */
  sampleMargin?: number;
}

const LAYER_NAMES = ['fc1', 'fc2', 'fc3', 'fc4', 'fc5', 'fc6'] as const;

/**
 * The torus autoencoder's sine MLP with a flat latent space R^d instead of the torus:
 *
 * * `encode(x)` = z = fc3(sin(fc2(sin(fc1(x))))) ∈ R^d (no angle wrapping, no (cos, sin) features);
 * * `decode(z)` = Ψ(z) = fc6(sin(fc5(sin(fc4(z))))) (linear output);
 * * `forward(x)` = { reconstruction: decode(encode(x)), encoding: encode(x) }.
 *
 * Layer shapes (PyTorch, out × in): fc1 h₁×x, fc2 h₂×h₁, fc3 d×h₂, fc4 h₂×d, fc5 h₁×h₂, fc6 x×h₁ — the same as
 * the torus autoencoder except fc4, which reads d coordinates instead of 2d features. Same initialisation
 * (every weight and bias U(−1/√fan_in, 1/√fan_in), drawn in the order fc1.weight, fc1.bias, …, fc6.bias), so
 * the two latent types start from comparable networks. The pull-back metric of Ψ lives on all of R^d; its
 * curvature comes from `decoder()` with the same jet routes as the torus model (no lifting needed).
 *
 * ```ts
 * const ae = new EuclideanAE({ inputDim: 3, seed: 0 });
 * const z = ae.encode(x); // [B, 2]
 * ```
 */
export class EuclideanAE implements Autoencoder {
  readonly latentType = 'euclidean' as const;
  /** Uniform samples in a box around the batch's codes (see `boxMeasure`). */
  readonly measure: LatentMeasure;
  readonly inputDim: number;
  readonly latentDim: number;
  readonly hidden: [number, number];
  /** fc1 … fc6 in order. */
  readonly layers: DenseParams[];

  constructor(options: EuclideanAEOptions) {
    const x = options.inputDim;
    const d = options.latentDim ?? 2;
    const [h1, h2] = options.hidden ?? [512, 256];
    for (const [k, v] of Object.entries({ inputDim: x, latentDim: d, 'hidden[0]': h1, 'hidden[1]': h2 })) {
      if (!Number.isInteger(v) || v <= 0)
        throw new CurvInputError(`EuclideanAE: ${k} must be a positive integer, got ${v}`, k);
    }
    this.inputDim = x;
    this.latentDim = d;
    this.hidden = [h1, h2];
    this.measure = boxMeasure(options.sampleMargin ?? 0.1);
    const rng = options.rng ?? new Random(options.seed ?? 0);
    const shapes = this.torchShapes();
    this.layers = LAYER_NAMES.map((name) => {
      const [out, inp] = shapes[`${name}.weight`];
      const bound = 1 / Math.sqrt(inp);
      const w = rng.uniformArray(out * inp, -bound, bound);
      const b = rng.uniformArray(out, -bound, bound);
      return {
        name,
        kernel: tf.tidy(() => tf.variable(tf.tensor2d(transpose(w, out, inp), [inp, out]))),
        bias: tf.tidy(() => tf.variable(tf.tensor1d(b))),
      };
    });
  }

  /** PyTorch state-dict shapes: `fcK.weight` [out, in], `fcK.bias` [out]. */
  torchShapes(): Record<string, number[]> {
    const [h1, h2] = this.hidden;
    const x = this.inputDim;
    const d = this.latentDim;
    const io: [number, number][] = [
      [h1, x],
      [h2, h1],
      [d, h2],
      [h2, d],
      [h1, h2],
      [x, h1],
    ];
    const out: Record<string, number[]> = {};
    LAYER_NAMES.forEach((n, i) => {
      out[`${n}.weight`] = io[i];
      out[`${n}.bias`] = [io[i][0]];
    });
    return out;
  }

  /** Number of scalar parameters (267 781 for 3-512-256-2). */
  parameterCount(): number {
    return this.layers.reduce((s, l) => s + l.kernel.size + l.bias.size, 0);
  }

  /** All trainable variables: fc1 kernel, fc1 bias, …, fc6 bias. */
  variables(): tf.Variable[] {
    return this.layers.flatMap((l) => [l.kernel, l.bias] as tf.Variable[]);
  }

  /** Encoder variables (fc1–fc3). */
  encoderVariables(): tf.Variable[] {
    return this.layers.slice(0, 3).flatMap((l) => [l.kernel, l.bias] as tf.Variable[]);
  }

  /** Decoder variables (fc4–fc6). */
  decoderVariables(): tf.Variable[] {
    return this.layers.slice(3).flatMap((l) => [l.kernel, l.bias] as tf.Variable[]);
  }

  private dense(i: number, x: tf.Tensor2D): tf.Tensor2D {
    const l = this.layers[i];
    return tf.add(tf.matMul(x, l.kernel), l.bias);
  }

  /** z = fc3(sin(fc2(sin(fc1(x))))): [B, x_dim] → [B, d]. */
  encode(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.dense(2, tf.sin(this.dense(1, tf.sin(this.dense(0, x))))));
  }

  /** The latent coordinates of an encoding are the codes themselves. */
  latentOfEncoding(encoding: tf.Tensor2D): tf.Tensor2D {
    return tf.clone(encoding);
  }

  /** The latent coordinates of x: the codes z (= {@link encode}). */
  latentCoordinates(x: tf.Tensor2D): tf.Tensor2D {
    return this.encode(x);
  }

  /** Ψ(z) = fc6(sin(fc5(sin(fc4(z))))): [B, d] → [B, x_dim]. */
  decode(z: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.dense(5, tf.sin(this.dense(4, tf.sin(this.dense(3, z))))));
  }

  /** Reconstruction decode(encode(x)) and encoding encode(x). */
  forward(x: tf.Tensor2D): { reconstruction: tf.Tensor2D; encoding: tf.Tensor2D } {
    const encoding = this.encode(x);
    const reconstruction = this.decode(encoding);
    return { reconstruction, encoding };
  }

  /**
   * Ψ in jet form for `@curv/geometry-autograd`: fc4 → sin → fc5 → sin → fc6 (`latentDim` = d). Layers
   * reference this model's variables, so gradients of geometry losses flow into the decoder weights.
   */
  decoder(): SequentialDecoder {
    const L = this.layers;
    const layers: JetLayer[] = [
      { kind: 'dense', kernel: L[3].kernel, bias: L[3].bias },
      { kind: 'activation', fn: 'sin' },
      { kind: 'dense', kernel: L[4].kernel, bias: L[4].bias },
      { kind: 'activation', fn: 'sin' },
      { kind: 'dense', kernel: L[5].kernel, bias: L[5].bias },
    ];
    return { latentDim: this.latentDim, layers };
  }

  /** The encoder x ↦ z in jet form (`latentDim` = x_dim), for encoder Jacobian norms. */
  encoderNet(): SequentialDecoder {
    const L = this.layers;
    const layers: JetLayer[] = [
      { kind: 'dense', kernel: L[0].kernel, bias: L[0].bias },
      { kind: 'activation', fn: 'sin' },
      { kind: 'dense', kernel: L[1].kernel, bias: L[1].bias },
      { kind: 'activation', fn: 'sin' },
      { kind: 'dense', kernel: L[2].kernel, bias: L[2].bias },
    ];
    return { latentDim: this.inputDim, layers };
  }

  /** Encode many rows (plain arrays) in chunks: [n·x_dim] → [n·d]. */
  codesOf(data: Float32Array, chunk = 2048): Float32Array {
    return encodeRows(
      data,
      this.inputDim,
      this.latentDim,
      chunk,
      (x) => this.encode(x),
      'EuclideanAE.codesOf',
    );
  }

  /** Weights as PyTorch-layout tensors (`fc1.weight` [out, in], …). */
  toTensors(): Record<string, NamedTensor> {
    const out: Record<string, NamedTensor> = {};
    for (const l of this.layers) {
      const [inp, o] = l.kernel.shape;
      out[`${l.name}.weight`] = {
        shape: [o, inp],
        data: transpose(l.kernel.dataSync() as Float32Array, inp, o),
      };
      out[`${l.name}.bias`] = { shape: [o], data: Float32Array.from(l.bias.dataSync() as Float32Array) };
    }
    return out;
  }

  /** Overwrite the weights from PyTorch-layout tensors (shapes checked; errors name `source`). */
  setTensors(st: Safetensors | Record<string, NamedTensor>, source = '<weights>'): void {
    const file: Safetensors =
      'tensors' in st && 'metadata' in st
        ? (st as Safetensors)
        : { tensors: st as Record<string, NamedTensor>, metadata: {} };
    const shapes = this.torchShapes();
    for (const l of this.layers) {
      const w = requireTensor(file, `${l.name}.weight`, shapes[`${l.name}.weight`], source);
      const b = requireTensor(file, `${l.name}.bias`, shapes[`${l.name}.bias`], source);
      const [o, inp] = w.shape;
      tf.tidy(() => {
        l.kernel.assign(tf.tensor2d(transpose(w.data, o, inp), [inp, o]));
        l.bias.assign(tf.tensor1d(b.data));
      });
    }
  }

  /** Save as safetensors (PyTorch key names, metadata `architecture: EuclideanAE`; atomic write). */
  save(path: string, metadata: Record<string, string> = {}): void {
    writeSafetensors(path, this.toTensors(), { format: 'pt', ...metadata, architecture: 'EuclideanAE' });
  }

  /**
   * Build a EuclideanAE from a safetensors state dict (a path or parsed file); x_dim, h₁, h₂ and d are
   * inferred from `fc1.weight` [h₁, x], `fc2.weight` [h₂, h₁], `fc3.weight` [d, h₂]; the other shapes are
   * checked, so a torus autoencoder's weights (fc4 reading 2d features) are rejected with the tensor named.
   */
  static fromSafetensors(
    file: string | Safetensors,
    source = typeof file === 'string' ? file : '<weights>',
  ): EuclideanAE {
    const st = typeof file === 'string' ? readSafetensors(file) : file;
    const shapeOf = (name: string): number[] => {
      const t = st.tensors[name];
      if (t?.shape.length !== 2) {
        throw new CurvInputError(
          `${source}: missing 2-D tensor '${name}' (not an autoencoder state dict?)`,
          source,
        );
      }
      return t.shape;
    };
    const [h1, x] = shapeOf('fc1.weight');
    const [h2] = shapeOf('fc2.weight');
    const [d] = shapeOf('fc3.weight');
    const ae = new EuclideanAE({ inputDim: x, latentDim: d, hidden: [h1, h2], seed: 0 });
    try {
      ae.setTensors(st, source);
    } catch (e) {
      ae.dispose();
      throw e;
    }
    return ae;
  }

  /** Free the variables. */
  dispose(): void {
    for (const v of this.variables()) v.dispose();
  }
}
