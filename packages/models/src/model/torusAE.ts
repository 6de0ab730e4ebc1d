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
import { anglesOfEncoding, encodeRows } from '../latent/encodeRows.js';
import { type LatentMeasure, torusMeasure } from '../latent/latentMeasure.js';

export interface TorusAEOptions {
  /** Data dimension x_dim (784 MNIST, 3 Swiss roll). */
  inputDim: number;
  /** Latent dimension d (default 2). */
  latentDim?: number;
  /** Hidden sizes [h₁, h₂] (default [512, 256], as the original). */
  hidden?: [number, number];
  /** Seed of the PyTorch-style initialisation (default 0); ignored when `rng` is given. */
  seed?: number;
  /** Generator for the initialisation (consumed in the order fc1.weight, fc1.bias, …, fc6.bias). */
  rng?: Random;
}

/** One fully connected layer y = x·kernel + bias; kernel [in, out] (PyTorch `weight` is its transpose). */
export interface DenseParams {
  name: string;
  kernel: tf.Variable<tf.Rank.R2>;
  bias: tf.Variable<tf.Rank.R1>;
}

const LAYER_NAMES = ['fc1', 'fc2', 'fc3', 'fc4', 'fc5', 'fc6'] as const;

/**
 * The torus auto-encoder (all non-linearities are sine):
 *
 * * `encoderTorus(x)` = h = fc3(sin(fc2(sin(fc1(x))))) ∈ R^d (raw angles);
 * * `encode(x)` = [cos h, sin h] ∈ R^{2d} — **cosines first**;
 * * `encoderToAngles(x)` = φ = atan2(sin h, cos h) ∈ (−π, π];
 * * `decode(w)` = fc6(sin(fc5(sin(fc4(w))))) for w ∈ R^{2d} (linear output);
 * * `decodeAngles(φ)` = Ψ(φ) = decode([cos φ, sin φ]) — the 2π-periodic decoder whose pull-back
 *   metric defines the latent geometry;
 * * `forward(x)` = { reconstruction: decode(encode(x)), encoding: encode(x) }.
 *
 * Layer shapes (PyTorch, out × in): fc1 h₁×x, fc2 h₂×h₁, fc3 d×h₂, fc4 h₂×2d, fc5 h₁×h₂, fc6 x×h₁.
 * Parameters are `tf.Variable`s (kernels stored [in, out]); initialisation is PyTorch's default for
 * `nn.Linear`: every weight and bias i.i.d. U(−1/√fan_in, 1/√fan_in), drawn from a seeded `Random`.
 *
 * ```ts
 * const ae = new TorusAE({ inputDim: 784, seed: 0 });
 * const phi = ae.encoderToAngles(x); // [B, 2]
 * ```
 */
export class TorusAE implements Autoencoder {
  readonly latentType = 'torus' as const;
  /** Uniform samples on [−π, π)^d, volume (2π)^d, equidistribution of the encodings. */
  readonly measure: LatentMeasure = torusMeasure;
  readonly inputDim: number;
  readonly latentDim: number;
  readonly hidden: [number, number];
  /** fc1 … fc6 in order. */
  readonly layers: DenseParams[];

  constructor(options: TorusAEOptions) {
    const x = options.inputDim;
    const d = options.latentDim ?? 2;
    const [h1, h2] = options.hidden ?? [512, 256];
    for (const [k, v] of Object.entries({ inputDim: x, latentDim: d, 'hidden[0]': h1, 'hidden[1]': h2 })) {
      if (!Number.isInteger(v) || v <= 0)
        throw new CurvInputError(`TorusAE: ${k} must be a positive integer, got ${v}`, k);
    }
    this.inputDim = x;
    this.latentDim = d;
    this.hidden = [h1, h2];
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
    return expectedTorchShapes(this.inputDim, this.hidden[0], this.hidden[1], this.latentDim);
  }

  /** Number of scalar parameters (1 068 818 for 784-512-256-2). */
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

  /** h = fc3(sin(fc2(sin(fc1(x))))): [B, x_dim] → [B, d]. */
  encoderTorus(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.dense(2, tf.sin(this.dense(1, tf.sin(this.dense(0, x))))));
  }

  /** [cos h, sin h]: [B, x_dim] → [B, 2d] (cosines first). */
  encode(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const h = this.encoderTorus(x);
      return tf.concat([tf.cos(h), tf.sin(h)], 1);
    });
  }

  /** φ = atan2(sin h, cos h) ∈ (−π, π]: [B, x_dim] → [B, d]. */
  encoderToAngles(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const h = this.encoderTorus(x);
      return tf.atan2(tf.sin(h), tf.cos(h));
    });
  }

  /** φ = atan2(sin h, cos h) of an encoding [cos h, sin h] [B, 2d] → [B, d] (on the gradient tape). */
  latentOfEncoding(encoding: tf.Tensor2D): tf.Tensor2D {
    return anglesOfEncoding(encoding);
  }

  /** The latent coordinates of x: the angles φ (= {@link encoderToAngles}). */
  latentCoordinates(x: tf.Tensor2D): tf.Tensor2D {
    return this.encoderToAngles(x);
  }

  /** fc6(sin(fc5(sin(fc4(w))))): [B, 2d] → [B, x_dim]. */
  decode(w: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.dense(5, tf.sin(this.dense(4, tf.sin(this.dense(3, w))))));
  }

  /** Ψ(φ) = decode([cos φ, sin φ]): [B, d] → [B, x_dim]. */
  decodeAngles(phi: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.decode(tf.concat([tf.cos(phi), tf.sin(phi)], 1)));
  }

  /** Reconstruction decode(encode(x)) and encoding encode(x). */
  forward(x: tf.Tensor2D): { reconstruction: tf.Tensor2D; encoding: tf.Tensor2D } {
    const encoding = this.encode(x);
    const reconstruction = this.decode(encoding);
    return { reconstruction, encoding };
  }

  /**
   * Ψ in jet form for `@curv/geometry-autograd`: torusLift → fc4 → sin → fc5 → sin → fc6
   * (`latentDim` = d). Layers reference this model's variables, so gradients of geometry losses
   * flow into the decoder weights.
   */
  decoder(): SequentialDecoder {
    const L = this.layers;
    const layers: JetLayer[] = [
      { kind: 'torusLift' },
      { kind: 'dense', kernel: L[3].kernel, bias: L[3].bias },
      { kind: 'activation', fn: 'sin' },
      { kind: 'dense', kernel: L[4].kernel, bias: L[4].bias },
      { kind: 'activation', fn: 'sin' },
      { kind: 'dense', kernel: L[5].kernel, bias: L[5].bias },
    ];
    return { latentDim: this.latentDim, layers };
  }

  /**
   * The raw-angle encoder h(x) = fc3(sin(fc2(sin(fc1(x))))) in jet form (`latentDim` = x_dim), for
   * encoder Jacobian norms (contractive loss).
   */
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

  /** Encode many rows (plain arrays) to angles in chunks: [n·x_dim] → [n·d]. */
  anglesOf(data: Float32Array, chunk = 2048): Float32Array {
    return encodeRows(
      data,
      this.inputDim,
      this.latentDim,
      chunk,
      (x) => this.encoderToAngles(x),
      'TorusAE.anglesOf',
    );
  }

  /** The latent coordinates of many rows: the angles (= {@link anglesOf}). */
  codesOf(data: Float32Array, chunk = 2048): Float32Array {
    return this.anglesOf(data, chunk);
  }

  /** Weights as PyTorch-layout tensors (`fc1.weight` [out, in], …), the original state-dict keys. */
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

  /** Save as safetensors with the PyTorch key names (atomic write). */
  save(path: string, metadata: Record<string, string> = {}): void {
    writeSafetensors(path, this.toTensors(), { format: 'pt', architecture: 'TorusAE', ...metadata });
  }

  /**
   * Build a TorusAE from a safetensors state dict (a path or parsed file); x_dim, h₁, h₂ and d are
   * inferred from `fc1.weight` [h₁, x], `fc2.weight` [h₂, h₁], `fc3.weight` [d, h₂] and the other
   * shapes are checked. Weights exported from the original PyTorch code
   * (`safetensors.torch.save_file(torch.load('ae_weights.pt'), 'ae_weights.safetensors')`) load
   * unchanged.
   */
  static fromSafetensors(
    file: string | Safetensors,
    source = typeof file === 'string' ? file : '<weights>',
  ): TorusAE {
    const st = typeof file === 'string' ? readSafetensors(file) : file;
    const shapeOf = (name: string): number[] => {
      const t = st.tensors[name];
      if (t?.shape.length !== 2) {
        throw new CurvInputError(
          `${source}: missing 2-D tensor '${name}' (not a TorusAE state dict?)`,
          source,
        );
      }
      return t.shape;
    };
    const [h1, x] = shapeOf('fc1.weight');
    const [h2] = shapeOf('fc2.weight');
    const [d] = shapeOf('fc3.weight');
    // Check the complete state dict (every tensor present, with its shape, finite values) before
    // allocating the model: the sizes are then bounded by the file's own data.
    checkStateDict(st, expectedTorchShapes(x, h1, h2, d), source);
    const ae = new TorusAE({ inputDim: x, latentDim: d, hidden: [h1, h2], seed: 0 });
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

/** PyTorch state-dict shapes of a TorusAE x-h1-h2-d (see {@link TorusAE.torchShapes}). */
function expectedTorchShapes(x: number, h1: number, h2: number, d: number): Record<string, number[]> {
  const io: [number, number][] = [
    [h1, x],
    [h2, h1],
    [d, h2],
    [h2, 2 * d],
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

/**
 * Every tensor of `shapes` present with that shape and only finite values; otherwise a
 * {@link CurvInputError} naming `source` and the tensor.
 */
function checkStateDict(st: Safetensors, shapes: Record<string, number[]>, source: string): void {
  for (const [name, shape] of Object.entries(shapes)) requireTensor(st, name, shape, source);
  for (const name of Object.keys(shapes)) {
    const data = st.tensors[name].data;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i])) {
        throw new CurvInputError(
          `${source}: tensor '${name}' has a non-finite value ${data[i]} at index ${i}; expected finite weights`,
          source,
        );
      }
    }
  }
}

/** Transpose a row-major [r, c] matrix into a new row-major [c, r] array. */
export function transpose(a: ArrayLike<number>, r: number, c: number): Float32Array {
  const out = new Float32Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) out[j * r + i] = a[i * c + j];
  return out;
}
