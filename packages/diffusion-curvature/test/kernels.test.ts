import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  adaptiveKernel,
  anisotropicNormalization,
  curvatureAgnosticKernel,
  diffusionOperator,
  diffusionPowers,
  fixedKernel,
  matrixPower,
  medianHeuristicBandwidth,
  plane,
  propagateRows,
  squaredDistances,
  tuneBandwidth,
} from '../src/index.js';
import { leaked, rowSums, wasm } from './setup.js';

beforeAll(wasm);

const lattice = (n: number, h: number) => Array.from({ length: n }, (_, i) => [i * h]);

describe('curvatureAgnosticKernel', () => {
  it('curvatureAgnosticKernel on a 1-D lattice of spacing h has σ = νh and W_{i,i+k} = exp(−k²/ν²)', () => {
    const h = 0.5;
    const nu = 2;
    const { w, sigma } = curvatureAgnosticKernel(lattice(12, h), nu);
    expect(sigma).toBeCloseTo(nu * h, 6);
    const W = w.arraySync();
    for (let i = 0; i < 11; i++) expect(W[i][i + 1]).toBeCloseTo(Math.exp(-1 / (nu * nu)), 6);
    expect(W[0][0]).toBeCloseTo(1, 6);
    expect(W[0][6]).toBeCloseTo(Math.exp(-36 / 4), 7); // 1.2e-4, kept
    expect(W[0][7]).toBe(0); // exp(−49/4) = 4.8e-6 < 1e-5, zeroed
    w.dispose();
  });

  it('curvatureAgnosticKernel is scale-free: scaling the cloud leaves W unchanged', () => {
    const pts = plane(80, { seed: 3 }).points;
    const a = curvatureAgnosticKernel(pts, 3);
    const b = curvatureAgnosticKernel(
      pts.map((p) => p.map((v) => 7 * v)),
      3,
    );
    expect(b.sigma).toBeCloseTo(7 * a.sigma, 4);
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(a.w, b.w))).dataSync()[0]);
    expect(diff).toBeLessThan(1e-4);
    tf.dispose([a.w, b.w]);
  });

  it('anisotropicNormalization(W, α) divides by (q_i q_j) with q = rowsum^α', () => {
    const W = [
      [1, 0.5, 0],
      [0.5, 1, 0.25],
      [0, 0.25, 1],
    ];
    const q = W.map((r) => r.reduce((s, v) => s + v, 0) ** 0.7);
    const out = anisotropicNormalization(tf.tensor2d(W), 0.7).arraySync();
    for (let i = 0; i < 3; i++)
      for (let j = 0; j < 3; j++) expect(out[i][j]).toBeCloseTo(W[i][j] / (q[i] * q[j]), 5);
  });
});

describe('fixedKernel and adaptiveKernel', () => {
  it('medianHeuristicBandwidth is sqrt(median of pairwise D² / 2)', () => {
    // Pairs of [0, 1, 3]: D² = 1, 9, 4 → median 4 → σ = sqrt(2).
    const d2 = squaredDistances(tf.tensor2d([[0], [1], [3]]));
    expect(medianHeuristicBandwidth(d2)).toBeCloseTo(Math.SQRT2, 5);
    d2.dispose();
    const { w, sigma } = fixedKernel([[0], [1], [3]], { alpha: 0 });
    expect(sigma).toBeCloseTo(Math.SQRT2, 5);
    expect(w.arraySync()[0][1]).toBeCloseTo(Math.exp(-1 / 4) / (Math.SQRT2 * Math.sqrt(2 * Math.PI)), 5);
    w.dispose();
  });

  it('adaptiveKernel averages the two one-sided Gaussians with the k-th neighbour distances', () => {
    // Points 0, 1, 3, 6 with k = 1: r = [1, 1, 2, 3].
    const { w } = adaptiveKernel([[0], [1], [3], [6]], { k: 1, alpha: 0, threshold: 0 });
    const r = [1, 1, 2, 3];
    const x = [0, 1, 3, 6];
    const W = w.arraySync();
    for (const [i, j] of [
      [0, 1],
      [1, 2],
      [2, 3],
      [0, 3],
    ]) {
      const d2 = (x[i] - x[j]) ** 2;
      const expected =
        (Math.exp(-d2 / (2 * r[j] ** 2)) / r[j] + Math.exp(-d2 / (2 * r[i] ** 2)) / r[i]) /
        (2 * Math.sqrt(2 * Math.PI));
      expect(W[i][j]).toBeCloseTo(expected, 5);
      expect(W[j][i]).toBeCloseTo(expected, 5);
    }
    w.dispose();
  });
});

describe('diffusionOperator and powers', () => {
  const pts = plane(120, { seed: 1 }).points;

  it('rows of P and of P^t sum to 1', () => {
    const { w } = curvatureAgnosticKernel(pts, 2);
    const p = diffusionOperator(w);
    for (const s of rowSums(p)) expect(s).toBeCloseTo(1, 5);
    const powers = diffusionPowers(p, [1, 2, 5, 17]);
    for (const pt of powers) for (const s of rowSums(pt)) expect(s).toBeCloseTo(1, 4);
    tf.dispose([w, p, ...powers]);
  });

  it('diffusionPowers, matrixPower and propagateRows agree (P^t by products, by squaring, row by row)', () => {
    const { w } = curvatureAgnosticKernel(pts, 2);
    const p = diffusionOperator(w);
    const [p1, p6, p13] = diffusionPowers(p, [13, 1, 6]);
    const sq = matrixPower(p, 13);
    const e0 = tf.tidy(() => tf.oneHot(tf.tensor1d([0, 5], 'int32'), 120).toFloat() as tf.Tensor2D);
    const [r6, r13] = propagateRows(p, e0, [6, 13]);
    const maxDiff = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
    expect(maxDiff(p1, p)).toBe(0);
    expect(maxDiff(p13, sq)).toBeLessThan(1e-5);
    expect(maxDiff(r6, tf.gather(p6, [0, 5]))).toBeLessThan(1e-5);
    expect(maxDiff(r13, tf.gather(p13, [0, 5]))).toBeLessThan(1e-5);
    // P^13 is not P^6: the walk really moves.
    expect(maxDiff(p13, p6)).toBeGreaterThan(1e-3);
    tf.dispose([w, p, p1, p6, p13, sq, e0, r6, r13]);
  });

  it('a self-loop of 1e-8 keeps an isolated point as a Dirac row', () => {
    const p = diffusionOperator(
      tf.tensor2d([
        [0, 0],
        [0, 1],
      ]),
    );
    expect(p.arraySync()[0]).toEqual([1, 0]);
    p.dispose();
  });
});

describe('tuneBandwidth', () => {
  it('tuneBandwidth finds ν whose median support of P is graphKnn ± tolerance', () => {
    const pts = plane(600, { seed: 2 }).points;
    const t = tuneBandwidth(pts, { graphKnn: 60, tolerance: 5 });
    expect(t.converged).toBe(true);
    // Independent check: rebuild P at the returned ν and count entries > 1e-10 row by row.
    const { w } = curvatureAgnosticKernel(pts, t.nu);
    const P = diffusionOperator(w).arraySync();
    w.dispose();
    const counts = P.map((row) => row.filter((v) => v > 1e-10).length).sort((a, b) => a - b);
    const med = (counts[299] + counts[300]) / 2;
    expect(med).toBe(t.support);
    expect(Math.abs(med - 60)).toBeLessThanOrEqual(5);
    // A larger target needs a wider kernel.
    expect(tuneBandwidth(pts, { graphKnn: 150 }).nu).toBeGreaterThan(t.nu);
  });

  it('tuneBandwidth reports non-convergence when the target exceeds the number of points', () => {
    const t = tuneBandwidth(plane(40, { seed: 0 }).points, { graphKnn: 150 });
    expect(t.converged).toBe(false);
    expect(t.support).toBeLessThanOrEqual(40);
  });
});

describe('memory', () => {
  it('kernels, tuning and powers leave no tensors behind', () => {
    const pts = plane(60, { seed: 0 }).points;
    const n = leaked(() => {
      const { w } = curvatureAgnosticKernel(pts, 2);
      const p = diffusionOperator(w);
      tf.dispose([
        w,
        p,
        fixedKernel(pts).w,
        adaptiveKernel(pts).w,
        matrixPower(p, 5),
        ...diffusionPowers(p, [1, 3]),
      ]);
      tuneBandwidth(pts, { graphKnn: 20 });
    });
    expect(n).toBe(0);
  });
});
