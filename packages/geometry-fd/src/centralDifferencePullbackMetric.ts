import { CurvInputError } from '@curv/core';
import { checkLatentBatch, checkStep, type RiemannianMetric } from '@curv/geometry';
import { type CentralDifferenceOptions, centralDifferenceMetric } from './centralDifferenceMetric.js';
import type { LatentFunction } from './types.js';

export interface CentralDifferencePullbackOptions extends CentralDifferenceOptions {
  /** Latent dimension d of the decoder's input. */
  dim: number;
}

/**
 * The pull-back metric g = JᵀJ of any decoder function Ψ: R^d → R^D as a {@link RiemannianMetric}, with J
 * by central differences (one decoder call on 2·d·B shifted points per evaluation; O(h²)). It has no
 * `metricDerivative`: consumers that need ∂g difference g again.
 *
 * ```ts
 * const metric = centralDifferencePullbackMetric((z) => decoder(z), { dim: 2 });
 * metric.metricMatrix(z); // [B, 2, 2]
 * ```
 */
export function centralDifferencePullbackMetric(
  decoder: LatentFunction,
  opts: CentralDifferencePullbackOptions,
): RiemannianMetric {
  if (typeof decoder !== 'function') {
    throw new CurvInputError(
      'centralDifferencePullbackMetric decoder: expected a function [B, d] → [B, D]',
      'decoder',
    );
  }
  const { dim, h } = opts;
  if (!Number.isInteger(dim) || dim < 1) {
    throw new CurvInputError(
      `centralDifferencePullbackMetric dim: expected a positive integer, got ${dim}`,
      'dim',
    );
  }
  if (h !== undefined) checkStep(h, 'centralDifferencePullbackMetric h');
  return {
    dim,
    metricMatrix(z) {
      checkLatentBatch(z, 'centralDifferencePullbackMetric z', dim);
      return centralDifferenceMetric(decoder, z, { h });
    },
  };
}
