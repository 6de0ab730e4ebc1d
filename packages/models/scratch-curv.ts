import { initBackend } from '@curv/core';
import { metricDeterminant, scalarCurvature } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import { defaultConfig, train } from './src/index.js';

await initBackend({ backend: 'wasm', log: null });
const lam = Number(process.argv[2] ?? 0);
const fn = (process.argv[3] ?? 'R2') as 'R2' | 'F' | 'W';
const cfg = defaultConfig({
  architecture: { hidden_dims: [32, 16] },
  dataset: { name: 'Swissroll', n: 1280, swissroll_noise: 1e-6 },
  experiment: { name: 'x' },
  training_mode: { compute_curvature: lam > 0 },
  loss_settings: { lambda_unif: 0, lambda_curv: lam, curvature_points: 32, curvature_functional: fn },
  optimizer_settings: { lr: 5e-3, num_epochs: Number(process.argv[4] ?? 10) },
  data_loader_settings: { batch_size: 64, random_seed: 1 },
});
const t0 = Date.now();
const r = await train({ config: cfg, outDir: null, progress: 'none' });
const grid = tf.tidy(() => {
  const n = 20;
  const pts: number[] = [];
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++)
      pts.push(-Math.PI + (2 * Math.PI * (i + 0.5)) / n, -Math.PI + (2 * Math.PI * (j + 0.5)) / n);
  return tf.tensor2d(pts, [n * n, 2]);
});
const R = scalarCurvature(r.model.decoder(), grid).dataSync();
const det = metricDeterminant(r.model.decoder(), grid).dataSync();
let m = 0,
  w = 0;
for (let i = 0; i < R.length; i++) {
  m += R[i] ** 2;
  w += R[i] ** 2 * Math.sqrt(det[i]);
}
console.log({
  lam,
  fn,
  r2: r.r2Test,
  meanR2: m / R.length,
  Lcurv: w / R.length,
  secs: (Date.now() - t0) / 1000,
  lastTerms: Object.fromEntries(Object.entries(r.history).map(([k, v]) => [k, v.at(-1)])),
});
