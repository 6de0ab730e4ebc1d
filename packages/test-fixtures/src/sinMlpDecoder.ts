import { Random } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';

/** Activations the fixtures use (a subset of those of @curv/geometry-autograd). */
export type FixtureActivation = 'sin' | 'cos' | 'tanh' | 'sigmoid' | 'softplus' | 'relu';

/** A dense layer as the jet-capable decoders of @curv/geometry-autograd take it (kernel [in, out]). */
export interface FixtureDenseLayer {
  kind: 'dense';
  kernel: tf.Tensor2D;
  bias: tf.Tensor1D;
}

/** Layers of a sin-MLP torus decoder; structurally a `SequentialDecoder` of @curv/geometry-autograd. */
export type FixtureLayer =
  | FixtureDenseLayer
  | { kind: 'torusLift' }
  | { kind: 'activation'; fn: FixtureActivation };

export interface FixtureDecoder {
  latentDim: number;
  layers: FixtureLayer[];
}

export interface SinMlpOptions {
  /** Widths after the torus lift: [2·latentDim, hidden…, D] (default [4, 256, 512, 784], the TorusAE decoder). */
  sizes?: number[];
  /** Multiplies the init range of every layer (default 1). */
  gain?: number;
  /** Multiplies the init range of the first dense layer once more (default 1): > 1 gives a more curved metric. */
  firstLayerGain?: number;
  /** Hidden activation (default 'sin'). */
  activation?: FixtureActivation;
  /** Kernels and biases as trainable `tf.Variable`s (for gradient tests; default false). */
  variables?: boolean;
}

/**
 * A randomly initialised TorusAE-style decoder Ψ(φ) = dense(f(… f(dense([cos φ, sin φ])))), f = sin by default, with
 * PyTorch's default init U(±a), a = gain/√fan_in, drawn from `Random(seed)` layer by layer (kernel,
 * then bias). As jet layers, so it runs in every route; `decoderFunction` / `asDecoderFn` turn it into a
 * plain function.
 *
 * ```ts
 * const dec = sinMlpDecoder(0, { sizes: [4, 16, 32, 8] });
 * ```
 */
export function sinMlpDecoder(seed: number, options: SinMlpOptions = {}): FixtureDecoder {
  const sizes = options.sizes ?? [4, 256, 512, 784];
  const gain = options.gain ?? 1;
  const first = options.firstLayerGain ?? 1;
  const fn = options.activation ?? 'sin';
  const wrap = <T extends tf.Tensor>(t: T): T => (options.variables ? (tf.variable(t) as unknown as T) : t);
  if (sizes.length < 2 || sizes[0] % 2 !== 0) {
    throw new Error(
      `sinMlpDecoder: sizes must start with 2·latentDim and have at least two entries, got [${sizes}]`,
    );
  }
  const rng = new Random(seed);
  const layers: FixtureLayer[] = [{ kind: 'torusLift' }];
  for (let l = 1; l < sizes.length; l++) {
    const nIn = sizes[l - 1];
    const nOut = sizes[l];
    const a = (gain * (l === 1 ? first : 1)) / Math.sqrt(nIn);
    layers.push({
      kind: 'dense',
      kernel: wrap(tf.tensor2d(rng.uniformArray(nIn * nOut, -a, a), [nIn, nOut])),
      bias: wrap(tf.tensor1d(rng.uniformArray(nOut, -a, a))),
    });
    if (l < sizes.length - 1) layers.push({ kind: 'activation', fn });
  }
  return { latentDim: sizes[0] / 2, layers };
}

/** Free the decoder's tensors. */
export function disposeDecoder(dec: { layers: ReadonlyArray<{ kind: string }> }): void {
  for (const l of dec.layers)
    if (l.kind === 'dense') tf.dispose([(l as FixtureDenseLayer).kernel, (l as FixtureDenseLayer).bias]);
}

const ACTIVATIONS: Record<FixtureActivation, (x: tf.Tensor2D) => tf.Tensor2D> = {
  sin: tf.sin,
  cos: tf.cos,
  tanh: tf.tanh,
  sigmoid: tf.sigmoid,
  softplus: tf.softplus,
  relu: tf.relu,
};

/**
 * The same decoder as a plain tfjs function with tfjs' own kernels (`tf.sin`, `tf.cos`, …), for code that
 * takes decoder functions, e.g. finite differences or the decoded geodesic energy.
 */
export function sinMlpFunction(dec: FixtureDecoder): (z: tf.Tensor2D) => tf.Tensor2D {
  return (z) =>
    tf.tidy(() => {
      let h: tf.Tensor2D = z;
      for (const layer of dec.layers) {
        if (layer.kind === 'torusLift') h = tf.concat([tf.cos(h), tf.sin(h)], 1);
        else if (layer.kind === 'activation') h = ACTIVATIONS[layer.fn](h);
        else h = tf.add(tf.matMul(h, layer.kernel), layer.bias);
      }
      return h;
    });
}
