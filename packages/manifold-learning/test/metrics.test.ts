import { describe, expect, it } from 'vitest';
import {
  averageRanks,
  continuity,
  distanceCorrelation,
  ManifoldInputError,
  neighborhoodQuality,
  normalFrom,
  pointSet,
  seededUniform,
  spearman,
  squaredDistance,
  tearing,
  trustworthiness,
} from '../src/index.js';

function gaussianCloud(n: number, dim: number, seed: number): Float64Array {
  const g = normalFrom(seededUniform(seed));
  return Float64Array.from({ length: n * dim }, () => g());
}

/** x ↦ Q x + t for the rotation Q about the axis (1, 1, 1)/√3 by 0.7 rad (an isometry of R³). */
function rigidMotion(x: Float64Array): Float64Array {
  const [ax, ay, az] = [1, 1, 1].map((v) => v / Math.sqrt(3));
  const c = Math.cos(0.7);
  const s = Math.sin(0.7);
  const Q = [
    [c + ax * ax * (1 - c), ax * ay * (1 - c) - az * s, ax * az * (1 - c) + ay * s],
    [ay * ax * (1 - c) + az * s, c + ay * ay * (1 - c), ay * az * (1 - c) - ax * s],
    [az * ax * (1 - c) - ay * s, az * ay * (1 - c) + ax * s, c + az * az * (1 - c)],
  ];
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length / 3; i++)
    for (let r = 0; r < 3; r++)
      out[3 * i + r] = Q[r][0] * x[3 * i] + Q[r][1] * x[3 * i + 1] + Q[r][2] * x[3 * i + 2] + [5, -2, 1][r];
  return out;
}

describe('neighborhoodQuality', () => {
  it('an isometry (rotation + translation) has trustworthiness = continuity = k-NN preservation = 1 for every k', () => {
    const x = gaussianCloud(300, 3, 1);
    const scores = neighborhoodQuality(pointSet(x, 3), pointSet(rigidMotion(x), 3), { ks: [1, 5, 10, 40] });
    expect(scores.map((s) => s.k)).toEqual([1, 5, 10, 40]);
    for (const s of scores) {
      expect(s.trustworthiness).toBe(1);
      expect(s.continuity).toBe(1);
      expect(s.knnPreservation).toBe(1);
    }
  });

  it('swapping the two outer points of 0, 1, 3, 7, 15 gives T(1) = C(1) = 11/15, T(2) = C(2) = 4/5 (by hand)', () => {
    // Reference ranks from 3 (= point 3 at 7): 2 → 1, 1 → 2, 0 → 3, 4 → 4; after the swap its nearest is point 4
    // (penalty 4 − 1 = 3) and point 4's nearest is point 2 (reference rank 2, penalty 1): Σ = 4, scale 2/(5·1·6).
    const ref = pointSet([0, 1, 3, 7, 15], 1);
    const emb = pointSet([0, 1, 3, 15, 7], 1);
    const [k1, k2] = neighborhoodQuality(ref, emb, { ks: [1, 2] });
    expect(k1.trustworthiness).toBeCloseTo(11 / 15, 14);
    expect(k1.continuity).toBeCloseTo(11 / 15, 14);
    expect(k1.knnPreservation).toBeCloseTo(3 / 5, 14);
    expect(k2.trustworthiness).toBeCloseTo(4 / 5, 14);
    expect(k2.continuity).toBeCloseTo(4 / 5, 14);
    expect(k2.knnPreservation).toBeCloseTo(4 / 5, 14);
    expect(trustworthiness(ref, emb, 1)).toBeCloseTo(11 / 15, 14);
    expect(continuity(ref, emb, 2)).toBeCloseTo(4 / 5, 14);
  });

  it('trustworthiness and continuity differ when points are glued versus torn (one-sided errors)', () => {
    // Collapsing a far point onto the others creates false neighbours (trust drops) while every reference
    // neighbourhood of the rest stays (continuity stays higher).
    const ref = pointSet([0, 1, 2, 3, 4, 5, 6, 7, 100, 101], 1);
    const emb = pointSet([0, 1, 2, 3, 4, 5, 6, 7, 3.5, 101], 1);
    const [s] = neighborhoodQuality(ref, emb, { ks: [2] });
    expect(s.trustworthiness).toBeLessThan(s.continuity);
    expect(s.trustworthiness).toBeLessThan(1);
  });

  it('uses the flat-torus distance when period is set: a shift by π mod 2π is an isometry', () => {
    const u = seededUniform(3);
    const x = Float64Array.from({ length: 400 }, () => (u() * 2 - 1) * Math.PI);
    const shifted = x.map((v) => ((v + Math.PI + Math.PI) % (2 * Math.PI)) - Math.PI);
    const [t] = neighborhoodQuality(pointSet(x, 2, 2 * Math.PI), pointSet(shifted, 2, 2 * Math.PI), {
      ks: [10],
    });
    expect(t.trustworthiness).toBe(1);
    // Without the period the shift cuts the torus open and neighbourhoods across the seam are lost.
    const [e] = neighborhoodQuality(pointSet(x, 2, 2 * Math.PI), pointSet(shifted, 2), { ks: [10] });
    expect(e.continuity).toBeLessThan(0.99);
    expect(squaredDistance(pointSet([-3, 3], 1, 2 * Math.PI), 0, 1)).toBeCloseTo((2 * Math.PI - 6) ** 2, 12);
  });

  it('rejects k ≥ n/2, mismatched point counts and non-finite values with one-line input errors', () => {
    const a = pointSet([0, 1, 2, 3], 1);
    expect(() => neighborhoodQuality(a, a, { ks: [2] })).toThrow(/k = 2 is not an integer with 1 ≤ k < n\/2/);
    expect(() => neighborhoodQuality(a, pointSet([0, 1, 2], 1), { ks: [1] })).toThrow(ManifoldInputError);
    expect(() => pointSet([0, Number.NaN], 1)).toThrow(/value NaN at point 1 is not finite/);
    expect(() => pointSet([0, 1, 2], 2)).toThrow(/3 values is not a multiple of dim = 2/);
  });
});

describe('spearman and distanceCorrelation', () => {
  it('averageRanks gives ties their mean rank and spearman matches the textbook value 0.82078…', () => {
    expect(Array.from(averageRanks([10, 20, 20, 30]))).toEqual([1, 2.5, 2.5, 4]);
    expect(spearman([1, 2, 3, 4, 5], [5, 6, 7, 8, 7])).toBeCloseTo(0.8207826816681233, 14);
  });

  it('spearman is 1 for increasing and −1 for decreasing monotone maps, whatever their curvature', () => {
    const a = Array.from({ length: 50 }, (_, i) => Math.sin(i * 1.3) * 4);
    expect(spearman(a, a.map(Math.exp))).toBeCloseTo(1, 14);
    expect(
      spearman(
        a,
        a.map((v) => -(v ** 3)),
      ),
    ).toBeCloseTo(-1, 14);
    // Pearson would not be 1 for exp: the rank correlation is what is asked for.
    expect(
      spearman(
        a,
        a.map((v) => v + 0.5 * Math.sin(5 * v)),
      ),
    ).toBeLessThan(1);
  });

  it('distanceCorrelation is 1 for an isometry and a uniform scaling, below 1 for a bending map', () => {
    const x = gaussianCloud(120, 3, 5);
    const ref = pointSet(x, 3);
    expect(distanceCorrelation(ref, pointSet(rigidMotion(x), 3))).toBeCloseTo(1, 12);
    expect(
      distanceCorrelation(
        ref,
        pointSet(
          x.map((v) => 7 * v),
          3,
        ),
      ),
    ).toBeCloseTo(1, 12);
    const bent = x.map((v) => v ** 3);
    const r = distanceCorrelation(ref, pointSet(bent, 3));
    expect(r).toBeLessThan(0.97);
    expect(r).toBeGreaterThan(0.5);
  });

  it('distanceCorrelation samples pairs reproducibly above maxPairs and agrees with the exact value', () => {
    const x = gaussianCloud(200, 2, 8);
    const ref = pointSet(x, 2);
    const emb = pointSet(
      x.map((v) => v + 0.3 * v * v),
      2,
    );
    const exact = distanceCorrelation(ref, emb);
    const a = distanceCorrelation(ref, emb, { maxPairs: 5000, seed: 1 });
    const b = distanceCorrelation(ref, emb, { maxPairs: 5000, seed: 1 });
    expect(a).toBe(b);
    expect(Math.abs(a - exact)).toBeLessThan(0.02);
  });
});

describe('tearing', () => {
  it('cutting a circle open tears exactly the reference pairs across the cut (6 of 800 for n = 200, k = 4)', () => {
    const n = 200;
    const theta = Float64Array.from({ length: n }, (_, i) => (2 * Math.PI * i) / n);
    const circle = pointSet(theta, 1, 2 * Math.PI);
    // Pairs across the cut: (0, n−1), (0, n−2), (1, n−1) in both directions = 6; the embedded ranks are ≈ n.
    expect(tearing(circle, pointSet(theta, 1), { k: 4, far: 0.05 })).toBeCloseTo(6 / 800, 14);
    expect(tearing(circle, pointSet(theta, 1), { k: 2, far: 0.05 })).toBeCloseTo(2 / 400, 14);
    // An isometry of the circle (a rotation) tears nothing.
    const rotated = pointSet(
      theta.map((t) => (t + 1) % (2 * Math.PI)),
      1,
      2 * Math.PI,
    );
    expect(tearing(circle, rotated, { k: 4 })).toBe(0);
    expect(() => tearing(circle, rotated, { far: 1.5 })).toThrow(
      /far = 1.5; expected a fraction in \(0, 1\)/,
    );
  });
});
