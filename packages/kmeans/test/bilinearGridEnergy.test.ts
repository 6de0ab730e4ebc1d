import { initBackend, Random } from '@curv/core';
import { metricCurveEnergy, metricCurveLength, metricGrid } from '@curv/schauder';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { bilinearGridEnergy } from '../src/index.js';
import { stretchedMetric } from './fixtures/stretched.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

/** A non-diagonal smooth metric: g = [[2 + sin z₁, 0.5 cos z₂], [0.5 cos z₂, 1.5 + cos(z₁ + z₂)]] (positive definite). */
function skewMetric(z: tf.Tensor2D): tf.Tensor3D {
  return tf.tidy(() => {
    const [a, b] = tf.split(z, 2, 1);
    const g00 = tf.add(2, tf.sin(a));
    const g01 = tf.mul(0.5, tf.cos(b));
    const g11 = tf.add(1.5, tf.cos(tf.add(a, b)));
    return tf.concat([g00, g01, g01, g11], 1).reshape([z.shape[0], 2, 2]) as tf.Tensor3D;
  });
}

describe('bilinearGridEnergy', () => {
  it('bilinearGridEnergy matches metricCurveEnergy/Length through grid.at (values and gradients)', () => {
    const grid = metricGrid(skewMetric, { n: 16, interpolation: 'bilinear' });
    const fast = bilinearGridEnergy(grid);
    const rng = new Random(3);
    // curves wandering across cell boundaries and the seam (coordinates outside [−π, π) too)
    const curves = tf.tensor3d(rng.uniformArray(5 * 9 * 2, -4.5, 4.5), [5, 9, 2]);
    const eRef = metricCurveEnergy(grid.at, curves, 'none');
    const eFast = fast.energy(curves);
    const lRef = metricCurveLength(grid.at, curves, 'none');
    const lFast = fast.length(curves);
    const a = eRef.dataSync();
    const b = eFast.dataSync();
    for (let j = 0; j < 5; j++) {
      expect(Math.abs(b[j] - a[j]) / a[j]).toBeLessThan(1e-5);
      expect(lFast.dataSync()[j]).toBeCloseTo(lRef.dataSync()[j], 4);
    }
    const gRef = tf.grad((c: tf.Tensor) =>
      tf.sum(tf.mul(metricCurveEnergy(grid.at, c as tf.Tensor3D, 'none'), [1, 2, 3, 4, 5])),
    )(curves);
    const gFast = tf.grad((c: tf.Tensor) => tf.sum(tf.mul(fast.energy(c as tf.Tensor3D), [1, 2, 3, 4, 5])))(
      curves,
    );
    const gr = gRef.dataSync();
    const gf = gFast.dataSync();
    let maxAbs = 0;
    for (const v of gr) maxAbs = Math.max(maxAbs, Math.abs(v));
    for (let q = 0; q < gr.length; q++) expect(Math.abs(gf[q] - gr[q])).toBeLessThan(1e-4 * maxAbs);
    tf.dispose([curves, eRef, eFast, lRef, lFast, gRef, gFast]);
    grid.dispose();
  });

  it('bilinearGridEnergy of a straight segment under a constant metric is (S−1)·ΣΔᵀgΔ = Δᵀ g Δ exactly', () => {
    const grid = metricGrid(stretchedMetric(0), { n: 8, interpolation: 'bilinear' });
    const fast = bilinearGridEnergy(grid);
    const seg = tf.tensor3d([0, 0, 0.3, 0.4, 0.6, 0.8], [1, 3, 2]);
    const before = tf.memory().numTensors;
    const e = fast.energy(seg);
    const l = fast.length(seg);
    expect(e.dataSync()[0]).toBeCloseTo(1, 6); // |Δ|² = 1 for the whole segment
    expect(l.dataSync()[0]).toBeCloseTo(1, 6);
    tf.dispose([e, l]);
    expect(tf.memory().numTensors).toBe(before);
    seg.dispose();
    grid.dispose();
  });

  it('bilinearGridEnergy rejects non-bilinear grids', () => {
    const grid = metricGrid(skewMetric, { n: 8 });
    expect(() => bilinearGridEnergy(grid)).toThrow(/bilinear/);
    grid.dispose();
  });
});
