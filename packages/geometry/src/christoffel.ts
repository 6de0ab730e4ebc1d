import * as tf from '@tensorflow/tfjs-core';

/**
 * Christoffel symbols of the second kind from the inverse metric and the metric derivatives:
 *
 *   Γ^i_{kl} = ½ g^{im} (∂_l g_{mk} + ∂_k g_{ml} − ∂_m g_{kl})
 *
 * @param gInv (g + eps·I)⁻¹, [N, d, d]
 * @param dg   dg[n, i, j, k] = ∂_k g_{ij} (last index = derivative direction), [N, d, d, d]
 * @returns Γ with array index order [N, i, k, l]
 */
export function christoffelSymbols(gInv: tf.Tensor3D, dg: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const [n, d] = gInv.shape;
    const s = firstKindSum(dg);
    return tf.reshape(tf.mul(tf.matMul(gInv, tf.reshape(s, [n, d, d * d])), 0.5), [
      n,
      d,
      d,
      d,
    ]) as tf.Tensor4D;
  });
}

/**
 * S[m, k, l] = ∂_l g_{mk} + ∂_k g_{ml} − ∂_m g_{kl} (twice the Christoffel symbols of the first kind),
 * for dg[..., i, j, k] = ∂_k g_{ij} with any number of trailing derivative axes after the first three
 * (so the same permutation also differentiates S when dg carries an extra derivative index).
 */
export function firstKindSum<T extends tf.Tensor>(dg: T): T {
  return tf.tidy(() => {
    const r = dg.rank;
    const rest = [...Array(r - 4).keys()].map((x) => x + 4);
    // dg[n, m, k, l] = ∂_l g_{mk} (identity), dg[n, m, l, k] = ∂_k g_{ml}, dg[n, k, l, m] = ∂_m g_{kl}.
    const a = dg;
    const b = tf.transpose(dg, [0, 1, 3, 2, ...rest]);
    const c = tf.transpose(dg, [0, 3, 1, 2, ...rest]);
    return tf.sub(tf.add(a, b), c) as T;
  });
}
