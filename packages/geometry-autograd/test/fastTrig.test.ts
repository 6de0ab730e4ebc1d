import { initBackend } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { fastCos, fastSin } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('fastSin / fastCos', () => {
  it('match Math.sin / Math.cos to float32 rounding on |u| ≤ 200, including multiples of π/2', () => {
    const xs: number[] = [];
    for (let i = -4000; i <= 4000; i++) xs.push(i * 0.05);
    for (let k = -20; k <= 20; k++) xs.push((k * Math.PI) / 2);
    while (xs.length < 20000) xs.push(...xs.slice(0, 20000 - xs.length)); // large enough for the polynomial path
    const u = tf.tensor1d(xs);
    const s = fastSin(u).dataSync();
    const c = fastCos(u).dataSync();
    const uf = u.dataSync(); // compare at the float32 inputs
    let es = 0;
    let ec = 0;
    for (let i = 0; i < xs.length; i++) {
      es = Math.max(es, Math.abs(s[i] - Math.sin(uf[i])));
      ec = Math.max(ec, Math.abs(c[i] - Math.cos(uf[i])));
    }
    // measured 1.3e-7 and 1.5e-7 (tfjs' own wasm Sin: 2.4e-7 on a similar range)
    expect(es).toBeLessThan(2.5e-7);
    expect(ec).toBeLessThan(2.5e-7);
    // small arguments are accurate to a few ulp
    const small = fastSin(tf.tile(tf.tensor1d([0.1, -1.2, 3.0]), [7000])).dataSync();
    expect(Math.abs(small[0] - Math.sin(0.1))).toBeLessThan(2e-8);
    expect(Math.abs(small[2] - Math.sin(3.0))).toBeLessThan(3e-7);
    expect(fastCos(tf.fill([20000], 0)).dataSync()[0]).toBe(1);
    u.dispose();
  });

  it('have the derivatives cos and −sin (polynomial path, ≥ 16 384 elements)', () => {
    const u = tf.variable(tf.tile(tf.tensor1d([-2.5, 0.3, 1.7, 40.0]), [5000]));
    const gs = tf.variableGrads(() => tf.sum(fastSin(u)) as tf.Scalar, [u]).grads[u.name].dataSync();
    const gc = tf.variableGrads(() => tf.sum(fastCos(u)) as tf.Scalar, [u]).grads[u.name].dataSync();
    const ud = u.dataSync();
    ud.slice(0, 4).forEach((x, i) => {
      expect(gs[i]).toBeCloseTo(Math.cos(x), 5);
      expect(gc[i]).toBeCloseTo(-Math.sin(x), 5);
    });
    u.dispose();
  });
});
