import { CurvInputError } from '@curv/core';
import { checkRiemannianMetric, type RiemannianMetric } from '@curv/geometry';
import { centralDifferencePullbackMetric } from '@curv/geometry-fd';
import * as tf from '@tensorflow/tfjs-core';
import { pullbackMetricJet } from './curvatureTensors.js';
import { checkJetCapable, type Decoder, hasJets } from './validate.js';

export interface PullbackRiemannianMetricOptions {
  /** Latent dimension, needed only for a plain function decoder (jet-capable decoders carry `latentDim`). */
  dim?: number;
  /** Central-difference step for a plain function decoder (default 5e-3). */
  h?: number;
}

/**
 * The pull-back metric g = JᵀJ of a decoder as a {@link RiemannianMetric}. A `SequentialDecoder` or
 * `JetDecoder` gives g exactly from a first-order forward jet and ∂g exactly from a second-order jet
 * (∂_k g_ij = ⟨∂_i∂_kΨ, ∂_jΨ⟩ + ⟨∂_iΨ, ∂_j∂_kΨ⟩); a plain function decoder gives g by central
 * differences (`centralDifferencePullbackMetric` of @curv/geometry-fd) and no `metricDerivative`.
 * Differentiable w.r.t. the decoder's weights.
 *
 * ```ts
 * const metric = pullbackRiemannianMetric(model.decoder());
 * const grid = metricGrid(metric, { n: 128 }); // @curv/schauder
 * ```
 */
export function pullbackRiemannianMetric(
  dec: Decoder,
  opts: PullbackRiemannianMetricOptions = {},
): RiemannianMetric {
  if (!hasJets(dec)) {
    if (opts.dim === undefined) {
      throw new CurvInputError(
        'pullbackRiemannianMetric dim: a plain function decoder needs { dim } (its latent dimension)',
        'dim',
      );
    }
    return centralDifferencePullbackMetric(dec, { dim: opts.dim, h: opts.h });
  }
  const metric: RiemannianMetric = {
    dim: dec.latentDim,
    metricMatrix(z) {
      checkJetCapable(dec, z, 'pullbackRiemannianMetric z');
      return tf.tidy(() => pullbackMetricJet(dec, z, 1).g);
    },
    metricDerivative(z) {
      checkJetCapable(dec, z, 'pullbackRiemannianMetric z');
      // [B, i, j, k] → [B, k, i, j]
      return tf.tidy(() => tf.transpose(pullbackMetricJet(dec, z, 2).dg as tf.Tensor4D, [0, 3, 1, 2]));
    },
  };
  checkRiemannianMetric(metric, 'pullbackRiemannianMetric');
  return metric;
}
