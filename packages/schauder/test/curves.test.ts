import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Reduction } from '../src/index.js';
import {
  curveEnergy,
  curveLength,
  metricCurveEnergy,
  metricCurveLength,
  periodicSegment,
  straightSegment,
} from '../src/index.js';
import { flatTorus, goldenDecoder, sphere, sphereMetric } from './fixtures.js';
import { init } from './setup.js';

let golden: ReturnType<typeof goldenDecoder>;
beforeAll(async () => {
  await init();
  golden = goldenDecoder();
});
afterAll(() => golden.dispose());

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

describe('segments', () => {
  it('straightSegment(starts, ends, S) is x + t_s (y − x) with t_s = s/(S−1)', () => {
    const c = straightSegment(
      [
        [0, 0],
        [1, -1],
      ],
      [
        [1, 2],
        [3, 3],
      ],
      3,
    );
    expect(c.shape).toEqual([2, 3, 2]);
    const v = c.arraySync();
    expect(v[0]).toEqual([
      [0, 0],
      [0.5, 1],
      [1, 2],
    ]);
    expect(v[1]).toEqual([
      [1, -1],
      [2, 1],
      [3, 3],
    ]);
    c.dispose();
  });

  it('periodicSegment(starts, ends, S) reproduces the SPEC §8.4 start (4.2831853, 1) and ends exactly at the end', () => {
    const c = periodicSegment([[-2, 1]], [[2.5, -1.5]], 11);
    const v = c.arraySync()[0];
    expect(v[0][0]).toBeCloseTo(4.283185307179586, 5);
    expect(v[0][1]).toBeCloseTo(1, 6);
    expect(v[10]).toEqual([2.5, -1.5]);
    c.dispose();
  });

  it('periodicSegment wraps the difference into [−π, π): Δ = π + ε → −π + ε and exact −π stays −π', () => {
    const c = periodicSegment(
      [
        [3, 0],
        [-Math.PI, 0],
      ],
      [
        [-3, 0],
        [0, 0],
      ],
      2,
    );
    const v = c.arraySync();
    // 3 − (−3) = 6 → 6 − 2π ≈ −0.2832: start at −3.2832 (crossing the ±π seam, not through 0)
    expect(v[0][0][0]).toBeCloseTo(-3 - (2 * Math.PI - 6), 5);
    // Δ = −π exactly is kept (the half-open interval [−π, π))
    expect(v[1][0][0]).toBeCloseTo(-Math.PI, 5);
    c.dispose();
  });

  it('segments reject mismatched shapes and bad S', () => {
    expect(() => straightSegment([[0, 0]], [[1, 1, 1]], 5)).toThrow(CurvInputError);
    expect(() => periodicSegment([[0, 0]], [[1, 1]], 1)).toThrow(CurvInputError);
  });
});

describe('curveEnergy / curveLength', () => {
  it('curveEnergy(goldenDecoder, straight p → q, S = 11) = 8.299845313669804 and length 2.7889068618382233 (SPEC §8.4)', () => {
    const c = straightSegment([[-2, 1]], [[2.5, -1.5]], 11);
    const e = curveEnergy(golden.decoder, c, 'none');
    const l = curveLength(golden.decoder, c, 'sum');
    expect(rel(e.dataSync()[0], 8.299845313669804)).toBeLessThan(2e-6);
    expect(rel(l.dataSync()[0], 2.7889068618382233)).toBeLessThan(2e-6);
    tf.dispose([c, e, l]);
  });

  it('curveEnergy(goldenDecoder, periodic p → q, S = 11) = 4.774996659396475 (SPEC §8.4)', () => {
    const c = periodicSegment([[-2, 1]], [[2.5, -1.5]], 11);
    const e = curveEnergy(golden.decoder, c, 'mean');
    expect(rel(e.dataSync()[0], 4.774996659396475)).toBeLessThan(2e-6);
    tf.dispose([c, e]);
  });

  it("curveEnergy reductions: 'none' per curve, 'sum' and 'mean' of them, each with the (S−1) factor", () => {
    // Flat torus: a straight segment with chart displacement δ has length ≈ ‖δ‖ and energy ≈ ‖δ‖².
    const c = straightSegment(
      [
        [0, 0],
        [0, 0],
      ],
      [
        [0.3, 0.4],
        [0, 1],
      ],
      201,
    );
    const none = curveEnergy(flatTorus, c, 'none').dataSync();
    expect(none[0]).toBeCloseTo(0.25, 4);
    expect(none[1]).toBeCloseTo(1, 4);
    const sum = curveEnergy(flatTorus, c, 'sum');
    const mean = curveEnergy(flatTorus, c, 'mean');
    expect(sum.shape).toEqual([]);
    expect(sum.dataSync()[0]).toBeCloseTo(none[0] + none[1], 5);
    expect(mean.dataSync()[0]).toBeCloseTo((none[0] + none[1]) / 2, 5);
    const len = curveLength(flatTorus, c, 'none').dataSync();
    expect(len[0]).toBeCloseTo(0.5, 4);
    tf.dispose([c, sum, mean]);
  });

  it('curveEnergy / curveLength throw CurvInputError for an invalid reduction (B28)', () => {
    const c = straightSegment([[0, 0]], [[1, 1]], 5);
    expect(() => curveEnergy(flatTorus, c, 'avg' as Reduction)).toThrow(CurvInputError);
    expect(() => curveLength(flatTorus, c, 'avg' as Reduction)).toThrow(CurvInputError);
    expect(() => metricCurveEnergy(sphereMetric, c, 'max' as Reduction)).toThrow(/reduction/);
    c.dispose();
  });

  it('metricCurveEnergy with the analytic sphere metric agrees with the decoded energy to O(1/S²)', () => {
    const c = straightSegment(
      [
        [-0.5, -1],
        [0.2, 0.4],
      ],
      [
        [0.9, 1.5],
        [1.2, -2],
      ],
      100,
    );
    const ed = curveEnergy(sphere, c).dataSync();
    const em = metricCurveEnergy(sphereMetric, c).dataSync();
    const ld = curveLength(sphere, c).dataSync();
    const lm = metricCurveLength(sphereMetric, c).dataSync();
    for (let i = 0; i < 2; i++) {
      expect(rel(em[i], ed[i])).toBeLessThan(1e-3);
      expect(rel(lm[i], ld[i])).toBeLessThan(1e-3);
    }
    c.dispose();
  });

  it('energies and lengths leak no tensors', () => {
    const c = straightSegment([[0, 0]], [[1, 1]], 9);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      tf.dispose([
        curveEnergy(golden.decoder, c, 'mean'),
        curveLength(golden.decoder, c),
        metricCurveLength(sphereMetric, c),
      ]);
    }
    expect(tf.memory().numTensors).toBe(before);
    c.dispose();
  });
});
