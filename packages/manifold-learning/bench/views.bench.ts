import type { Benchmark } from '@curv/core';
import { lle, normalFrom, type PointSet, pointSet, seededUniform, tsne, umap } from '../src/index.js';

/** 2000 points: three Gaussian clouds on random 2-planes of R^784 (the Synthetic Gaussians' shape). */
function planes(n: number, D: number): PointSet {
  const g = normalFrom(seededUniform(0));
  const data = new Float64Array(n * D);
  const per = Math.ceil(n / 3);
  for (let c = 0; c < 3; c++) {
    const a = Float64Array.from({ length: 2 * D }, () => g() / Math.sqrt(D));
    const shift = Float64Array.from({ length: D }, () => 0.1 * g());
    for (let p = c * per; p < Math.min(n, (c + 1) * per); p++) {
      const s0 = g();
      const s1 = g();
      for (let r = 0; r < D; r++) data[p * D + r] = a[2 * r] * s0 + a[2 * r + 1] * s1 + shift[r];
    }
  }
  return pointSet(data, D);
}

const data = planes(2000, 784);

/** Wall time of the 2-D data views used by `curv datasets-figures` and the Ricci-flow comparison (s). */
export const benchmarks: Benchmark[] = [
  {
    name: 'tsne-n2000',
    unit: 's',
    runs: 3,
    warmup: 0,
    run: () => {
      const t0 = performance.now();
      tsne(data, { seed: 0 });
      return (performance.now() - t0) / 1000;
    },
    meta: { n: 2000, D: 784, perplexity: 30, iterations: 1000, repulsion: 'exact O(n²)' },
  },
  {
    name: 'umap-n2000',
    unit: 's',
    runs: 3,
    warmup: 0,
    run: () => {
      const t0 = performance.now();
      umap(data, { seed: 0 });
      return (performance.now() - t0) / 1000;
    },
    meta: { n: 2000, D: 784, neighbors: 15, epochs: 500, library: 'umap-js 1.4.0' },
  },
  {
    name: 'lle-n2000',
    unit: 's',
    runs: 3,
    warmup: 0,
    run: () => {
      const t0 = performance.now();
      lle(data, { neighbors: 10 });
      return (performance.now() - t0) / 1000;
    },
    meta: { n: 2000, D: 784, neighbors: 10, solver: 'Cholesky shift-invert block iteration' },
  },
];
