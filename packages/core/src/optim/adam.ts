import * as tf from '@tensorflow/tfjs-core';
import { nativeAdamUpdate } from '../backend/native.js';

export interface AdamOptions {
  lr?: number;
  betas?: [number, number];
  eps?: number;
  /** L2 penalty added to the gradient (PyTorch `weight_decay`, not decoupled). */
  weightDecay?: number;
}

/** Serializable optimiser state for checkpoints: step count and the two moment buffers per variable. */
export interface AdamState {
  step: number;
  m: Float32Array[];
  v: Float32Array[];
}

/**
 * Adam with PyTorch semantics:
 * g ← ∇ + wd·θ; m ← β₁m + (1−β₁)g; v ← β₂v + (1−β₂)g²;
 * θ ← θ − lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε).
 *
 * ```ts
 * const opt = adam([w, b], { lr: 1e-3 });
 * opt.step(grads); // grads in the same order as the variables
 * ```
 */
export class Adam {
  readonly lr: number;
  readonly beta1: number;
  readonly beta2: number;
  readonly eps: number;
  readonly weightDecay: number;
  private t = 0;
  private m: tf.Variable[];
  private v: tf.Variable[];

  constructor(
    readonly params: tf.Variable[],
    options: AdamOptions = {},
  ) {
    this.lr = options.lr ?? 1e-3;
    [this.beta1, this.beta2] = options.betas ?? [0.9, 0.999];
    this.eps = options.eps ?? 1e-8;
    this.weightDecay = options.weightDecay ?? 0;
    // tf.variable keeps its initial tensor alive as a separate tensor: create it inside tidy.
    this.m = params.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
    this.v = params.map((p) => tf.tidy(() => tf.variable(tf.zerosLike(p), false)));
  }

  /** Number of steps taken. */
  get stepCount(): number {
    return this.t;
  }

  /** Apply one update. `grads[i]` is the gradient of the loss w.r.t. `params[i]`; grads are not disposed. */
  step(grads: tf.Tensor[]): void {
    if (grads.length !== this.params.length) {
      throw new Error(`Adam.step: got ${grads.length} gradients for ${this.params.length} parameters`);
    }
    this.t += 1;
    const bc1 = 1 - this.beta1 ** this.t;
    const sqrtBc2 = Math.sqrt(1 - this.beta2 ** this.t);
    // lr·m̂/(√v̂ + ε) = (lr·√bc₂/bc₁)·m / (√v + ε·√bc₂): two scalar factors folded, one kernel fewer.
    const stepSize = (this.lr * sqrtBc2) / bc1;
    const epsHat = this.eps * sqrtBc2;
    const hyper = {
      beta1: this.beta1,
      beta2: this.beta2,
      stepSize,
      epsHat,
      weightDecay: this.weightDecay,
    };
    tf.tidy(() => {
      for (let i = 0; i < this.params.length; i++) {
        const p = this.params[i];
        // The native accelerator (wasm backend + @curv/native) fuses the update into one in-place loop.
        const fused = nativeAdamUpdate(p, grads[i], this.m[i], this.v[i], hyper);
        if (fused === true) continue;
        if (fused !== false) {
          p.assign(fused);
          continue;
        }
        let g = grads[i];
        if (this.weightDecay !== 0) g = tf.add(g, tf.mul(p, this.weightDecay));
        const m = tf.add(tf.mul(this.m[i], this.beta1), tf.mul(g, 1 - this.beta1));
        const v = tf.add(tf.mul(this.v[i], this.beta2), tf.mul(tf.square(g), 1 - this.beta2));
        this.m[i].assign(m);
        this.v[i].assign(v);
        p.assign(tf.sub(p, tf.div(tf.mul(m, stepSize), tf.add(tf.sqrt(v), epsHat))));
      }
    });
  }

  /** Snapshot of the optimiser state (copies data out of tensors). */
  async state(): Promise<AdamState> {
    return {
      step: this.t,
      m: await Promise.all(this.m.map(async (x) => (await x.data()) as Float32Array)),
      v: await Promise.all(this.v.map(async (x) => (await x.data()) as Float32Array)),
    };
  }

  /** Restore a snapshot taken by {@link Adam.state} on an optimiser over the same variables. */
  setState(state: AdamState): void {
    if (state.m.length !== this.params.length || state.v.length !== this.params.length) {
      throw new Error(
        `Adam.setState: state has ${state.m.length} buffers for ${this.params.length} parameters`,
      );
    }
    this.t = state.step;
    for (let i = 0; i < this.params.length; i++) {
      const shape = this.params[i].shape;
      tf.tidy(() => {
        this.m[i].assign(tf.tensor(state.m[i], shape));
        this.v[i].assign(tf.tensor(state.v[i], shape));
      });
    }
  }

  /** Free the moment buffers. */
  dispose(): void {
    for (const x of [...this.m, ...this.v]) x.dispose();
  }
}

/** Create an {@link Adam} optimiser. */
export function adam(params: tf.Variable[], options?: AdamOptions): Adam {
  return new Adam(params, options);
}
