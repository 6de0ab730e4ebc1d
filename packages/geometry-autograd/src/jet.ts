import type * as tf from '@tensorflow/tfjs-core';

export type JetOrder = 0 | 1 | 2 | 3;

/**
 * A forward jet of a batch of B points: the value of a map and all its partial derivatives with respect
 * to the d latent coordinates up to `order`, each a [B, n] tensor ("row block").
 *
 * - `value`: f (null when it was dropped because no further non-linearity needs it),
 * - `first[i]` = ∂_i f, i = 0..d−1,
 * - `second[p]` = ∂_i∂_j f for the p-th pair (i ≤ j) of {@link multiIndices},
 * - `third[t]` = ∂_i∂_j∂_k f for the t-th triple (i ≤ j ≤ k).
 */
export interface Jet {
  order: JetOrder;
  d: number;
  value: tf.Tensor2D | null;
  first: tf.Tensor2D[];
  second: tf.Tensor2D[];
  third: tf.Tensor2D[];
}
