import { beforeAll, describe, expect, it } from 'vitest';
import { diffusionCurvature, plane, saddle, sphere } from '../src/index.js';
import { wasm } from './setup.js';

beforeAll(wasm);

const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;
/** The first `m` points with |x|, |y| < 0.3 (interior, away from the boundary of [−1, 1]²). */
const nearOrigin = (points: number[][], m = 40) =>
  points
    .map((p, i) => (Math.max(Math.abs(p[0]), Math.abs(p[1])) < 0.3 ? i : -1))
    .filter((i) => i >= 0)
    .slice(0, m);

describe('diffusionCurvature: signs on toy manifolds (n = 1000, defaults, 40 points near the origin)', () => {
  // Single points are noisy (the spread of k at the plane's origin over seeds is ±0.15 at n = 1000), so
  // each manifold is scored by the mean over 40 interior points around the origin (the sphere is homogeneous).
  const n = 1000;
  const estimate = (points: number[][], idx: number[]) => mean(diffusionCurvature().points(idx)(points, 2).k);
  let kSphere = 0;
  let kSaddle = 0;
  let kPlane = 0;

  it('diffusionCurvature is positive on the sphere', () => {
    const s = sphere(n, { seed: 0 });
    kSphere = estimate(s.points, nearOrigin(s.points));
    expect(kSphere).toBeGreaterThan(0.03);
  });

  it('diffusionCurvature is negative around the saddle origin', () => {
    const s = saddle(n, { seed: 0 });
    kSaddle = estimate(s.points, nearOrigin(s.points));
    expect(kSaddle).toBeLessThan(-0.03);
  });

  it('diffusionCurvature is near 0 around the plane origin, relative to sphere and saddle', () => {
    const p = plane(n, { seed: 0 });
    kPlane = estimate(p.points, nearOrigin(p.points));
    expect(Math.abs(kPlane)).toBeLessThan(0.75 * Math.min(kSphere, -kSaddle));
    expect(kSphere).toBeGreaterThan(kPlane);
    expect(kPlane).toBeGreaterThan(kSaddle);
  });
});
