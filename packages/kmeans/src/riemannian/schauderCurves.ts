import * as tf from '@tensorflow/tfjs-core';

/**
 * Curves γ = base + B·C for one chunk of `bc` curves (SPEC §6.2): `base` `[bc, S, d]`, `basis` B `[S, m]`,
 * coefficients C stored as `[m, bc·d]` (column (j·d + c) holds coordinate c of curve j) so that the
 * whole chunk is one plain matMul `[S, m]×[m, bc·d]` (no transpose flags, TOOLCHAIN.md). Returns
 * `[bc, S, d]` (curve, time, coordinate). Because the zero-boundary basis vanishes at s = 0 and
 * s = S−1, the endpoints of `base` are kept.
 */
export function schauderCurves(base: tf.Tensor3D, basis: tf.Tensor2D, coeffs: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const [bc, S, d] = base.shape;
    const offset = tf.transpose(tf.matMul(basis, coeffs).reshape([S, bc, d]), [1, 0, 2]);
    return tf.add(base, offset) as tf.Tensor3D;
  });
}
