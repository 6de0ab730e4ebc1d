import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffusionCurvature, torus } from '../src/index.js';
import { wasm } from './setup.js';

beforeAll(wasm);

const mean = (a: ArrayLike<number>) => Array.from(a).reduce((s, v) => s + v, 0) / a.length;

// The one full-size run of the suite: 39 dense 1500×1500 products (≈ 15 s of CPU on the wasm backend).
describe('diffusionCurvature: torus (n = 1500, full run, defaults)', () => {
  it('torus outer rim > 0 > inner rim, Pearson(k, K) > 0.8, trajectories start at 0 and never decrease', () => {
    const before = tf.memory().numTensors;
    const T = torus(1500, { guidePoints: true, seed: 1 });
    const r = diffusionCurvature()(T.points, 2);
    expect(tf.memory().numTensors).toBe(before);
    expect(r.converged).toBe(true);
    expect(Math.abs(r.support - 150)).toBeLessThanOrEqual(5);
    expect(r.k[0]).toBeGreaterThan(0);
    expect(r.k[1]).toBeLessThan(0);
    // Pearson with the exact Gaussian curvature (0.836 at this seed; the unsmoothed k gives 0.74).
    const K = T.gaussianCurvature!;
    const mk = mean(r.k);
    const mK = mean(K);
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    for (let i = 0; i < K.length; i++) {
      sxy += (r.k[i] - mk) * (K[i] - mK);
      sxx += (r.k[i] - mk) ** 2;
      syy += (K[i] - mK) ** 2;
    }
    expect(sxy / Math.sqrt(sxx * syy)).toBeGreaterThan(0.8);
    for (const ds of r.trajectory) {
      expect(ds[0]).toBe(0);
      for (let k = 1; k < ds.length; k++) expect(ds[k]).toBeGreaterThanOrEqual(ds[k - 1]);
    }
    expect(r.times).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
    expect(r.flat[0].trajectory[0]).toBe(0);
  }, 600_000);
});
