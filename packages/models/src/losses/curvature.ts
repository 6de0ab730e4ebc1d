import type { Random } from '@curv/core';
import { curvatureDensity } from '@curv/geometry';
import { curvatureAndMetric, type JetCapable } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import type { CurvatureMode } from '../config/types.js';

/** Curvature route understood by `@curv/geometry-autograd`. */
export type CurvatureRoute = 'gauss' | 'intrinsic' | 'fd';

/**
 * Map the config's `curvature_computation_mode` to a route: the original names `jacfwd`/`jacrev`
 * (tensor pipeline) become `gauss` when eps = 0 (identical values, only second
 * derivatives needed) and `intrinsic` when eps > 0 (only the pipeline reproduces eps > 0).
 */
export function curvatureRoute(mode: CurvatureMode, eps: number): CurvatureRoute {
  if (mode === 'jacfwd' || mode === 'jacrev') return eps === 0 ? 'gauss' : 'intrinsic';
  return mode;
}

/**
 * Curvature loss L_curv = (1/P) Σ_p R(φ_p)² √det g(φ_p) of the decoder Ψ at latent points φ
 * ([P, d]): R and g by `@curv/geometry-autograd` (R by the chosen route, eps in (g + eps I)⁻¹), the
 * integrand R²√det g by `curvatureDensity` of `@curv/geometry`.
 * The points must be constants (detached encodings or uniform samples), so the gradient flows only
 * into the decoder weights.
 */
export function curvatureTerm(
  decoder: JetCapable,
  points: tf.Tensor2D,
  options: { route?: CurvatureRoute; eps?: number } = {},
): tf.Scalar {
  return tf.tidy(() => {
    const { R, g } = curvatureAndMetric(decoder, points, {
      route: options.route ?? 'gauss',
      eps: options.eps ?? 0,
    });
    return tf.mean(curvatureDensity(R, g)) as tf.Scalar;
  });
}

/** `n` points uniform on the torus [−π, π)^d as a [n, d] tensor (from `rng`). */
export function uniformTorusSamples(n: number, d: number, rng: Random): tf.Tensor2D {
  return tf.tensor2d(rng.uniformArray(n * d, -Math.PI, Math.PI), [n, d]);
}
