import { CurvInputError, initBackend } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  curvatureAndMetric,
  curvatureLoss,
  curvatureTensors,
  gaussCurvatureAndMetric,
  pullbackMetric,
  scalarCurvature,
} from '../src/index.js';
import {
  disposeDecoder,
  lift,
  maxAbsDiff,
  randomTorusDecoder,
  sphereDecoder,
  threeSphereDecoder,
  torusDecoder,
} from './fixtures.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

const routes = ['gauss', 'intrinsic'] as const;

describe('scalarCurvature(dec, z) on analytic surfaces written as jet layers', () => {
  it('gives R = 2 on the unit sphere by both routes, and g = diag(1, cos²θ)', () => {
    const z = tf.tensor2d([
      [0, 0],
      [0.5, 1],
      [1, -2],
      [-1.2, 0.3],
    ]);
    const dec = sphereDecoder();
    for (const route of routes) {
      const { R, g } = curvatureAndMetric(dec, z, { route });
      // float32: the original gets 2.00000000, 2.0, 1.99999964, 2.00000143
      expect(maxAbsDiff(R.dataSync(), [2, 2, 2, 2])).toBeLessThan(2e-5);
      const gd = g.arraySync();
      [0, 0.5, 1, -1.2].forEach((t, k) => {
        expect(gd[k][0][0]).toBeCloseTo(1, 6);
        expect(gd[k][1][1]).toBeCloseTo(Math.cos(t) ** 2, 6);
        expect(Math.abs(gd[k][0][1])).toBeLessThan(1e-6);
      });
      tf.dispose([R, g]);
    }
    // SPEC §8.2: mean curvature loss 2.78024262 (= 4·mean|cos θ|).
    const loss = curvatureLoss(dec, z).dataSync()[0];
    expect(loss).toBeCloseTo(2.78024262, 5);
    z.dispose();
    disposeDecoder(dec);
  });

  it('gives R = 2cos v/(b(a + b cos v)) on the torus of revolution at several v, by both routes', () => {
    const vs = [0, Math.PI / 3, Math.PI / 2, 2, Math.PI];
    const z = tf.tensor2d(vs.map((v, k) => [0.7 * k - 1.3, v]));
    const dec = torusDecoder(2, 1);
    const expected = vs.map((v) => (2 * Math.cos(v)) / (2 + Math.cos(v)));
    expect(expected[0]).toBeCloseTo(2 / 3, 12);
    expect(expected[4]).toBeCloseTo(-2, 12);
    for (const route of routes) {
      const R = scalarCurvature(dec, z, { route });
      expect(maxAbsDiff(R.dataSync(), expected)).toBeLessThan(2e-5);
      R.dispose();
    }
    z.dispose();
    disposeDecoder(dec);
  });

  it('gives R = 0 and g = I on the flat torus (torusLift alone), by both routes', () => {
    const dec = { latentDim: 2, layers: [lift] };
    const z = tf.tensor2d([
      [0.1, -2],
      [3, 1],
    ]);
    for (const route of routes) {
      const { R, g } = curvatureAndMetric(dec, z, { route });
      expect(maxAbsDiff(R.dataSync(), [0, 0])).toBeLessThan(1e-6);
      expect(maxAbsDiff(g.dataSync(), [1, 0, 0, 1, 1, 0, 0, 1])).toBeLessThan(1e-6);
      tf.dispose([R, g]);
    }
    z.dispose();
  });

  it('gives R = 6 on the unit 3-sphere (d = 3) by both routes and the general Gauss formula', () => {
    const dec = threeSphereDecoder();
    const z = tf.tensor2d([
      [0.4, 0.3, -1],
      [1.0, 2.0, 0.5],
      [-0.7, -1, 2.5],
    ]);
    for (const route of routes) {
      const R = scalarCurvature(dec, z, { route });
      expect(maxAbsDiff(R.dataSync(), [6, 6, 6])).toBeLessThan(1e-4);
      R.dispose();
    }
    const g = pullbackMetric(dec, z).arraySync();
    // Hopf metric diag(1, cos²a, sin²a)
    expect(g[1][1][1]).toBeCloseTo(Math.cos(1) ** 2, 5);
    expect(g[1][2][2]).toBeCloseTo(Math.sin(1) ** 2, 5);
    z.dispose();
    disposeDecoder(dec);
  });
});

describe('routes agree on random sin-MLP decoders', () => {
  it('gauss, intrinsic and fd (h = 0.02) give the same R; the general-d Gauss formula equals the d = 2 one', () => {
    const dec = randomTorusDecoder(7, [12, 10], 9);
    const rng = Array.from({ length: 12 }, (_, k) => [Math.sin(1.7 * k) * 3, Math.cos(2.3 * k) * 3]);
    const z = tf.tensor2d(rng);
    const gauss = scalarCurvature(dec, z, { route: 'gauss' }).dataSync();
    const intrinsic = scalarCurvature(dec, z, { route: 'intrinsic' }).dataSync();
    const fd = scalarCurvature(dec, z, { route: 'fd', h: 0.02 }).dataSync();
    const general = tf.tidy(() => gaussCurvatureAndMetric(dec, z, { general: true }).R).dataSync();
    const scale = Math.max(...Array.from(gauss, Math.abs));
    expect(scale).toBeGreaterThan(0.5); // non-trivial curvature
    expect(maxAbsDiff(gauss, intrinsic)).toBeLessThan(2e-4 * scale);
    expect(maxAbsDiff(gauss, general)).toBeLessThan(2e-5 * scale);
    expect(maxAbsDiff(gauss, fd)).toBeLessThan(2e-2 * scale);
    z.dispose();
    disposeDecoder(dec);
  });

  it('tanh, sigmoid and softplus decoders also agree between gauss, intrinsic and fd', () => {
    for (const fn of ['tanh', 'sigmoid', 'softplus'] as const) {
      const dec = randomTorusDecoder(11, [8, 8], 6, fn, 2);
      const z = tf.tensor2d([
        [0.3, -1.1],
        [2.2, 0.4],
        [-2.5, 2.9],
      ]);
      const gauss = scalarCurvature(dec, z, { route: 'gauss' }).dataSync();
      const intrinsic = scalarCurvature(dec, z, { route: 'intrinsic' }).dataSync();
      const fd = scalarCurvature(dec, z, { route: 'fd', h: 0.02 }).dataSync();
      const scale = Math.max(...Array.from(gauss, Math.abs));
      expect(scale).toBeGreaterThan(0.5);
      expect(maxAbsDiff(gauss, intrinsic)).toBeLessThan(5e-5 * scale);
      // Measured FD deviations 1.5–4 % of max |R| (sigmoid: det g ~ 1e-5, nearly degenerate metric).
      expect(maxAbsDiff(gauss, fd)).toBeLessThan(6e-2 * scale);
      z.dispose();
      disposeDecoder(dec);
    }
  });
});

describe('curvatureTensors(dec, z, { eps })', () => {
  it('returns consistent tensors: Riemann antisymmetric in (k, l), Ricci symmetric, R = tr(g⁻¹ Ric)', () => {
    const dec = randomTorusDecoder(3, [10, 8], 7);
    const z = tf.tensor2d([
      [0.2, 0.9],
      [-1.4, 2.1],
    ]);
    const t = curvatureTensors(dec, z);
    const rm = t.riemann.arraySync();
    const ric = t.ricci.arraySync();
    for (let b = 0; b < 2; b++) {
      for (let i = 0; i < 2; i++)
        for (let j = 0; j < 2; j++)
          for (let k = 0; k < 2; k++)
            for (let l = 0; l < 2; l++) expect(rm[b][i][j][k][l]).toBeCloseTo(-rm[b][i][j][l][k], 4);
      expect(ric[b][0][1]).toBeCloseTo(ric[b][1][0], 3);
    }
    // Γ is symmetric in its lower indices.
    const gam = t.christoffel.arraySync();
    expect(gam[0][0][0][1]).toBeCloseTo(gam[0][0][1][0], 5);
    expect(t.dChristoffel.shape).toEqual([2, 2, 2, 2, 2]);
    expect(t.gInv.shape).toEqual([2, 2, 2]);
    tf.dispose(Object.values(t));
    z.dispose();
    disposeDecoder(dec);
  });

  it('honours eps in (g + eps I)⁻¹; the default route switches to intrinsic; gauss + eps is rejected', () => {
    const dec = sphereDecoder();
    const z = tf.tensor2d([[0.5, 1]]);
    const r0 = scalarCurvature(dec, z).dataSync()[0];
    const r1 = scalarCurvature(dec, z, { eps: 0.1 }).dataSync()[0];
    const fd1 = scalarCurvature(dec, z, { eps: 0.1, route: 'fd', h: 0.02 }).dataSync()[0];
    expect(r0).toBeCloseTo(2, 4);
    expect(Math.abs(r1 - r0)).toBeGreaterThan(0.1);
    expect(fd1).toBeCloseTo(r1, 2);
    expect(() => scalarCurvature(dec, z, { eps: 0.1, route: 'gauss' })).toThrow(CurvInputError);
    z.dispose();
    disposeDecoder(dec);
  });
});

describe('function decoders', () => {
  it('use central differences for g and the rhombus scheme for R; jet routes are rejected', () => {
    const fn = (z: tf.Tensor2D): tf.Tensor2D =>
      tf.tidy(() => {
        const [t, p] = tf.unstack(z, 1);
        return tf.stack(
          [tf.mul(tf.cos(t), tf.cos(p)), tf.mul(tf.cos(t), tf.sin(p)), tf.sin(t)],
          1,
        ) as tf.Tensor2D;
      });
    const z = tf.tensor2d([[0.5, 1]]);
    const { R, g } = curvatureAndMetric(fn, z, { h: 0.02 });
    expect(R.dataSync()[0]).toBeCloseTo(2, 2);
    const gm = pullbackMetric(fn, z).arraySync();
    expect(gm[0][1][1]).toBeCloseTo(Math.cos(0.5) ** 2, 4);
    expect(() => scalarCurvature(fn, z, { route: 'gauss' })).toThrow(CurvInputError);
    tf.dispose([z, R, g]);
  });
});

describe('input checks and memory', () => {
  it('rejects wrong latent width with CurvInputError naming z', () => {
    const dec = sphereDecoder();
    const z = tf.zeros([3, 3]) as tf.Tensor2D;
    expect(() => scalarCurvature(dec, z)).toThrow(/z/);
    expect(() => scalarCurvature(dec, z)).toThrow(CurvInputError);
    z.dispose();
    disposeDecoder(dec);
  });

  it('does not leak tensors across repeated calls of every route and the loss', () => {
    const dec = randomTorusDecoder(5, [6, 6], 4);
    const z = tf.tensor2d([
      [0.1, 0.2],
      [1, -1],
    ]);
    const run = (): void => {
      for (const route of ['gauss', 'intrinsic', 'fd'] as const) {
        const { R, g } = curvatureAndMetric(dec, z, { route });
        tf.dispose([R, g]);
      }
      curvatureLoss(dec, z).dispose();
      tf.dispose(Object.values(curvatureTensors(dec, z)));
      pullbackMetric(dec, z).dispose();
    };
    run();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) run();
    expect(tf.memory().numTensors).toBe(before);
    z.dispose();
    disposeDecoder(dec);
  });
});

describe('curvatureGrid(dec, { n })', () => {
  it('matches periodicGridGeometry on the torus of revolution (same layout, exact vs O(h²))', async () => {
    const { curvatureGrid, decoderFunction, periodicGridGeometry } = await import('../src/index.js');
    const dec = torusDecoder(2, 1);
    const n = 24;
    const exact = curvatureGrid(dec, { n, batchSize: 100 });
    const fd = periodicGridGeometry(decoderFunction(dec), { n });
    let maxErr = 0;
    for (let p = 0; p < n * n; p++) {
      const v = exact.coords[Math.floor(p / n)];
      maxErr = Math.max(maxErr, Math.abs(exact.R[p] - (2 * Math.cos(v)) / (2 + Math.cos(v))));
      // h = 2π/24 = 0.26: O(h²) FD error up to ~0.07 where R varies fastest (v ≈ π).
      expect(Math.abs(fd.R[p] - exact.R[p])).toBeLessThan(0.1);
    }
    expect(maxErr).toBeLessThan(2e-5);
    expect(exact.sqrtDetG[5 * n + 3]).toBeCloseTo(2 + Math.cos(exact.coords[5]), 5);
    disposeDecoder(dec);
  });
});

describe('general latent dimension', () => {
  it('gauss and intrinsic agree on a random sin-MLP with d = 3, and give R = 0 for d = 1', async () => {
    const { Random } = await import('@curv/core');
    const { randomDense, act } = await import('./fixtures.js');
    const rng = new Random(17);
    const dec = {
      latentDim: 3,
      layers: [
        lift,
        randomDense(rng, 6, 10, 2),
        act('sin'),
        randomDense(rng, 10, 8, 2),
        act('sin'),
        randomDense(rng, 8, 7, 2),
      ],
    };
    const z = tf.tensor2d([
      [0.3, -1.1, 2.0],
      [2.2, 0.4, -0.7],
    ]);
    const g = scalarCurvature(dec, z, { route: 'gauss' }).dataSync();
    const i = scalarCurvature(dec, z, { route: 'intrinsic' }).dataSync();
    const scale = Math.max(...Array.from(g, Math.abs));
    expect(scale).toBeGreaterThan(0.1);
    expect(maxAbsDiff(g, i)).toBeLessThan(1e-4 * scale);
    const dec1 = { latentDim: 1, layers: [lift, randomDense(rng, 2, 5), act('sin'), randomDense(rng, 5, 3)] };
    const z1 = tf.tensor2d([[0.4], [-2]]);
    for (const route of routes) {
      const r = scalarCurvature(dec1, z1, { route }).dataSync();
      expect(maxAbsDiff(r, [0, 0])).toBeLessThan(1e-6);
    }
    disposeDecoder(dec);
    disposeDecoder(dec1);
  });
});
