import { describe, expect, it } from 'vitest';
import {
  distanceCorrelation,
  lle,
  neighborhoodQuality,
  normalFrom,
  pca,
  pointSet,
  seededUniform,
  spearman,
} from '../src/index.js';

/** Least-squares affine fit of y (n) from the columns of X (row-major [n, d]); returns R². */
function affineR2(X: Float64Array, d: number, y: ArrayLike<number>): number {
  const n = y.length;
  const p = d + 1;
  const A = new Float64Array(p * p);
  const b = new Float64Array(p);
  for (let i = 0; i < n; i++) {
    const row = [1, ...Array.from({ length: d }, (_, c) => X[i * d + c])];
    for (let a = 0; a < p; a++) {
      b[a] += row[a] * y[i];
      for (let c = 0; c < p; c++) A[a * p + c] += row[a] * row[c];
    }
  }
  // Gaussian elimination (p ≤ 3)
  for (let col = 0; col < p; col++) {
    for (let r = col + 1; r < p; r++) {
      const f = A[r * p + col] / A[col * p + col];
      for (let c = col; c < p; c++) A[r * p + c] -= f * A[col * p + c];
      b[r] -= f * b[col];
    }
  }
  const coef = new Float64Array(p);
  for (let r = p - 1; r >= 0; r--) {
    let s = b[r];
    for (let c = r + 1; c < p; c++) s -= A[r * p + c] * coef[c];
    coef[r] = s / A[r * p + r];
  }
  let mean = 0;
  for (let i = 0; i < n; i++) mean += y[i] / n;
  let ssRes = 0;
  let ssTot = 0;
  for (let i = 0; i < n; i++) {
    let f = coef[0];
    for (let c = 0; c < d; c++) f += coef[c + 1] * X[i * d + c];
    ssRes += (y[i] - f) ** 2;
    ssTot += (y[i] - mean) ** 2;
  }
  return 1 - ssRes / ssTot;
}

/** A random linear map R^d → R^D applied to the rows of u, plus an offset. */
function embedLinearly(u: Float64Array, d: number, D: number, seed: number): Float64Array {
  const g = normalFrom(seededUniform(seed));
  const A = Float64Array.from({ length: d * D }, () => g());
  const off = Float64Array.from({ length: D }, () => 5 * g());
  const n = u.length / d;
  const x = new Float64Array(n * D);
  for (let i = 0; i < n; i++)
    for (let r = 0; r < D; r++) {
      let s = off[r];
      for (let c = 0; c < d; c++) s += A[c * D + r] * u[i * d + c];
      x[i * D + r] = s;
    }
  return x;
}

/** sklearn-style Swiss roll: t = 1.5π(1 + 2u), (t cos t, 21 v, t sin t); ideal chart (arc length of t, 21 v). */
function swissRoll(n: number, seed: number) {
  const rnd = seededUniform(seed);
  const data = new Float64Array(3 * n);
  const ideal = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const t = 1.5 * Math.PI * (1 + 2 * rnd());
    const h = 21 * rnd();
    data.set([t * Math.cos(t), h, t * Math.sin(t)], 3 * i);
    ideal.set([0.5 * (t * Math.sqrt(1 + t * t) + Math.asinh(t)), h], 2 * i);
  }
  return { points: pointSet(data, 3), ideal: pointSet(ideal, 2) };
}

describe('lle', () => {
  it('points on a line in R³ come back in order: |Spearman| with the line parameter = 1', () => {
    // evenly spaced with jitter, so that the 6-NN graph is connected (a gap wider than the neighbourhoods would
    // split the line into pieces, each with its own null vector)
    const rnd = seededUniform(1);
    const t = Float64Array.from({ length: 200 }, (_, i) => 0.05 * (i + 0.4 * (rnd() - 0.5)));
    const x = embedLinearly(t, 1, 3, 2);
    const { embedding, eigenvalues } = lle(pointSet(x, 3), { neighbors: 6, components: 1 });
    expect(Math.abs(spearman(embedding, t))).toBeGreaterThan(0.9999);
    expect(eigenvalues[0]).toBeGreaterThanOrEqual(-1e-12);
  });

  it('a jittered grid on a plane embedded linearly in R⁵ is recovered up to an affine map (R² > 0.99 per coordinate)', () => {
    const side = 20;
    const rnd = seededUniform(3);
    const u = new Float64Array(2 * side * side);
    for (let i = 0; i < side; i++)
      for (let j = 0; j < side; j++) {
        u[2 * (i * side + j)] = i + 0.3 * (rnd() - 0.5);
        u[2 * (i * side + j) + 1] = j + 0.3 * (rnd() - 0.5);
      }
    const x = embedLinearly(u, 2, 5, 4);
    const { embedding } = lle(pointSet(x, 5), { neighbors: 10 });
    const col = (c: number) => Float64Array.from({ length: side * side }, (_, i) => u[2 * i + c]);
    expect(affineR2(embedding, 2, col(0))).toBeGreaterThan(0.99);
    expect(affineR2(embedding, 2, col(1))).toBeGreaterThan(0.99);
    // PCA is exact here too; the random 2-D projection of a 2-D-in-5-D set is not a fair contrast, so compare
    // with a single LLE coordinate: one coordinate alone cannot explain both grid directions.
    expect(
      affineR2(
        embedding.filter((_, i) => i % 2 === 0),
        1,
        col(0),
      ) *
        affineR2(
          embedding.filter((_, i) => i % 2 === 0),
          1,
          col(1),
        ),
    ).toBeLessThan(0.5);
  });

  it('unrolls the Swiss roll: trustworthiness, continuity and distance correlation with the unrolled chart beat PCA', () => {
    const { points, ideal } = swissRoll(1200, 5);
    const emb = pointSet(lle(points, { neighbors: 12 }).embedding, 2);
    const flat = pointSet(pca(points).embedding, 2);
    const lleQ = neighborhoodQuality(ideal, emb, { ks: [10] })[0];
    const pcaQ = neighborhoodQuality(ideal, flat, { ks: [10] })[0];
    // measured: LLE T 0.996, C 0.996, distance Spearman 0.75; PCA T 0.947, C 0.985, Spearman 0.37
    expect(lleQ.trustworthiness).toBeGreaterThan(pcaQ.trustworthiness + 0.03);
    expect(lleQ.continuity).toBeGreaterThan(pcaQ.continuity + 0.005);
    expect(distanceCorrelation(ideal, emb)).toBeGreaterThan(distanceCorrelation(ideal, flat) + 0.2);
  });

  it('is seeded and deterministic, with unit-norm, centred, orthogonal coordinates', () => {
    const { points } = swissRoll(300, 7);
    const a = lle(points, { neighbors: 10 });
    const b = lle(points, { neighbors: 10 });
    expect(b.embedding).toEqual(a.embedding);
    const n = 300;
    const dot = (p: number, q: number) => {
      let s = 0;
      for (let i = 0; i < n; i++) s += a.embedding[2 * i + p] * a.embedding[2 * i + q];
      return s;
    };
    expect(dot(0, 0)).toBeCloseTo(1, 8);
    expect(dot(1, 1)).toBeCloseTo(1, 8);
    expect(dot(0, 1)).toBeCloseTo(0, 8);
    let mean = 0;
    for (let i = 0; i < n; i++) mean += a.embedding[2 * i];
    expect(mean).toBeCloseTo(0, 8);
    expect(a.eigenvalues[0]).toBeLessThanOrEqual(a.eigenvalues[1]);
  });

  it('rejects k out of range, periodic points and a negative regularisation, naming the option', () => {
    const p = pointSet(
      Float64Array.from({ length: 30 }, (_, i) => i * i),
      3,
    );
    expect(() => lle(p, { neighbors: 10 })).toThrow(
      /lle: neighbors = 10; expected an integer with components < k < n = 10/,
    );
    expect(() => lle(p, { neighbors: 2 })).toThrow(/neighbors/);
    expect(() => lle(pointSet([0, 1, 2, 3], 2, 6), { neighbors: 1, components: 0 })).toThrow(/periodic/);
    expect(() => lle(p, { neighbors: 4, regularization: -1 })).toThrow(/regularization/);
  });
});
