import { initBackend, Random } from '@curv/core';
import {
  type JetDecoder,
  jetColumns,
  jetConcat,
  jetCos,
  jetMul,
  jetScale,
  jetShift,
  jetSin,
} from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  areaUniformSample,
  decoderDiffusionCurvature,
  latentSample,
} from '../src/steps/decoderDiffusionCurvature.js';
import { checkDiffusionParams } from '../src/steps/step9DiffusionCurvature.js';

/** Torus of revolution ((c + a cos v) cos u, (c + a cos v) sin u, a sin v): K = cos v / (a (c + a cos v)). */
function torusDecoder(c: number, a: number): JetDecoder {
  return {
    latentDim: 2,
    jet: (z) => {
      const u = jetColumns(z, 0);
      const v = jetColumns(z, 1);
      const r = jetShift(jetScale(jetCos(v), a), c);
      return jetConcat([jetMul(r, jetCos(u)), jetMul(r, jetSin(u)), jetScale(jetSin(v), a)]);
    },
  };
}

/** Flat torus (cos u, sin u, cos v, sin v): K ≡ 0. */
const flatTorus: JetDecoder = {
  latentDim: 2,
  jet: (z) => {
    const u = jetColumns(z, 0);
    const v = jetColumns(z, 1);
    return jetConcat([jetCos(u), jetSin(u), jetCos(v), jetSin(v)]);
  },
};

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('decoderDiffusionCurvature (pure comparison of k on Ψ(z) with the exact R/2)', () => {
  it('torus of revolution c = 2, a = 1: exact K matches cos v/(c + cos v), k correlates clearly (Pearson > 0.5), no tensors leak', async () => {
    const n = 600;
    const z = new Random(3).uniformArray(2 * n, -Math.PI, Math.PI);
    const before = tf.memory().numTensors;
    const r = await decoderDiffusionCurvature(torusDecoder(2, 1), z, {
      graphKnn: 100,
      times: [1, 39],
      seed: 0,
    });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.k).toHaveLength(n);
    expect(r.ambientDim).toBe(3);
    for (let i = 0; i < n; i++) {
      const v = z[2 * i + 1];
      expect(r.K[i]).toBeCloseTo(Math.cos(v) / (2 + Math.cos(v)), 4);
    }
    // Measured: Pearson 0.91, Spearman 0.96, sign 0.85 (σ 0.53); a wrong sign or unrelated k would be ≤ 0.
    expect(r.pearson).toBeGreaterThan(0.75);
    expect(r.spearman).toBeGreaterThan(0.75);
    expect(r.signAgreement).toBeGreaterThan(0.75);
    expect(r.signCount).toBeGreaterThan(n / 2);
    expect(r.k.every(Number.isFinite)).toBe(true);
    expect(r.energy).toHaveLength(n);
    expect(r.times).toHaveLength(39);
    expect(r.flatEnergy).toHaveLength(39);
    expect(r.support).toBeGreaterThan(90);
    expect(r.support).toBeLessThan(110);
    // max|K| = 1 (inner rim) on this torus; σ is a fraction of its radii.
    expect(r.sigma).toBeGreaterThan(0.05);
    expect(r.sigma).toBeLessThan(2);
    const maxAbsK = Math.max(...r.K.map(Math.abs));
    expect(maxAbsK).toBeGreaterThan(0.99);
    expect(r.curvatureAtKernelScale).toBeCloseTo(maxAbsK * r.sigma ** 2, 10);
  }, 120_000);

  it('a flat decoder (R ≡ 0) fails with a clear message instead of returning NaN correlations', async () => {
    const z = new Random(1).uniformArray(2 * 60, -Math.PI, Math.PI);
    await expect(
      decoderDiffusionCurvature(flatTorus, z, { graphKnn: 20, times: [1, 10], seed: 0 }),
    ).rejects.toThrow(/no correlation between k and R\/2/);
  }, 60_000);

  it('an aborted signal rejects without leaking tensors; graphKnn ≥ n is refused', async () => {
    const z = new Random(2).uniformArray(2 * 80, -Math.PI, Math.PI);
    const ac = new AbortController();
    ac.abort(new Error('stop'));
    const before = tf.memory().numTensors;
    await expect(
      decoderDiffusionCurvature(torusDecoder(2, 1), z, {
        graphKnn: 20,
        times: [1, 10],
        seed: 0,
        signal: ac.signal,
      }),
    ).rejects.toThrow(/stop/);
    expect(tf.memory().numTensors).toBe(before);
    await expect(
      decoderDiffusionCurvature(torusDecoder(2, 1), z, { graphKnn: 80, times: [1, 10], seed: 0 }),
    ).rejects.toThrow(/graphKnn 80 must be below the number of points 80/);
  });
});

describe('areaUniformSample', () => {
  it('on the torus of revolution (area element 2 + cos v) the mean of cos v is 1/4, not 0 as for uniform angles', () => {
    const n = 4000;
    const z = areaUniformSample(
      (pts) => Float32Array.from({ length: pts.length / 2 }, (_, i) => 2 + Math.cos(pts[2 * i + 1])),
      n,
      5,
    );
    let meanCos = 0;
    let meanCosU = 0;
    for (let i = 0; i < n; i++) {
      meanCos += Math.cos(z[2 * i + 1]) / n;
      meanCosU += Math.cos(z[2 * i]) / n;
      expect(Math.abs(z[2 * i])).toBeLessThanOrEqual(Math.PI);
    }
    // ∫cos v (2 + cos v) dv / ∫(2 + cos v) dv = π / 4π; standard error ≈ 0.011.
    expect(meanCos).toBeGreaterThan(0.2);
    expect(meanCos).toBeLessThan(0.3);
    expect(Math.abs(meanCosU)).toBeLessThan(0.05); // u stays uniform
  });
});

describe('latentSample', () => {
  it('half uniform on [−π, π)², half distinct data encodings (all of them when there are fewer)', () => {
    const enc = Float32Array.from({ length: 20 }, (_, i) => 10 + i); // 10 encodings, outside [−π, π)
    const { z, source } = latentSample(30, enc, 0);
    expect(source.filter((s) => s === 'data')).toHaveLength(10);
    expect(source.slice(0, 20).every((s) => s === 'uniform')).toBe(true);
    for (let i = 0; i < 20; i++) {
      expect(Math.abs(z[2 * i])).toBeLessThanOrEqual(Math.PI);
      expect(Math.abs(z[2 * i + 1])).toBeLessThanOrEqual(Math.PI);
    }
    const rows = new Set<string>();
    for (let i = 20; i < 30; i++) {
      expect(z[2 * i] % 2).toBe(0); // an encoding row (x at an even index of enc)
      expect(z[2 * i + 1]).toBe(z[2 * i] + 1);
      rows.add(`${z[2 * i]}`);
    }
    expect(rows.size).toBe(10);
    const many = latentSample(
      30,
      Float32Array.from({ length: 200 }, (_, i) => i),
      0,
    );
    expect(many.source.filter((s) => s === 'data')).toHaveLength(15);
  });

  it('checkDiffusionParams names the field and what was expected', () => {
    const ok = {
      n: 100,
      sampling: 'mixed' as const,
      graphKnn: 30,
      times: [1, 20] as [number, number],
      seed: 0,
      grid: 16,
    };
    expect(() => checkDiffusionParams(ok)).not.toThrow();
    expect(() => checkDiffusionParams({ ...ok, graphKnn: 100 })).toThrow(
      /diffusion.graphKnn 100: expected fewer than/,
    );
    expect(() => checkDiffusionParams({ ...ok, times: [5, 5] })).toThrow(/diffusion.times/);
    expect(() => checkDiffusionParams({ ...ok, n: 2.5 })).toThrow(/diffusion.n 2.5: expected an integer/);
    expect(() => checkDiffusionParams({ ...ok, sampling: 'grid' as 'area' })).toThrow(
      /diffusion.sampling 'grid': expected 'mixed' or 'area'/,
    );
  });
});
