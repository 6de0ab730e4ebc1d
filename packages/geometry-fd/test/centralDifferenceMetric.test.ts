import { initBackend } from '@curv/core';
import { polynomial, sphere } from '@curv/test-fixtures';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { batchTrace, centralDifferenceMetric, smallDeterminant, smallInverse } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('centralDifferenceMetric(decoder, z)', () => {
  it('gives diag(1, cos²θ) on the sphere and the polynomial metric of SPEC §8.2', () => {
    const z = tf.tensor2d([
      [0.5, 1],
      [1, -2],
    ]);
    const g = centralDifferenceMetric(sphere, z).arraySync();
    expect(g[0][0][0]).toBeCloseTo(1, 4);
    expect(g[0][1][1]).toBeCloseTo(0.77015115, 4);
    expect(g[1][1][1]).toBeCloseTo(0.29192658, 4);
    expect(Math.abs(g[1][0][1])).toBeLessThan(1e-4);
    const zp = tf.tensor2d([[0.1, 0.2]]);
    const gp = centralDifferenceMetric(polynomial, zp).arraySync();
    expect(gp[0][0][0] / 1383.88).toBeCloseTo(1, 3);
    expect(gp[0][1][1] / 1.0484).toBeCloseTo(1, 3);
    tf.dispose([z, zp]);
  });
});

describe('smallInverse / smallDeterminant / batchTrace', () => {
  it('invert (g + eps I) and take determinants for d = 1, 2, 3, 4', () => {
    const mats: number[][][] = [
      [[2]],
      [
        [2, 0.5],
        [0.5, 1],
      ],
      [
        [4, 1, 0.5],
        [1, 3, 0.2],
        [0.5, 0.2, 2],
      ],
      [
        [5, 1, 0, 0.3],
        [1, 4, 0.5, 0],
        [0, 0.5, 3, 0.1],
        [0.3, 0, 0.1, 2],
      ],
    ];
    for (const m of mats) {
      const d = m.length;
      const g = tf.tensor3d([m]);
      const eps = 0.1;
      const inv = smallInverse(g, eps);
      const prod = (
        tf.matMul(tf.add(g, tf.mul(tf.eye(d), eps)) as tf.Tensor3D, inv).arraySync() as number[][][]
      )[0];
      for (let i = 0; i < d; i++)
        for (let j = 0; j < d; j++) expect(prod[i][j]).toBeCloseTo(i === j ? 1 : 0, 5);
      const det = smallDeterminant(g).dataSync()[0];
      // det = product of eigen-free check: det(g)·det(g⁻¹) = 1
      const detInv = smallDeterminant(smallInverse(g)).dataSync()[0];
      expect(det * detInv).toBeCloseTo(1, 5);
      expect(batchTrace(g).dataSync()[0]).toBeCloseTo(
        m.reduce((s, r, i) => s + r[i], 0),
        5,
      );
      g.dispose();
    }
    const g2 = tf.tensor3d([
      [
        [2, 0.5],
        [0.5, 1],
      ],
    ]);
    expect(smallDeterminant(g2).dataSync()[0]).toBeCloseTo(1.75, 6);
    const g3 = tf.tensor3d([
      [
        [4, 1, 0.5],
        [1, 3, 0.2],
        [0.5, 0.2, 2],
      ],
    ]);
    // 4(6 − 0.04) − 1(2 − 0.1) + 0.5(0.2 − 1.5) = 23.84 − 1.9 − 0.65 = 21.29
    expect(smallDeterminant(g3).dataSync()[0]).toBeCloseTo(21.29, 4);
    tf.dispose([g2, g3]);
  });
});
