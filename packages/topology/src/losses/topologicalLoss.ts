import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { ripsPersistence } from '../persistence/ripsPersistence.js';
import type { RipsPersistence } from '../persistence/types.js';
import { bottleneckLoss0, bottleneckLoss1 } from './bottleneckLoss.js';
import { type DensityLossOptions, densityLoss } from './densityLoss.js';
import { entropyLoss0, entropyLoss1 } from './entropyLoss.js';
import { kernelLoss0, kernelLoss1 } from './kernelLoss.js';
import type { LossInput } from './lossInput.js';

/** Names of the seven regularisers, in the order of the weight vector. */
export const TOPOLOGICAL_LOSS_TERMS = [
  'bottleneck0',
  'bottleneck1',
  'entropy0',
  'entropy1',
  'kernel0',
  'kernel1',
  'density',
] as const;

/** Weights [w_bottleneck0, w_bottleneck1, w_entropy0, w_entropy1, w_kernel0, w_kernel1, w_density]. */
export type TopologicalWeights = readonly [number, number, number, number, number, number, number];

/** Settings of {@link topologicalLoss}. */
export interface TopologicalLossOptions {
  /** x lives on the flat torus [−π, π)^D: periodic distances and edge lengths (default false). */
  periodic?: boolean;
  /** Persistence threshold δ of the H0 entropy (default 0.001). */
  entropyDelta0?: number;
  /** Persistence threshold δ of the H1 entropy (default 0.001). */
  entropyDelta1?: number;
  /** σ of the H0 Reininghaus kernel (default 0.05). */
  sigma0?: number;
  /** σ of the H1 Reininghaus kernel (default 0.05). */
  sigma1?: number;
  /** Settings of the density loss. */
  density?: DensityLossOptions;
}

/** Result of a {@link topologicalLoss} evaluation. */
export interface TopologicalLossResult {
  /** Σ w_i · loss_i over the terms with a non-zero weight that depend on x (0 when none does). */
  loss: tf.Scalar;
  /** True when at least one weighted term depends on x (otherwise `loss` has no gradient). */
  active: boolean;
  /** Per-term flag: did term i depend on x (false also for zero weights). */
  terms: boolean[];
  /** Persistence of x used (computed from x's values unless given). */
  diagram: RipsPersistence;
}

/** Check a weight vector: seven finite numbers ≥ 0. */
export function checkTopologicalWeights(weights: readonly number[], name = 'weights'): TopologicalWeights {
  if (weights.length !== 7 || !weights.every((w) => Number.isFinite(w) && w >= 0)) {
    throw new CurvInputError(
      `${name}: ${JSON.stringify(weights)}; expected 7 numbers ≥ 0 ` +
        `[bottleneck0, bottleneck1, entropy0, entropy1, kernel0, kernel1, density]`,
      name,
    );
  }
  return weights as unknown as TopologicalWeights;
}

/**
 * The topological loss with weight vector [w_bottleneck0, w_bottleneck1, w_entropy0, w_entropy1,
 * w_kernel0, w_kernel1, w_density]: returns a function of the learnable cloud x [N, D] (a tensor on the
 * tape) and the target's persistence, which computes x's diagram off the tape (only H0 when no H1 weight
 * is set) and sums the weighted terms that depend on x. Call it inside `tf.variableGrads` / `tf.grad`.
 *
 * ```ts
 * const topo = topologicalLoss([1, 1, 0, 0, 0, 0, 0]);
 * const { value, grads } = tf.variableGrads(() => topo(x, ripsPersistence(y)).loss, [x]);
 * ```
 */
export function topologicalLoss(weights: readonly number[], options: TopologicalLossOptions = {}) {
  const w = checkTopologicalWeights(weights);
  const needH1 = w[1] !== 0 || w[3] !== 0 || w[5] !== 0;
  return (x: tf.Tensor2D, target: RipsPersistence, diagram?: RipsPersistence): TopologicalLossResult => {
    if (x.rank !== 2) throw new Error(`topologicalLoss: x must be [N, D], got shape [${x.shape}]`);
    if (needH1 && !target.h1) {
      throw new Error(
        'topologicalLoss: the target has no H1 (computed with maxdim 0) but an H1 weight is set',
      );
    }
    const values = x.dataSync();
    const dgm =
      diagram ??
      ripsPersistence(values, { dim: x.shape[1], periodic: options.periodic, maxdim: needH1 ? 1 : 0 });
    const input: LossInput = { x, diagram: dgm, target, periodic: options.periodic, values };
    const terms = [false, false, false, false, false, false, false];
    const loss = tf.tidy(() => {
      const parts: tf.Scalar[] = [];
      const add = (k: number, f: () => tf.Scalar | null) => {
        if (w[k] === 0) return;
        const v = f();
        if (v === null) return;
        terms[k] = true;
        parts.push(w[k] === 1 ? v : (tf.mul(v, w[k]) as tf.Scalar));
      };
      add(0, () => bottleneckLoss0(input));
      add(1, () => bottleneckLoss1(input));
      add(2, () => entropyLoss0(input, options.entropyDelta0 ?? 0.001));
      add(3, () => entropyLoss1(input, options.entropyDelta1 ?? 0.001));
      add(4, () => kernelLoss0(input, options.sigma0 ?? 0.05));
      add(5, () => kernelLoss1(input, options.sigma1 ?? 0.05));
      add(6, () => densityLoss(input, options.density));
      return parts.length === 0 ? tf.scalar(0) : (tf.addN(parts) as tf.Scalar);
    });
    return { loss, active: terms.some(Boolean), terms, diagram: dgm };
  };
}
