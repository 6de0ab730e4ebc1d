/**
 * Pearson of the W1 ratio k_t = 1 − W1_X(x, t) / W1_flat(t) with the exact torus curvature for every t
 * (one run: the energies of all times are returned). Usage: tsx scripts/w1-times.ts [n] [seed]
 */
import { initBackend } from '@curv/core';
import { compareCurvature, diffusionCurvature, torus } from '../src/index.js';

await initBackend({ backend: 'wasm', log: null });
const n = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? 1);
const t = torus(n, { guidePoints: true, seed });
const r = diffusionCurvature().method('w1').smoothing(0)(t.points, 2);
const K = t.gaussianCurvature!;
const rows: string[] = [];
r.times.forEach((time, j) => {
  const k = r.energy.map((e) => 1 - e[j] / r.flat[0].energy[j]);
  const c = compareCurvature(k, K);
  rows.push(`t=${time}: ${c.pearson.toFixed(3)}`);
});
console.log(`torus n ${n} seed ${seed}, w1 (unsmoothed) Pearson by t: ${rows.join(', ')}`);
