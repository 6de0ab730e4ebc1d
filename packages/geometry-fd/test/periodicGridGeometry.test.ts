import { CurvInputError, initBackend } from '@curv/core';
import { flatTorus, torusOfRevolution, torusR } from '@curv/test-fixtures';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { periodicGridGeometry, rhombusCurvature } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('periodicGridGeometry(decoder, { n })', () => {
  it('orders the grid x fastest from (−π, −π) and gives the torus-of-revolution R = 2cos v/(b(a + b cos v))', () => {
    const n = 48;
    const geo = periodicGridGeometry(torusOfRevolution(2, 1), { n, batchSize: 500 });
    expect(geo.R).toHaveLength(n * n);
    expect(geo.coords[0]).toBeCloseTo(-Math.PI, 6);
    expect(geo.coords[1] - geo.coords[0]).toBeCloseTo((2 * Math.PI) / n, 6);
    const h = geo.h;
    const shrink = (Math.sin(h) / h) ** 2; // central differences of cos/sin scale |∂Ψ|² by this factor
    let maxErr = 0;
    for (let j = 0; j < n; j += 5) {
      const v = geo.coords[j];
      for (let i = 0; i < n; i += 7) {
        const p = j * n + i;
        maxErr = Math.max(maxErr, Math.abs(geo.R[p] - torusR(2, 1, v)));
        // g = diag((a + b cos v)², b²); √det g = b (a + b cos v); ½ tr g.
        expect(geo.g22[p]).toBeCloseTo(shrink, 4);
        expect(geo.g11[p] / shrink).toBeCloseTo((2 + Math.cos(v)) ** 2, 3);
        expect(Math.abs(geo.g12[p])).toBeLessThan(1e-4);
        expect(geo.sqrtDetG[p] / shrink).toBeCloseTo(2 + Math.cos(v), 3);
        expect(geo.halfTraceG[p] / shrink).toBeCloseTo(0.5 * ((2 + Math.cos(v)) ** 2 + 1), 3);
      }
    }
    // h = 0.131: truncation error O(h²) ≈ 1e-2.
    expect(maxErr).toBeLessThan(0.03);
  });

  it('agrees with rhombusCurvature at h = 2π/n (same stencil, decoder evaluations reused)', () => {
    const n = 40;
    const dec = torusOfRevolution(3, 1.2);
    const geo = periodicGridGeometry(dec, { n, batchSize: 200 });
    const idx = [
      [0, 0],
      [5, 17],
      [39, 21],
      [12, 39],
    ];
    const z = tf.tensor2d(idx.map(([i, j]) => [geo.coords[i], geo.coords[j]]));
    const { R, g } = rhombusCurvature(dec, z, { h: geo.h });
    const r = R.dataSync();
    const gd = g.arraySync();
    idx.forEach(([i, j], k) => {
      const p = j * n + i;
      expect(geo.R[p]).toBeCloseTo(r[k], 3);
      expect(geo.g11[p]).toBeCloseTo(gd[k][0][0], 3);
    });
    tf.dispose([z, R, g]);
  });

  it('gives R = 0 and √det g ≈ 1 on the flat torus, without leaking tensors', () => {
    const before = tf.memory().numTensors;
    const geo = periodicGridGeometry(flatTorus, { n: 32 });
    expect(tf.memory().numTensors).toBe(before);
    for (const v of geo.R) expect(Math.abs(v)).toBeLessThan(1e-4);
    const shrink = (Math.sin(geo.h) / geo.h) ** 2;
    for (const v of geo.sqrtDetG) expect(v).toBeCloseTo(shrink, 4);
  });

  it('rejects a too small grid with CurvInputError', () => {
    expect(() => periodicGridGeometry(flatTorus, { n: 3 })).toThrow(CurvInputError);
  });
});
