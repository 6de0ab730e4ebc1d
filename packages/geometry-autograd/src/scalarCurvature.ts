import { CurvInputError } from '@curv/core';
import { checkEps, checkStep, curvatureDensity } from '@curv/geometry';
import { type CurvatureAndMetric, rhombusCurvature } from '@curv/geometry-fd';
import * as tf from '@tensorflow/tfjs-core';
import { type CurvatureTensors, intrinsicCurvatureTensors } from './curvatureTensors.js';
import { decoderFunction } from './decoderJet.js';
import { gaussCurvatureAndMetric } from './gaussCurvature.js';
import { checkJetCapable, type Decoder, hasJets, type JetCapable } from './validate.js';

/** How R is computed. */
export type CurvatureRoute = 'gauss' | 'intrinsic' | 'fd';

export interface CurvatureOptions {
  /**
   * 'gauss' (default when eps = 0): Gauss equation from 2nd-order jets, fastest, exact.
   * 'intrinsic' (default when eps > 0): the original's g → Γ → Riemann → Ricci → R pipeline from
   * 3rd-order jets; the only exact route that honours eps > 0.
   * 'fd': rhombus minigrids of @curv/geometry-fd (d = 2). Function decoders always use 'fd'.
   */
  route?: CurvatureRoute;
  /** Metric regulariser: (g + eps I)⁻¹ in Γ and in the final trace (default 0). */
  eps?: number;
  /** Step of the 'fd' route (default 0.01, as the original). */
  h?: number;
}

function resolveRoute(dec: Decoder, opts: CurvatureOptions): CurvatureRoute {
  const eps = opts.eps ?? 0;
  checkEps(eps, 'curvature eps');
  if (opts.h !== undefined) checkStep(opts.h, 'curvature h');
  if (!hasJets(dec)) {
    if (opts.route && opts.route !== 'fd') {
      throw new CurvInputError(
        `curvature route: '${opts.route}' needs a SequentialDecoder or JetDecoder; a plain function decoder supports only 'fd'`,
        'route',
      );
    }
    return 'fd';
  }
  const route = opts.route ?? (eps > 0 ? 'intrinsic' : 'gauss');
  if (route !== 'gauss' && route !== 'intrinsic' && route !== 'fd') {
    throw new CurvInputError(
      `curvature route: expected 'gauss', 'intrinsic' or 'fd', got '${route}'`,
      'route',
    );
  }
  if (route === 'gauss' && eps > 0) {
    throw new CurvInputError(
      `curvature route: 'gauss' computes the exact R of g and cannot apply eps = ${eps}; use route 'intrinsic' (or eps 0)`,
      'route',
    );
  }
  return route;
}

/**
 * Scalar curvature R and metric g of the pull-back metric of a decoder at z [B, d] (conventions:
 * unit sphere R = +2, R = 2K for d = 2). Differentiable w.r.t. the decoder's kernels/biases (tf.Variables).
 * Function decoders: finite differences on rhombus minigrids (d = 2 only).
 */
export function curvatureAndMetric(
  dec: Decoder,
  z: tf.Tensor2D,
  opts: CurvatureOptions = {},
): CurvatureAndMetric {
  const route = resolveRoute(dec, opts);
  if (hasJets(dec)) checkJetCapable(dec, z, 'curvature z');
  const eps = opts.eps ?? 0;
  if (route === 'fd') {
    const fn = hasJets(dec) ? decoderFunction(dec) : dec;
    if (z.rank !== 2 || z.shape[1] !== 2) {
      throw new CurvInputError(
        `curvature z: the finite-difference route needs d = 2 latent points [B, 2], got [${z.shape.join(', ')}]`,
        'z',
      );
    }
    return rhombusCurvature(fn, z, { h: opts.h, eps });
  }
  const seq = dec as JetCapable;
  return tf.tidy(() => {
    if (route === 'gauss') return gaussCurvatureAndMetric(seq, z);
    const t = intrinsicCurvatureTensors(seq, z, eps);
    return { R: t.R, g: t.g };
  });
}

/** Scalar curvature per point, [B]. See {@link curvatureAndMetric}. */
export function scalarCurvature(dec: Decoder, z: tf.Tensor2D, opts: CurvatureOptions = {}): tf.Tensor1D {
  return tf.tidy(() => curvatureAndMetric(dec, z, opts).R);
}

/**
 * Curvature loss mean_p R_p² √det g_p, a scalar differentiable w.r.t. the decoder weights. The training
 * losses live in @curv/models (`curvatureTerm`); this is the same mean of `curvatureDensity` (@curv/geometry),
 * kept here for existing callers.
 */
export function curvatureLoss(dec: Decoder, z: tf.Tensor2D, opts: CurvatureOptions = {}): tf.Scalar {
  return tf.tidy(() => {
    const { R, g } = curvatureAndMetric(dec, z, opts);
    return tf.mean(curvatureDensity(R, g)) as tf.Scalar;
  });
}

/**
 * The full set g, (g + eps I)⁻¹, ∂g, Γ, ∂Γ, Riemann, Ricci, R by the intrinsic route (the original's
 * "dict" reduction). Needs a SequentialDecoder.
 */
export function curvatureTensors(
  dec: Decoder,
  z: tf.Tensor2D,
  opts: { eps?: number } = {},
): CurvatureTensors {
  if (!hasJets(dec)) {
    throw new CurvInputError(
      'curvatureTensors: needs a SequentialDecoder or JetDecoder, got a plain function',
      'decoder',
    );
  }
  const eps = opts.eps ?? 0;
  checkEps(eps, 'curvatureTensors eps');
  checkJetCapable(dec, z, 'curvatureTensors z');
  return tf.tidy(
    () => ({ ...intrinsicCurvatureTensors(dec, z, eps) }) as unknown as tf.TensorContainer,
  ) as unknown as CurvatureTensors;
}
