import {
  latentTopologicalLoss,
  type RipsPersistence,
  ripsPersistenceOfDistances,
  tensorDistances,
} from '@curv/topology';
import * as tf from '@tensorflow/tfjs-core';
import type { TopoWeight } from '../config/resolveLoss.js';
import type { Autoencoder } from '../latent/autoencoder.js';

/** True when a weight of an H1 term (bottleneck1, entropy1, kernel1) is set. */
function needsH1(weights: readonly number[]): boolean {
  return weights[1] !== 0 || weights[3] !== 0 || weights[5] !== 0;
}

/**
 * Vietoris–Rips persistence of a data batch x [B, …] (rows flattened, Euclidean distances times
 * `scale`, H1 only when an H1 weight is set): the target of the topological term, computed once per
 * batch off the gradient tape.
 */
export function dataPersistence(x: tf.Tensor, weights: readonly number[], scale = 1): RipsPersistence {
  const rows = tf.reshape(x, [x.shape[0], -1]) as tf.Tensor2D;
  let d: Float64Array;
  try {
    d = tensorDistances(rows);
  } finally {
    rows.dispose();
  }
  if (scale !== 1) for (let i = 0; i < d.length; i++) d[i] *= scale;
  return ripsPersistenceOfDistances(d, { maxdim: needsH1(weights) ? 1 : 0 });
}

/**
 * φ = atan2(sin h, cos h) of an encoding [cos h, sin h] [B, 2d], on the gradient tape (unlike
 * `detachedAngles`).
 */
export function encodingAngles(encoding: tf.Tensor2D): tf.Tensor2D {
  const d = encoding.shape[1] / 2;
  return tf.tidy(() =>
    tf.atan2(tf.slice(encoding, [0, d], [-1, d]), tf.slice(encoding, [0, 0], [-1, d])),
  ) as tf.Tensor2D;
}

/**
 * The topological term L_topo of a TorusAE batch (unweighted by λ_topo): `latentTopologicalLoss`
 * with the seven term weights, comparing the persistence of
 *
 * - `latent`: the latent angles φ [B, d] on the flat torus [−π, π)^d (periodic distances), or
 * - `decoded`: the reconstructions x̂ [B, D] (Euclidean distances),
 *
 * with that of the input batch x (Euclidean, times `topo.dataScale` in the latent comparison; `target` if
 * already computed). Differentiable through φ or
 * x̂ to the encoder (and decoder) weights. A scalar, 0 (without gradient) when no weighted term depends
 * on the batch.
 */
export function topologicalTerm(
  x: tf.Tensor2D,
  forward: { reconstruction: tf.Tensor2D; encoding: tf.Tensor2D },
  topo: TopoWeight,
  target?: RipsPersistence,
  latent?: Pick<Autoencoder, 'latentOfEncoding' | 'measure'>,
): tf.Scalar {
  if (topo.space === 'latent') {
    const coordinates = latent ? latent.latentOfEncoding(forward.encoding) : encodingAngles(forward.encoding);
    return latentTopologicalLoss(coordinates, x, topo.weights, {
      target: target ?? dataPersistence(x, topo.weights, topo.dataScale),
      periodic: latent ? latent.measure.periodic : true,
    });
  }
  return latentTopologicalLoss(forward.reconstruction, x, topo.weights, { target, periodic: false });
}
