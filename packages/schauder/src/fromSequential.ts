import type { SequentialDecoder } from '@curv/geometry-autograd';
import { type Decoder, decoderFunction, isSequential, pullbackMetric } from '@curv/geometry-autograd';
import type { DecoderFn, MetricFn } from './types.js';

/**
 * A {@link DecoderFn} from a `SequentialDecoder` (jet-capable layers of @curv/geometry-autograd) or a
 * function (returned unchanged), for the decoded-mode solver.
 *
 * ```ts
 * solveGeodesics({ decoder: asDecoderFn(model.decoderLayers()) }, starts, ends);
 * ```
 */
export function asDecoderFn(dec: SequentialDecoder | DecoderFn): DecoderFn {
  return isSequential(dec) ? decoderFunction(dec) : dec;
}

/**
 * The pull-back metric g = JᵀJ of a decoder as a plain {@link MetricFn}: exact from a first-order forward jet
 * for a `SequentialDecoder`, central differences for a plain function (see `pullbackMetric`). Prefer
 * `pullbackRiemannianMetric(dec)` of @curv/geometry-autograd, a `RiemannianMetric` that also carries ∂g:
 * `metricGrid(pullbackRiemannianMetric(dec), { n: 128 })`.
 */
export function pullbackMetricFn(dec: Decoder): MetricFn {
  return (z) => pullbackMetric(dec, z);
}
