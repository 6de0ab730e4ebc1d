import { checkCount, generator, type SampleOptions, type ToyManifold } from './toyManifold.js';

export interface PlaneOptions extends SampleOptions {
  /** Dimension d (default 2). */
  dim?: number;
}

/**
 * The flat comparison space: row 0 is the origin, rows 1…n−1 are uniform in [−1, 1]^d. Zero curvature.
 *
 * ```ts
 * plane(500, { dim: 3 }).points[0]; // [0, 0, 0]
 * ```
 */
export function plane(n: number, options: PlaneOptions = {}): ToyManifold {
  checkCount(n, 'plane');
  const d = options.dim ?? 2;
  if (!Number.isInteger(d) || d < 1) throw new Error(`plane: dim must be an integer ≥ 1, got ${d}`);
  const rng = generator(options);
  const points: number[][] = [new Array(d).fill(0)];
  for (let i = 1; i < n; i++) points.push(Array.from({ length: d }, () => rng.uniformIn(-1, 1)));
  return {
    points,
    dim: d,
    scalarCurvature: new Float64Array(n),
    gaussianCurvature: d === 2 ? new Float64Array(n) : null,
  };
}
