import type { NamedTensor } from '@curv/core';
import { TorusAE } from '../src/index.js';

/** SPEC §8.4 network: TorusAE(x = 5, h₁ = 7, h₂ = 6, d = 2) with closed-form weights. */
export function goldenModel(): TorusAE {
  const ae = new TorusAE({ inputDim: 5, latentDim: 2, hidden: [7, 6], seed: 123 });
  const shapes = ae.torchShapes();
  const tensors: Record<string, NamedTensor> = {};
  for (let L = 1; L <= 6; L++) {
    const [out, inp] = shapes[`fc${L}.weight`];
    const w = new Float32Array(out * inp);
    for (let a = 0; a < out; a++)
      for (let b = 0; b < inp; b++) w[a * inp + b] = 0.5 * Math.sin(1.3 * a + 0.7 * b * b + 0.37 * a * b + L);
    const bias = new Float32Array(out);
    for (let a = 0; a < out; a++) bias[a] = 0.1 * Math.cos(0.9 * a + L);
    tensors[`fc${L}.weight`] = { shape: [out, inp], data: w };
    tensors[`fc${L}.bias`] = { shape: [out], data: bias };
  }
  ae.setTensors(tensors, 'golden');
  return ae;
}

/** Inputs X[n][j] = cos(0.5n + 0.3j), n = 0..3, j = 0..4. */
export function goldenInputs(): Float32Array {
  const x = new Float32Array(20);
  for (let n = 0; n < 4; n++) for (let j = 0; j < 5; j++) x[n * 5 + j] = Math.cos(0.5 * n + 0.3 * j);
  return x;
}

export const GOLDEN = {
  angles: [
    [0.3098221752, -0.4705876031],
    [0.3146123888, -0.5875430118],
    [0.2392294606, -0.6032602564],
    [0.0675777161, -0.4421807646],
  ],
  encodingRow0: [0.9523878018, 0.8913020169, 0.3048892831, -0.4534100954],
  reconstructionRow0: [-0.096045668, 0.5198120568, 0.1167662391, -0.495127556, 0.1791330636],
  mse: 0.40946422190193077,
  equi: { 2: 3.926081438141755, 3: 6.5035519877471835, 4: 7.816826245912936 },
  R: [-7.3358784006, -7.2607786755, -3.3324219755, 4.4758718586],
  g0: [0.2528552648, -0.2207218091, -0.2207218091, 0.2730200786],
  detG: [0.0203164472, 0.0201593371, 0.0195561249, 0.0211291715],
  curvLoss: 4.905199097507448,
  curvLossEps01: 0.19772077492104012,
  fdR: [-7.3398227222, -7.2635727699, -3.3371607635, 4.4720752167],
  fdLoss: 4.908400214241777,
  encoderNorms: [0.6559596591, 0.8099651931, 0.9245809222, 0.9119219565],
  contractive05: 0.4245809222113005,
};
