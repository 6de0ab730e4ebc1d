import {
  areaElement,
  checkCount,
  generator,
  rejectionSample,
  type SampleOptions,
  type ToyManifold,
} from './toyManifold.js';

export interface HyperboloidOptions extends SampleOptions {
  /** Semi-axes of x²/a² + y²/b² − z²/c² = 1 (default 2, 2, 1). */
  a?: number;
  b?: number;
  c?: number;
  /** Parameter range u ∈ [−uMax, uMax], z = c·u (default 2). */
  uMax?: number;
}

/** Gaussian curvature of x²/a² + y²/b² − z²/c² = 1 at a point on it: −1 / (a²b²c² (x²/a⁴ + y²/b⁴ + z²/c⁴)²). */
export function hyperboloidGaussianCurvature(p: readonly number[], a: number, b: number, c: number): number {
  const s = (p[0] * p[0]) / a ** 4 + (p[1] * p[1]) / b ** 4 + (p[2] * p[2]) / c ** 4;
  return -1 / (a * a * b * b * c * c * s * s);
}

/**
 * Uniform (by area) samples of the one-sheeted hyperboloid `(a cos θ √(u²+1), b sin θ √(u²+1), c u)`,
 * u ∈ [−2, 2], with exact Gaussian curvature (−1/(5u² + 1)² for the default a = b = 2, c = 1).
 *
 * ```ts
 * const h = hyperboloid(2000);
 * ```
 */
export function hyperboloid(n: number, options: HyperboloidOptions = {}): ToyManifold {
  checkCount(n, 'hyperboloid');
  const a = options.a ?? 2;
  const b = options.b ?? 2;
  const c = options.c ?? 1;
  const uMax = options.uMax ?? 2;
  if (!(a > 0 && b > 0 && c > 0 && uMax > 0)) throw new Error('hyperboloid: a, b, c and uMax must be > 0');
  const rng = generator(options);
  const density = ([u, t]: [number, number]) => {
    const s = Math.sqrt(u * u + 1);
    return areaElement(
      [(a * Math.cos(t) * u) / s, (b * Math.sin(t) * u) / s, c],
      [-a * Math.sin(t) * s, b * Math.cos(t) * s, 0],
    );
  };
  // ‖r_u × r_θ‖ ≤ ‖r_u‖‖r_θ‖ ≤ sqrt(max(a,b)² + c²) · max(a,b) · sqrt(uMax² + 1).
  const m = Math.max(a, b);
  const bound = Math.sqrt(m * m + c * c) * m * Math.sqrt(uMax * uMax + 1);
  const params = rejectionSample(
    n,
    rng,
    () => [rng.uniformIn(-uMax, uMax), rng.uniformIn(0, 2 * Math.PI)] as [number, number],
    density,
    bound,
  );
  const points = params.map(([u, t]) => {
    const s = Math.sqrt(u * u + 1);
    return [a * Math.cos(t) * s, b * Math.sin(t) * s, c * u];
  });
  const K = Float64Array.from(points, (p) => hyperboloidGaussianCurvature(p, a, b, c));
  return { points, dim: 2, gaussianCurvature: K, scalarCurvature: K.map((k) => 2 * k) };
}
