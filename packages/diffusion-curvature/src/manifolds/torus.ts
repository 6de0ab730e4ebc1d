import {
  checkCount,
  generator,
  rejectionSample,
  type SampleOptions,
  type ToyManifold,
} from './toyManifold.js';

export interface TorusOptions extends SampleOptions {
  /** Distance from the centre of the tube to the centre of the torus (default 2). */
  c?: number;
  /** Tube radius (default 1). */
  a?: number;
  /** Rows 0, 1, 2 = outer rim [0, −c−a, 0] (K > 0), inner rim [0, c−a, 0] (K < 0), top [0, c, a] (K = 0). */
  guidePoints?: boolean;
}

/** Gaussian curvature of the torus at tube angle θ: cos θ / (a (c + a cos θ)). */
export function torusGaussianCurvature(theta: number, c = 2, a = 1): number {
  return Math.cos(theta) / (a * (c + a * Math.cos(theta)));
}

/**
 * Uniform (by area) samples of the torus `((c + a cos θ) cos φ, (c + a cos θ) sin φ, a sin θ)` with exact
 * Gaussian curvature K = cos θ / (a (c + a cos θ)) (1/3 on the outer rim, −1 on the inner rim for c = 2, a = 1).
 *
 * ```ts
 * const t = torus(2000, { guidePoints: true, seed: 1 });
 * t.gaussianCurvature[0]; // 1/3 (outer rim)
 * ```
 */
export function torus(n: number, options: TorusOptions = {}): ToyManifold {
  checkCount(n, 'torus');
  const c = options.c ?? 2;
  const a = options.a ?? 1;
  if (!(c > a && a > 0)) throw new Error(`torus: expected c > a > 0, got c = ${c}, a = ${a}`);
  const rng = generator(options);
  const guides: [number, number][] = options.guidePoints
    ? [
        [0, -Math.PI / 2],
        [Math.PI, Math.PI / 2],
        [Math.PI / 2, Math.PI / 2],
      ]
    : [];
  const m = Math.max(0, n - guides.length);
  const sampled = rejectionSample(
    m,
    rng,
    () => [rng.uniformIn(-Math.PI, Math.PI), rng.uniformIn(-Math.PI, Math.PI)] as [number, number],
    ([theta]) => c + a * Math.cos(theta),
    c + a,
  );
  const params = [...guides, ...sampled].slice(0, n);
  const points = params.map(([theta, phi]) => {
    const rho = c + a * Math.cos(theta);
    return [rho * Math.cos(phi), rho * Math.sin(phi), a * Math.sin(theta)];
  });
  const K = Float64Array.from(params, ([theta]) => torusGaussianCurvature(theta, c, a));
  return { points, dim: 2, gaussianCurvature: K, scalarCurvature: K.map((k) => 2 * k) };
}
