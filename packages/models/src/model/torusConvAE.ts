import {
  CurvInputError,
  type NamedTensor,
  Random,
  readSafetensors,
  requireTensor,
  type Safetensors,
  writeSafetensors,
} from '@curv/core';
import { activationJet, denseJet, type Jet, type JetDecoder, torusLiftJet } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import { anglesOfEncoding, encodeRows } from '../latent/encodeRows.js';
import { type LatentMeasure, torusMeasure } from '../latent/latentMeasure.js';
import { conv2d, conv2dTranspose } from './convOps.js';
import type { TorusModel } from './torusModel.js';

/**
 * Non-linearity of the convolutional torus autoencoder: `relu` (the original network) or `softplus`
 * (log(1 + eˣ), a smooth ReLU: infinitely differentiable, so the decoder has second and third
 * derivatives everywhere and its pull-back metric a curvature that derivatives see).
 */
export type ConvActivation = 'relu' | 'softplus';

export const CONV_ACTIVATIONS: readonly ConvActivation[] = ['relu', 'softplus'];

export interface TorusConvAEOptions {
  /** Latent dimension d (default 2). */
  latentDim?: number;
  /** Non-linearity between layers (default `relu`, as the original). */
  activation?: ConvActivation;
  /** Seed of the PyTorch-style initialisation (default 0); ignored when `rng` is given. */
  seed?: number;
  /** Generator for the initialisation (consumed in the order of {@link TorusConvAE.tensorNames}). */
  rng?: Random;
}

/** One convolution: tfjs filter ([k, k, in, out] for conv, [k, k, out, in] for a transposed conv), bias [out]. */
interface ConvParams {
  name: string;
  filter: tf.Variable<tf.Rank.R4>;
  bias: tf.Variable<tf.Rank.R1>;
  /** PyTorch in/out channels of the layer. */
  inChannels: number;
  outChannels: number;
  stride: number;
  pad: number;
  transposed: boolean;
  /** Spatial output size (square). */
  outSize: number;
}

interface BatchNormParams {
  name: string;
  gamma: tf.Variable<tf.Rank.R1>;
  beta: tf.Variable<tf.Rank.R1>;
}

interface LinearParams {
  name: string;
  kernel: tf.Variable<tf.Rank.R2>;
  bias: tf.Variable<tf.Rank.R1>;
}

/** Image side (MNIST): inputs are 28×28×1 images flattened row-major to 784 values. */
export const CONV_IMAGE_SIZE = 28;
const K = 3;
const BN_EPS = 1e-5;
/** Encoder convolutions: [in, out, stride, pad, output side]. 28 → 26 → 24 → 12 → 6 → 3. */
const ENCODER: [number, number, number, number, number][] = [
  [1, 8, 1, 0, 26],
  [8, 8, 1, 0, 24],
  [8, 8, 2, 1, 12],
  [8, 16, 2, 1, 6],
  [16, 32, 2, 1, 3],
];
/** Decoder transposed convolutions: [in, out, stride, pad, output side]. 3 → 7 → 14 → 28. */
const DECODER: [number, number, number, number, number][] = [
  [32, 16, 2, 0, 7],
  [16, 8, 2, 1, 14],
  [8, 1, 2, 1, 28],
];
const FLAT = 32 * 3 * 3;
const HIDDEN = 128;

/**
 * The convolutional torus autoencoder for 28×28 images (x_dim 784):
 *
 * * encoder: five 3×3 convolutions 1→8→8→8→16→32 channels, strides 1, 1, 2, 2, 2 and paddings
 *   0, 0, 1, 1, 1 (sides 28 → 26 → 24 → 12 → 6 → 3), each followed by batch normalisation with the
 *   statistics of the current batch (no running statistics, in training and evaluation alike; learnt
 *   scale and shift) and the activation; flatten (channel-major, 288) → fc1 288→128 → activation →
 *   fc2 128→d = h (raw angles); `encode(x)` = [cos h, sin h] (cosines first);
 * * decoder (no batch normalisation, so Ψ is a function of each latent point alone):
 *   fc3 2d→128 → activation → fc4 128→288 → activation → reshape 32×3×3 → three 3×3 transposed
 *   convolutions 32→16→8→1 channels, stride 2, paddings 0, 1, 1 and output paddings 0, 1, 1
 *   (sides 3 → 7 → 14 → 28), activation between them → sigmoid; reconstructions lie in (0, 1);
 * * `decodeAngles(φ)` = Ψ(φ) = decode([cos φ, sin φ]), 2π-periodic in every coordinate.
 *
 * With `activation: 'relu'` the decoder D: R^{2d} → R^784 is piecewise affine before the sigmoid,
 * so its own second derivatives vanish between kinks. Ψ = σ∘D∘lift is still curved there (the lift
 * φ ↦ (cos φ, sin φ) and the sigmoid are), so R between kinks is neither zero nor without gradient;
 * but across a kink the metric jumps, and the curvature concentrated on the kinks is invisible to
 * any derivative-based (jet) computation, while finite differences straddling a kink see it. Use
 * `activation: 'softplus'` for a decoder whose curvature is a smooth function derivatives measure
 * in full.
 *
 * Weights (safetensors, PyTorch layouts and names): `conv1`…`conv5` (.weight [out, in, 3, 3],
 * .bias [out]), `bn1`…`bn5` (.weight = scale, .bias = shift, [channels]), `fc1` [128, 288], `fc2`
 * [d, 128], `fc3` [128, 2d], `fc4` [288, 128] (.weight [out, in], .bias [out]), `deconv1`…`deconv3`
 * (.weight [in, out, 3, 3], .bias [out]). Initialisation as PyTorch's defaults: weights and biases
 * U(−1/√fan_in, 1/√fan_in) with fan_in = in·9 (conv), out·9 (transposed conv), in (linear); batch-norm
 * scale 1 and shift 0.
 *
 * ```ts
 * const ae = new TorusConvAE({ activation: 'softplus', seed: 0 });
 * const R = scalarCurvature(ae.decoder(), phi); // @curv/geometry-autograd
 * ```
 */
export class TorusConvAE implements TorusModel {
  readonly latentType = 'torus' as const;
  /** Monte-Carlo latent samples: uniform on the torus. */
  readonly measure: LatentMeasure = torusMeasure;
  readonly inputDim = CONV_IMAGE_SIZE * CONV_IMAGE_SIZE;
  readonly latentDim: number;
  readonly activation: ConvActivation;
  readonly encoderConvs: ConvParams[];
  readonly batchNorms: BatchNormParams[];
  /** fc1, fc2 (encoder), fc3, fc4 (decoder). */
  readonly linears: LinearParams[];
  readonly decoderConvs: ConvParams[];

  constructor(options: TorusConvAEOptions = {}) {
    const d = options.latentDim ?? 2;
    if (!Number.isInteger(d) || d <= 0) {
      throw new CurvInputError(`TorusConvAE: latentDim must be a positive integer, got ${d}`, 'latentDim');
    }
    const act = options.activation ?? 'relu';
    if (!CONV_ACTIVATIONS.includes(act)) {
      throw new CurvInputError(
        `TorusConvAE: activation must be one of ${CONV_ACTIVATIONS.join(', ')}, got ${JSON.stringify(act)}`,
        'activation',
      );
    }
    this.latentDim = d;
    this.activation = act;
    const rng = options.rng ?? new Random(options.seed ?? 0);
    const uniform = (n: number, fanIn: number) => {
      const bound = 1 / Math.sqrt(fanIn);
      return rng.uniformArray(n, -bound, bound);
    };
    const conv = (name: string, spec: [number, number, number, number, number], transposed: boolean) => {
      const [cin, cout, stride, pad, outSize] = spec;
      const fanIn = (transposed ? cout : cin) * K * K;
      const w = uniform(cin * cout * K * K, fanIn);
      const b = uniform(cout, fanIn);
      const torchShape = transposed ? [cin, cout, K, K] : [cout, cin, K, K];
      return {
        name,
        filter: tf.tidy(() => tf.variable(fromTorchFilter(w, torchShape))),
        bias: tf.tidy(() => tf.variable(tf.tensor1d(b))),
        inChannels: cin,
        outChannels: cout,
        stride,
        pad,
        transposed,
        outSize,
      } satisfies ConvParams;
    };
    const linear = (name: string, inp: number, out: number): LinearParams => {
      const w = uniform(out * inp, inp);
      const b = uniform(out, inp);
      return {
        name,
        kernel: tf.tidy(() =>
          tf.variable(tf.transpose(tf.tensor2d(w, [out, inp]))),
        ) as tf.Variable<tf.Rank.R2>,
        bias: tf.tidy(() => tf.variable(tf.tensor1d(b))),
      };
    };
    // Draw order = tensorNames() order (batch norms draw nothing).
    this.encoderConvs = ENCODER.map((s, i) => conv(`conv${i + 1}`, s, false));
    this.batchNorms = ENCODER.map(([, c], i) => ({
      name: `bn${i + 1}`,
      gamma: tf.tidy(() => tf.variable(tf.ones([c]))) as tf.Variable<tf.Rank.R1>,
      beta: tf.tidy(() => tf.variable(tf.zeros([c]))) as tf.Variable<tf.Rank.R1>,
    }));
    this.linears = [
      linear('fc1', FLAT, HIDDEN),
      linear('fc2', HIDDEN, d),
      linear('fc3', 2 * d, HIDDEN),
      linear('fc4', HIDDEN, FLAT),
    ];
    this.decoderConvs = DECODER.map((s, i) => conv(`deconv${i + 1}`, s, true));
  }

  /** PyTorch state-dict shapes of every tensor, in the order of the initialisation draws. */
  torchShapes(): Record<string, number[]> {
    return expectedTorchShapes(this.latentDim);
  }

  /** Tensor names in safetensors order: conv1.weight, conv1.bias, …, deconv3.bias. */
  tensorNames(): string[] {
    return Object.keys(this.torchShapes());
  }

  /** Number of scalar parameters (88 099 for d = 2). */
  parameterCount(): number {
    return this.variables().reduce((s, v) => s + v.size, 0);
  }

  /** All trainable variables, encoder first (in {@link tensorNames} order). */
  variables(): tf.Variable[] {
    return [...this.encoderVariables(), ...this.decoderVariables()];
  }

  /** Encoder variables: convolutions, batch-norm scales/shifts, fc1, fc2. */
  encoderVariables(): tf.Variable[] {
    return [
      ...this.encoderConvs.flatMap((c) => [c.filter, c.bias] as tf.Variable[]),
      ...this.batchNorms.flatMap((b) => [b.gamma, b.beta] as tf.Variable[]),
      ...this.linears.slice(0, 2).flatMap((l) => [l.kernel, l.bias] as tf.Variable[]),
    ];
  }

  /** Decoder variables: fc3, fc4, transposed convolutions. */
  decoderVariables(): tf.Variable[] {
    return [
      ...this.linears.slice(2).flatMap((l) => [l.kernel, l.bias] as tf.Variable[]),
      ...this.decoderConvs.flatMap((c) => [c.filter, c.bias] as tf.Variable[]),
    ];
  }

  private act(x: tf.Tensor): tf.Tensor {
    return this.activation === 'relu' ? tf.relu(x) : tf.softplus(x);
  }

  private dense(i: number, x: tf.Tensor2D): tf.Tensor2D {
    const l = this.linears[i];
    return tf.add(tf.matMul(x, l.kernel), l.bias);
  }

  /** h: [B, 784] → [B, d] (raw angles). Batch statistics: the result of a row depends on its batch. */
  encoderTorus(x: tf.Tensor2D): tf.Tensor2D {
    if (x.rank !== 2 || x.shape[1] !== this.inputDim) {
      throw new CurvInputError(
        `TorusConvAE: expected images [B, ${this.inputDim}], got [${x.shape.join(', ')}]`,
        'x',
      );
    }
    return tf.tidy(() => {
      let y: tf.Tensor4D = tf.reshape(x, [-1, CONV_IMAGE_SIZE, CONV_IMAGE_SIZE, 1]);
      this.encoderConvs.forEach((c, i) => {
        const z = tf.add(conv2d(y, c.filter, c.stride, c.pad), c.bias);
        const { mean, variance } = tf.moments(z, [0, 1, 2]);
        const bn = this.batchNorms[i];
        const normed = tf.mul(tf.sub(z, mean), tf.rsqrt(tf.add(variance, BN_EPS)));
        y = this.act(tf.add(tf.mul(normed, bn.gamma), bn.beta)) as tf.Tensor4D;
      });
      // Channel-major flatten, as PyTorch's NCHW view.
      const flat = tf.reshape(tf.transpose(y, [0, 3, 1, 2]), [-1, FLAT]) as tf.Tensor2D;
      return this.dense(1, this.act(this.dense(0, flat)) as tf.Tensor2D);
    });
  }

  /** [cos h, sin h]: [B, 784] → [B, 2d] (cosines first). */
  encode(x: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      const h = this.encoderTorus(x);
      return tf.concat([tf.cos(h), tf.sin(h)], 1);
    });
  }

  /** φ = atan2(sin h, cos h) ∈ (−π, π]: [B, 784] → [B, d]. */
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

  /** Apply a transposed convolution to a flattened NHWC block [B, side²·in] → [B, side'²·out]. */
  private deconv(c: ConvParams, x: tf.Tensor2D, withBias: boolean): tf.Tensor2D {
    const side = Math.round(Math.sqrt(x.shape[1] / c.inChannels));
    const img = tf.reshape(x, [-1, side, side, c.inChannels]) as tf.Tensor4D;
    const y = conv2dTranspose(img, c.filter, [c.outSize, c.outSize], c.stride, c.pad);
    // Bias broadcast over [N, H, W, C] (its gradient is one sum; a tiled bias's gradient is one slice per tile).
    const yb = withBias ? tf.add(y, c.bias) : y;
    return tf.reshape(yb, [-1, c.outSize * c.outSize * c.outChannels]) as tf.Tensor2D;
  }

  /** fc4 output (channel-major 32×3×3) → NHWC-flattened [B, 288] (a permutation of columns). */
  private toImage(x: tf.Tensor2D): tf.Tensor2D {
    return tf.reshape(tf.transpose(tf.reshape(x, [-1, 32, 3, 3]), [0, 2, 3, 1]), [-1, FLAT]);
  }

  /** w ∈ R^{2d} ↦ image in (0, 1)^784: [B, 2d] → [B, 784]. */
  decode(w: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => {
      let y = this.toImage(this.act(this.dense(3, this.act(this.dense(2, w)) as tf.Tensor2D)) as tf.Tensor2D);
      this.decoderConvs.forEach((c, i) => {
        y = this.deconv(c, y, true);
        y = (i === this.decoderConvs.length - 1 ? tf.sigmoid(y) : this.act(y)) as tf.Tensor2D;
      });
      return y;
    });
  }

  /** Ψ(φ) = decode([cos φ, sin φ]): [B, d] → [B, 784]. */
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
   * Ψ as a jet decoder for `@curv/geometry-autograd` (metric, Gauss and intrinsic curvature routes,
   * and the finite-difference route through its plain evaluation): the jet of φ goes through the
   * torus lift, fc3, fc4, the transposed convolutions (linear: every derivative block is convolved,
   * the bias is added to the value only) and the activations (analytic derivatives to order 3).
   * It references this model's variables, so geometry losses differentiate into the decoder weights.
   */
  decoder(): JetDecoder {
    const act = this.activation;
    const L = this.linears;
    const convs = this.decoderConvs;
    return {
      latentDim: this.latentDim,
      jet: (z: Jet): Jet => {
        let j = torusLiftJet(z);
        j = activationJet(denseJet(j, { kind: 'dense', kernel: L[2].kernel, bias: L[2].bias }), act);
        j = activationJet(denseJet(j, { kind: 'dense', kernel: L[3].kernel, bias: L[3].bias }), act);
        j = mapJet(j, (x) => this.toImage(x));
        convs.forEach((c, i) => {
          j = {
            ...j,
            value: this.deconv(c, j.value!, true),
            first: j.first.map((x) => this.deconv(c, x, false)),
            second: j.second.map((x) => this.deconv(c, x, false)),
            third: j.third.map((x) => this.deconv(c, x, false)),
          };
          j = activationJet(j, i === convs.length - 1 ? 'sigmoid' : act);
        });
        return j;
      },
    };
  }

  /** Encode many rows (plain arrays) to angles in chunks of `chunk` (the batch-norm batch): [n·784] → [n·d]. */
  anglesOf(data: Float32Array, chunk = 2048): Float32Array {
    return encodeRows(
      data,
      this.inputDim,
      this.latentDim,
      chunk,
      (x) => this.encoderToAngles(x),
      'TorusConvAE.anglesOf',
    );
  }

  /** The latent coordinates of many rows: the angles (= {@link anglesOf}). */
  codesOf(data: Float32Array, chunk = 2048): Float32Array {
    return this.anglesOf(data, chunk);
  }

  /** Weights as PyTorch-layout tensors with the names of {@link tensorNames}. */
  toTensors(): Record<string, NamedTensor> {
    const out: Record<string, NamedTensor> = {};
    const vec = (v: tf.Variable): NamedTensor => ({
      shape: [v.shape[0]],
      data: Float32Array.from(v.dataSync() as Float32Array),
    });
    for (const c of this.encoderConvs) {
      out[`${c.name}.weight`] = toTorchFilter(c);
      out[`${c.name}.bias`] = vec(c.bias);
    }
    for (const b of this.batchNorms) {
      out[`${b.name}.weight`] = vec(b.gamma);
      out[`${b.name}.bias`] = vec(b.beta);
    }
    for (const l of this.linears) {
      const [inp, o] = l.kernel.shape;
      const w = tf.tidy(() => tf.transpose(l.kernel));
      out[`${l.name}.weight`] = { shape: [o, inp], data: w.dataSync() as Float32Array };
      w.dispose();
      out[`${l.name}.bias`] = vec(l.bias);
    }
    for (const c of this.decoderConvs) {
      out[`${c.name}.weight`] = toTorchFilter(c);
      out[`${c.name}.bias`] = vec(c.bias);
    }
    return out;
  }

  /** Overwrite the weights from PyTorch-layout tensors (every name and shape checked; errors name `source`). */
  setTensors(st: Safetensors | Record<string, NamedTensor>, source = '<weights>'): void {
    const file: Safetensors =
      'tensors' in st && 'metadata' in st
        ? (st as Safetensors)
        : { tensors: st as Record<string, NamedTensor>, metadata: {} };
    const shapes = this.torchShapes();
    const get = (name: string) => requireTensor(file, name, shapes[name], source);
    // Check everything before assigning anything.
    for (const name of Object.keys(shapes)) get(name);
    tf.tidy(() => {
      for (const c of [...this.encoderConvs, ...this.decoderConvs]) {
        const w = get(`${c.name}.weight`);
        c.filter.assign(fromTorchFilter(w.data, w.shape));
        c.bias.assign(tf.tensor1d(get(`${c.name}.bias`).data));
      }
      for (const b of this.batchNorms) {
        b.gamma.assign(tf.tensor1d(get(`${b.name}.weight`).data));
        b.beta.assign(tf.tensor1d(get(`${b.name}.bias`).data));
      }
      for (const l of this.linears) {
        const w = get(`${l.name}.weight`);
        l.kernel.assign(tf.transpose(tf.tensor2d(w.data, w.shape as [number, number])));
        l.bias.assign(tf.tensor1d(get(`${l.name}.bias`).data));
      }
    });
  }

  /** Save as safetensors (PyTorch names, metadata `architecture: TorusConvAE`, `activation`; atomic write). */
  save(path: string, metadata: Record<string, string> = {}): void {
    writeSafetensors(path, this.toTensors(), {
      format: 'pt',
      ...metadata,
      architecture: 'TorusConvAE',
      activation: this.activation,
    });
  }

  /**
   * Build a TorusConvAE from a safetensors state dict (a path or parsed file). d is read from
   * `fc2.weight` [d, 128]; the activation from the metadata key `activation` written by {@link save}
   * unless `activation` is given; every tensor's presence, shape and finiteness is checked.
   */
  static fromSafetensors(
    file: string | Safetensors,
    options: { activation?: ConvActivation; source?: string } = {},
  ): TorusConvAE {
    const source = options.source ?? (typeof file === 'string' ? file : '<weights>');
    const st = typeof file === 'string' ? readSafetensors(file) : file;
    const fc2 = st.tensors['fc2.weight'];
    if (fc2?.shape.length !== 2 || !st.tensors['deconv1.weight']) {
      throw new CurvInputError(
        `${source}: missing 2-D tensor 'fc2.weight' or 'deconv1.weight' (not a TorusConvAE state dict?)`,
        source,
      );
    }
    const stored = st.metadata.activation;
    const activation = options.activation ?? (stored === undefined ? 'relu' : (stored as ConvActivation));
    if (!CONV_ACTIVATIONS.includes(activation)) {
      throw new CurvInputError(
        `${source}: metadata activation '${stored}' is not one of ${CONV_ACTIVATIONS.join(', ')}`,
        source,
      );
    }
    const shapes = expectedTorchShapes(fc2.shape[0]);
    for (const [name, shape] of Object.entries(shapes)) {
      const t = requireTensor(st, name, shape, source);
      const bad = t.data.findIndex((v) => !Number.isFinite(v));
      if (bad >= 0) {
        throw new CurvInputError(
          `${source}: tensor '${name}' has a non-finite value ${t.data[bad]} at index ${bad}; expected finite weights`,
          source,
        );
      }
    }
    const ae = new TorusConvAE({ latentDim: fc2.shape[0], activation, seed: 0 });
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

/** PyTorch state-dict shapes of a TorusConvAE with latent dimension d, in initialisation order. */
function expectedTorchShapes(d: number): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  ENCODER.forEach(([cin, cout], i) => {
    out[`conv${i + 1}.weight`] = [cout, cin, K, K];
    out[`conv${i + 1}.bias`] = [cout];
  });
  ENCODER.forEach(([, c], i) => {
    out[`bn${i + 1}.weight`] = [c];
    out[`bn${i + 1}.bias`] = [c];
  });
  const lin: [string, number, number][] = [
    ['fc1', FLAT, HIDDEN],
    ['fc2', HIDDEN, d],
    ['fc3', 2 * d, HIDDEN],
    ['fc4', HIDDEN, FLAT],
  ];
  for (const [n, i, o] of lin) {
    out[`${n}.weight`] = [o, i];
    out[`${n}.bias`] = [o];
  }
  DECODER.forEach(([cin, cout], i) => {
    out[`deconv${i + 1}.weight`] = [cin, cout, K, K];
    out[`deconv${i + 1}.bias`] = [cout];
  });
  return out;
}

/**
 * PyTorch filter → tfjs filter. Conv2d [out, in, k, k] → conv2d [k, k, in, out]; ConvTranspose2d
 * [in, out, k, k] → conv2dTranspose [k, k, out, in]: the same permutation [2, 3, 1, 0] in both cases.
 */
function fromTorchFilter(data: ArrayLike<number>, shape: number[]): tf.Tensor4D {
  return tf.tidy(() =>
    tf.transpose(
      tf.tensor4d(Float32Array.from(data), shape as [number, number, number, number]),
      [2, 3, 1, 0],
    ),
  );
}

/** tfjs filter → PyTorch layout (the inverse permutation [3, 2, 0, 1] of {@link fromTorchFilter}). */
function toTorchFilter(c: ConvParams): NamedTensor {
  const t = tf.tidy(() => tf.transpose(c.filter, [3, 2, 0, 1]));
  const out = { shape: [...t.shape], data: t.dataSync() as Float32Array };
  t.dispose();
  return out;
}

/** The same map applied to every block of a jet. */
function mapJet(j: Jet, f: (x: tf.Tensor2D) => tf.Tensor2D): Jet {
  return {
    ...j,
    value: j.value ? f(j.value) : null,
    first: j.first.map(f),
    second: j.second.map(f),
    third: j.third.map(f),
  };
}
