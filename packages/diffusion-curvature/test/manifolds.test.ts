import { describe, expect, it } from 'vitest';
import {
  ellipsoid,
  ellipsoidGaussianCurvature,
  hyperboloid,
  plane,
  quadraticGraphScalarCurvature,
  saddle,
  sphere,
  torus,
  torusGaussianCurvature,
} from '../src/index.js';

const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;

type Param = (u: number, v: number) => number[];
const sub = (a: number[], b: number[]) => a.map((x, i) => x - b[i]);
const dot = (a: number[], b: number[]) => a.reduce((s, x, i) => s + x * b[i], 0);
const cross = (a: number[], b: number[]) => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
];

/** Gaussian curvature (LN − M²)/(EG − F²) and area element of a parametrised surface by central differences. */
function numericSurface(r: Param, u: number, v: number, h = 1e-4) {
  const ru = sub(r(u + h, v), r(u - h, v)).map((x) => x / (2 * h));
  const rv = sub(r(u, v + h), r(u, v - h)).map((x) => x / (2 * h));
  const r0 = r(u, v);
  const ruu = r(u + h, v).map((x, i) => (x - 2 * r0[i] + r(u - h, v)[i]) / (h * h));
  const rvv = r(u, v + h).map((x, i) => (x - 2 * r0[i] + r(u, v - h)[i]) / (h * h));
  const ruv = r(u + h, v + h).map(
    (x, i) => (x - r(u + h, v - h)[i] - r(u - h, v + h)[i] + r(u - h, v - h)[i]) / (4 * h * h),
  );
  const nn = cross(ru, rv);
  const area = Math.hypot(...nn);
  const N = nn.map((x) => x / area);
  const E = dot(ru, ru);
  const F = dot(ru, rv);
  const G = dot(rv, rv);
  const L = dot(ruu, N);
  const M = dot(ruv, N);
  const Nn = dot(rvv, N);
  return { K: (L * Nn - M * M) / (E * G - F * F), area };
}

/** ∫∫ f(u, v) area(u, v) du dv and ∫∫ area by the midpoint rule. */
function quadrature(r: Param, [u0, u1]: number[], [v0, v1]: number[], f: (p: number[]) => number, m = 300) {
  let num = 0;
  let den = 0;
  const du = (u1 - u0) / m;
  const dv = (v1 - v0) / m;
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < m; j++) {
      const u = u0 + (i + 0.5) * du;
      const v = v0 + (j + 0.5) * dv;
      const a = Math.hypot(
        ...cross(
          sub(r(u + 1e-5, v), r(u - 1e-5, v)).map((x) => x / 2e-5),
          sub(r(u, v + 1e-5), r(u, v - 1e-5)).map((x) => x / 2e-5),
        ),
      );
      num += f(r(u, v)) * a * du * dv;
      den += a * du * dv;
    }
  }
  return { integral: num, area: den };
}

describe('torus', () => {
  const c = 2;
  const a = 1;
  const r: Param = (t, f) => [
    (c + a * Math.cos(t)) * Math.cos(f),
    (c + a * Math.cos(t)) * Math.sin(f),
    a * Math.sin(t),
  ];

  it('torusGaussianCurvature is cos θ / (a (c + a cos θ)): 1/3 outer, −1 inner, equal to (LN − M²)/(EG − F²)', () => {
    expect(torusGaussianCurvature(0)).toBeCloseTo(1 / 3, 12);
    expect(torusGaussianCurvature(Math.PI)).toBeCloseTo(-1, 12);
    expect(torusGaussianCurvature(0.8)).toBeCloseTo(numericSurface(r, 0.8, 1.9).K, 4);
    for (const t of [0.3, 1.1, 2, 2.9, -1.7]) {
      expect(torusGaussianCurvature(t, 3, 0.5)).toBeCloseTo(
        numericSurface(
          (u, v) => [
            (3 + 0.5 * Math.cos(u)) * Math.cos(v),
            (3 + 0.5 * Math.cos(u)) * Math.sin(v),
            0.5 * Math.sin(u),
          ],
          t,
          0.4,
        ).K,
        4,
      );
    }
  });

  it('torus(n) samples uniformly by area: E[cos θ] = a/(2c) and the mean Gaussian curvature is 0 (Gauss–Bonnet)', () => {
    const T = torus(20000, { seed: 5 });
    const cos = T.points.map(([x, y]) => (Math.hypot(x, y) - c) / a);
    expect(mean(cos)).toBeCloseTo(a / (2 * c), 1);
    expect(Math.abs(mean(cos) - 0.25)).toBeLessThan(0.015);
    // Uniform in θ instead of by area would give mean K = 1 − 2/√3 = −0.155.
    expect(Math.abs(mean(T.gaussianCurvature!))).toBeLessThan(0.01);
    const offTorus = Math.max(
      ...T.points.map(([x, y, z]) => Math.abs((Math.hypot(x, y) - c) ** 2 + z * z - a * a)),
    );
    expect(offTorus).toBeLessThan(1e-9);
    expect(Array.from(T.scalarCurvature.slice(0, 5))).toEqual(
      Array.from(T.gaussianCurvature!.slice(0, 5), (k) => 2 * k),
    );
  });

  it('torus guide points: outer rim, inner rim, top, with K = 1/3, −1, 0', () => {
    const T = torus(10, { guidePoints: true, seed: 0 });
    const close = (p: number[], q: number[]) => {
      for (let i = 0; i < p.length; i++) expect(p[i]).toBeCloseTo(q[i], 12);
    };
    close(T.points[0], [0, -3, 0]);
    close(T.points[1], [0, 1, 0]);
    close(T.points[2], [0, 2, 1]);
    expect(T.gaussianCurvature![0]).toBeCloseTo(1 / 3, 12);
    expect(T.gaussianCurvature![1]).toBeCloseTo(-1, 12);
    expect(T.gaussianCurvature![2]).toBeCloseTo(0, 12);
    expect(T.points).toHaveLength(10);
  });
});

describe('sphere, plane', () => {
  it('sphere(n, { dim, radius }) lies on the sphere, starts at the pole, has scalar curvature d(d−1)/r²', () => {
    const S = sphere(3000, { dim: 3, radius: 2, seed: 1 });
    expect(S.points[0]).toEqual([0, 0, 0, 2]);
    for (const p of S.points) expect(Math.hypot(...p)).toBeCloseTo(2, 9);
    expect(S.scalarCurvature[7]).toBeCloseTo(6 / 4, 12);
    expect(S.gaussianCurvature).toBeNull();
    for (let j = 0; j < 4; j++) expect(Math.abs(mean(S.points.map((p) => p[j])))).toBeLessThan(0.08);
    expect(sphere(10, { radius: 2 }).gaussianCurvature![3]).toBeCloseTo(0.25, 12);
  });

  it('plane(n, { dim }) has the origin as row 0 and the rest in [−1, 1]^d', () => {
    const P = plane(500, { dim: 3, seed: 2 });
    expect(P.points[0]).toEqual([0, 0, 0]);
    for (const p of P.points) for (const v of p) expect(Math.abs(v)).toBeLessThanOrEqual(1);
    expect(Math.abs(mean(P.points.map((p) => p[1])))).toBeLessThan(0.06);
  });
});

describe('saddle', () => {
  it('saddle(n) is z = x² − y² with K = −4/(1 + 4x² + 4y²)², origin first (K = −4)', () => {
    const S = saddle(2000, { seed: 4 });
    expect(S.points[0]).toEqual([0, 0, 0]);
    expect(S.gaussianCurvature![0]).toBeCloseTo(-4, 12);
    let err = 0;
    S.points.forEach(([x, y, z], i) => {
      err = Math.max(err, Math.abs(z - (x * x - y * y)));
      err = Math.max(err, Math.abs(S.gaussianCurvature![i] + 4 / (1 + 4 * x * x + 4 * y * y) ** 2));
    });
    expect(err).toBeLessThan(1e-10);
    // Independent check of the Gauss-equation formula against finite differences of the graph.
    const { K } = numericSurface((u, v) => [u, v, u * u - v * v], 0.3, -0.7);
    expect(quadraticGraphScalarCurvature([2, -2], [0.3, -0.7]) / 2).toBeCloseTo(K, 4);
  });

  it('saddle(n, { dim }) has scalar curvature −8, −8, −16 at the origin for d = 2, 3, 4', () => {
    expect(saddle(5, { dim: 2 }).scalarCurvature[0]).toBeCloseTo(-8, 12);
    expect(saddle(5, { dim: 3 }).scalarCurvature[0]).toBeCloseTo(-8, 12);
    const s4 = saddle(5, { dim: 4 });
    expect(s4.scalarCurvature[0]).toBeCloseTo(-16, 12);
    expect(s4.points[3]).toHaveLength(5);
  });

  it('saddle samples uniformly by area (E[x²] weighted by sqrt(1 + 4x² + 4y²), not 1/3)', () => {
    const r: Param = (u, v) => [u, v, u * u - v * v];
    const q = quadrature(r, [-1, 1], [-1, 1], (p) => p[0] * p[0], 200);
    const expected = q.integral / q.area;
    const S = saddle(20000, { seed: 6 });
    expect(expected - 1 / 3).toBeGreaterThan(0.015);
    expect(Math.abs(mean(S.points.map((p) => p[0] * p[0])) - expected)).toBeLessThan(0.006);
  });
});

describe('ellipsoid, hyperboloid', () => {
  it('ellipsoid: K matches (LN − M²)/(EG − F²) and the area-uniform mean of K is 4π / area (Gauss–Bonnet)', () => {
    const [a, b, c] = [3, 2, 1];
    const r: Param = (t, f) => [
      a * Math.sin(t) * Math.cos(f),
      b * Math.sin(t) * Math.sin(f),
      c * Math.cos(t),
    ];
    for (const [t, f] of [
      [0.4, 0.3],
      [1.2, 2.5],
      [2.2, 4.1],
    ]) {
      expect(ellipsoidGaussianCurvature(r(t, f), a, b, c)).toBeCloseTo(numericSurface(r, t, f).K, 4);
    }
    const { area } = quadrature(r, [0, Math.PI], [0, 2 * Math.PI], () => 0);
    const E = ellipsoid(20000, { seed: 7 });
    expect(Math.abs(mean(E.gaussianCurvature!) - (4 * Math.PI) / area)).toBeLessThan(0.01);
  });

  it('hyperboloid: K = −1/(5u² + 1)² for a = b = 2, c = 1, and the sample mean of K is ∫K dA / area', () => {
    const r: Param = (u, t) => [
      2 * Math.cos(t) * Math.sqrt(u * u + 1),
      2 * Math.sin(t) * Math.sqrt(u * u + 1),
      u,
    ];
    const H = hyperboloid(20000, { seed: 8 });
    const err = Math.max(
      ...H.points.map((p, i) => Math.abs(H.gaussianCurvature![i] + 1 / (5 * p[2] * p[2] + 1) ** 2)),
    );
    expect(err).toBeLessThan(1e-10);
    expect(numericSurface(r, 0.7, 1.3).K).toBeCloseTo(-1 / (5 * 0.49 + 1) ** 2, 4);
    const q = quadrature(r, [-2, 2], [0, 2 * Math.PI], (p) => -1 / (5 * p[2] * p[2] + 1) ** 2);
    expect(Math.abs(mean(H.gaussianCurvature!) - q.integral / q.area)).toBeLessThan(0.005);
  });
});
