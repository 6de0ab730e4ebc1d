import { CurvInputError, type Random } from '@curv/core';
import { type Dataset, makeDataset } from './dataset.js';

export interface SwissRollOptions {
  /** Number of points. */
  n: number;
  /** Standard deviation of the isotropic Gaussian noise added to every point. */
  noise: number;
}

/**
 * Swiss roll (scikit-learn's formula): t = 1.5π(1 + 2u₁), y = 21u₂ with u uniform on
 * [0, 1); point (t cos t, y, t sin t) + noise·N(0, I₃). Label = t ∈ [1.5π, 4.5π) (continuous);
 * `intrinsic` = (t, y), the generating parameters.
 */
export function swissRoll(options: SwissRollOptions, rng: Random): Dataset {
  const { n, noise } = options;
  if (!Number.isInteger(n) || n <= 0)
    throw new CurvInputError(`dataset.n: expected a positive integer, got ${n}`, 'n');
  if (!(noise >= 0))
    throw new CurvInputError(`dataset.swissroll_noise: expected ≥ 0, got ${noise}`, 'swissroll_noise');
  const t = new Float64Array(n);
  const y = new Float64Array(n);
  for (let i = 0; i < n; i++) t[i] = 1.5 * Math.PI * (1 + 2 * rng.uniform());
  for (let i = 0; i < n; i++) y[i] = 21 * rng.uniform();
  const data = new Float32Array(n * 3);
  const labels = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    data[3 * i] = t[i] * Math.cos(t[i]);
    data[3 * i + 1] = y[i];
    data[3 * i + 2] = t[i] * Math.sin(t[i]);
    labels[i] = t[i];
  }
  // Noise drawn coordinate by coordinate (all x, then all y, then all z), as scikit-learn does.
  for (let c = 0; c < 3; c++) for (let i = 0; i < n; i++) data[3 * i + c] += noise * rng.normal();
  const intrinsic = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    intrinsic[2 * i] = t[i];
    intrinsic[2 * i + 1] = y[i];
  }
  return makeDataset('Swissroll', data, n, 3, labels, {
    discreteLabels: false,
    intrinsic: { data: intrinsic, dim: 2, names: ['t', 'y'] },
  });
}

/**
 * Arc length of the roll's spiral (t cos t, t sin t) from 0 to t: ½(t√(1 + t²) + asinh t). The map
 * (t, y) ↦ (swissRollArcLength(t), y) is an isometry from the rolled surface onto a flat rectangle, so
 * Euclidean distances of these coordinates are the roll's geodesic distances (the unrolled "ideal" chart).
 */
export function swissRollArcLength(t: number): number {
  return 0.5 * (t * Math.sqrt(1 + t * t) + Math.asinh(t));
}
