import * as tf from '@tensorflow/tfjs-core';
import { christoffelSymbols, firstKindSum } from './christoffel.js';
import { smallInverse } from './linalg.js';
import { curvatureFromChristoffel } from './riemann.js';

/**
 * The intrinsic curvature tensors of a metric at a batch of points. Derivative indices come last:
 * dg[b, i, j, k] = ∂_k g_ij (note: {@link RiemannianMetric.metricDerivative} puts k first).
 */
export interface CurvatureTensors {
  /** g_ij, [B, d, d]. */
  g: tf.Tensor3D;
  /** (g + eps·I)⁻¹, [B, d, d]. */
  gInv: tf.Tensor3D;
  /** ∂_k g_ij as [B, i, j, k]. */
  dg: tf.Tensor4D;
  /** Γ^i_{kl} as [B, i, k, l]. */
  christoffel: tf.Tensor4D;
  /** ∂_m Γ^i_{kl} as [B, i, k, l, m]. */
  dChristoffel: tf.Tensor5D;
  /** R^i_{jkl} as [B, i, j, k, l]. */
  riemann: tf.Tensor5D;
  /** Ric_{jl} = Σ_i R^i_{jil}, [B, d, d]. */
  ricci: tf.Tensor3D;
  /** R = g^{jl} Ric_{jl} with g^{-1} = (g + eps I)⁻¹, [B]. */
  R: tf.Tensor1D;
}

/**
 * ∂_m Γ^i_{kl} from g⁻¹, ∂g and ∂²g: ∂_m Γ = ½ ∂_m(g⁻¹) S + ½ g⁻¹ ∂_m S with S the first-kind sum
 * ({@link firstKindSum}) and ∂_m(g⁻¹) = −g⁻¹ (∂_m g) g⁻¹ (the exact derivative of the regularised inverse).
 *
 * @param gInv (g + eps·I)⁻¹, [B, d, d]
 * @param dg   ∂_k g_ij as [B, i, j, k]
 * @param ddg  ∂_m ∂_k g_ij as [B, i, j, k, m]
 * @returns ∂Γ as [B, i, k, l, m]
 */
export function christoffelDerivative(gInv: tf.Tensor3D, dg: tf.Tensor4D, ddg: tf.Tensor5D): tf.Tensor5D {
  return tf.tidy(() => {
    const [b, d] = gInv.shape;
    const s = firstKindSum(dg); // [B, m, k, l]
    const ds = firstKindSum(ddg); // [B, m, k, l, n]
    // D[i,n,m] = ∂_n (g⁻¹)_{im} = −Σ g⁻¹_{ia} ∂_n g_{ab} g⁻¹_{bm}
    const x = tf.reshape(tf.matMul(gInv, tf.reshape(dg, [b, d, d * d])), [b, d, d, d]); // [i, b, n]
    const dInv = tf.neg(tf.matMul(tf.reshape(tf.transpose(x, [0, 1, 3, 2]), [b, d * d, d]), gInv)); // [(i,n), m]
    const term1 = tf.transpose(
      tf.reshape(tf.matMul(dInv, tf.reshape(s, [b, d, d * d])), [b, d, d, d, d]),
      [0, 1, 3, 4, 2],
    );
    const term2 = tf.reshape(tf.matMul(gInv, tf.reshape(ds, [b, d, d * d * d])), [b, d, d, d, d]);
    return tf.mul(tf.add(term1, term2), 0.5) as tf.Tensor5D;
  });
}

/**
 * The intrinsic chain g → (g + eps I)⁻¹ → Γ → ∂Γ → Riemann → Ricci → R from g, ∂g and ∂²g at a batch of
 * points (any producer: forward jets, finite differences, an analytic formula). Unit sphere: R = +2;
 * for d = 2, R = 2K (Gaussian curvature K). eps enters Γ, ∂Γ and the final trace.
 *
 * @param g   [B, d, d]
 * @param dg  ∂_k g_ij as [B, i, j, k]
 * @param ddg ∂_m ∂_k g_ij as [B, i, j, k, m]
 */
export function curvatureFromMetricDerivatives(
  g: tf.Tensor3D,
  dg: tf.Tensor4D,
  ddg: tf.Tensor5D,
  eps = 0,
): CurvatureTensors {
  return tf.tidy(() => {
    const gInv = smallInverse(g, eps);
    const christoffel = christoffelSymbols(gInv, dg);
    const dChristoffel = christoffelDerivative(gInv, dg, ddg);
    const { riemann, ricci, R } = curvatureFromChristoffel(gInv, christoffel, dChristoffel);
    return { g: tf.clone(g), gInv, dg: tf.clone(dg), christoffel, dChristoffel, riemann, ricci, R };
  }) as CurvatureTensors;
}
