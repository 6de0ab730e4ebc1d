import * as tf from '@tensorflow/tfjs-core';

/**
 * Plain SGD, θ ← θ − lr·∇ (no momentum), as PyTorch's `SGD(lr)`.
 *
 * ```ts
 * const opt = sgd([coeffs], 1e-5);
 * opt.step([grad]);
 * ```
 */
export class Sgd {
  constructor(
    readonly params: tf.Variable[],
    readonly lr: number,
  ) {}

  step(grads: tf.Tensor[]): void {
    if (grads.length !== this.params.length) {
      throw new Error(`Sgd.step: got ${grads.length} gradients for ${this.params.length} parameters`);
    }
    tf.tidy(() => {
      for (let i = 0; i < this.params.length; i++) {
        this.params[i].assign(tf.sub(this.params[i], tf.mul(grads[i], this.lr)));
      }
    });
  }

  dispose(): void {}
}

export function sgd(params: tf.Variable[], lr: number): Sgd {
  return new Sgd(params, lr);
}
