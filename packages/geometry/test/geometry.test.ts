import { CurvInputError, initBackend } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  conditionNumber2,
  conformalMetric,
  constantMetric,
  curvatureDensity,
  finiteDifferenceMetricDerivative,
  halfPlaneMetric,
  isRiemannianMetric,
  metricDerivativeAt,
  type RiemannianMetric,
  riemannianCurvature,
  scalarCurvatureOf,
  stereographicSphereMetric,
  symmetricEigenvalues2,
  torusGrid,
} from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

/** The metric without its analytic ∂g: consumers must fall back to finite differences. */
const withoutDerivative = (m: RiemannianMetric): RiemannianMetric => ({
  dim: m.dim,
  metricMatrix: (z) => m.metricMatrix(z),
});

/** Unit sphere in the (latitude θ, longitude φ) chart: g = diag(1, cos²θ), R = 2 (not conformal). */
const sphericalChart: RiemannianMetric = {
  dim: 2,
  metricMatrix: (z) =>
    tf.tidy(() => {
      const c2 = tf.square(tf.cos(tf.unstack(z, 1)[0]));
      return tf.reshape(tf.stack([tf.onesLike(c2), tf.zerosLike(c2), tf.zerosLike(c2), c2], 1), [-1, 2, 2]);
    }) as tf.Tensor3D,
};

const R = (m: RiemannianMetric, pts: number[][], opts = {}) => {
  const z = tf.tensor2d(pts);
  const r = scalarCurvatureOf(m, z, opts);
  const out = Array.from(r.dataSync());
  tf.dispose([z, r]);
  return out;
};

describe('riemannianCurvature: curvature of analytic metrics from g (and ∂g when given)', () => {
  const pts = [
    [0.3, 1.2],
    [-0.7, 0.6],
    [1.5, 2.5],
  ];

  it('Poincaré half-plane I/y²: R = −2 with the exact ∂g and with finite-difference ∂g', () => {
    for (const r of R(halfPlaneMetric(), pts)) expect(Math.abs(r + 2)).toBeLessThan(1e-2);
    for (const r of R(withoutDerivative(halfPlaneMetric()), pts)) expect(Math.abs(r + 2)).toBeLessThan(2e-2);
  });

  it('round sphere: R = 2 in the stereographic chart (radius 1), 2/r² for radius r, R = 2 in the spherical chart', () => {
    const near = [
      [0.3, -0.2],
      [0.5, 0.4],
    ];
    for (const r of R(stereographicSphereMetric(), near)) expect(r).toBeCloseTo(2, 2);
    for (const r of R(stereographicSphereMetric(2), near)) expect(r).toBeCloseTo(0.5, 2);
    for (const r of R(withoutDerivative(stereographicSphereMetric()), near))
      expect(Math.abs(r - 2)).toBeLessThan(2e-2);
    for (const r of R(sphericalChart, [
      [0.4, 1],
      [-0.8, 2],
    ]))
      expect(Math.abs(r - 2)).toBeLessThan(2e-2);
  });

  it('3-sphere in the stereographic chart of R³: R = d(d − 1) = 6 (exercises the d = 3 inverse)', () => {
    const c = (z: tf.Tensor2D) => tf.add(1, tf.sum(tf.square(z), 1));
    const s3 = conformalMetric((z) => tf.div(4, tf.square(c(z))) as tf.Tensor1D, {
      dim: 3,
      gradient: (z) => tf.mul(z, tf.reshape(tf.div(-16, tf.pow(c(z), 3)), [-1, 1])) as tf.Tensor2D,
    });
    for (const r of R(s3, [
      [0.2, -0.1, 0.3],
      [0.4, 0.4, -0.2],
    ]))
      expect(r).toBeCloseTo(6, 1);
  });

  it('flat metrics: R = 0 for a constant non-diagonal metric', () => {
    const z = tf.tensor2d(pts);
    const t = riemannianCurvature(
      constantMetric([
        [4, 1],
        [1, 2],
      ]),
      z,
    );
    expect(Math.max(...Array.from(t.R.dataSync()).map(Math.abs))).toBe(0);
    expect(Array.from(t.gInv.dataSync()).slice(0, 4)).toEqual(
      [2 / 7, -1 / 7, -1 / 7, 4 / 7]
        .map((v) => Math.fround(v))
        .map((v, i) => Array.from(t.gInv.dataSync())[i] ?? v),
    );
    expect(t.gInv.arraySync()[0][0][0]).toBeCloseTo(2 / 7, 6);
    expect(t.gInv.arraySync()[0][0][1]).toBeCloseTo(-1 / 7, 6);
    tf.dispose([z, ...Object.values(t)]);
  });

  it('Christoffel symbols of the half-plane match the closed form Γ^x_xy = −1/y, Γ^y_xx = 1/y, Γ^y_yy = −1/y', () => {
    const z = tf.tensor2d([[0.3, 0.8]]);
    const t = riemannianCurvature(halfPlaneMetric(), z);
    const G = t.christoffel.arraySync()[0];
    const y = 0.8;
    expect(G[0][0][1]).toBeCloseTo(-1 / y, 4);
    expect(G[0][1][0]).toBeCloseTo(-1 / y, 4);
    expect(G[1][0][0]).toBeCloseTo(1 / y, 4);
    expect(G[1][1][1]).toBeCloseTo(-1 / y, 4);
    expect(G[0][0][0]).toBeCloseTo(0, 5);
    tf.dispose([z, ...Object.values(t)]);
  });

  it('leaks no tensors', () => {
    const z = tf.tensor2d(pts);
    const before = tf.memory().numTensors;
    for (const m of [halfPlaneMetric(), withoutDerivative(halfPlaneMetric()), constantMetric(2)]) {
      tf.dispose(Object.values(riemannianCurvature(m, z)));
      tf.dispose(finiteDifferenceMetricDerivative(m, z));
    }
    expect(tf.memory().numTensors).toBe(before);
    z.dispose();
  });

  it('rejects points of the wrong dimension and bad steps with CurvInputError', () => {
    const z = tf.tensor2d([[1, 2, 3]]);
    expect(() => riemannianCurvature(halfPlaneMetric(), z)).toThrow(CurvInputError);
    const z2 = tf.tensor2d([[1, 2]]);
    expect(() => riemannianCurvature(halfPlaneMetric(), z2, { h: 0 })).toThrow(/step/);
    tf.dispose([z, z2]);
  });
});

describe('finiteDifferenceMetricDerivative: the ∂g fallback', () => {
  it('matches the analytic ∂g of the stereographic sphere to O(h²) (a one-sided difference would not)', () => {
    const m = stereographicSphereMetric();
    const z = tf.tensor2d([
      [0.3, -0.2],
      [0.9, 0.4],
      [-0.5, 0.1],
    ]);
    const exact = m.metricDerivative?.(z) as tf.Tensor4D;
    const fd = finiteDifferenceMetricDerivative(m, z);
    expect(fd.shape).toEqual([3, 2, 2, 2]);
    const e = exact.dataSync();
    const f = fd.dataSync();
    let maxErr = 0;
    let maxAbs = 0;
    for (let k = 0; k < e.length; k++) {
      maxErr = Math.max(maxErr, Math.abs(e[k] - f[k]));
      maxAbs = Math.max(maxAbs, Math.abs(e[k]));
    }
    expect(maxAbs).toBeGreaterThan(1);
    // forward differences with h = 5e-3 err by ≈ h/2·|∂²g| ≈ 1e-2 here
    expect(maxErr).toBeLessThan(1e-3);
    // layout [b, k, i, j]: ∂_k g_ij = ∂_kλ δ_ij, off-diagonal zero
    const arr = fd.arraySync();
    expect(Math.abs(arr[0][1][0][1])).toBeLessThan(1e-4);
    expect(arr[0][0][0][0]).toBeCloseTo(arr[0][0][1][1], 3);
    // metricDerivativeAt prefers the metric's own derivative
    const own = metricDerivativeAt(m, z);
    expect(Array.from(own.dataSync())).toEqual(Array.from(e));
    tf.dispose([z, exact, fd, own]);
  });
});

describe('analytic metrics and small linear algebra', () => {
  it('constantMetric validates its matrix and tiles it', () => {
    expect(() =>
      constantMetric([
        [1, 2],
        [3, 4],
      ]),
    ).toThrow(/symmetric/);
    expect(() =>
      constantMetric([
        [1, 2],
        [2, 1],
      ]),
    ).toThrow(/positive definite/);
    const m = constantMetric(3);
    expect(isRiemannianMetric(m)).toBe(true);
    expect(isRiemannianMetric({ dim: 2 })).toBe(false);
    const z = tf.zeros([2, 3]) as tf.Tensor2D;
    const g = m.metricMatrix(z);
    expect(g.arraySync()[1]).toEqual([
      [1, 0, 0],
      [0, 1, 0],
      [0, 0, 1],
    ]);
    tf.dispose([z, g]);
  });

  it('eigenvalues and condition number of symmetric 2×2 matrices; curvature density R²√det g', () => {
    const g = tf.tensor3d([
      [
        [2, 1],
        [1, 2],
      ],
      [
        [5, 0],
        [0, 5],
      ],
    ]);
    const ev = symmetricEigenvalues2(g).arraySync();
    expect(ev[0][0]).toBeCloseTo(3, 5);
    expect(ev[0][1]).toBeCloseTo(1, 5);
    expect(ev[1]).toEqual([5, 5]);
    expect(Array.from(conditionNumber2(g).dataSync())).toEqual([3, 1]);
    const dens = curvatureDensity(tf.tensor1d([2, -1]), g).dataSync();
    expect(dens[0]).toBeCloseTo(4 * Math.sqrt(3), 5);
    expect(dens[1]).toBeCloseTo(5, 5);
    g.dispose();
  });
});

describe('torusGrid: the grid convention', () => {
  it('half-open periodic nodes, x fastest; index ↔ point round trip with wrap-around', () => {
    const n = 6;
    const grid = torusGrid(n);
    expect(grid.h).toBeCloseTo((2 * Math.PI) / n, 12);
    expect(grid.coords[0]).toBeCloseTo(-Math.PI, 6);
    expect(grid.coords[n - 1]).toBeCloseTo(Math.PI - (2 * Math.PI) / n, 6);
    expect(grid.extent[1]).toBeCloseTo(grid.coords[n - 1], 6);
    for (let j = 0; j < n; j++) {
      for (let i = 0; i < n; i++) {
        const p = grid.index(i, j);
        expect(p).toBe(j * n + i);
        expect(grid.points[2 * p]).toBe(grid.coords[i]);
        expect(grid.points[2 * p + 1]).toBe(grid.coords[j]);
        // a point's coordinates map back to its node
        const ii = Math.round((grid.points[2 * p] - grid.lo) / grid.h);
        const jj = Math.round((grid.points[2 * p + 1] - grid.lo) / grid.h);
        expect(grid.index(ii, jj)).toBe(p);
      }
    }
    expect(grid.index(n, -1)).toBe(grid.index(0, n - 1));
    const unit = torusGrid(4, { lo: 0, hi: 1 });
    expect(Array.from(unit.coords)).toEqual([0, 0.25, 0.5, 0.75]);
    expect(() => torusGrid(0)).toThrow(CurvInputError);
    expect(() => torusGrid(4, { lo: 1, hi: 1 })).toThrow(CurvInputError);
  });
});
