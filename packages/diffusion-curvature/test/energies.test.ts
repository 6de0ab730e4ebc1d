import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  cumulativeTrajectory,
  diffusionEntropy,
  interpolate,
  jensenShannonDistance,
  potentialDistances,
  wassersteinFromDirac,
} from '../src/index.js';
import { leaked, wasm } from './setup.js';

beforeAll(wasm);

describe('diffusionEntropy', () => {
  it('diffusionEntropy of a row uniform over m entries is ln m; of a Dirac is 0', () => {
    for (const m of [1, 2, 7, 150]) {
      const n = 200;
      const row = new Float32Array(n);
      row.fill(1 / m, 0, m);
      const h = diffusionEntropy(tf.tensor2d(row, [1, n]));
      // float32: relative error ~1e-6
      expect(Math.abs(h.dataSync()[0] - Math.log(m))).toBeLessThan(2e-5);
      h.dispose();
    }
  });

  it('diffusionEntropy drops entries ≤ 1e-5 and renormalises the rest', () => {
    // [0.5, 0.5 − 1e-6, 1e-6]: the tiny entry is dropped, leaving two (almost) equal masses → ln 2.
    const h = diffusionEntropy(tf.tensor2d([[0.5, 0.5 - 1e-6, 1e-6]]));
    expect(h.dataSync()[0]).toBeCloseTo(Math.log(2), 5);
    h.dispose();
  });

  it('diffusionEntropy matches −Σ p ln p on a random distribution', () => {
    const p = [0.1, 0.2, 0.3, 0.4];
    const h = diffusionEntropy(tf.tensor2d([p]));
    expect(h.dataSync()[0]).toBeCloseTo(-p.reduce((s, v) => s + v * Math.log(v), 0), 5);
    h.dispose();
  });
});

describe('jensenShannonDistance', () => {
  it('jensenShannonDistance of identical rows is 0 and of two disjoint Diracs is sqrt(ln 2)', () => {
    const p = tf.tensor2d([
      [0.2, 0.3, 0.5],
      [1, 0, 0],
    ]);
    const q = tf.tensor2d([
      [0.2, 0.3, 0.5],
      [0, 1, 0],
    ]);
    const js = jensenShannonDistance(p, q).dataSync();
    expect(js[0]).toBeCloseTo(0, 3);
    expect(js[1]).toBeCloseTo(Math.sqrt(Math.LN2), 5);
    expect(Math.sqrt(Math.LN2)).toBeCloseTo(0.832555, 6);
  });

  it('jensenShannonDistance is symmetric and matches the textbook value', () => {
    const a = [0.5, 0.5, 0];
    const b = [0, 0.5, 0.5];
    const M = [0.25, 0.5, 0.25];
    const kl = (x: number[], y: number[]) =>
      x.reduce((s, v, i) => (v > 0 ? s + v * Math.log(v / y[i]) : s), 0);
    const expected = Math.sqrt(0.5 * kl(a, M) + 0.5 * kl(b, M));
    const ab = jensenShannonDistance(tf.tensor2d([a]), tf.tensor2d([b])).dataSync()[0];
    const ba = jensenShannonDistance(tf.tensor2d([b]), tf.tensor2d([a])).dataSync()[0];
    expect(ab).toBeCloseTo(expected, 5);
    expect(ba).toBeCloseTo(ab, 6);
  });
});

describe('wassersteinFromDirac', () => {
  it('wassersteinFromDirac on the path graph 0–1–2 with p = [0.5, 0.25, 0.25] from node 0 is 0.75', () => {
    const d = tf.tensor2d([
      [0, 1, 2],
      [1, 0, 1],
      [2, 1, 0],
    ]);
    const p = tf.tensor2d([
      [0.5, 0.25, 0.25],
      [0.25, 0.5, 0.25],
      [0, 0, 1],
    ]);
    const w = Array.from(wassersteinFromDirac(d, p).dataSync());
    expect(w[0]).toBeCloseTo(0.75, 6);
    expect(w[1]).toBeCloseTo(0.5, 6);
    expect(w[2]).toBeCloseTo(0, 6);
  });

  it('wassersteinFromDirac rejects mismatched shapes', () => {
    expect(() =>
      wassersteinFromDirac(tf.zeros([2, 3]) as tf.Tensor2D, tf.zeros([2, 2]) as tf.Tensor2D),
    ).toThrow(/same shape/);
  });
});

describe('potentialDistances', () => {
  it('potentialDistances is ‖log(P_i + 1e-6) − log(P_j + 1e-6)‖ with a zero diagonal', () => {
    const P = [
      [0.6, 0.4, 0],
      [0.2, 0.5, 0.3],
      [0, 0.3, 0.7],
    ];
    const D = potentialDistances(tf.tensor2d(P)).arraySync();
    const L = P.map((r) => r.map((v) => Math.log(v + 1e-6)));
    const dist = (a: number[], b: number[]) => Math.hypot(...a.map((v, i) => v - b[i]));
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j < 3; j++) expect(D[i][j]).toBeCloseTo(dist(L[i], L[j]), 2);
      expect(D[i][i]).toBe(0);
    }
  });
});

describe('trajectory helpers', () => {
  it('cumulativeTrajectory starts at 0 and sums the steps', () => {
    const ds = cumulativeTrajectory(Float64Array.from([9, 1, 2, 9, 0.5, 0.5]), 2, 3);
    expect(Array.from(ds)).toEqual([0, 1, 3, 0, 0.5, 1]);
  });

  it('interpolate is piecewise linear and clamps at both ends', () => {
    const xs = [0, 1, 1, 3];
    const ys = [0, 10, 20, 40];
    expect(interpolate(-1, xs, ys)).toBe(0);
    expect(interpolate(0.5, xs, ys)).toBe(5);
    expect(interpolate(2, xs, ys)).toBe(30);
    expect(interpolate(5, xs, ys)).toBe(40);
  });
});

describe('memory', () => {
  it('the energy ops leave no tensors behind', () => {
    const p = tf.tensor2d([
      [0.5, 0.5],
      [0.1, 0.9],
    ]);
    const n = leaked(() => {
      diffusionEntropy(p).dispose();
      jensenShannonDistance(p, p).dispose();
      wassersteinFromDirac(p, p).dispose();
      potentialDistances(p).dispose();
    });
    expect(n).toBe(0);
    p.dispose();
  });
});
