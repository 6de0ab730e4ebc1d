import { beforeAll, describe, expect, it } from 'vitest';
import {
  compareCurvature,
  curvatureAgreement,
  diffusionCurvature,
  pearson,
  ranks,
  spearman,
  torus,
} from '../src/index.js';
import { wasm } from './setup.js';

beforeAll(wasm);

describe('correlations', () => {
  it('pearson is ±1 on exact linear relations and 0.6 on a textbook example', () => {
    expect(pearson([1, 2, 3], [2, 4, 6])).toBeCloseTo(1, 12);
    expect(pearson([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 12);
    expect(pearson([1, 2, 3, 4], [2, 1, 4, 3])).toBeCloseTo(0.6, 12);
    expect(pearson([1, 1, 1], [1, 2, 3])).toBeNaN();
  });

  it('ranks gives ties their average rank; spearman is 1 on any increasing relation', () => {
    expect(Array.from(ranks([10, 20, 20, 5]))).toEqual([2, 3.5, 3.5, 1]);
    const x = [0.1, 0.5, 1, 2, 4];
    const y = x.map((v) => Math.exp(3 * v));
    expect(spearman(x, y)).toBeCloseTo(1, 12);
    expect(pearson(x, y)).toBeLessThan(0.9);
    expect(spearman([1, 2, 3], [10, 20, 15])).toBeCloseTo(0.5, 12);
  });
});

describe('compareCurvature and curvatureAgreement', () => {
  it('compareCurvature counts sign agreement only where |exact| > signThreshold', () => {
    const c = compareCurvature([1, -1, 0.5, -0.2], [0.3, -1, 0.01, 0.4]);
    expect(c.signCount).toBe(3);
    expect(c.signAgreement).toBeCloseTo(2 / 3, 12);
    expect(c.n).toBe(4);
    expect(compareCurvature([1, 2], [1, 2], { signThreshold: 5 }).signAgreement).toBeNaN();
    expect(() => compareCurvature([1], [1, 2])).toThrow(/1 estimates for 2/);
  });

  it('curvatureAgreement runs the estimator and compares its k with the exact values at the evaluated points', () => {
    const t = torus(300, { guidePoints: true, seed: 3 });
    const est = diffusionCurvature()
      .graphKnn(30)
      .times(1, 10)
      .comparisonTrials(1)
      .points([0, 1, 2, 50, 120, 299]);
    const a = curvatureAgreement(t.points, t.gaussianCurvature!, 2, est);
    const exact = Array.from(a.result.indices, (i) => t.gaussianCurvature![i]);
    expect(a.n).toBe(6);
    expect(a.pearson).toBeCloseTo(pearson(a.result.k, exact), 12);
    expect(a.spearman).toBeCloseTo(spearman(a.result.k, exact), 12);
  });
});
