import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Curves from base segments and Schauder coefficients (SPEC §6.2): γ_i(s) = L_i(s) + Σ_j B[s, j] · c_{i,j}.
 *
 * Shapes: base `[b, S, d]`, basis `[S, m]`, coefficients `[b, m, d]` (curve, basis function, coordinate)
 * → `[b, S, d]`. Differentiable w.r.t. the coefficients; uses only plain (untransposed-flag) matMul.
 */
export function curvesFromCoefficients(
  base: tf.Tensor3D,
  basis: tf.Tensor2D,
  coefficients: tf.Tensor3D,
): tf.Tensor3D {
  const [b, S, d] = base.shape;
  const [S2, m] = basis.shape;
  const [b2, m2, d2] = coefficients.shape;
  if (S2 !== S || b2 !== b || m2 !== m || d2 !== d) {
    throw new CurvInputError(
      `curvesFromCoefficients: shapes do not match; expected base [b, S, d], basis [S, m], coefficients [b, m, d]; ` +
        `got [${base.shape}], [${basis.shape}], [${coefficients.shape}]`,
      'coefficients',
    );
  }
  return tf.tidy(() => {
    const c = tf.transpose(coefficients, [1, 0, 2]).reshape([m, b * d]);
    const offset = tf.matMul(basis, c).reshape([S, b, d]);
    return tf.add(base, tf.transpose(offset, [1, 0, 2])) as tf.Tensor3D;
  });
}
