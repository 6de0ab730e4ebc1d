import { CurvInputError, initBackend } from '@curv/core';
import {
  flatTorus,
  lobachevsky,
  lobachevskyR,
  polynomial,
  pseudosphere,
  sphere,
  torusOfRevolution,
  torusR,
} from '@curv/test-fixtures';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { rhombusCurvature, rhombusCurvatureLoss, rhombusStencil } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

const pts = (rows: number[][]): tf.Tensor2D => tf.tensor2d(rows);

describe('rhombusStencil()', () => {
  it('reproduces the neighbour lists of SPEC §5', () => {
    const s = rhombusStencil();
    expect(s.offsets).toHaveLength(25);
    expect(s.size7.xNext).toEqual([6, 11, 12, 13, 16, 17, 18, 19, 20, 21, 22, 23, 24]);
    expect(s.size7.xPrev).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 11, 12, 13, 18]);
    expect(s.size7.yNext).toEqual([3, 6, 7, 8, 11, 12, 13, 14, 15, 18, 19, 20, 23]);
    expect(s.size7.yPrev).toEqual([1, 4, 5, 6, 9, 10, 11, 12, 13, 16, 17, 18, 21]);
    expect(s.size7.central).toEqual([2, 5, 6, 7, 10, 11, 12, 13, 14, 17, 18, 19, 22]);
    expect(s.size5).toEqual({
      xNext: [6, 9, 10, 11, 12],
      xPrev: [0, 1, 2, 3, 6],
      yNext: [3, 6, 7, 8, 11],
      yPrev: [1, 4, 5, 6, 9],
      central: [2, 5, 6, 7, 10],
    });
    expect(s.size3).toEqual({ xNext: [4], xPrev: [0], yNext: [3], yPrev: [1], central: [2] });
  });
});

describe('rhombusCurvature(decoder, centres, opts)', () => {
  it('gives R ≈ 2 and g ≈ diag(1, cos²θ) on the unit sphere (SPEC §8.2 float32 values)', () => {
    const z = pts([
      [0, 0],
      [0.5, 1],
      [1, -2],
      [-1.2, 0.3],
    ]);
    const { R, g } = rhombusCurvature(sphere, z, { h: 0.01 });
    const r = R.dataSync();
    // Original float32 FD at h = 0.01: 1.99923, 1.99919, 1.99918, 2.00258 (rounding-dominated).
    for (const v of r) expect(Math.abs(v - 2)).toBeLessThan(6e-3);
    const gd = g.arraySync();
    const lat = [0, 0.5, 1, -1.2];
    lat.forEach((t, k) => {
      expect(gd[k][0][0]).toBeCloseTo(0.99996662, 4); // sin(h)²/h² of the central difference
      expect(gd[k][1][1]).toBeCloseTo(Math.cos(t) ** 2 * 0.99996662, 4);
      expect(Math.abs(gd[k][0][1])).toBeLessThan(1e-5);
    });
    const loss = rhombusCurvatureLoss(sphere, z, { h: 0.01 }).dataSync()[0];
    expect(loss).toBeCloseTo(2.779, 2); // original float32 2.77916312, float64 2.78258188
    tf.dispose([z, R, g]);
  });

  it('has second-order truncation error on the sphere (error ratio ≈ (0.05/0.02)² = 6.25)', () => {
    const z = pts([
      [0.5, 1],
      [-1.2, 0.3],
    ]);
    const errs = (h: number): number[] => {
      const { R, g } = rhombusCurvature(sphere, z, { h });
      const e = Array.from(R.dataSync(), (v) => Math.abs(v - 2));
      tf.dispose([R, g]);
      return e;
    };
    const small = errs(0.02);
    const large = errs(0.05);
    expect(small[0]).toBeLessThan(1e-3);
    const ratio = large[1] / small[1];
    expect(ratio).toBeGreaterThan(4.5);
    expect(ratio).toBeLessThan(8);
    z.dispose();
  });

  it('supports a batch of one centre (bug B8)', () => {
    const z = pts([[0.3, -0.7]]);
    const { R, g } = rhombusCurvature(sphere, z, { h: 0.03 });
    expect(R.shape).toEqual([1]);
    expect(g.shape).toEqual([1, 2, 2]);
    expect(R.dataSync()[0]).toBeCloseTo(2, 2);
    tf.dispose([z, R, g]);
  });

  it('gives R ≈ 0 for the polynomial map and reproduces its metric (SPEC §8.2)', () => {
    const z = pts([
      [0.1, 0.2],
      [1, 1],
      [-0.5, 2],
    ]);
    const { R, g } = rhombusCurvature(polynomial, z, { h: 0.01 });
    const gd = g.arraySync();
    expect(gd[0][0][0]).toBeCloseTo(1383.88, 0);
    expect(gd[0][0][1]).toBeCloseTo(37.244, 1);
    expect(gd[1][0][0]).toBeCloseTo(1522, 0);
    expect(gd[2][1][1]).toBeCloseTo(133.25, 0);
    // R is a difference of O(1e-3)-sized terms here; cancellation leaves float32 noise well below 0.05.
    for (const v of R.dataSync()) expect(Math.abs(v)).toBeLessThan(0.05);
    tf.dispose([z, R, g]);
  });

  it('gives R = 0 for the flat torus and the torus-of-revolution curvature 2cos v/(b(a+b cos v))', () => {
    const vs = [0, Math.PI / 3, Math.PI / 2, 2.5, Math.PI];
    const z = pts(vs.map((v, k) => [0.4 * k - 1, v]));
    const flat = rhombusCurvature(flatTorus, z, { h: 0.03 });
    for (const v of flat.R.dataSync()) expect(Math.abs(v)).toBeLessThan(2e-3);
    const { R, g } = rhombusCurvature(torusOfRevolution(2, 1), z, { h: 0.03 });
    const r = R.dataSync();
    vs.forEach((v, k) => {
      expect(Math.abs(r[k] - torusR(2, 1, v))).toBeLessThan(3e-3);
    });
    tf.dispose([z, R, g, flat.R, flat.g]);
  });

  it('reproduces the closed form R(y) of the original "Lobachevsky" function (SPEC §8.2)', () => {
    const c = 0.01;
    const ys = [0.1, 0.5, 1.0];
    const z = pts(ys.map((y) => [0.003, y]));
    // Steps relative to y keep the stencil inside y > c; measured float32 errors 2e-3, 1e-3, 3e-4.
    const r = ys.map((y, k) => {
      const { R, g } = rhombusCurvature(lobachevsky(c), tf.slice(z, [k, 0], [1, 2]) as tf.Tensor2D, {
        h: 0.01 * y,
      });
      const v = R.dataSync()[0];
      tf.dispose([R, g]);
      return v;
    });
    expect(lobachevskyR(c, 0.1)).toBeCloseTo(-2.07953479, 7);
    expect(lobachevskyR(c, 0.02)).toBeCloseTo(-2.58891795, 7);
    ys.forEach((y, k) => {
      expect(Math.abs(r[k] - lobachevskyR(c, y))).toBeLessThan(5e-3);
    });
    // Distinguishes the y-dependence: R(0.1) − R(1) = −0.0787.
    expect(r[0] - r[2]).toBeLessThan(-0.05);
    z.dispose();
  });

  it('gives R = −2 on the pseudosphere (true hyperbolic plane)', () => {
    const z = pts([
      [0.2, 1.5],
      [-0.4, 2.5],
      [1.0, 4.0],
    ]);
    const ys = [1.5, 2.5, 4.0];
    const r = ys.map((y, k) => {
      const { R, g } = rhombusCurvature(pseudosphere(1), tf.slice(z, [k, 0], [1, 2]) as tf.Tensor2D, {
        h: 0.01 * y,
      });
      const v = R.dataSync()[0];
      tf.dispose([R, g]);
      return v;
    });
    for (const v of r) expect(Math.abs(v + 2)).toBeLessThan(3e-3); // measured ≤ 1.2e-3
    z.dispose();
  });

  it('uses (g + eps I)⁻¹ when eps > 0', () => {
    const z = pts([[0.5, 1]]);
    const a = rhombusCurvature(sphere, z, { h: 0.03, eps: 0 });
    const b = rhombusCurvature(sphere, z, { h: 0.03, eps: 0.1 });
    expect(Math.abs(b.R.dataSync()[0] - a.R.dataSync()[0])).toBeGreaterThan(0.05);
    tf.dispose([z, a.R, a.g, b.R, b.g]);
  });

  it('is differentiable w.r.t. weights the decoder closes over', () => {
    const w = tf.variable(
      tf.tensor2d([
        [0.7, -0.4, 0.2],
        [0.3, 0.9, -0.5],
      ]),
    );
    const dec = (z: tf.Tensor2D): tf.Tensor2D => tf.sin(tf.matMul(z, w)) as tf.Tensor2D;
    const z = pts([
      [0.1, 0.2],
      [-0.3, 0.5],
    ]);
    const f = (): tf.Scalar => rhombusCurvatureLoss(dec, z, { h: 0.03 });
    const { grads, value } = tf.variableGrads(f, [w]);
    const gw = grads[w.name].arraySync() as number[][];
    // Compare one entry with a central difference of the loss.
    const delta = 1e-2;
    const base = w.arraySync();
    const lossAt = (s: number): number => {
      const m = base.map((r) => r.slice());
      m[0][1] += s;
      w.assign(tf.tensor2d(m));
      const l = f();
      const v = l.dataSync()[0];
      l.dispose();
      return v;
    };
    const fd = (lossAt(delta) - lossAt(-delta)) / (2 * delta);
    w.assign(tf.tensor2d(base));
    expect(Math.abs(gw[0][1] - fd)).toBeLessThan(0.03 * Math.abs(fd) + 1e-3);
    tf.dispose([value, grads[w.name], z, w]);
  });

  it('rejects wrong shapes and steps with CurvInputError', () => {
    const z3 = tf.zeros([2, 3]) as tf.Tensor2D;
    expect(() => rhombusCurvature(sphere, z3)).toThrow(CurvInputError);
    const z = tf.zeros([2, 2]) as tf.Tensor2D;
    expect(() => rhombusCurvature(sphere, z, { h: 0 })).toThrow(/h/);
    tf.dispose([z3, z]);
  });

  it('does not leak tensors across repeated calls', () => {
    const z = pts([[0.5, 1]]);
    const run = (): void => {
      const { R, g } = rhombusCurvature(sphere, z, { h: 0.03 });
      tf.dispose([R, g]);
      rhombusCurvatureLoss(sphere, z).dispose();
    };
    run();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) run();
    expect(tf.memory().numTensors).toBe(before);
    z.dispose();
  });
});
