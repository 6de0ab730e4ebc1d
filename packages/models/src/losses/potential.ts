import { CurvInputError, type NamedTensor, Random } from '@curv/core';
import { decoderJet, type JetLayer, type SequentialDecoder } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import { transpose } from '../model/torusAE.js';

/**
 * The potential f of Perelman's functionals, a small sine network (hidden width H):
 *
 * * periodic (torus latent, the default): f(z) = w₂ᵀ sin(W₁ᵀ[cos z, sin z] + b₁) + b₂, periodic in every
 *   coordinate by construction (it only sees cos z and sin z);
 * * `periodic: false` (Euclidean latent): f(z) = w₂ᵀ sin(W₁ᵀz + b₁) + b₂ on R^d.
 *
 * Initialised like PyTorch's `nn.Linear` (U(±1/√fan_in)) from a seeded `Random`.
 */
export class PotentialNet {
  readonly latentDim: number;
  readonly hidden: number;
  /** True for the torus potential (reads [cos z, sin z]). */
  readonly periodic: boolean;
  /** [2d, H] (periodic) or [d, H]. */
  readonly w1: tf.Variable<tf.Rank.R2>;
  readonly b1: tf.Variable<tf.Rank.R1>;
  /** [H, 1]. */
  readonly w2: tf.Variable<tf.Rank.R2>;
  readonly b2: tf.Variable<tf.Rank.R1>;

  constructor(
    options: { latentDim?: number; hidden?: number; seed?: number; rng?: Random; periodic?: boolean } = {},
  ) {
    const d = options.latentDim ?? 2;
    const h = options.hidden ?? 16;
    if (!Number.isInteger(h) || h <= 0)
      throw new CurvInputError(`loss_settings.potential_hidden: expected a positive integer, got ${h}`);
    this.latentDim = d;
    this.hidden = h;
    this.periodic = options.periodic ?? true;
    const inputs = this.periodic ? 2 * d : d;
    const rng = options.rng ?? new Random(options.seed ?? 0);
    const b1 = 1 / Math.sqrt(inputs);
    const b2 = 1 / Math.sqrt(h);
    const w1 = transpose(rng.uniformArray(h * inputs, -b1, b1), h, inputs);
    const bias1 = rng.uniformArray(h, -b1, b1);
    const w2 = rng.uniformArray(h, -b2, b2);
    const bias2 = rng.uniformArray(1, -b2, b2);
    // Inside tidy: tf.variable keeps its initial tensor alive otherwise.
    this.w1 = tf.tidy(() => tf.variable(tf.tensor2d(w1, [inputs, h])));
    this.b1 = tf.tidy(() => tf.variable(tf.tensor1d(bias1)));
    this.w2 = tf.tidy(() => tf.variable(tf.tensor2d(w2, [h, 1])));
    this.b2 = tf.tidy(() => tf.variable(tf.tensor1d(bias2)));
  }

  variables(): tf.Variable[] {
    return [this.w1, this.b1, this.w2, this.b2];
  }

  /** f in jet form ([torusLift →] dense → sin → dense), for `@curv/geometry-autograd`. */
  decoder(): SequentialDecoder {
    const layers: JetLayer[] = [
      ...(this.periodic ? [{ kind: 'torusLift' } as JetLayer] : []),
      { kind: 'dense', kernel: this.w1, bias: this.b1 },
      { kind: 'activation', fn: 'sin' },
      { kind: 'dense', kernel: this.w2, bias: this.b2 },
    ];
    return { latentDim: this.latentDim, layers };
  }

  /**
   * Value and gradient of f at z ([P, d]) by a first-order forward jet of {@link decoder}
   * (`decoderJet` of `@curv/geometry-autograd`). Returns f [P] and ∇f = ∂f/∂z [P, d];
   * differentiable w.r.t. the weights.
   */
  jet(z: tf.Tensor2D): { f: tf.Tensor1D; grad: tf.Tensor2D } {
    return tf.tidy(() => {
      const j = decoderJet(this.decoder(), z, 1);
      return {
        f: tf.reshape(j.value!, [-1]) as tf.Tensor1D,
        grad: tf.concat(j.first, 1) as tf.Tensor2D,
      };
    });
  }

  /** Weights as plain tensors (`potential.w1` [2d, H], …) for checkpoints. */
  toTensors(): Record<string, NamedTensor> {
    const out: Record<string, NamedTensor> = {};
    for (const [k, v] of Object.entries({ w1: this.w1, b1: this.b1, w2: this.w2, b2: this.b2 })) {
      out[`potential.${k}`] = { shape: [...v.shape], data: Float32Array.from(v.dataSync() as Float32Array) };
    }
    return out;
  }

  setTensors(t: Record<string, NamedTensor>, source = '<checkpoint>'): void {
    for (const [k, v] of Object.entries({ w1: this.w1, b1: this.b1, w2: this.w2, b2: this.b2 })) {
      const x = t[`potential.${k}`];
      if (!x || x.data.length !== v.size)
        throw new CurvInputError(`${source}: missing or mis-shaped tensor 'potential.${k}'`, source);
      tf.tidy(() => (v as tf.Variable).assign(tf.tensor(x.data, v.shape)));
    }
  }

  dispose(): void {
    for (const v of this.variables()) v.dispose();
  }
}
