import { pearson, spearman } from '@curv/stats';
import { beforeAll, describe, expect, it } from 'vitest';
import { compareCurvature, curvatureAgreement, diffusionCurvature, torus } from '../src/index.js';
import { wasm } from './setup.js';

beforeAll(wasm);

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
