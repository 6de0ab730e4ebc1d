import { Random } from '@curv/core';
import { describe, expect, it } from 'vitest';
import {
  concat,
  createDatasets,
  swissRoll,
  swissRollArcLength,
  syntheticGaussians,
  take,
} from '../src/index.js';

// First values of the seeded generators, recorded from this implementation. A change here means every
// seeded experiment (splits, trained models, reported numbers) changes: only update them on purpose.
const close = (got: ArrayLike<number>, want: number[]) => {
  want.forEach((w, i) => {
    expect(got[i]).toBeCloseTo(w, 5);
  });
};

describe('seeded datasets are pinned by their first values', () => {
  it('syntheticGaussians(k 3, n 100, d 2, D 784, shift 0, interclass 0.1, σ² 1; Random(0))', () => {
    const ds = syntheticGaussians(
      { k: 3, n: 100, d: 2, D: 784, shiftClass: 0, interclassVariance: 0.1, varianceOfClasses: 1 },
      new Random(0),
    );
    close(ds.data, [0.059671659, 0.011887933, -0.0791739, -0.015986821, -0.021028768, -0.093676805]);
    expect(ds.data[ds.data.length - 1]).toBeCloseTo(0.091853768, 5);
    close(ds.intrinsic!.data, [0.0066672722, -1.2181824, 0.20447764, -0.26751751]);
    expect(ds.intrinsic!.names).toEqual(['s1', 's2']);
    expect(ds.labels[150]).toBe(1);
  });

  it('createDatasets Synthetic (n 200 per class, D 784, seed 0) splits 480 / 120 with the same first test values', () => {
    const { train, test } = createDatasets(
      {
        name: 'Synthetic',
        k: 3,
        n: 200,
        d: 2,
        D: 784,
        shiftClass: 0,
        interclassVariance: 0.1,
        varianceOfClasses: 1,
      },
      { seed: 0 },
    );
    expect([train.shape, test.shape]).toEqual([
      [480, 784],
      [120, 784],
    ]);
    close(test.data, [-0.014155758, 0.039896008, -0.04057271]);
    close(test.intrinsic!.data, [0.72978586, -0.40930185, 0.26185042, 0.27737725]);
    expect(Array.from(test.labels.subarray(0, 4))).toEqual([2, 1, 2, 1]);
  });

  it('swissRoll(n 18 000, noise 1e-6; Random(0)) and the original Swissroll_Setting_1 split (14 400 / 3 600)', () => {
    const ds = swissRoll({ n: 18000, noise: 1e-6 }, new Random(0));
    close(ds.data, [11.442887, 4.324789, 6.3171082, 0.56657189, 18.540496, -4.7966175]);
    close(ds.intrinsic!.data, [13.07079, 4.3247905, 4.8299632, 18.540496]);
    close(ds.labels, [13.07079, 4.8299632]);
    const { train, test } = createDatasets({ name: 'Swissroll', n: 18000, noise: 1e-6 }, { seed: 0 });
    expect([train.shape[0], test.shape[0]]).toEqual([14400, 3600]);
    close(test.data, [-0.70096058, 6.041244, 7.9113598, 12.183323, 11.807384, 4.2448444]);
    close(test.intrinsic!.data, [7.9423528, 6.0412436, 12.901632, 11.807385]);
    close(train.labels, [10.7804, 13.134298]);
  });
});

describe('intrinsic coordinates', () => {
  it('Swiss-roll intrinsic (t, y) regenerate the points, and the arc-length chart is an isometry of the roll', () => {
    const ds = swissRoll({ n: 200, noise: 0 }, new Random(3));
    const I = ds.intrinsic!.data;
    for (let i = 0; i < 200; i++) {
      const [t, y] = [I[2 * i], I[2 * i + 1]];
      expect(ds.data[3 * i]).toBeCloseTo(t * Math.cos(t), 4);
      expect(ds.data[3 * i + 1]).toBeCloseTo(y, 5);
    }
    // d/dt arc length = speed of the spiral √(1 + t²)
    for (const t of [5, 8, 13]) {
      const h = 1e-5;
      expect((swissRollArcLength(t + h) - swissRollArcLength(t - h)) / (2 * h)).toBeCloseTo(
        Math.sqrt(1 + t * t),
        6,
      );
    }
    // Two nearby points: ambient distance ≈ distance in the unrolled chart.
    const a = 10;
    const b = 10.01;
    const ambient = Math.hypot(a * Math.cos(a) - b * Math.cos(b), a * Math.sin(a) - b * Math.sin(b));
    expect(swissRollArcLength(b) - swissRollArcLength(a)).toBeCloseTo(ambient, 6);
  });

  it('Synthetic intrinsic coordinates are isometric to the data within a class', () => {
    const ds = syntheticGaussians(
      { k: 2, n: 50, d: 2, D: 30, shiftClass: 1, interclassVariance: 0.5, varianceOfClasses: 1 },
      new Random(5),
    );
    const I = ds.intrinsic!.data;
    for (const [p, q] of [
      [0, 7],
      [60, 99],
    ]) {
      let dx = 0;
      for (let r = 0; r < 30; r++) dx += (ds.data[p * 30 + r] - ds.data[q * 30 + r]) ** 2;
      const ds2 = (I[2 * p] - I[2 * q]) ** 2 + (I[2 * p + 1] - I[2 * q + 1]) ** 2;
      expect(Math.sqrt(dx)).toBeCloseTo(Math.sqrt(ds2), 4);
    }
  });

  it('take and concat keep intrinsic coordinates in step with the samples', () => {
    const ds = swissRoll({ n: 10, noise: 0 }, new Random(1));
    const sub = take(ds, [7, 2]);
    expect(Array.from(sub.intrinsic!.data)).toEqual(
      Array.from(ds.intrinsic!.data.subarray(14, 16)).concat(Array.from(ds.intrinsic!.data.subarray(4, 6))),
    );
    const both = concat([sub, take(ds, [0])]);
    expect(both.intrinsic!.data.length).toBe(6);
    expect(both.intrinsic!.data[4]).toBe(ds.intrinsic!.data[0]);
    const noTruth = { ...take(ds, [1]), intrinsic: undefined };
    expect(concat([sub, noTruth]).intrinsic).toBeUndefined();
  });
});
