import {
  areaElement,
  checkCount,
  generator,
  rejectionSample,
  type SampleOptions,
  type ToyManifold,
} from './toyManifold.js';

export interface EllipsoidOptions extends SampleOptions {
  /** Semi-axes (default 3, 2, 1). */
  a?: number;
  b?: number;
  c?: number;
}

/** Gaussian curvature of x²/a² + y²/b² + z²/c² = 1 at a point on it: 1 / (a²b²c² (x²/a⁴ + y²/b⁴ + z²/c⁴)²). */
export function ellipsoidGaussianCurvature(p: readonly number[], a: number, b: number, c: number): number {
  const s = (p[0] * p[0]) / a ** 4 + (p[1] * p[1]) / b ** 4 + (p[2] * p[2]) / c ** 4;
  return 1 / (a * a * b * b * c * c * s * s);
}

/**
 * Uniform (by area) samples of the ellipsoid with semi-axes a, b, c (default 3, 2, 1) and their exact
 * Gaussian curvature (c²/(a²b²) at the poles (0, 0, ±c), a²/(b²c²) at (±a, 0, 0)).
 *
 * ```ts
 * const e = ellipsoid(2000);
 * ```
 */
export function ellipsoid(n: number, options: EllipsoidOptions = {}): ToyManifold {
  checkCount(n, 'ellipsoid');
  const a = options.a ?? 3;
  const b = options.b ?? 2;
  const c = options.c ?? 1;
  if (!(a > 0 && b > 0 && c > 0)) throw new Error(`ellipsoid: semi-axes must be > 0, got ${a}, ${b}, ${c}`);
  const rng = generator(options);
  const density = ([t, f]: [number, number]) =>
    areaElement(
      [a * Math.cos(t) * Math.cos(f), b * Math.cos(t) * Math.sin(f), -c * Math.sin(t)],
      [-a * Math.sin(t) * Math.sin(f), b * Math.sin(t) * Math.cos(f), 0],
    );
  // sin θ · max over the unit sphere of the stretched normal ≤ max(ab, bc, ca): a valid envelope.
  const bound = Math.max(a * b, b * c, c * a) * 1.0001;
  const params = rejectionSample(
    n,
    rng,
    () => [rng.uniformIn(0, Math.PI), rng.uniformIn(0, 2 * Math.PI)] as [number, number],
    density,
    bound,
  );
  const points = params.map(([t, f]) => [
    a * Math.sin(t) * Math.cos(f),
    b * Math.sin(t) * Math.sin(f),
    c * Math.cos(t),
  ]);
  const K = Float64Array.from(points, (p) => ellipsoidGaussianCurvature(p, a, b, c));
  return { points, dim: 2, gaussianCurvature: K, scalarCurvature: K.map((k) => 2 * k) };
}
