import type { Adam, Random } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { LOSS_NAMES, type TorusAELoss } from '../losses/batchLoss.js';

/** What one optimiser step saw. */
export interface TrainStepResult {
  /** Loss terms by name (plus `Total`). */
  values: Record<string, number>;
  /** Diagnostic metrics (diagnostic mode only). */
  diagnostics?: Record<string, number>;
  /** The first non-finite quantity ([term or 'gradient', value]); the step was then **not** applied. */
  nonFinite?: [string, number];
}

/**
 * One training step on a batch: constant inputs (`loss.prepare`), loss and gradient in one reverse
 * pass (`tf.variableGrads`), finiteness check of every loss term and of the gradient, then the
 * optimiser step. Variables in `reverseGradient` get the negated gradient, i.e. they *ascend* the
 * total loss: the potential f of Perelman's functionals, whose term enters the loss as −λ·F, thereby
 * minimises F while the auto-encoder maximises it.
 */
export class TrainStep {
  private readonly reversed: Set<string>;

  constructor(
    readonly loss: TorusAELoss,
    readonly variables: tf.Variable[],
    readonly optimizer: Adam,
    reverseGradient: tf.Variable[] = [],
  ) {
    this.reversed = new Set(reverseGradient.map((v) => v.name));
  }

  run(x: tf.Tensor2D, batchIndex: number, rng: Random, diagnostics = false): TrainStepResult {
    const prep = this.loss.prepare(x, batchIndex, rng);
    let kept: Record<string, tf.Scalar> = {};
    const { value, grads } = tf.variableGrads(() => {
      const { total, terms } = this.loss.compute(x, prep);
      kept = {};
      for (const [k, v] of Object.entries(terms)) if (v !== total) kept[k] = tf.keep(v);
      return total;
    }, this.variables);
    const values: Record<string, number> = {};
    for (const [k, v] of Object.entries(kept)) {
      values[k] = v.dataSync()[0];
      v.dispose();
    }
    values[LOSS_NAMES.total] = value.dataSync()[0];
    value.dispose();
    const diag = diagnostics ? this.loss.diagnostics(x, prep) : undefined;
    prep.dispose();
    // Loss terms first (they name the culprit), then the gradient (sqrt or a division at 0 can give
    // a NaN gradient behind a finite loss). Nothing is applied unless everything is finite.
    const gradSum = tf.tidy(() => tf.addN(Object.values(grads).map((g) => tf.sum(g))).dataSync()[0]);
    const bad =
      Object.entries(values).find(([, v]) => !Number.isFinite(v)) ??
      (Number.isFinite(gradSum) ? undefined : (['gradient', gradSum] as [string, number]));
    if (bad) {
      tf.dispose(Object.values(grads));
      return { values, diagnostics: diag, nonFinite: bad };
    }
    const gradList = this.variables.map((v) => {
      const g = grads[v.name];
      if (!g) return tf.zerosLike(v);
      return this.reversed.has(v.name) ? tf.neg(g) : g;
    });
    this.optimizer.step(gradList);
    tf.dispose(gradList);
    tf.dispose(Object.values(grads).filter((g) => !g.isDisposed));
    return { values, diagnostics: diag };
  }
}
