import * as tf from '@tensorflow/tfjs-core';
import { type LossInput, lengthsOf } from './lossInput.js';

/**
 * Push-apart loss: −Σ_i d_i(x)/2 over the finite H0 pairs of x (minus the total distance of the H0
 * points to the diagonal). Needs no target; minimising it pushes clusters apart. The synthetic
 * experiments use it for steps where no regulariser depends on x. `null` when x has no finite H0 pair.
 *
 * ```ts
 * pushApartLoss({ x: square, diagram: ripsPersistence(squareValues) }); // −1.5 for the unit square
 * ```
 */
export function pushApartLoss(input: Omit<LossInput, 'target'>): tf.Scalar | null {
  const { deaths, deathEdges } = input.diagram.h0;
  if (deaths.length === 0) return null;
  return tf.tidy(
    () => tf.div(tf.sum(lengthsOf({ ...input, target: input.diagram }, deathEdges)), -2) as tf.Scalar,
  );
}
