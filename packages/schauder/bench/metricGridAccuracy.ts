/**
 * Accuracy study of the metric-grid mode (not a benchmark; run with
 * `npx tsx packages/schauder/bench/metricGridAccuracy.ts [firstLayerGain | weights.safetensors] [pairs]`).
 *
 * For a 784-512-256-2 sin-MLP decoder (random init, first layer range × gain) — or the decoder of a
 * trained TorusAE read from a safetensors file (fc4, fc5, fc6 in PyTorch layout) — solves `pairs` random
 * geodesics (periodic base, nMax 7, S 100, 200 Adam steps) in decoded mode and in metric-grid mode for
 * several grids, and prints
 *  - "grid vs decoded": |L_grid − L_decoded| / L_decoded on the metric-grid curves (the grid's own error);
 *  - "vs decoded-mode": (L_decoded(grid curve) − L_decoded(decoded-mode curve)) / L_decoded(decoded-mode curve)
 *    (negative = the metric-grid geodesic is even shorter);
 *  - how much shorter than the periodic segment the decoded-mode geodesics are (how curved the metric is).
 */
import { initBackend, readSafetensors } from '@curv/core';
import type { JetLayer, SequentialDecoder } from '@curv/geometry-autograd';
import { pullbackRiemannianMetric } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import { asDecoderFn, curveLength, metricGrid, solveGeodesics } from '../src/index.js';
import { disposeDecoder, randomPairs, randomSinMlpDecoder } from './sinMlp.js';

await initBackend({ log: null });
/** TorusAE decoder lift → fc4 → sin → fc5 → sin → fc6 from a safetensors state dict ([out, in] → [in, out]). */
function trainedDecoder(path: string): SequentialDecoder {
  const st = readSafetensors(path);
  const dense = (name: string): JetLayer => {
    const w = st.tensors[`${name}.weight`];
    const b = st.tensors[`${name}.bias`];
    return {
      kind: 'dense',
      kernel: tf.tidy(() => tf.transpose(tf.tensor2d(w.data, [w.shape[0], w.shape[1]]))) as tf.Tensor2D,
      bias: tf.tensor1d(b.data),
    };
  };
  const sin: JetLayer = { kind: 'activation', fn: 'sin' };
  return {
    latentDim: 2,
    layers: [{ kind: 'torusLift' }, dense('fc4'), sin, dense('fc5'), sin, dense('fc6')],
  };
}

const arg = process.argv[2] ?? '1';
const gain = arg.endsWith('.safetensors') ? Number.NaN : Number(arg);
const pairs = Number(process.argv[3] ?? 30);
const dec = Number.isNaN(gain) ? trainedDecoder(arg) : randomSinMlpDecoder(0, 784, [256, 512], gain);
const decoder = asDecoderFn(dec);
const { starts, ends } = randomPairs(pairs, 1);
const opts = { nMax: 7, S: 100, steps: 200, base: 'periodic' as const };
let t = performance.now();
const ref = solveGeodesics({ decoder }, starts, ends, opts);
console.log(
  `${Number.isNaN(gain) ? arg : `gain ${gain}`}, ${pairs} pairs; decoded-mode solve ${((performance.now() - t) / 1000).toFixed(1)} s`,
);
let shorter = 0;
for (let i = 0; i < pairs; i++) shorter += (1 - ref.lengths[i] / ref.baseLengths[i]) / pairs;
console.log(
  `decoded-mode geodesics are on average ${(100 * shorter).toFixed(2)} % shorter than periodic segments`,
);
for (const n of [32, 64, 128]) {
  for (const interpolation of ['bilinear', 'bspline'] as const) {
    t = performance.now();
    const grid = metricGrid(pullbackRiemannianMetric(dec), { n, interpolation });
    const build = performance.now() - t;
    t = performance.now();
    const r = solveGeodesics({ metric: grid }, starts, ends, opts);
    const solve = performance.now() - t;
    const c = r.tensor();
    const Ld = curveLength(decoder, c).dataSync();
    c.dispose();
    let maxE = 0;
    let meanE = 0;
    let maxO = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < pairs; i++) {
      const e = Math.abs(r.lengths[i] - Ld[i]) / Ld[i];
      maxE = Math.max(maxE, e);
      meanE += e / pairs;
      maxO = Math.max(maxO, (Ld[i] - ref.lengths[i]) / ref.lengths[i]);
    }
    console.log(
      `n ${n} ${interpolation}: build ${(build / 1000).toFixed(2)} s, solve ${(solve / 1000).toFixed(2)} s; ` +
        `grid vs decoded max ${(100 * maxE).toFixed(4)} % mean ${(100 * meanE).toFixed(4)} %; ` +
        `vs decoded-mode worst ${(100 * maxO).toFixed(4)} %`,
    );
  }
}
disposeDecoder(dec);
