import { CurvInputError } from '@curv/core';
import {
  asDecoderFn,
  curveEnergy,
  curveLength,
  type DecoderFn,
  type MetricFn,
  type MetricGrid,
  metricCurveEnergy,
  metricCurveLength,
} from '@curv/schauder';
import type * as tf from '@tensorflow/tfjs-core';

/** A decoder: a tfjs function `[B, d] → [B, D]` or a `SequentialDecoder` of `@curv/geometry-autograd`. */
export type DecoderLike = Parameters<typeof asDecoderFn>[0];

/**
 * How curve energies and lengths are measured (SPEC §6.3): `decoded` — through the decoder Ψ,
 * E = (S−1)Σ‖Ψ(γ_{s+1}) − Ψ(γ_s)‖²; `metric` — through a latent metric field g (e.g. a
 * `metricGrid(…).at` interpolation of the pull-back metric), E = (S−1)Σ Δzᵀ g(z̄) Δz.
 * Both delegate to `@curv/schauder`.
 */
export interface CurveGeometry {
  mode: 'decoded' | 'metric';
  /** Per-curve energies `[b]` of curves `[b, S, d]` (differentiable w.r.t. the curves). */
  energy(curves: tf.Tensor3D): tf.Tensor1D;
  /** Per-curve lengths `[b]`. */
  length(curves: tf.Tensor3D): tf.Tensor1D;
}

/**
 * Builds a {@link CurveGeometry} from exactly one of `decoder` (decoded mode), `metric` (any metric
 * field, tfjs ops) or `grid` (a `metricGrid`, passed as is to schauder's `metricCurveEnergy` /
 * `metricCurveLength`, which run their plain-JS grid kernel with a hand-written gradient).
 */
export function curveGeometry(source: {
  decoder?: DecoderLike;
  metric?: MetricFn;
  grid?: MetricGrid;
}): CurveGeometry {
  const { decoder, metric, grid } = source;
  const given = [decoder, metric, grid].filter((v) => v !== undefined).length;
  if (given !== 1) {
    throw new CurvInputError(
      'decoder/metric/grid: expected exactly one of `decoder` (decoded mode), `metric` or `grid` (metric-grid mode)',
      'decoder',
    );
  }
  if (grid !== undefined) {
    if (typeof grid !== 'object' || typeof grid.sample !== 'function') {
      throw new CurvInputError('grid: expected a MetricGrid from metricGrid() of @curv/schauder', 'grid');
    }
    return {
      mode: 'metric',
      energy: (c) => metricCurveEnergy(grid, c, 'none') as tf.Tensor1D,
      length: (c) => metricCurveLength(grid, c, 'none') as tf.Tensor1D,
    };
  }
  if (decoder !== undefined) {
    if (typeof decoder !== 'function' && (typeof decoder !== 'object' || !Array.isArray(decoder.layers))) {
      throw new CurvInputError(
        'decoder: expected a function [B, d] → [B, D] or a SequentialDecoder',
        'decoder',
      );
    }
    const psi: DecoderFn = asDecoderFn(decoder);
    return {
      mode: 'decoded',
      energy: (c) => curveEnergy(psi, c, 'none') as tf.Tensor1D,
      length: (c) => curveLength(psi, c, 'none') as tf.Tensor1D,
    };
  }
  if (typeof metric !== 'function')
    throw new CurvInputError('metric: expected a function [B, d] → [B, d, d]', 'metric');
  return {
    mode: 'metric',
    energy: (c) => metricCurveEnergy(metric, c, 'none') as tf.Tensor1D,
    length: (c) => metricCurveLength(metric, c, 'none') as tf.Tensor1D,
  };
}
