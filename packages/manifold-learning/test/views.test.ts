import { describe, expect, it } from 'vitest';
import {
  neighborhoodQuality,
  normalFrom,
  pca,
  pointSet,
  seededUniform,
  tsne,
  tsneAsync,
  umap,
  umapAsync,
} from '../src/index.js';

/** Three Gaussian clusters in R¹⁰ (σ = 1) with centres 20 apart; labels 0, 1, 2. */
function clusters(perClass: number, seed: number) {
  const g = normalFrom(seededUniform(seed));
  const dim = 10;
  const data = new Float64Array(3 * perClass * dim);
  const labels: number[] = [];
  for (let c = 0; c < 3; c++)
    for (let p = 0; p < perClass; p++) {
      for (let r = 0; r < dim; r++) data[(c * perClass + p) * dim + r] = g() + (r === c ? 20 : 0);
      labels.push(c);
    }
  return { points: pointSet(data, dim), labels };
}

/** Fraction of points whose nearest embedded neighbour has the same label. */
function oneNnAccuracy(emb: Float64Array, labels: number[]): number {
  const n = labels.length;
  let ok = 0;
  for (let i = 0; i < n; i++) {
    let best = -1;
    let bd = Number.POSITIVE_INFINITY;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const d = (emb[2 * i] - emb[2 * j]) ** 2 + (emb[2 * i + 1] - emb[2 * j + 1]) ** 2;
      if (d < bd) {
        bd = d;
        best = j;
      }
    }
    if (labels[best] === labels[i]) ok++;
  }
  return ok / n;
}

/** Swiss roll without noise: data [n, 3] and its isometric chart (arc length of the spiral, height). */
function roll(n: number, seed: number) {
  const u = seededUniform(seed);
  const data = new Float64Array(3 * n);
  const chart = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const t = 1.5 * Math.PI * (1 + 2 * u());
    const y = 21 * u();
    data.set([t * Math.cos(t), y, t * Math.sin(t)], 3 * i);
    chart.set([0.5 * (t * Math.sqrt(1 + t * t) + Math.asinh(t)), y], 2 * i);
  }
  return { data: pointSet(data, 3), chart: pointSet(chart, 2) };
}

describe('pca', () => {
  it('recovers the coordinates of a rotated, translated planar cloud (up to sign) with explained variance summing to 1', () => {
    const g = normalFrom(seededUniform(2));
    const n = 300;
    const u = Float64Array.from({ length: n }, () => 3 * g());
    const v = Float64Array.from({ length: n }, () => g());
    // Centre both and make v exactly uncorrelated with u in the sample, so the principal axes are e1 and e2.
    const centre = (a: Float64Array) => {
      const m = a.reduce((s, x) => s + x, 0) / n;
      for (let i = 0; i < n; i++) a[i] -= m;
    };
    centre(u);
    centre(v);
    const uv = u.reduce((s, x, i) => s + x * v[i], 0) / u.reduce((s, x) => s + x * x, 0);
    for (let i = 0; i < n; i++) v[i] -= uv * u[i];
    // Orthonormal plane basis e1 = (1, 2, 2)/3, e2 = (2, 1, −2)/3 plus an offset.
    const data = new Float64Array(3 * n);
    for (let i = 0; i < n; i++)
      for (let r = 0; r < 3; r++)
        data[3 * i + r] = (u[i] * [1, 2, 2][r]) / 3 + (v[i] * [2, 1, -2][r]) / 3 + [4, -1, 2][r];
    const { embedding, explainedVariance } = pca(pointSet(data, 3));
    const mean = (a: Float64Array) => a.reduce((s, x) => s + x, 0) / a.length;
    const mu = mean(u);
    const mv = mean(v);
    const s0 = Math.sign(embedding[0] / (u[0] - mu));
    const s1 = Math.sign(embedding[1] / (v[0] - mv));
    for (let i = 0; i < n; i++) {
      expect(s0 * embedding[2 * i]).toBeCloseTo(u[i] - mu, 8);
      expect(s1 * embedding[2 * i + 1]).toBeCloseTo(v[i] - mv, 8);
    }
    expect(explainedVariance[0] + explainedVariance[1]).toBeCloseTo(1, 10);
    expect(explainedVariance[0]).toBeGreaterThan(0.85);
    // whiten: unit-norm score columns (the left singular vectors U)
    const w = pca(pointSet(data, 3), { whiten: true }).embedding;
    let norm = 0;
    for (let i = 0; i < n; i++) norm += w[2 * i] ** 2;
    expect(norm).toBeCloseTo(1, 10);
  });
});

describe('pca (randomized)', () => {
  it('matches the exact SVD scores (up to sign) on 250-dimensional data, where it is the default', () => {
    const g = normalFrom(seededUniform(9));
    const n = 300;
    const D = 250;
    const basis = Float64Array.from({ length: 5 * D }, () => g());
    const sd = [5, 3, 2, 1, 0.5];
    const data = new Float64Array(n * D);
    for (let i = 0; i < n; i++) {
      const c = sd.map((s) => s * g());
      for (let r = 0; r < D; r++) {
        let v = 0.01 * g() + 3;
        for (let a = 0; a < 5; a++) v += c[a] * basis[a * D + r];
        data[i * D + r] = v;
      }
    }
    const fast = pca(pointSet(data, D));
    const exact = pca(pointSet(data, D), { method: 'SVD' });
    let scale = 0;
    for (const v of exact.embedding) scale = Math.max(scale, Math.abs(v));
    for (let i = 0; i < fast.embedding.length; i++) {
      expect(Math.abs(fast.embedding[i] - exact.embedding[i])).toBeLessThan(1e-6 * scale);
    }
    expect(fast.explainedVariance[0]).toBeCloseTo(exact.explainedVariance[0], 8);
    expect(fast.explainedVariance[1]).toBeCloseTo(exact.explainedVariance[1], 8);
  });
});

describe('tsne', () => {
  it('is reproducible for a seed and changes with the seed', () => {
    const { points } = clusters(20, 1);
    const a = tsne(points, { perplexity: 10, iterations: 300, seed: 4 });
    const b = tsne(points, { perplexity: 10, iterations: 300, seed: 4 });
    const c = tsne(points, { perplexity: 10, iterations: 300, seed: 5 });
    expect(a.embedding).toEqual(b.embedding);
    expect(a.embedding).not.toEqual(c.embedding);
  });

  it('separates well-separated clusters (1-NN label accuracy 1) and reaches a small KL', () => {
    const { points, labels } = clusters(40, 3);
    const r = tsne(points, { perplexity: 15, seed: 0 });
    expect(oneNnAccuracy(r.embedding, labels)).toBe(1);
    expect(r.kl).toBeGreaterThan(0);
    expect(r.kl).toBeLessThan(1.5);
    // Fewer iterations cannot fit the affinities as well.
    const early = tsne(points, { perplexity: 15, seed: 0, iterations: 260 });
    expect(early.kl).toBeGreaterThan(r.kl);
  });

  it('lays the Swiss roll out with its neighbourhoods (trustworthiness w.r.t. the unrolled chart > 0.97)', () => {
    const { data, chart } = roll(400, 7);
    const [t] = neighborhoodQuality(chart, pointSet(tsne(data, { seed: 0 }).embedding, 2), { ks: [10] });
    // The initial random layout (one step) keeps no neighbourhood: the optimisation does the work.
    const start = tsne(data, { seed: 0, iterations: 1 }).embedding;
    const [r] = neighborhoodQuality(chart, pointSet(start, 2), { ks: [10] });
    expect(t.trustworthiness).toBeGreaterThan(0.97);
    expect(t.knnPreservation).toBeGreaterThan(0.4);
    expect(r.trustworthiness).toBeLessThan(0.7);
  });

  it('stops with the signal reason when aborted', () => {
    const { points } = clusters(10, 1);
    const ctl = new AbortController();
    ctl.abort(new Error('stop now'));
    expect(() => tsne(points, { perplexity: 5, signal: ctl.signal })).toThrow('stop now');
    expect(() => tsne(points, { perplexity: 40 })).toThrow(
      /perplexity = 40; expected a number with 1 ≤ perplexity < n − 1 = 29/,
    );
  });
});

describe('umap', () => {
  it('is reproducible for a seed, changes with the seed, and separates well-separated clusters', () => {
    const { points, labels } = clusters(40, 2);
    const a = umap(points, { seed: 1, epochs: 200 });
    const b = umap(points, { seed: 1, epochs: 200 });
    const c = umap(points, { seed: 2, epochs: 200 });
    expect(a.embedding).toEqual(b.embedding);
    expect(a.embedding).not.toEqual(c.embedding);
    expect(oneNnAccuracy(a.embedding, labels)).toBe(1);
    expect(a.embedding.every(Number.isFinite)).toBe(true);
  });
});

describe('async views', () => {
  it('tsneAsync and umapAsync give exactly the synchronous results for the same seed', async () => {
    const { points } = clusters(15, 6);
    const opts = { perplexity: 8, iterations: 120, seed: 2 };
    expect((await tsneAsync(points, opts)).embedding).toEqual(tsne(points, opts).embedding);
    expect((await umapAsync(points, { seed: 3, epochs: 50 })).embedding).toEqual(
      umap(points, { seed: 3, epochs: 50 }).embedding,
    );
  });

  it('a timer that aborts the signal stops tsneAsync mid-run (the event loop runs between iterations)', async () => {
    const { points } = clusters(60, 6);
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(new Error('interrupted by a timer')), 30);
    await expect(tsneAsync(points, { iterations: 100_000, signal: ctl.signal })).rejects.toThrow(
      'interrupted by a timer',
    );
  });
});
