import * as tf from '@tensorflow/tfjs-core';

/**
 * Riemann tensor from Γ and ∂Γ (standard convention; the unit sphere has R = +2):
 *
 *   R^i_{jkl} = ∂_k Γ^i_{lj} − ∂_l Γ^i_{kj} + Γ^i_{kp} Γ^p_{lj} − Γ^i_{lp} Γ^p_{kj}
 *
 * @param gamma  Γ, [N, i, k, l]
 * @param dGamma dΓ[n, i, k, l, m] = ∂_m Γ^i_{kl}, [N, d, d, d, d]
 * @returns Riemann with array order [N, i, j, k, l]
 */
export function riemannTensor(gamma: tf.Tensor4D, dGamma: tf.Tensor5D): tf.Tensor5D {
  return tf.tidy(() => {
    const [n, d] = gamma.shape;
    // out[i,j,k,l] = dΓ[i,l,j,k]  and  dΓ[i,k,j,l]
    const t1 = tf.transpose(dGamma, [0, 1, 3, 4, 2]);
    const t2 = tf.transpose(dGamma, [0, 1, 3, 2, 4]);
    // P[i,k,l,j] = Σ_p Γ[i,k,p] Γ[p,l,j]
    const p = tf.reshape(tf.matMul(tf.reshape(gamma, [n, d * d, d]), tf.reshape(gamma, [n, d, d * d])), [
      n,
      d,
      d,
      d,
      d,
    ]);
    const t3 = tf.transpose(p, [0, 1, 4, 2, 3]); // out[i,j,k,l] = P[i,k,l,j]
    const t4 = tf.transpose(p, [0, 1, 4, 3, 2]); // out[i,j,k,l] = P[i,l,k,j]
    return tf.add(tf.sub(t1, t2), tf.sub(t3, t4)) as tf.Tensor5D;
  });
}

/** Ricci tensor Ric_{jl} = Σ_i R^i_{jil} (upper index contracted with the second lower one), [N, d, d]. */
export function ricciTensor(riemann: tf.Tensor5D): tf.Tensor3D {
  return tf.tidy(() => {
    const d = riemann.shape[1];
    const mask = tf.reshape(tf.eye(d), [1, d, 1, d, 1]);
    return tf.sum(tf.mul(riemann, mask), [1, 3]) as tf.Tensor3D;
  });
}

/** Scalar curvature R = Σ_{a,k} g^{ak} Ric_{ak}, [N]. */
export function scalarFromRicci(gInv: tf.Tensor3D, ricci: tf.Tensor3D): tf.Tensor1D {
  return tf.tidy(() => tf.sum(tf.mul(gInv, ricci), [1, 2]) as tf.Tensor1D);
}

/** The full intrinsic chain from Γ, ∂Γ and g⁻¹: Riemann, Ricci and R. */
export function curvatureFromChristoffel(
  gInv: tf.Tensor3D,
  gamma: tf.Tensor4D,
  dGamma: tf.Tensor5D,
): { riemann: tf.Tensor5D; ricci: tf.Tensor3D; R: tf.Tensor1D } {
  return tf.tidy(() => {
    const riemann = riemannTensor(gamma, dGamma);
    const ricci = ricciTensor(riemann);
    const R = scalarFromRicci(gInv, ricci);
    return { riemann, ricci, R };
  });
}
