import { CurvInputError } from '@curv/core';
import { smallDeterminant, smallInverse } from '@curv/geometry';
import * as tf from '@tensorflow/tfjs-core';

/** Pointwise geometry at P sample points (d = 2): scalar curvature, metric, potential and its gradient. */
export interface PerelmanInputs {
  /** Scalar curvature R [P]. */
  R: tf.Tensor1D;
  /** Metric g [P, 2, 2]. */
  g: tf.Tensor3D;
  /** Potential f [P]. */
  f: tf.Tensor1D;
  /** ∇f = ∂f/∂z [P, 2] (coordinate gradient). */
  gradF: tf.Tensor2D;
  /** Regulariser of g⁻¹ = (g + eps I)⁻¹ in |∇f|²_g (default 0). */
  eps?: number;
  /**
   * log of the coordinate volume the points are uniform on (W's normalisation only; default the torus,
   * n·log 2π).
   */
  logVolume?: number;
}

/**
 * |∇f|²_g = ∇fᵀ g⁻¹ ∇f with g⁻¹ = (g + eps I)⁻¹, and √det g (det clamped at 0), [P] each; the small-matrix
 * algebra is `smallInverse` / `smallDeterminant` of `@curv/geometry`.
 */
export function gradientNormAndVolume(
  g: tf.Tensor3D,
  gradF: tf.Tensor2D,
  eps = 0,
): { gradNorm: tf.Tensor1D; sqrtDet: tf.Tensor1D } {
  if (g.rank !== 3 || g.shape[1] !== g.shape[2] || gradF.shape[1] !== g.shape[1]) {
    throw new CurvInputError(
      `Perelman functionals: expected a metric [P, d, d] and ∇f [P, d], got [${g.shape}] and [${gradF.shape}]`,
    );
  }
  return tf.tidy(() => {
    const gInv = smallInverse(g, eps);
    const q = tf.sum(tf.mul(gInv, tf.mul(tf.expandDims(gradF, 2), tf.expandDims(gradF, 1))), [1, 2]);
    return {
      gradNorm: q as tf.Tensor1D,
      sqrtDet: tf.sqrt(tf.relu(smallDeterminant(g))) as tf.Tensor1D,
    };
  });
}

/**
 * Perelman's F-functional F(g, f) = ∫ (R + |∇f|²_g) e^{−f} dμ with dμ = √det g dz, under
 * Perelman's normalisation ∫ e^{−f} dμ = 1 (f is shifted by the constant log ∫e^{−f}dμ, which
 * leaves ∇f unchanged). Monte Carlo over the P points with weights u_p = e^{−f_p} √det g_p:
 *
 *   F = Σ_p u_p (R_p + |∇f_p|²_g) / Σ_p u_p.
 *
 * What it does: min_f F = λ(g), the lowest eigenvalue of −4Δ_g + R. On a closed surface
 * ∫R dμ = 4πχ = 0 for the torus (Gauss–Bonnet), so λ(g) ≤ 0 with equality iff R ≡ 0. Ricci
 * flow is the gradient flow that *increases* F, so the trainer lets f minimise F while the
 * decoder maximises it (loss −λ_curv·F): the latent metric is pushed towards flatness, with
 * curvature measured against the e^{−f}dμ-weighted average rather than pointwise R².
 */
export function perelmanF(inputs: PerelmanInputs): tf.Scalar {
  return tf.tidy(() => {
    const { gradNorm, sqrtDet } = gradientNormAndVolume(inputs.g, inputs.gradF, inputs.eps ?? 0);
    const u = tf.mul(tf.exp(tf.neg(tf.sub(inputs.f, tf.min(inputs.f)))), sqrtDet);
    return tf.div(tf.sum(tf.mul(u, tf.add(inputs.R, gradNorm))), tf.sum(u)) as tf.Scalar;
  });
}

/**
 * Perelman's entropy W(g, f, τ) = ∫ [τ(|∇f|²_g + R) + f − n] (4πτ)^{−n/2} e^{−f} dμ (n = 2),
 * under the normalisation ∫ (4πτ)^{−n/2} e^{−f} dμ = 1 (f ↦ f + log Z). Monte Carlo with
 * u_p = e^{−f_p} √det g_p and Z ≈ V (4πτ)^{−n/2} mean_p u_p, where the points are treated as uniform
 * on a coordinate domain of volume V (`logVolume`; the torus, V = (2π)^n, by default):
 *
 *   W = Σ_p u_p [τ(|∇f_p|² + R_p) + f_p + log Z − n] / Σ_p u_p.
 *
 * What it does: μ(g, τ) = min_f W is non-decreasing along Ricci flow; like F, the trainer lets f
 * minimise and the decoder maximise W. Besides the curvature term it contains an entropy term
 * (f + log Z ≈ log of the latent volume relative to 4πτ), so maximising W also rewards *expanding*
 * the latent metric — use a small λ_curv or combine with the reconstruction loss. τ sets the scale
 * at which curvature is compared to that entropy.
 */
export function perelmanW(inputs: PerelmanInputs & { tau: number }): tf.Scalar {
  const { tau } = inputs;
  if (!(tau > 0))
    throw new CurvInputError(`loss_settings.perelman_tau: expected a number > 0, got ${tau}`, 'perelman_tau');
  const n = 2;
  return tf.tidy(() => {
    const { gradNorm, sqrtDet } = gradientNormAndVolume(inputs.g, inputs.gradF, inputs.eps ?? 0);
    const fmin = tf.min(inputs.f);
    const u = tf.mul(tf.exp(tf.neg(tf.sub(inputs.f, fmin))), sqrtDet);
    // log Z = log((2π)^n (4πτ)^{-n/2} mean(e^{-f} √det g)) = log mean(u) − fmin + const
    const logZ = tf.add(
      tf.sub(tf.log(tf.mean(u)), fmin),
      (inputs.logVolume ?? n * Math.log(2 * Math.PI)) - (n / 2) * Math.log(4 * Math.PI * tau),
    );
    const integrand = tf.add(tf.mul(tf.add(gradNorm, inputs.R), tau), tf.sub(tf.add(inputs.f, logZ), n));
    return tf.div(tf.sum(tf.mul(u, integrand)), tf.sum(u)) as tf.Scalar;
  });
}
