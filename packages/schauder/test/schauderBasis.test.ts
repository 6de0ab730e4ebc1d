import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { schauderBasis } from '../src/index.js';
import { init } from './setup.js';

beforeAll(init);

/** Numerical rank of a row-major rows × cols matrix by Gaussian elimination with partial pivoting. */
function rank(data: Float32Array, rows: number, cols: number, tol = 1e-5): number {
  const a = Array.from({ length: rows }, (_, i) =>
    Array.from(data.subarray(i * cols, (i + 1) * cols), Number),
  );
  let r = 0;
  for (let c = 0; c < cols && r < rows; c++) {
    let p = r;
    for (let i = r + 1; i < rows; i++) if (Math.abs(a[i][c]) > Math.abs(a[p][c])) p = i;
    if (Math.abs(a[p][c]) < tol) continue;
    [a[r], a[p]] = [a[p], a[r]];
    for (let i = r + 1; i < rows; i++) {
      const f = a[i][c] / a[r][c];
      for (let j = c; j < cols; j++) a[i][j] -= f * a[r][j];
    }
    r++;
  }
  return r;
}

const close = (x: Float32Array, y: number[]) => {
  expect(x.length).toBe(y.length);
  for (let i = 0; i < y.length; i++) expect(x[i]).toBeCloseTo(y[i], 6);
};

describe('schauderBasis', () => {
  it("schauderBasis(2, 9, { mode: 'parity' }) reproduces the SPEC §8.3 columns", () => {
    const B = schauderBasis(2, 9, { mode: 'parity' });
    expect(B.columns).toBe(3);
    close(B.column(0), [0, 0.25, 0.5, 0.75, 0.75, 0.5, 0.25, 0, 0]);
    close(B.column(1), [0, 0.5, 0.5, 0, 0, 0, 0, 0, 0]);
    close(B.column(2), [0, 0, 0, 0, 0.25, 0.75, 0.75, 0.25, 0]);
    expect(B.labels).toEqual([
      [0, 0],
      [1, 0],
      [1, 1],
    ]);
  });

  it("schauderBasis(2, 9, { variant: 'shooting' }) prepends t_s", () => {
    const B = schauderBasis(2, 9, { mode: 'parity', variant: 'shooting' });
    expect(B.columns).toBe(4);
    close(
      B.column(0),
      Array.from({ length: 9 }, (_, s) => s / 8),
    );
    close(B.column(2), [0, 0.5, 0.5, 0, 0, 0, 0, 0, 0]);
    expect(B.labels[0]).toBeNull();
  });

  it("schauderBasis(3, 17, { mode: 'parity' }) reproduces the SPEC §8.3 columns, including the cut (2,1) tail", () => {
    const B = schauderBasis(3, 17, { mode: 'parity' });
    expect(B.columns).toBe(7);
    const z = (k: number) => Array<number>(k).fill(0);
    close(
      B.column(0),
      [0, 0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 0.875, 0.75, 0.625, 0.5, 0.375, 0.25, 0.125, 0, 0],
    );
    close(B.column(1), [0, 0.25, 0.5, 0.75, 0.75, 0.5, 0.25, ...z(10)]);
    close(B.column(2), [...z(8), 0.125, 0.375, 0.625, 0.875, 0.875, 0.625, 0.375, 0.125, 0]);
    close(B.column(3), [0, 0.5, 0.5, ...z(14)]);
    close(B.column(4), [0, 0, 0, 0, 0.25, 0.75, 0.75, ...z(10)]);
    close(B.column(5), [...z(8), 0.25, 0.75, 0.75, ...z(6)]);
    close(B.column(6), [...z(12), 0.25, 0.75, 0.75, 0.25, 0]);
  });

  it("schauderBasis(7, 100, { mode: 'parity' }) has 127 columns, 52 zero (all level 6), rank 75, level-0 peak 0.98990 at s = 49", () => {
    const B = schauderBasis(7, 100, { mode: 'parity' });
    expect(B.columns).toBe(127);
    const zero: number[] = [];
    for (let j = 0; j < 127; j++) if (B.column(j).every((v) => v === 0)) zero.push(j);
    expect(zero.length).toBe(52);
    expect(zero.every((j) => B.labels[j]?.[0] === 6)).toBe(true);
    expect(rank(B.data, 100, 127)).toBe(75);
    const c0 = B.column(0);
    const peak = Math.max(...c0);
    expect(peak).toBeCloseTo(0.9899, 4);
    expect(c0.indexOf(peak)).toBe(49);
  });

  it("schauderBasis(n, S, { mode: 'clean' }) samples exact tents with no degenerate column and full rank", () => {
    const B = schauderBasis(3, 17, { mode: 'clean' });
    // (2, 1): tent on [1/4, 1/2] with peak 1 at t = 3/8 (s = 6); parity cut its tail, clean keeps it.
    close(B.column(4), [0, 0, 0, 0, 0, 0.5, 1, 0.5, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
    close(
      B.column(0),
      Array.from({ length: 17 }, (_, s) => 1 - Math.abs(2 * (s / 16) - 1)),
    );
    const C = schauderBasis(7, 129, { mode: 'clean' });
    expect(rank(C.data, 129, 127)).toBe(127);
    for (let j = 0; j < 127; j++) expect(Math.max(...C.column(j))).toBeCloseTo(1, 6);
    const D = schauderBasis(7, 200, { mode: 'clean', variant: 'shooting' });
    expect(rank(D.data, 200, 128)).toBe(128);
  });

  it('schauderBasis rejects clean mode with S < 2^nMax + 1 and bad arguments with CurvInputError', () => {
    expect(() => schauderBasis(7, 100, { mode: 'clean' })).toThrow(CurvInputError);
    expect(() => schauderBasis(0, 10)).toThrow(CurvInputError);
    expect(() => schauderBasis(3, 1.5)).toThrow(CurvInputError);
    // biome-ignore lint/suspicious/noExplicitAny: deliberately invalid
    expect(() => schauderBasis(3, 17, { mode: 'exact' as any })).toThrow(/mode/);
  });

  it('basis.tensor() is an [S, m] tensor equal to data', () => {
    const B = schauderBasis(3, 17);
    const before = tf.memory().numTensors;
    const t = B.tensor();
    expect(t.shape).toEqual([17, 7]);
    expect(Array.from(t.dataSync())).toEqual(Array.from(B.data));
    t.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
