import { Random } from '@curv/core';
import { describe, expect, it } from 'vitest';
import {
  batchCount,
  batches,
  createDatasets,
  orthonormalColumns,
  randomSplit,
  swissRoll,
  syntheticGaussians,
} from '../src/index.js';

describe('syntheticGaussians', () => {
  it('orthonormalColumns returns QᵀQ = I spanning the same columns', () => {
    const rng = new Random(1);
    const D = 7;
    const d = 3;
    const a = Float64Array.from({ length: D * d }, () => rng.uniform());
    const q = orthonormalColumns(a, D, d);
    for (let i = 0; i < d; i++)
      for (let j = 0; j < d; j++) {
        let s = 0;
        for (let r = 0; r < D; r++) s += q[r * d + i] * q[r * d + j];
        expect(s).toBeCloseTo(i === j ? 1 : 0, 12);
      }
    // first column is the normalised first column of a
    const n0 = Math.hypot(...Array.from({ length: D }, (_, r) => a[r * d]));
    for (let r = 0; r < D; r++) expect(q[r * d]).toBeCloseTo(a[r * d] / n0, 12);
  });

  it('syntheticGaussians puts each class on a d-plane through c_i with in-plane variance σ²', () => {
    const ds = syntheticGaussians(
      { k: 3, n: 4000, d: 2, D: 10, shiftClass: 0, interclassVariance: 0.1, varianceOfClasses: 1 },
      new Random(0),
    );
    expect(ds.shape).toEqual([12000, 10]);
    expect(Array.from(ds.labels.subarray(0, 2))).toEqual([0, 0]);
    expect(ds.labels[11999]).toBe(2);
    // per class: total variance = d·σ² = 2 (mean squared distance to class mean)
    for (let c = 0; c < 3; c++) {
      const mean = new Float64Array(10);
      for (let p = 0; p < 4000; p++)
        for (let r = 0; r < 10; r++) mean[r] += ds.data[(c * 4000 + p) * 10 + r] / 4000;
      let tv = 0;
      for (let p = 0; p < 4000; p++)
        for (let r = 0; r < 10; r++) tv += (ds.data[(c * 4000 + p) * 10 + r] - mean[r]) ** 2 / 3999;
      expect(tv).toBeGreaterThan(1.85);
      expect(tv).toBeLessThan(2.15);
    }
  });

  it('syntheticGaussians shifts class means by shiftClass·(i+1) inside the plane', () => {
    const ds = syntheticGaussians(
      { k: 2, n: 3000, d: 2, D: 5, shiftClass: 3, interclassVariance: 0, varianceOfClasses: 0.01 },
      new Random(4),
    );
    // |mean of class i| = |Q μ_i| = shift·(i+1)·√d since Q is orthonormal and c_i = 0
    for (let c = 0; c < 2; c++) {
      const mean = new Float64Array(5);
      for (let p = 0; p < 3000; p++)
        for (let r = 0; r < 5; r++) mean[r] += ds.data[(c * 3000 + p) * 5 + r] / 3000;
      expect(Math.hypot(...mean)).toBeCloseTo(3 * (c + 1) * Math.SQRT2, 1);
    }
  });
});

describe('swissRoll', () => {
  it('swissRoll points satisfy (x, z) = t(cos t, sin t) with t ∈ [1.5π, 4.5π) and y ∈ [0, 21)', () => {
    const ds = swissRoll({ n: 500, noise: 0 }, new Random(2));
    expect(ds.shape).toEqual([500, 3]);
    expect(ds.discreteLabels).toBe(false);
    for (let i = 0; i < 500; i++) {
      const t = ds.labels[i];
      expect(t).toBeGreaterThanOrEqual(1.5 * Math.PI - 1e-5);
      expect(t).toBeLessThan(4.5 * Math.PI + 1e-5);
      expect(ds.data[3 * i]).toBeCloseTo(t * Math.cos(t), 4);
      expect(ds.data[3 * i + 2]).toBeCloseTo(t * Math.sin(t), 4);
      expect(ds.data[3 * i + 1]).toBeGreaterThanOrEqual(0);
      expect(ds.data[3 * i + 1]).toBeLessThan(21);
    }
  });
});

describe('swissRoll noise', () => {
  it('swissRoll adds isotropic Gaussian noise of standard deviation `noise`', () => {
    const ds = swissRoll({ n: 4000, noise: 0.5 }, new Random(8));
    let sx = 0;
    let sz = 0;
    for (let i = 0; i < 4000; i++) {
      const t = ds.labels[i];
      sx += (ds.data[3 * i] - t * Math.cos(t)) ** 2;
      sz += (ds.data[3 * i + 2] - t * Math.sin(t)) ** 2;
    }
    expect(Math.sqrt(sx / 4000)).toBeCloseTo(0.5, 1);
    expect(Math.sqrt(sz / 4000)).toBeCloseTo(0.5, 1);
  });
});

describe('randomSplit and batches', () => {
  it('randomSplit gives m − ⌊m·r⌋ / ⌊m·r⌋ disjoint parts covering the data, seeded', () => {
    const ds = swissRoll({ n: 1001, noise: 0 }, new Random(0));
    const a = randomSplit(ds, 0.2, new Random(5));
    const b = randomSplit(ds, 0.2, new Random(5));
    expect(a.train.shape[0]).toBe(801);
    expect(a.test.shape[0]).toBe(200);
    expect(a.test.labels).toEqual(b.test.labels);
    const all = [...a.train.labels, ...a.test.labels].sort((x, y) => x - y);
    expect(all).toEqual([...ds.labels].sort((x, y) => x - y));
  });

  it('createDatasets is reproducible for a seed and differs across seeds', () => {
    const spec = { name: 'Swissroll' as const, n: 300, noise: 1e-6 };
    const a = createDatasets(spec, { seed: 1 });
    const b = createDatasets(spec, { seed: 1 });
    const c = createDatasets(spec, { seed: 2 });
    expect(a.train.data).toEqual(b.train.data);
    expect(a.train.data).not.toEqual(c.train.data);
    expect(a.train.shape[0]).toBe(240);
  });

  it('batches keeps the last partial batch and the labels; shuffle permutes rows consistently', () => {
    const ds = swissRoll({ n: 10, noise: 0 }, new Random(0));
    expect(batchCount(10, 4)).toBe(3);
    const plain = [...batches(ds, { batchSize: 4 })];
    expect(plain.map((b) => b.size)).toEqual([4, 4, 2]);
    expect(plain[2].labels).toEqual(ds.labels.subarray(8, 10));
    const shuffled = [...batches(ds, { batchSize: 4, shuffle: true, rng: new Random(9) })];
    const seen: number[] = [];
    for (const b of shuffled)
      for (let i = 0; i < b.size; i++) {
        const j = b.indices[i];
        seen.push(j);
        expect(b.labels[i]).toBe(ds.labels[j]);
        expect(b.data[3 * i + 1]).toBe(ds.data[3 * j + 1]);
      }
    expect(seen.sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(shuffled.flatMap((b) => Array.from(b.indices))).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });
});
