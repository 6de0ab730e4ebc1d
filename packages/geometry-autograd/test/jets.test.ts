import { initBackend, Random } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type ActivationName,
  decode,
  decoderJet,
  jacobianFrobeniusNorm,
  metricTrace,
  multiIndices,
  type SequentialDecoder,
} from '../src/index.js';
import { act, dense, disposeDecoder, maxAbsDiff, randomDense, randomTorusDecoder } from './fixtures.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

/** f and its first three derivatives in float64, for the scalar chain f(w z + b). */
const analytic: Record<ActivationName, (u: number) => number[]> = {
  sin: (u) => [Math.sin(u), Math.cos(u), -Math.sin(u), -Math.cos(u)],
  cos: (u) => [Math.cos(u), -Math.sin(u), -Math.cos(u), Math.sin(u)],
  tanh: (u) => {
    const t = Math.tanh(u);
    return [t, 1 - t * t, -2 * t * (1 - t * t), (1 - t * t) * (6 * t * t - 2)];
  },
  sigmoid: (u) => {
    const s = 1 / (1 + Math.exp(-u));
    return [s, s * (1 - s), s * (1 - s) * (1 - 2 * s), s * (1 - s) * (1 - 6 * s + 6 * s * s)];
  },
  softplus: (u) => {
    const s = 1 / (1 + Math.exp(-u));
    return [Math.log1p(Math.exp(u)), s, s * (1 - s), s * (1 - s) * (1 - 2 * s)];
  },
  identity: (u) => [u, 1, 0, 0],
  relu: (u) => [Math.max(u, 0), u > 0 ? 1 : 0, 0, 0],
};

describe('decoderJet(dec, z, order)', () => {
  it('propagates exact derivatives to order 3 through every activation (scalar chain vs float64 formulas)', () => {
    const w = 1.3;
    const b = 0.2;
    const zs = [-0.9, 0.15, 0.8];
    for (const fn of Object.keys(analytic) as ActivationName[]) {
      const dec: SequentialDecoder = {
        latentDim: 1,
        layers: [dense([[w]], [b]), act(fn), dense([[2]], [0.5])],
      };
      const z = tf.tensor2d(zs.map((v) => [v]));
      const jet = decoderJet(dec, z, 3);
      zs.forEach((zv, k) => {
        const f = analytic[fn](w * zv + b);
        const got = [jet.value!, jet.first[0], jet.second[0], jet.third[0]].map((t) => t.dataSync()[k]);
        const want = [2 * f[0] + 0.5, 2 * w * f[1], 2 * w * w * f[2], 2 * w ** 3 * f[3]];
        for (let o = 0; o < 4; o++) expect(got[o]).toBeCloseTo(want[o], 5);
      });
      tf.dispose([z, jet.value!, ...jet.first, ...jet.second, ...jet.third]);
      disposeDecoder(dec);
    }
  });

  it('has mixed partials of a 2-D sin-MLP matching central differences of lower-order jets', () => {
    const dec = randomTorusDecoder(21, [9, 7], 5);
    const z0 = [0.4, -1.2];
    const h = 2e-3;
    const at = (dz: number[]) => tf.tensor2d([[z0[0] + dz[0], z0[1] + dz[1]]]);
    const mi = multiIndices(2);
    const base = decoderJet(dec, at([0, 0]), 3);
    const value = decode(dec, at([0, 0]));
    expect(maxAbsDiff(base.value!.dataSync(), value.dataSync())).toBeLessThan(1e-6);
    for (let k = 0; k < 2; k++) {
      const e = k === 0 ? [h, 0] : [0, h];
      const plus = decoderJet(dec, at(e), 2);
      const minus = decoderJet(dec, at(e.map((v) => -v)), 2);
      for (let i = 0; i < 2; i++) {
        // ∂_k(∂_iΨ) vs the second-order block
        const fd = tf.div(tf.sub(plus.first[i], minus.first[i]), 2 * h).dataSync();
        const exact = base.second[mi.pair(i, k)].dataSync();
        expect(maxAbsDiff(fd, exact)).toBeLessThan(2e-3 * (1 + Math.max(...Array.from(exact, Math.abs))));
        for (let j = i; j < 2; j++) {
          const fd3 = tf
            .div(tf.sub(plus.second[mi.pair(i, j)], minus.second[mi.pair(i, j)]), 2 * h)
            .dataSync();
          const exact3 = base.third[mi.triple(i, j, k)].dataSync();
          expect(maxAbsDiff(fd3, exact3)).toBeLessThan(
            2e-3 * (1 + Math.max(...Array.from(exact3, Math.abs))),
          );
        }
      }
    }
    disposeDecoder(dec);
  });
});

describe('jacobianFrobeniusNorm(net, x)', () => {
  it('accumulates a wide-input Jacobian from the output side, matching the forward-jet norm', () => {
    const rng = new Random(4);
    // 40 → 2 "encoder" (reverse sweep) and the same network read forward via its 40 input directions.
    const enc: SequentialDecoder = {
      latentDim: 40,
      layers: [
        randomDense(rng, 40, 16),
        act('sin'),
        randomDense(rng, 16, 8),
        act('tanh'),
        randomDense(rng, 8, 2),
      ],
    };
    const x = tf.tensor2d(rng.normalArray(3 * 40), [3, 40]);
    const reverse = jacobianFrobeniusNorm(enc, x).dataSync();
    const jet = decoderJet(enc, x, 1);
    const forward = tf.sqrt(tf.addN(jet.first.map((j) => tf.sum(tf.square(j), 1)))).dataSync();
    expect(maxAbsDiff(reverse, forward)).toBeLessThan(1e-5);
    expect(Math.min(...reverse)).toBeGreaterThan(0.05);
    disposeDecoder(enc);
  });

  it('uses √tr g for narrow inputs (decoders)', () => {
    const dec = randomTorusDecoder(2, [6, 5], 12);
    const z = tf.tensor2d([
      [0.3, 0.1],
      [-2, 1],
    ]);
    const n = jacobianFrobeniusNorm(dec, z).dataSync();
    const tr = metricTrace(dec, z).dataSync();
    expect(
      maxAbsDiff(
        Array.from(n, (v) => v * v),
        tr,
      ),
    ).toBeLessThan(1e-5 * Math.max(...tr));
    disposeDecoder(dec);
  });

  it('is differentiable w.r.t. the weights (gradient vs central difference)', () => {
    const rng = new Random(9);
    const layers = [randomDense(rng, 30, 10), act('sin'), randomDense(rng, 10, 2)];
    const enc: SequentialDecoder = { latentDim: 30, layers };
    const x = tf.tensor2d(rng.normalArray(4 * 30), [4, 30]);
    const k = layers[2].kind === 'dense' ? (layers[2].kernel as tf.Variable) : null;
    const f = () => tf.sum(jacobianFrobeniusNorm(enc, x)) as tf.Scalar;
    const { grads, value } = tf.variableGrads(f, [k!]);
    const g = grads[k!.name].arraySync() as number[][];
    const base = k!.arraySync() as number[][];
    const at = (s: number): number => {
      const m = base.map((r) => r.slice());
      m[3][1] += s;
      k!.assign(tf.tensor2d(m));
      return f().dataSync()[0];
    };
    const fd = (at(1e-2) - at(-1e-2)) / 2e-2;
    k!.assign(tf.tensor2d(base));
    expect(g[3][1]).toBeCloseTo(fd, 3);
    expect(Math.abs(fd)).toBeGreaterThan(1e-3);
    tf.dispose([value]);
    disposeDecoder(enc);
  });
});
