/**
 * Pearson / Spearman / sign agreement of diffusion curvature with the exact Gaussian curvature of a
 * uniformly sampled torus (c = 2, a = 1). Usage: tsx scripts/torus-pearson.ts [n] [seed] [subset]
 * (subset > 0: evaluate only that many points by row propagation, no smoothing).
 */
import { initBackend } from '@curv/core';
import { compareCurvature, diffusionCurvature, torus } from '../src/index.js';

await initBackend({ backend: 'wasm', log: null });
const n = Number(process.argv[2] ?? 1500);
const seed = Number(process.argv[3] ?? 1);
const subset = Number(process.argv[4] ?? 0);
const t = torus(n, { guidePoints: true, seed });
const estimator = diffusionCurvature();
if (subset > 0) estimator.points(Array.from({ length: subset }, (_, i) => i));
const t0 = performance.now();
const r = estimator(t.points, 2);
const K = Float64Array.from(r.indices, (i) => t.gaussianCurvature![i]);
const fmt = (c: ReturnType<typeof compareCurvature>) =>
  `pearson ${c.pearson.toFixed(3)} spearman ${c.spearman.toFixed(3)} sign ${c.signAgreement.toFixed(3)}`;
console.log(
  `n ${n} seed ${seed} subset ${subset} nu ${r.nu?.toFixed(3)} support ${r.support} ` +
    `guide ${Array.from(r.k.slice(0, 3), (v) => v.toFixed(3)).join(' ')} ` +
    `| smoothed ${fmt(compareCurvature(r.k, K))} | raw ${fmt(compareCurvature(r.unsmoothed, K))} ` +
    `| ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
