import { CurvInputError, Random } from '@curv/core';
import { describe, expect, it } from 'vitest';
import { circleDistance, circularFrechetMean, flatTorusKMeans, fMeasure, wrapAngle } from '../src/index.js';

/** Three Gaussian blobs on the torus, one straddling the seam φ₁ = ±π. */
function blobs(rng: Random, perCluster: number, std: number) {
  const centres = [
    [Math.PI - 0.05, 0.5],
    [-1.2, -1.8],
    [0.9, 2.0],
  ];
  const pts: number[][] = [];
  const truth: number[] = [];
  centres.forEach(([a, b], k) => {
    for (let i = 0; i < perCluster; i++) {
      pts.push([wrapAngle(a + std * rng.normal()), wrapAngle(b + std * rng.normal())]);
      truth.push(k);
    }
  });
  return { pts, truth, centres };
}

describe('circularFrechetMean', () => {
  it('circularFrechetMean of angles straddling ±π is ±π, not 0', () => {
    const mu = circularFrechetMean([3.0, 0.2, -3.0, -0.2], [0, 1], 2);
    expect(circleDistance(mu[0], Math.PI)).toBeLessThan(1e-12);
    expect(mu[1]).toBeCloseTo(0, 12);
  });

  it('circularFrechetMean equals the arithmetic mean for points within a small arc', () => {
    const x = [0.1, 0.3, 0.5, -0.2, 0.6, 0.4];
    const mu = circularFrechetMean(x, [0, 1, 2], 2);
    expect(mu[0]).toBeCloseTo(0.4, 12);
    expect(mu[1]).toBeCloseTo(0.5 / 3, 12);
  });
});

describe('flatTorusKMeans', () => {
  it('flatTorusKMeans recovers three blobs, one across the seam, with F = 1', () => {
    const { pts, truth } = blobs(new Random(2), 20, 0.25);
    const r = flatTorusKMeans(pts, 3, { seed: 4, nInit: 3 });
    expect(fMeasure(r.labels, truth)).toBe(1);
    expect(r.converged).toBe(true);
    // the centre of the seam cluster is near φ₁ = ±π (a chart mean would put it near 0)
    const seamCluster = r.labels[0];
    expect(circleDistance(r.centers[seamCluster * 2], Math.PI - 0.05)).toBeLessThan(0.3);
    // and it is a Fréchet mean: the mean logarithm of its members vanishes (stopping rule ‖·‖² ≤ 2e-4)
    let m0 = 0;
    let m1 = 0;
    let cnt = 0;
    pts.forEach((p, i) => {
      if (r.labels[i] !== seamCluster) return;
      m0 += wrapAngle(p[0] - r.centers[seamCluster * 2]);
      m1 += wrapAngle(p[1] - r.centers[seamCluster * 2 + 1]);
      cnt++;
    });
    expect(Math.hypot(m0 / cnt, m1 / cnt)).toBeLessThan(Math.sqrt(2e-4));
  });

  it('flatTorusKMeans is reproducible for a seed (B34) and its inertia is the sum of squared torus distances', () => {
    const { pts } = blobs(new Random(5), 15, 0.6);
    const a = flatTorusKMeans(pts, 3, { seed: 9 });
    const b = flatTorusKMeans(pts, 3, { seed: 9 });
    expect(Array.from(a.labels)).toEqual(Array.from(b.labels));
    let inertia = 0;
    pts.forEach((p, i) => {
      const k = a.labels[i];
      inertia +=
        circleDistance(p[0], a.centers[2 * k]) ** 2 + circleDistance(p[1], a.centers[2 * k + 1]) ** 2;
    });
    expect(a.inertia).toBeCloseTo(inertia, 10);
    // nInit keeps the restart with the smallest inertia
    const best = flatTorusKMeans(pts, 3, { seed: 9, nInit: 4 });
    expect(best.inertia).toBeLessThanOrEqual(a.inertia + 1e-12);
  });

  it('flatTorusKMeans re-seeds empty clusters: K = N with duplicate draws still uses every cluster', () => {
    const pts = [
      [0, 0],
      [1, 1],
      [2, 2],
      [-2, -2],
    ];
    const r = flatTorusKMeans(pts, 4, { seed: 0 });
    expect(new Set(r.labels).size).toBe(4);
    expect(r.inertia).toBeCloseTo(0, 12);
  });

  it('flatTorusKMeans rejects bad K and non-finite points with CurvInputError', () => {
    expect(() => flatTorusKMeans([[0, 0]], 0)).toThrow(CurvInputError);
    expect(() => flatTorusKMeans([[0, Number.NaN]], 1)).toThrow(/points: point 0 coordinate 1/);
  });
});
