import {
  checkEps,
  checkLatentBatch,
  checkStep,
  christoffelSymbols,
  curvatureDensity,
  curvatureFromChristoffel,
  smallInverse,
} from '@curv/geometry';
import * as tf from '@tensorflow/tfjs-core';
import { type NeighbourLists, rhombusStencil } from './rhombusStencil.js';
import type { CurvatureAndMetric, LatentFunction } from './types.js';

export interface RhombusOptions {
  /** Grid step h (default 0.01 as in the original; 0.02–0.05 is more accurate in float32, see README). */
  h?: number;
  /** Metric regulariser: Γ and R use (g + eps·I)⁻¹ (default 0). */
  eps?: number;
}

const STENCIL = rhombusStencil();

/**
 * Scalar curvature and metric of the pull-back metric of Ψ at a batch of centres by finite differences
 * on rhombus minigrids (d = 2 only): Ψ is evaluated at 25 points per centre (25 decoder calls
 * of B rows); first derivatives on the radius-2 rhombus, g and ∂g on the radius-1 rhombus, Γ there,
 * ∂Γ at the centre, then Riemann → Ricci → R with the conventions of
 *
 * Works for any B ≥ 1 (fixed). tfjs computes in float32, so the offsets are in the working dtype
 * . Built from tfjs ops: differentiable w.r.t. the weights Ψ closes over.
 *
 * @param decoder Ψ: [N, 2] → [N, D]
 * @param centres [B, 2]
 * @returns R [B] and g [B, 2, 2] at the centres (g from the central differences)
 */
export function rhombusCurvature(
  decoder: LatentFunction,
  centres: tf.Tensor2D,
  opts: RhombusOptions = {},
): CurvatureAndMetric {
  const h = opts.h ?? 0.01;
  const eps = opts.eps ?? 0;
  checkLatentBatch(centres, 'rhombusCurvature centres', 2);
  checkStep(h, 'rhombusCurvature h');
  checkEps(eps, 'rhombusCurvature eps');
  return tf.tidy(() => {
    const b = centres.shape[0];
    // One decoder call per stencil point ([B, 2] → [B, D]): no slicing of a large stacked output
    // (tfjs-wasm slices run in JS and cost in proportion to the whole input).
    const values = STENCIL.offsets.map(([a, c]) =>
      decoder(a === 0 && c === 0 ? centres : (tf.add(centres, tf.tensor2d([[a * h, c * h]])) as tf.Tensor2D)),
    );
    const inv2h = 1 / (2 * h);
    const diff = (arr: tf.Tensor[], next: number[], prev: number[]): tf.Tensor[] =>
      next.map((nx, k) => tf.mul(tf.sub(arr[nx], arr[prev[k]]), inv2h));
    // Stage 1: first derivatives at the 13 radius-2 points → g there, [B, 2, 2] each.
    const dx = diff(values, STENCIL.size7.xNext, STENCIL.size7.xPrev);
    const dy = diff(values, STENCIL.size7.yNext, STENCIL.size7.yPrev);
    const dot = (u: tf.Tensor, v: tf.Tensor): tf.Tensor => tf.sum(tf.mul(u, v), 1);
    const g13 = dx.map((x, k) => {
      const y = dy[k];
      const gxy = dot(x, y);
      return tf.reshape(tf.stack([dot(x, x), gxy, gxy, dot(y, y)], 1), [b, 2, 2]);
    });
    // Stage 2: ∂g at the 5 radius-1 points (last index = direction), g⁻¹ and Γ there.
    const dg5 = derivStack(g13, STENCIL.size5, inv2h); // 5 × [B, 2, 2, 2]
    const g5 = STENCIL.size5.central.map((c) => g13[c]);
    const n5 = 5 * b;
    const g5t = tf.reshape(tf.stack(g5, 0), [n5, 2, 2]) as tf.Tensor3D;
    const gInv5 = smallInverse(g5t, eps);
    const gamma5 = christoffelSymbols(gInv5, tf.reshape(tf.stack(dg5, 0), [n5, 2, 2, 2]) as tf.Tensor4D);
    const gammas = tf.unstack(tf.reshape(gamma5, [5, b, 2, 2, 2]), 0);
    // Stage 3: ∂Γ at the centre, then Riemann → Ricci → R there.
    const dGamma = derivStack(gammas, STENCIL.size3, inv2h)[0] as tf.Tensor5D; // [B, 2, 2, 2, 2]
    const centre = STENCIL.size3.central[0];
    const gInvC = tf.unstack(tf.reshape(gInv5, [5, b, 2, 2]), 0)[centre] as tf.Tensor3D;
    const { R } = curvatureFromChristoffel(gInvC, gammas[centre] as tf.Tensor4D, dGamma);
    return { R, g: g5[centre] as tf.Tensor3D };
  });
}

/** Central differences of a per-point field along x and y, stacked as a new last axis (the direction). */
function derivStack(field: tf.Tensor[], lists: NeighbourLists, inv2h: number): tf.Tensor[] {
  return lists.central.map((_, k) => {
    const dx = tf.mul(tf.sub(field[lists.xNext[k]], field[lists.xPrev[k]]), inv2h);
    const dy = tf.mul(tf.sub(field[lists.yNext[k]], field[lists.yPrev[k]]), inv2h);
    return tf.stack([dx, dy], dx.rank);
  });
}

/** FD curvature loss mean_p R_p² √det g_p (the original's "fd" mode). */
export function rhombusCurvatureLoss(
  decoder: LatentFunction,
  centres: tf.Tensor2D,
  opts: RhombusOptions = {},
): tf.Scalar {
  return tf.tidy(() => {
    const { R, g } = rhombusCurvature(decoder, centres, opts);
    return tf.mean(curvatureDensity(R, g)) as tf.Scalar;
  });
}
