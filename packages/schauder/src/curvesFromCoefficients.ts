import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';

/**
 * Curves from base segments and Schauder coefficients: γ_i(s) = L_i(s) + Σ_j B[s, j] · c_{i,j}.
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
  return tf.tidy(() =>
    curvesFromColumns(base, basis, tf.transpose(coefficients, [1, 0, 2]).reshape([m, b * d]) as tf.Tensor2D),
  );
}

/**
 * The same with the coefficients stored as columns `[m, b·d]` (column j·d + c holds coordinate c of curve j),
 * so that the whole batch is one plain matMul `[S, m]×[m, b·d]` without transposing the coefficients; the
 * layout of persistent coefficients in a `geodesicSolver` relaxation. Shapes are not checked.
 */
export function curvesFromColumns(base: tf.Tensor3D, basis: tf.Tensor2D, columns: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const [b, S, d] = base.shape;
    const offset = tf.matMul(basis, columns).reshape([S, b, d]);
    return tf.add(base, tf.transpose(offset, [1, 0, 2])) as tf.Tensor3D;
  });
}
