import { CurvInputError, type Random } from '@curv/core';
import { type Dataset, makeDataset } from './dataset.js';

export interface SurfaceWithHoleOptions {
  /** Points drawn before the hole is cut (default 2000; about n·(1 − πr²) remain). */
  n?: number;
  /** Radius of the hole around the centre (default 0.2). */
  radius?: number;
  /** Height amplitude (default 0.25). */
  amplitude?: number;
  /** Standard deviation of the height noise, relative to the amplitude (default 0.1). */
  noise?: number;
}

/**
 * A 2-D surface with a hole in R³: u uniform on [−½, ½]², points with ‖u‖ ≤ radius removed, and
 * x = (u₁, u₂, amplitude·(sin(2π u₁) + noise·N(0, 1))). Label = ‖u‖ (continuous). The standard test bed of
 * the expected metric of a VAE: the metric must grow inside the hole and outside the square.
 *
 * ```ts
 * const ds = surfaceWithHole({}, new Random(0)); // ≈ 1750 points of dimension 3
 * ```
 */
export function surfaceWithHole(options: SurfaceWithHoleOptions, rng: Random): Dataset {
  const n = options.n ?? 2000;
  const radius = options.radius ?? 0.2;
  const amplitude = options.amplitude ?? 0.25;
  const noise = options.noise ?? 0.1;
  if (!Number.isInteger(n) || n <= 0)
    throw new CurvInputError(`dataset.n: expected a positive integer, got ${n}`, 'n');
  if (!(radius >= 0 && radius < 0.5)) {
    throw new CurvInputError(`dataset.radius: expected a number in [0, 0.5), got ${radius}`, 'radius');
  }
  if (!Number.isFinite(amplitude))
    throw new CurvInputError(`dataset.amplitude: expected a number, got ${amplitude}`, 'amplitude');
  if (!(noise >= 0)) throw new CurvInputError(`dataset.noise: expected ≥ 0, got ${noise}`, 'noise');
  const u = new Float64Array(2 * n);
  for (let i = 0; i < 2 * n; i++) u[i] = rng.uniform() - 0.5;
  const eps = new Float64Array(n);
  for (let i = 0; i < n; i++) eps[i] = rng.normal();
  const rows: number[] = [];
  const labels: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = u[2 * i];
    const b = u[2 * i + 1];
    const r = Math.hypot(a, b);
    if (r <= radius) continue;
    rows.push(a, b, amplitude * (Math.sin(2 * Math.PI * a) + noise * eps[i]));
    labels.push(r);
  }
  const m = labels.length;
  return makeDataset('SurfaceWithHole', Float32Array.from(rows), m, 3, Float32Array.from(labels), {
    discreteLabels: false,
  });
}
