import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  curvatureAgnosticKernel,
  diffusionCurvature,
  diffusionOperator,
  interpolate,
  matrixPower,
  sphere,
} from '../src/index.js';
import { leaked, wasm } from './setup.js';

beforeAll(wasm);

const cloud = sphere(300, { seed: 2 }).points;
const small = () => diffusionCurvature().graphKnn(40).times(1, 12).comparisonTrials(2);

describe('diffusionCurvature builder', () => {
  it('diffusionCurvature() has the documented defaults and chained setters return the estimator', () => {
    const dc = diffusionCurvature();
    expect(dc.graphKnn()).toBe(150);
    expect(dc.tolerance()).toBe(5);
    expect(dc.times()).toEqual(Array.from({ length: 39 }, (_, i) => i + 1));
    expect(dc.method()).toBe('entropic');
    expect(dc.comparison()).toBe('subtraction');
    expect(dc.localityScale()).toBe(0.9);
    expect(dc.smoothing()).toBe(2);
    expect(dc.alpha()).toBe(0);
    expect(dc.threshold()).toBe(1e-5);
    expect(dc.kernel()).toBe('curvature-agnostic');
    expect(dc.distanceTime()).toBe(25);
    expect(dc.nu()).toBeNull();
    expect(dc.graphKnn(120).times([5, 1, 3, 3])).toBe(dc);
    expect(dc.times()).toEqual([1, 3, 5]);
    const c = dc.copy().graphKnn(30);
    expect(dc.graphKnn()).toBe(120);
    expect(c.graphKnn()).toBe(30);
  });

  it('diffusionCurvature setters reject bad values', () => {
    const dc = diffusionCurvature();
    expect(() => dc.graphKnn(0)).toThrow(/graphKnn/);
    expect(() => dc.times([0, 1])).toThrow(/integers ≥ 1/);
    expect(() => dc.method('laziness' as never)).toThrow(/method/);
    expect(() => dc.kernel('knn' as never)).toThrow(/kernel/);
    expect(() => dc(cloud, 0)).toThrow(CurvInputError);
    expect(() => dc(cloud, [2, 2])).toThrow(/one dimension per point/);
    expect(() => dc.copy().points([300])(cloud, 2)).toThrow(/outside/);
  });

  it('entropic k is l_flat(d*) − l_X(x, d*) from the returned curves (unsmoothed), and ollivier is 1 − l_X/l_flat', () => {
    const r = small().smoothing(0)(cloud, 2);
    const f = r.flat[0];
    const lE = interpolate(f.dStar, f.trajectory, f.energy);
    for (const i of [0, 17, 299]) {
      const lX = interpolate(f.dStar, r.trajectory[i], r.energy[i]);
      expect(r.k[i]).toBeCloseTo(lE - lX, 10);
    }
    let meanFinal = 0;
    for (const ds of r.trajectory) meanFinal += ds[ds.length - 1] / r.trajectory.length;
    expect(f.dStar).toBeCloseTo(0.9 * Math.min(meanFinal, f.trajectory[f.trajectory.length - 1]), 10);
    for (const ds of [...r.trajectory, f.trajectory]) {
      expect(ds[0]).toBe(0);
      for (let k = 1; k < ds.length; k++) expect(ds[k]).toBeGreaterThanOrEqual(ds[k - 1]);
    }
    expect(r.trajectory[0][11]).toBeGreaterThan(0);
    const o = small().smoothing(0).comparison('ollivier')(cloud, 2);
    const lX0 = interpolate(f.dStar, r.trajectory[0], r.energy[0]);
    expect(o.k[0]).toBeCloseTo(1 - lX0 / lE, 6);
  });

  it('smoothing(2) returns P² · (unsmoothed k) with P rebuilt from the returned ν', () => {
    const r = small()(cloud, 2);
    const { w } = curvatureAgnosticKernel(cloud, r.nu!);
    const p = diffusionOperator(w);
    const expected = tf.tidy(() =>
      tf.matMul(matrixPower(p, 2), tf.tensor2d(Float32Array.from(r.unsmoothed), [300, 1])),
    );
    const e = expected.dataSync();
    let err = 0;
    for (let i = 0; i < 300; i++) err = Math.max(err, Math.abs(e[i] - r.k[i]));
    expect(err).toBeLessThan(1e-5);
    // and it actually changes k
    let moved = 0;
    for (let i = 0; i < 300; i++) moved = Math.max(moved, Math.abs(r.k[i] - r.unsmoothed[i]));
    expect(moved).toBeGreaterThan(1e-3);
    tf.dispose([w, p, expected]);
  });

  it('points(indices) gives the same unsmoothed curvature as the full run at those points', () => {
    const full = small().smoothing(0)(cloud, 2);
    const part = small().points([3, 0, 150])(cloud, 2);
    expect(Array.from(part.indices)).toEqual([3, 0, 150]);
    // d* uses the mean over the evaluated points, so compare energies and trajectories, not k.
    for (const [j, i] of [3, 0, 150].entries()) {
      for (let t = 0; t < 12; t++) {
        expect(part.energy[j][t]).toBeCloseTo(full.energy[i][t], 4);
        expect(part.trajectory[j][t]).toBeCloseTo(full.trajectory[i][t], 4);
      }
    }
  });

  it("method('w1') is 1 − W1(δx, P^t_x) / W1 at the flat centre, with PHATE distances", () => {
    const r = small().method('w1').w1Time(4).distanceTime(6).smoothing(0)(cloud, 2);
    const t = r.times.indexOf(4);
    for (const i of [0, 100]) expect(r.k[i]).toBeCloseTo(1 - r.energy[i][t] / r.flat[0].energy[t], 10);
    // W1 from a Dirac grows with t as the walk spreads.
    expect(r.energy[0][11]).toBeGreaterThan(r.energy[0][0]);
    expect(() => small().method('w1').w1Time(40)(cloud, 2)).toThrow(/w1Time/);
  });

  it('per-point dimensions get one flat comparison space each', () => {
    const dims = cloud.map((_, i) => (i < 150 ? 2 : 3));
    const r = small().smoothing(0)(cloud, dims);
    expect(r.flat.map((f) => f.dim)).toEqual([2, 3]);
    // Compared against a 3-D flat space, the 2-D sphere diffuses less: it looks more positively curved.
    const r2 = small().smoothing(0)(cloud, 2);
    expect(r.k[200]).toBeGreaterThan(r2.k[200]);
  });

  it('fixed and adaptive kernels run without ν', () => {
    for (const k of ['fixed', 'adaptive'] as const) {
      const r = small().kernel(k).points([0])(cloud, 2);
      expect(r.nu).toBeNull();
      expect(Number.isFinite(r.k[0])).toBe(true);
    }
  });

  it('run() gives the same result as a call and can be aborted', async () => {
    const dc = small().points([0, 1]);
    const sync = dc(cloud, 2);
    const stages: string[] = [];
    const asyncR = await dc.run(cloud, 2, { onProgress: (s) => stages.push(s) });
    expect(Array.from(asyncR.k)).toEqual(Array.from(sync.k));
    expect(stages).toContain('tune');
    expect(stages).toContain('t=12');
    const before = tf.memory().numTensors;
    const ac = new AbortController();
    const p = dc.run(cloud, 2, { onProgress: (s) => s === 't=3' && ac.abort(), signal: ac.signal });
    await expect(p).rejects.toThrow();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('diffusionCurvature leaves no tensors behind', () => {
    expect(leaked(() => small()(cloud, 2))).toBe(0);
    expect(leaked(() => small().method('w1').w1Time(3).distanceTime(4)(cloud, 2))).toBe(0);
  });
});
