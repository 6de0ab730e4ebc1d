import { Adam } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { pushApartLoss } from '../losses/pushApartLoss.js';
import { topologicalLoss } from '../losses/topologicalLoss.js';
import { ripsPersistence } from '../persistence/ripsPersistence.js';
import type { RipsPersistence } from '../persistence/types.js';
import type { SyntheticSetup } from './syntheticSetup.js';

/** Options of {@link runSyntheticExperiment}. */
export interface SyntheticRunOptions {
  /** Number of Adam steps (default: the setup's). */
  steps?: number;
  /** Learning rate (default: the setup's). */
  lr?: number;
  /** Regulariser weights (default [1, 1, 0, 0, 0, 0, 0]: bottleneck H0 + H1). */
  weights?: readonly number[];
  /** Keep a frame every this many steps (default: the setup's). */
  saveEvery?: number;
  /** Record the loss every this many steps (default 5). */
  lossEvery?: number;
  /** Stops the run at the next step when aborted (the result says `interrupted`). */
  signal?: { readonly aborted: boolean };
  /** Let the event loop run (signals, I/O) every this many steps (default 50). */
  yieldEvery?: number;
  /** Called after every recorded loss. */
  onProgress?: (step: number, loss: number) => void;
}

/** A saved state of the learnable cloud. */
export interface SyntheticFrame {
  step: number;
  /** Row-major N×2 coordinates. */
  points: Float64Array;
}

/** Result of {@link runSyntheticExperiment}. */
export interface SyntheticRunResult {
  setup: SyntheticSetup;
  /** Steps actually taken. */
  steps: number;
  interrupted: boolean;
  /** Frames at step 0, every `saveEvery` steps, and at the end. */
  frames: SyntheticFrame[];
  /** (step, loss) every `lossEvery` steps; the loss is the topological loss, or the push-apart loss on
   * steps where no regulariser depends on the points. */
  losses: { step: number; loss: number; pushApart: boolean }[];
  target: RipsPersistence;
  initial: RipsPersistence;
  final: RipsPersistence;
}

/**
 * Run a synthetic experiment: the points are learnable, each step computes their diagram, the weighted
 * topological loss against the target's diagram (the push-apart loss when no term depends on the
 * points), and one Adam step.
 *
 * ```ts
 * const r = await runSyntheticExperiment(syntheticSetup(2), { steps: 100 });
 * r.final.h0.deaths; // three large deaths once four clusters have formed
 * ```
 */
export async function runSyntheticExperiment(
  setup: SyntheticSetup,
  options: SyntheticRunOptions = {},
): Promise<SyntheticRunResult> {
  const steps = options.steps ?? setup.steps;
  const saveEvery = options.saveEvery ?? setup.saveEvery;
  const lossEvery = options.lossEvery ?? 5;
  const yieldEvery = options.yieldEvery ?? 50;
  const weights = options.weights ?? [1, 1, 0, 0, 0, 0, 0];
  const topo = topologicalLoss(weights);
  const needH1 = weights[1] !== 0 || weights[3] !== 0 || weights[5] !== 0;
  const target = ripsPersistence(setup.target);
  const x = tf.tidy(() => tf.variable(tf.tensor2d(setup.points), true, `synthetic${setup.test}`));
  const opt = new Adam([x], { lr: options.lr ?? setup.lr });
  const frames: SyntheticFrame[] = [];
  const losses: SyntheticRunResult['losses'] = [];
  let initial: RipsPersistence | null = null;
  let values = Float64Array.from(x.dataSync());
  let taken = 0;
  let interrupted = false;
  try {
    for (let step = 0; step < steps; step++) {
      if (options.signal?.aborted) {
        interrupted = true;
        break;
      }
      if (step > 0 && step % yieldEvery === 0) await new Promise((r) => setTimeout(r, 0));
      const diagram = ripsPersistence(values, { dim: 2, maxdim: needH1 ? 1 : 0 });
      if (step === 0) initial = diagram;
      if (step % saveEvery === 0) frames.push({ step, points: values.slice() });
      let pushApart = false;
      const f = () => {
        const r = topo(x, target, diagram);
        if (r.active) return r.loss;
        r.loss.dispose();
        pushApart = true;
        return pushApartLoss({ x, diagram, values }) ?? tf.mul(tf.sum(x), 0);
      };
      const { value, grads } = tf.variableGrads(f as () => tf.Scalar, [x]);
      if (step % lossEvery === 0) {
        const v = value.dataSync()[0];
        losses.push({ step, loss: v, pushApart });
        options.onProgress?.(step, v);
      }
      opt.step([grads[x.name]]);
      tf.dispose([value, grads[x.name]]);
      values = Float64Array.from(x.dataSync());
      taken = step + 1;
    }
    frames.push({ step: taken, points: values.slice() });
    const final = ripsPersistence(values, { dim: 2 });
    return {
      setup,
      steps: taken,
      interrupted,
      frames,
      losses,
      target,
      initial: initial ?? final,
      final,
    };
  } finally {
    opt.dispose();
    x.dispose();
  }
}
