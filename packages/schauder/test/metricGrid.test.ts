import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MetricFn } from '../src/index.js';
import { metricCurveEnergy, metricCurveLength, metricGrid, periodicSegment } from '../src/index.js';
import { init } from './setup.js';

beforeAll(init);

/** A smooth periodic, non-diagonal, position-dependent SPD metric. */
const wavy: MetricFn = (z) =>
  tf.tidy(() => {
    const [u, v] = tf.split(z, 2, 1);
    const g00 = tf.add(2, tf.mul(tf.sin(u), tf.cos(v)));
    const g01 = tf.mul(0.5, tf.sin(tf.add(u, tf.mul(2, v))));
    const g11 = tf.add(1.5, tf.mul(0.5, tf.cos(tf.sub(tf.mul(2, u), v))));
    return tf.concat([g00, g01, g01, g11], 1).reshape([z.shape[0], 2, 2]) as tf.Tensor3D;
  });

function randomPoints(P: number, lo = -5, hi = 5): tf.Tensor2D {
  const a = new Float32Array(2 * P);
  let x = 12345;
  for (let i = 0; i < a.length; i++) {
    x = (x * 1103515245 + 12345) % 2147483648;
    a[i] = lo + ((hi - lo) * x) / 2147483648;
  }
  return tf.tensor2d(a, [P, 2]);
}

function maxAbsDiff(a: tf.Tensor, b: tf.Tensor): number {
  return tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
}

describe('metricGrid', () => {
  it('metricGrid(g, { n }).at(z) reproduces g at the grid nodes in every interpolation mode', () => {
    for (const interpolation of ['bilinear', 'bicubic', 'bspline'] as const) {
      const grid = metricGrid(wavy, { n: 16, interpolation });
      const h = (2 * Math.PI) / 16;
      const z = tf.tensor2d([
        [-Math.PI + 3 * h, -Math.PI + 7 * h],
        [-Math.PI + 15 * h, -Math.PI],
        [Math.PI + 2 * h, -3 * Math.PI + 5 * h], // periodic images of nodes
      ]);
      const err = maxAbsDiff(grid.at(z), wavy(z));
      expect(err).toBeLessThan(2e-5);
      grid.dispose();
      z.dispose();
    }
  });

  it('metricGrid.at is periodic and its error decreases with n at the expected orders (bilinear 2, bicubic 3, bspline 4)', () => {
    const z = randomPoints(500);
    const errs: Record<string, number[]> = {};
    for (const interpolation of ['bilinear', 'bicubic', 'bspline'] as const) {
      errs[interpolation] = [16, 32].map((n) => {
        const grid = metricGrid(wavy, { n, interpolation });
        const err = maxAbsDiff(grid.at(z), wavy(z));
        grid.dispose();
        return err;
      });
    }
    expect(errs.bilinear[0] / errs.bilinear[1]).toBeGreaterThan(3);
    expect(errs.bicubic[0] / errs.bicubic[1]).toBeGreaterThan(6);
    expect(errs.bspline[0] / errs.bspline[1]).toBeGreaterThan(12);
    expect(errs.bspline[1]).toBeLessThan(errs.bicubic[1]);
    expect(errs.bspline[1]).toBeLessThan(2e-3);
    z.dispose();
  });

  it('metricGrid.at is differentiable w.r.t. z and matches the analytic derivative', () => {
    const grid = metricGrid(wavy, { n: 64 });
    const z = tf.tensor2d([
      [0.3, -1.1],
      [2.9, 3.1],
    ]);
    const f = (x: tf.Tensor2D, g: MetricFn) => tf.sum(tf.mul(g(x), tf.tensor3d([1, 0.3, 0.3, 2], [1, 2, 2])));
    const gi = tf.grad((x: tf.Tensor) => f(x as tf.Tensor2D, grid.metric))(z);
    const ga = tf.grad((x: tf.Tensor) => f(x as tf.Tensor2D, wavy))(z);
    expect(maxAbsDiff(gi, ga)).toBeLessThan(2e-3);
    tf.dispose([gi, ga, z]);
    grid.dispose();
  });

  it('metricGrid rejects a wrong metric shape, small n and unknown interpolation', () => {
    const bad: MetricFn = (z) => tf.zeros([z.shape[0], 3, 3]);
    expect(() => metricGrid(bad, { n: 8 })).toThrow(CurvInputError);
    expect(() => metricGrid(wavy, { n: 2 })).toThrow(CurvInputError);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately invalid
    expect(() => metricGrid(wavy, { n: 8, interpolation: 'nearest' as any })).toThrow(/interpolation/);
  });

  it('metricCurveEnergy(grid) (JS kernel) equals metricCurveEnergy(grid.metric) (tfjs ops) in value and gradient', () => {
    for (const interpolation of ['bilinear', 'bspline'] as const) {
      const grid = metricGrid(wavy, { n: 24, interpolation });
      const c = tf.tidy(() => {
        const seg = periodicSegment(
          [
            [-2, 1],
            [3, -3],
          ],
          [
            [2.5, -1.5],
            [-3, 2.9],
          ],
          21,
        );
        const t = tf.linspace(0, Math.PI, 21).reshape([1, 21, 1]);
        return tf.add(seg, tf.mul(tf.sin(t), 0.3)) as tf.Tensor3D; // bend the curves
      });
      const fast = metricCurveEnergy(grid, c);
      const slow = metricCurveEnergy(grid.metric, c);
      expect(maxAbsDiff(fast, slow)).toBeLessThan(1e-4 * Math.max(...slow.dataSync()));
      const lf = metricCurveLength(grid, c, 'sum');
      const ls = metricCurveLength(grid.metric, c, 'sum');
      expect(maxAbsDiff(lf, ls)).toBeLessThan(1e-4);
      const w = tf.tensor1d([1, 0.5]);
      const gf = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(metricCurveEnergy(grid, x as tf.Tensor3D), w)))(c);
      const gs = tf.grad((x: tf.Tensor) =>
        tf.sum(tf.mul(metricCurveEnergy(grid.metric, x as tf.Tensor3D), w)),
      )(c);
      const scale = tf.tidy(() => tf.max(tf.abs(gs)).dataSync()[0]);
      expect(maxAbsDiff(gf, gs)).toBeLessThan(1e-3 * scale);
      tf.dispose([c, fast, slow, lf, ls, w, gf, gs]);
      grid.dispose();
    }
  });

  it('metricCurveEnergy/Length(grid) match the tfjs path per curve (energy 1e-5, gradients 1e-4 relative) in every mode', () => {
    for (const interpolation of ['bilinear', 'bicubic', 'bspline'] as const) {
      const grid = metricGrid(wavy, { n: 16, interpolation });
      // random curves crossing cell boundaries and the seam, coordinates outside [−π, π) too
      const c = randomPoints(5 * 9, -4.5, 4.5).reshape([5, 9, 2]) as tf.Tensor3D;
      const w = tf.tensor1d([1, 2, 3, 4, 5]);
      for (const [fn, what] of [
        [metricCurveEnergy, 'energy'],
        [metricCurveLength, 'length'],
      ] as const) {
        const fast = fn(grid, c).dataSync();
        const slow = fn(grid.metric, c).dataSync();
        for (let j = 0; j < 5; j++) {
          expect(Math.abs(fast[j] - slow[j]) / slow[j], `${interpolation} ${what} ${j}`).toBeLessThan(1e-5);
        }
        const gf = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(fn(grid, x as tf.Tensor3D), w)))(c);
        const gs = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(fn(grid.metric, x as tf.Tensor3D), w)))(c);
        const a = gf.dataSync();
        const b = gs.dataSync();
        let scale = 0;
        for (const v of b) scale = Math.max(scale, Math.abs(v));
        for (let q = 0; q < a.length; q++) {
          expect(Math.abs(a[q] - b[q]), `${interpolation} ${what} grad ${q}`).toBeLessThan(1e-4 * scale);
        }
        tf.dispose([gf, gs]);
      }
      tf.dispose([c, w]);
      grid.dispose();
    }
  });

  it('metricCurveEnergy(grid) of a straight segment under a constant metric is Δᵀ g Δ exactly, without leaks', () => {
    // g = [[2, 0.5], [0.5, 1]] everywhere; segment (0,0) → (0.6,0.8) in two steps:
    // E = (S−1)·Σ q_s = Δᵀ g Δ = 1.84 for the whole segment, L = √1.84
    const constant: MetricFn = (z) =>
      tf.tidy(() => tf.tile(tf.tensor3d([2, 0.5, 0.5, 1], [1, 2, 2]), [z.shape[0], 1, 1]) as tf.Tensor3D);
    const seg = tf.tensor3d([0, 0, 0.3, 0.4, 0.6, 0.8], [1, 3, 2]);
    for (const interpolation of ['bilinear', 'bspline'] as const) {
      const grid = metricGrid(constant, { n: 8, interpolation });
      const before = tf.memory().numTensors;
      const e = metricCurveEnergy(grid, seg);
      const l = metricCurveLength(grid, seg, 'sum');
      expect(e.dataSync()[0]).toBeCloseTo(1.84, 5);
      expect(l.dataSync()[0]).toBeCloseTo(Math.sqrt(1.84), 5);
      // ∂E/∂γ_end = (S−1)·2 g Δ_last = 2·2·(0.8, 0.55) = (3.2, 2.2) (∂g = 0)
      const g = tf.grad((x: tf.Tensor) => metricCurveEnergy(grid, x as tf.Tensor3D, 'sum'))(seg);
      const gd = g.dataSync();
      expect(gd[4]).toBeCloseTo(3.2, 4);
      expect(gd[5]).toBeCloseTo(2.2, 4);
      expect(gd[2]).toBeCloseTo(0, 4); // interior point of a straight line under a constant metric
      expect(gd[3]).toBeCloseTo(0, 4);
      tf.dispose([e, l, g]);
      expect(tf.memory().numTensors).toBe(before);
      grid.dispose();
    }
    seg.dispose();
  });

  it('metricGrid and metricGrid.at leak no tensors', () => {
    const before = tf.memory().numTensors;
    const grid = metricGrid(wavy, { n: 16, chunk: 50 });
    const z = randomPoints(10);
    for (let i = 0; i < 3; i++) grid.at(z).dispose();
    const c = z.reshape([1, 10, 2]) as tf.Tensor3D;
    for (let i = 0; i < 3; i++) {
      tf.grad((x: tf.Tensor) => metricCurveEnergy(grid, x as tf.Tensor3D, 'sum'))(c).dispose();
      tf.grad((x: tf.Tensor) => tf.sum(grid.at(x as tf.Tensor2D)))(z).dispose();
    }
    c.dispose();
    z.dispose();
    grid.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
