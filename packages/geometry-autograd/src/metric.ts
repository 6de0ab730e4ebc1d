import { batchTrace, smallDeterminant } from '@curv/geometry';
import { centralDifferenceMetric } from '@curv/geometry-fd';
import * as tf from '@tensorflow/tfjs-core';
import { derivativeGram } from './decoderJet.js';
import { checkJetCapable, type Decoder, hasJets } from './validate.js';

export interface MetricOptions {
  /** Central-difference step for function decoders (default 5e-3); ignored for SequentialDecoders. */
  h?: number;
}

/**
 * Pull-back metric g = JᵀJ, g_ij = ⟨∂_iΨ, ∂_jΨ⟩, at a batch of latent points: [B, d] → [B, d, d].
 * SequentialDecoder / JetDecoder: exact, from a first-order forward jet (one matMul per layer over d + 1 row blocks,
 * value dropped in the linear tail). Function decoder: central differences (O(h²), see geometry-fd).
 */
export function pullbackMetric(dec: Decoder, z: tf.Tensor2D, opts: MetricOptions = {}): tf.Tensor3D {
  if (!hasJets(dec)) return centralDifferenceMetric(dec, z, { h: opts.h });
  checkJetCapable(dec, z, 'pullbackMetric z');
  return tf.tidy(() => derivativeGram(dec, z, 1));
}

/** det g per point, [B]. */
export function metricDeterminant(dec: Decoder, z: tf.Tensor2D, opts: MetricOptions = {}): tf.Tensor1D {
  return tf.tidy(() => smallDeterminant(pullbackMetric(dec, z, opts)));
}

/** tr g = ‖J‖²_F per point, [B]. */
export function metricTrace(dec: Decoder, z: tf.Tensor2D, opts: MetricOptions = {}): tf.Tensor1D {
  return tf.tidy(() => batchTrace(pullbackMetric(dec, z, opts)));
}
