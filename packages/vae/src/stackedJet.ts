import { CurvInputError } from '@curv/core';
import { activationDerivatives, type SequentialDecoder } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';

/**
 * A forward jet of order 1 or 2 whose derivative blocks are stacked per point: `first` [B, d, n] holds ∂_i f in
 * row i, `second` [B, d², n] holds ∂_k∂_i f in row k·d + i (both orders of each pair, so that no gather is
 * needed; null below order 2). A leading dimension of 1 instead of B means "the same for every point" (the
 * derivatives of an affine map of z). In this layout a dense layer is one matMul per order, an activation a few
 * broadcast products, and the Gram products JJᵀ and HJᵀ single batched matMuls: on the wasm backend this runs
 * far fewer ops than one [B, n] tensor per block, and never slices, gathers or tiles a wide tensor (those kernels
 * are slow there).
 */
export interface StackedJet {
  value: tf.Tensor2D;
  first: tf.Tensor3D;
  second: tf.Tensor3D | null;
}

/** x [b, r, n] times a kernel [n, m] → [b, r, m] (one 2-D matMul). */
export function blockMatMul(x: tf.Tensor3D, kernel: tf.Tensor2D): tf.Tensor3D {
  const [b, r, n] = x.shape;
  return tf.matMul(x.reshape([b * r, n]), kernel).reshape([b, r, kernel.shape[1]]) as tf.Tensor3D;
}

/** Products of all pairs of rows, u [b, d, n] → [b, d², n] with row k·d + i = u_k ⊙ u_i (broadcast, no gather). */
export function rowProducts(u: tf.Tensor3D): tf.Tensor3D {
  const [b, d, n] = u.shape;
  return tf.mul(u.reshape([b, d, 1, n]), u.reshape([b, 1, d, n])).reshape([-1, d * d, n]) as tf.Tensor3D;
}

type Factor = tf.Tensor | number | null;

/** x times f, with f a [B, n] tensor (broadcast over the row axis), a constant, or null (zero). */
function scaleRows(x: tf.Tensor3D, f: Factor): tf.Tensor3D | null {
  if (f === null || f === 0) return null;
  if (typeof f === 'number') return (f === 1 ? x : tf.mul(x, f)) as tf.Tensor3D;
  return tf.mul(x, tf.expandDims(f, 1)) as tf.Tensor3D;
}

/** True when {@link stackedJet} can run the network (dense and activation layers only). */
export function isStackable(net: SequentialDecoder): boolean {
  return net.layers.every((l) => l.kind === 'dense' || l.kind === 'activation');
}

/**
 * Forward jet of order 1 or 2 of a network made of dense and activation layers at z [B, d], stacked per point
 * ({@link StackedJet}); activations by their analytic derivatives: y_i = f′u_i, y_ki = f′u_ki + f″u_k u_i.
 * Not wrapped in tf.tidy; use inside one. Throws for any other layer (a torus lift: use decoderJet there).
 */
export function stackedJet(net: SequentialDecoder, z: tf.Tensor2D, order: 1 | 2): StackedJet {
  const [B, d] = z.shape;
  let value: tf.Tensor2D = z;
  let first = tf.eye(d).reshape([1, d, d]) as tf.Tensor3D; // ∂z/∂z_i = e_i, the same for every point
  let second: tf.Tensor3D | null = null; // identically zero until the first non-linearity
  for (const layer of net.layers) {
    if (layer.kind === 'dense') {
      value = tf.add(tf.matMul(value, layer.kernel), layer.bias) as tf.Tensor2D;
      first = blockMatMul(first, layer.kernel);
      if (second) second = blockMatMul(second, layer.kernel);
    } else if (layer.kind === 'activation') {
      if (layer.fn === 'identity') continue;
      const [f, f1, f2] = activationDerivatives(layer.fn, value, order);
      if (order === 2) {
        const bend = scaleRows(rowProducts(first), f2 ?? null);
        const carried: tf.Tensor3D | null = second ? scaleRows(second, f1 ?? null) : null;
        second = bend && carried ? (tf.add(carried, bend) as tf.Tensor3D) : (bend ?? carried);
      }
      first = scaleRows(first, f1 ?? null) ?? (tf.zeros([B, d, value.shape[1]]) as tf.Tensor3D);
      value = f as tf.Tensor2D;
    } else {
      throw new CurvInputError(
        `stackedJet: layers must be dense or activation; got '${layer.kind}'`,
        'layers',
      );
    }
  }
  const n = value.shape[1];
  if (first.shape[0] !== B) first = tf.broadcastTo(first, [B, d, n]) as tf.Tensor3D;
  if (order === 1) return { value, first, second: null };
  if (!second) second = tf.zeros([B, d * d, n]) as tf.Tensor3D;
  else if (second.shape[0] !== B) second = tf.broadcastTo(second, [B, d * d, n]) as tf.Tensor3D;
  return { value, first, second };
}
