import { initBackend } from '@curv/core';
import { rhombusCurvature, rhombusCurvatureLoss } from '@curv/geometry-fd';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  curvatureAndMetric,
  curvatureLoss,
  decode,
  decoderFunction,
  jacobianFrobeniusNorm,
  metricDeterminant,
} from '../src/index.js';
import { goldenTorusAE, maxAbsDiff } from './fixtures.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

// SPEC §8.4 (original code, float64). We compute in float32.
const ENC = [
  [0.3098221752, -0.4705876031],
  [0.3146123888, -0.5875430118],
  [0.2392294606, -0.6032602564],
  [0.0675777161, -0.4421807646],
];
const R_AD = [-7.3358784006, -7.2607786755, -3.3324219755, 4.4758718586];
const DET = [0.0203164472, 0.0201593371, 0.0195561249, 0.0211291715];
const R_FD = [-7.3398227222, -7.2635727699, -3.3371607635, 4.4720752167];
const ENC_NORM = [0.6559596591, 0.8099651931, 0.9245809222, 0.9119219565];

describe('SPEC §8.4 golden TorusAE(5, 7, 6, 2)', () => {
  it('encodes, decodes and reproduces the MSE', () => {
    const { encoder, decoder, x } = goldenTorusAE();
    const h = decode(encoder, x);
    expect(maxAbsDiff(h.dataSync(), ENC.flat())).toBeLessThan(1e-6);
    const rec = decode(decoder, h).arraySync();
    const row0 = [-0.0960456685, 0.5198120568, 0.1167662391, -0.495127556, 0.1791330636];
    expect(maxAbsDiff(rec[0], row0)).toBeLessThan(1e-6);
    const mse = tf.mean(tf.squaredDifference(decode(decoder, h), x)).dataSync()[0];
    expect(mse).toBeCloseTo(0.40946422190193077, 6);
  });

  it('gives R and det g at the encodings by both jet routes (to float32 accuracy)', () => {
    const { decoder } = goldenTorusAE();
    const z = tf.tensor2d(ENC);
    for (const route of ['gauss', 'intrinsic'] as const) {
      const { R, g } = curvatureAndMetric(decoder, z, { route });
      // |R| ≈ 7 with det g ≈ 0.02: float32 cancellation allows ~1e-5 relative.
      expect(maxAbsDiff(R.dataSync(), R_AD)).toBeLessThan(1e-4);
      const g0 = g.arraySync()[0];
      expect(g0[0][0]).toBeCloseTo(0.2528552648, 6);
      expect(g0[0][1]).toBeCloseTo(-0.2207218091, 6);
      expect(g0[1][1]).toBeCloseTo(0.2730200786, 6);
      tf.dispose([R, g]);
    }
    expect(maxAbsDiff(metricDeterminant(decoder, z).dataSync(), DET)).toBeLessThan(1e-7);
  });

  it('gives L_curv = 4.905199 (eps 0) and 0.197721 (eps 0.1, intrinsic route)', () => {
    const { decoder } = goldenTorusAE();
    const z = tf.tensor2d(ENC);
    expect(curvatureLoss(decoder, z).dataSync()[0]).toBeCloseTo(4.905199097507448, 4);
    expect(curvatureLoss(decoder, z, { route: 'intrinsic' }).dataSync()[0]).toBeCloseTo(4.905199097507448, 4);
    expect(curvatureLoss(decoder, z, { eps: 0.1 }).dataSync()[0]).toBeCloseTo(0.19772077492104012, 5);
  });

  it('gives the FD values at h = 0.01 to float32 rounding (which exceeds the FD–AD gap there)', () => {
    const { decoder } = goldenTorusAE();
    const z = tf.tensor2d(ENC);
    const fn = decoderFunction(decoder);
    const { R } = rhombusCurvature(fn, z, { h: 0.01 });
    // float32 FD at h = 0.01 is rounding-limited: the deviation from the float64 FD values depends on the
    // matMul kernel's summation order (measured max 0.058 with the wasm kernel, 0.099 with OpenBLAS via
    // @curv/native), for |R| ≈ 3–7; a wrong stencil or derivative is off by O(1).
    expect(maxAbsDiff(R.dataSync(), R_FD)).toBeLessThan(0.13);
    // The loss (mean R²√det g ≈ 4.9) inherits that rounding noise: within 0.1 on either kernel.
    expect(Math.abs(rhombusCurvatureLoss(fn, z, { h: 0.01 }).dataSync()[0] - 4.908400214241777)).toBeLessThan(
      0.1,
    );
  });

  it('is a second-order FD scheme for the exact R: error ratio ≈ 4 between h = 0.1 and 0.05, Richardson limit = AD', () => {
    const { decoder } = goldenTorusAE();
    const z = tf.tensor2d(ENC);
    const fn = decoderFunction(decoder);
    const r1 = Array.from(rhombusCurvature(fn, z, { h: 0.1 }).R.dataSync());
    const r2 = Array.from(rhombusCurvature(fn, z, { h: 0.05 }).R.dataSync());
    for (let i = 0; i < ENC.length; i++) {
      const e1 = r1[i] - R_AD[i];
      const e2 = r2[i] - R_AD[i];
      // Truncation dominates here (measured |e1| 0.27–0.46, float32 rounding ~1e-3): an AD result would give 0.
      expect(Math.abs(e1)).toBeGreaterThan(0.2);
      // h² truncation: measured ratios 3.8–4.0 (a first-order scheme gives 2).
      expect(e1 / e2).toBeGreaterThan(3.5);
      expect(e1 / e2).toBeLessThan(4.5);
      // Richardson extrapolation (4 R_{h/2} − R_h)/3 removes the h² term: measured within 0.008 of AD,
      // closer than the float32 FD at h = 0.01 gets (0.058).
      expect(Math.abs((4 * r2[i] - r1[i]) / 3 - R_AD[i])).toBeLessThan(0.015);
    }
    // At h = 0.02 rounding and truncation balance: measured max deviation from the exact R is 0.029.
    const { R: r02 } = rhombusCurvature(fn, z, { h: 0.02 });
    expect(maxAbsDiff(r02.dataSync(), R_AD)).toBeLessThan(0.05);
  });

  it('gives the encoder Jacobian Frobenius norms and contractive loss (δ = 0.5)', () => {
    const { encoder, x } = goldenTorusAE();
    const n = jacobianFrobeniusNorm(encoder, x);
    expect(maxAbsDiff(n.dataSync(), ENC_NORM)).toBeLessThan(1e-6);
    const contr = tf.max(tf.relu(tf.sub(n, 0.5))).dataSync()[0];
    expect(contr).toBeCloseTo(0.4245809222113005, 6);
  });
});
