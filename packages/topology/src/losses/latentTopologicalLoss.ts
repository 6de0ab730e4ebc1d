import * as tf from '@tensorflow/tfjs-core';
import { ripsPersistenceOfDistances } from '../persistence/ripsPersistence.js';
import type { RipsPersistence } from '../persistence/types.js';
import { tensorDistances } from './tensorDistances.js';
import { type TopologicalLossOptions, topologicalLoss } from './topologicalLoss.js';

/** Options of {@link latentTopologicalLoss}. */
export interface LatentTopologicalLossOptions extends Omit<TopologicalLossOptions, 'periodic'> {
  /** Latent codes on the flat torus [−π, π)^d (default true: a TorusAE latent space). */
  periodic?: boolean;
  /** Persistence of the data batch, if already computed (e.g. cached per batch). */
  target?: RipsPersistence;
}

/**
 * Topological regulariser of a latent batch against its data batch: the persistence of the latent codes
 * z [B, d] (flat-torus distances by default) is compared with that of the data rows [B, …] (flattened,
 * Euclidean, float32 distances from one matrix product) by the seven weighted terms of
 * {@link topologicalLoss}. Returns a scalar tensor,
 * differentiable w.r.t. z (0 without gradient when no weighted term depends on z).
 *
 * ```ts
 * const { value, grads } = tf.variableGrads(() => latentTopologicalLoss(encoder(x), x, [10, 10, 10, 10, 0, 0, 0]));
 * ```
 */
export function latentTopologicalLoss(
  z: tf.Tensor2D,
  data: tf.Tensor,
  weights: readonly number[],
  options: LatentTopologicalLossOptions = {},
): tf.Scalar {
  if (data.shape[0] !== z.shape[0]) {
    throw new Error(`latentTopologicalLoss: z has ${z.shape[0]} rows but data has ${data.shape[0]}`);
  }
  const needH1 = weights[1] !== 0 || weights[3] !== 0 || weights[5] !== 0;
  let target = options.target;
  if (!target) {
    const rows = tf.reshape(data, [data.shape[0], -1]) as tf.Tensor2D;
    try {
      target = ripsPersistenceOfDistances(tensorDistances(rows), { maxdim: needH1 ? 1 : 0 });
    } finally {
      rows.dispose();
    }
  }
  return topologicalLoss(weights, { ...options, periodic: options.periodic ?? true })(z, target).loss;
}
