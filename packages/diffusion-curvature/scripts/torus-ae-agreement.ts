/**
 * Agreement of diffusion curvature with the exact Gaussian curvature R/2 of a TorusAE decoder's image.
 *
 *   pnpm exec tsx scripts/torus-ae-agreement.ts [n = 1000] [seed = 0] [hidden = 512,256 | W.safetensors]
 *
 * A random-init 784-h1-h2-2 TorusAE (seed), or a trained one read from a safetensors file (e.g. the
 * ae_weights.safetensors of `curv run --preset tiny --steps 1`), decodes latent angles φ ∈ [−π, π)² to R^784. The angles are
 * rejection-sampled with density ∝ sqrt(det g(φ)) (g = pull-back metric), i.e. uniformly by area on the
 * decoded surface, as diffusion curvature assumes. Exact R comes from @curv/geometry-autograd (Gauss route);
 * R/2 is the Gaussian curvature of the decoded surface. Prints Pearson / Spearman / sign agreement.
 */
import { initBackend, Random } from '@curv/core';
import { curvatureAndMetric } from '@curv/geometry-autograd';
import { TorusAE } from '@curv/models';
import * as tf from '@tensorflow/tfjs-core';
import { compareCurvature, diffusionCurvature } from '../src/index.js';

await initBackend({ backend: 'wasm', log: null });
const n = Number(process.argv[2] ?? 1000);
const seed = Number(process.argv[3] ?? 0);
const arch = process.argv[4] ?? '512,256';
const weights = arch.endsWith('.safetensors') ? arch : null;
const ae = weights
  ? TorusAE.fromSafetensors(weights)
  : new TorusAE({ inputDim: 784, seed, hidden: arch.split(',').map(Number) as [number, number] });
const dec = ae.decoder();
const rng = new Random(seed + 1);

/** R and sqrt(det g) at angles (row-major [m, 2]). */
function geometry(phi: Float32Array): { R: Float32Array; area: Float32Array } {
  const m = phi.length / 2;
  const out = tf.tidy(() => {
    const { R, g } = curvatureAndMetric(dec, tf.tensor2d(phi, [m, 2]), { route: 'gauss' });
    const gv = g.reshape([m, 4]);
    const det = tf.sub(
      tf.mul(gv.slice([0, 0], [m, 1]), gv.slice([0, 3], [m, 1])),
      tf.mul(gv.slice([0, 1], [m, 1]), gv.slice([0, 2], [m, 1])),
    );
    return [R, tf.sqrt(tf.relu(det)).reshape([m])];
  });
  const res = { R: out[0].dataSync() as Float32Array, area: out[1].dataSync() as Float32Array };
  tf.dispose(out);
  return res;
}

// Envelope for the rejection step: the largest area element on a 4096-point pilot sample, with margin.
const pilot = geometry(rng.uniformArray(2 * 4096, -Math.PI, Math.PI));
const bound = 1.2 * Math.max(...pilot.area);
const phi: number[] = [];
const K: number[] = [];
while (K.length < n) {
  const cand = rng.uniformArray(2 * 1024, -Math.PI, Math.PI);
  const gtry = geometry(cand);
  for (let i = 0; i < 1024 && K.length < n; i++) {
    if (rng.uniform() * bound < gtry.area[i]) {
      phi.push(cand[2 * i], cand[2 * i + 1]);
      K.push(gtry.R[i] / 2);
    }
  }
}
const x = tf.tidy(() => ae.decodeAngles(tf.tensor2d(phi, [n, 2])));
const points = x.arraySync() as number[][];
x.dispose();
const t0 = performance.now();
const r = diffusionCurvature()(points, 2);
const c = compareCurvature(r.k, K, { signThreshold: 0.05 * Math.max(...K.map(Math.abs)) });
const raw = compareCurvature(r.unsmoothed, K);
const q = (a: number[]) => {
  const s = [...a].sort((u, v) => u - v);
  return [s[0], s[Math.floor(s.length / 2)], s[s.length - 1]].map((v) => v.toPrecision(3)).join(' / ');
};
console.log(
  `TorusAE ${weights ?? `784-${arch.replace(',', '-')}-2 seed ${seed}, random init`}, n ${n} (uniform by decoded area): ` +
    `R/2 min/median/max ${q(K)}; ν ${r.nu?.toFixed(3)}, support ${r.support}; ` +
    `Pearson ${c.pearson.toFixed(3)}, Spearman ${c.spearman.toFixed(3)}, sign ${c.signAgreement.toFixed(3)} ` +
    `(unsmoothed Pearson ${raw.pearson.toFixed(3)}); ${((performance.now() - t0) / 1000).toFixed(1)} s`,
);
ae.dispose();
