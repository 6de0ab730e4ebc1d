import { initBackend } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  curvatureAndMetric,
  type Jet,
  type JetDecoder,
  jetAcosh,
  jetAdd,
  jetColumns,
  jetConcat,
  jetCos,
  jetDecoderJet,
  jetDiv,
  jetMul,
  jetReciprocal,
  jetScale,
  jetSin,
  jetSinh,
  jetSquare,
  jetSub,
  jetTanh,
  multiIndices,
  pullbackMetric,
  scalarCurvature,
} from '../src/index.js';
import { maxAbsDiff } from './fixtures.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

const col = (z: Jet, k: number): Jet => jetColumns(z, k, 1);

/** Unit sphere (cos θ cos φ, cos θ sin φ, sin θ): R = 2. */
const sphere: JetDecoder = {
  latentDim: 2,
  jet: (z) => {
    const [t, p] = [col(z, 0), col(z, 1)];
    return jetConcat([jetMul(jetCos(t), jetCos(p)), jetMul(jetCos(t), jetSin(p)), jetSin(t)]);
  },
};

/** (x² + y + 37x, y³ + xy): flat pull-back metric, R = 0. */
const polynomial: JetDecoder = {
  latentDim: 2,
  jet: (z) => {
    const [x, y] = [col(z, 0), col(z, 1)];
    return jetConcat([
      jetAdd(jetAdd(jetSquare(x), y), jetScale(x, 37)),
      jetAdd(jetMul(jetSquare(y), y), jetMul(x, y)),
    ]);
  },
};

/** The original's "Lobachevsky" map (1/sinh t; SPEC §8.2, B19). */
const lobachevsky = (c: number): JetDecoder => ({
  latentDim: 2,
  jet: (z) => {
    const [x, y] = [col(z, 0), col(z, 1)];
    const t = jetAcosh(jetScale(y, 1 / c));
    const s = jetSinh(t);
    const xc = jetScale(x, 1 / c);
    return jetConcat([jetSub(t, jetTanh(t)), jetDiv(jetCos(xc), s), jetDiv(jetSin(xc), s)]);
  },
});

/** Pseudosphere (1/cosh t): the hyperbolic plane (dx² + dy²)/y², R = −2. */
const pseudosphere: JetDecoder = {
  latentDim: 2,
  jet: (z) => {
    const [x, y] = [col(z, 0), col(z, 1)];
    const t = jetAcosh(y);
    const inv = jetReciprocal(y); // 1/cosh(arccosh y) = 1/y
    return jetConcat([jetSub(t, jetTanh(t)), jetMul(jetCos(x), inv), jetMul(jetSin(x), inv)]);
  },
};

describe('JetDecoder (maps written with jet arithmetic)', () => {
  it('reproduces the sphere: R = 2 by both routes, g = diag(1, cos²θ)', () => {
    const z = tf.tensor2d([
      [0, 0],
      [0.5, 1],
      [1, -2],
      [-1.2, 0.3],
    ]);
    for (const route of ['gauss', 'intrinsic'] as const) {
      const { R, g } = curvatureAndMetric(sphere, z, { route });
      expect(maxAbsDiff(R.dataSync(), [2, 2, 2, 2])).toBeLessThan(2e-5);
      expect(g.arraySync()[2][1][1]).toBeCloseTo(Math.cos(1) ** 2, 6);
      tf.dispose([R, g]);
    }
  });

  it('gives R = 0 and the SPEC §8.2 metric for the polynomial map, by both routes', () => {
    const z = tf.tensor2d([
      [0.1, 0.2],
      [1, 1],
      [-0.5, 2],
    ]);
    const g = pullbackMetric(polynomial, z).arraySync();
    expect(g[0][0][0]).toBeCloseTo(1383.88, 2);
    expect(g[0][0][1]).toBeCloseTo(37.244, 3);
    expect(g[0][1][1]).toBeCloseTo(1.0484, 4);
    expect(g[1]).toEqual([
      [1522, 43],
      [43, 17],
    ]);
    expect(g[2][1][1]).toBeCloseTo(133.25, 3);
    for (const route of ['gauss', 'intrinsic'] as const) {
      const R = scalarCurvature(polynomial, z, { route }).dataSync();
      // float32: metric entries ~1e3, so rounding leaves |R| ~1e-6 (the original: 7e-8 in float32).
      for (const v of R) expect(Math.abs(v)).toBeLessThan(2e-5);
    }
  });

  it('reproduces the original "Lobachevsky" values R(y) of SPEC §8.2 by both routes', () => {
    const ys = [0.02, 0.05, 0.1, 0.5, 1.0];
    const ref = [-2.58891795, -2.30920306, -2.07953479, -2.00319936, -2.00079996];
    const z = tf.tensor2d(ys.map((y, k) => [0.003 * k - 0.004, y]));
    for (const route of ['gauss', 'intrinsic'] as const) {
      const R = scalarCurvature(lobachevsky(0.01), z, { route }).dataSync();
      ys.forEach((_, k) => {
        expect(Math.abs(R[k] - ref[k]) / Math.abs(ref[k])).toBeLessThan(1e-4);
      });
    }
  });

  it('gives R = −2 on the pseudosphere (true hyperbolic plane) by both routes, and g = I/y²', () => {
    const z = tf.tensor2d([
      [0.2, 1.5],
      [-0.4, 2.5],
      [1.0, 4.0],
    ]);
    for (const route of ['gauss', 'intrinsic'] as const) {
      const R = scalarCurvature(pseudosphere, z, { route }).dataSync();
      expect(maxAbsDiff(R, [-2, -2, -2])).toBeLessThan(1e-4);
    }
    const g = pullbackMetric(pseudosphere, z).arraySync();
    expect(g[1][0][0]).toBeCloseTo(1 / 6.25, 6);
    expect(g[1][1][1]).toBeCloseTo(1 / 6.25, 6);
  });

  it('has jet arithmetic derivatives matching central differences (product, quotient, acosh, sinh, tanh)', () => {
    const f: JetDecoder = {
      latentDim: 2,
      jet: (z) => {
        const [x, y] = [col(z, 0), col(z, 1)];
        const a = jetMul(jetSinh(x), jetTanh(y));
        return jetDiv(a, jetAcosh(jetAdd(jetSquare(y), jetScale(jetSquare(x), 0.5))));
      },
    };
    const mi = multiIndices(2);
    const z0 = [0.7, 1.3];
    const h = 3e-3;
    const at = (dx: number, dy: number) => tf.tensor2d([[z0[0] + dx, z0[1] + dy]]);
    const base = jetDecoderJet(f, at(0, 0), 3);
    for (let k = 0; k < 2; k++) {
      const e = k === 0 ? [h, 0] : [0, h];
      const p = jetDecoderJet(f, at(e[0], e[1]), 2);
      const m = jetDecoderJet(f, at(-e[0], -e[1]), 2);
      const d1 = (p.value!.dataSync()[0] - m.value!.dataSync()[0]) / (2 * h);
      expect(d1).toBeCloseTo(base.first[k].dataSync()[0], 3);
      expect(Math.abs(base.first[k].dataSync()[0])).toBeGreaterThan(0.05);
      for (const [i, j] of mi.pairs) {
        const d3 = (p.second[mi.pair(i, j)].dataSync()[0] - m.second[mi.pair(i, j)].dataSync()[0]) / (2 * h);
        const exact = base.third[mi.triple(i, j, k)].dataSync()[0];
        // float32 FD of second derivatives at h = 3e-3: ~2e-4 relative rounding + O(h²) truncation
        expect(Math.abs(d3 - exact)).toBeLessThan(2e-3 * Math.max(1, Math.abs(exact)));
      }
    }
  });
});
