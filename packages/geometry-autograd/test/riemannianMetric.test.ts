import { initBackend } from '@curv/core';
import { finiteDifferenceMetricDerivative, riemannianCurvature } from '@curv/geometry';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { curvatureTensors, decoderFunction, pullbackMetric, pullbackRiemannianMetric } from '../src/index.js';
import { disposeDecoder, maxAbsDiff, randomTorusDecoder, torusDecoder } from './fixtures.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('pullbackRiemannianMetric(dec): jets produce g and ∂g for the metric contract', () => {
  it('g equals pullbackMetric; ∂g (second-order jet) matches central differences of g', () => {
    const dec = randomTorusDecoder(3, [8, 6], 5, 'sin', 1);
    const metric = pullbackRiemannianMetric(dec);
    expect(metric.dim).toBe(2);
    const z = tf.tensor2d([
      [0.3, -1.2],
      [2.1, 0.4],
      [-2.8, 3],
    ]);
    const g = metric.metricMatrix(z);
    const ref = pullbackMetric(dec, z);
    expect(maxAbsDiff(g.dataSync(), ref.dataSync())).toBe(0);
    const dg = metric.metricDerivative?.(z) as tf.Tensor4D;
    expect(dg.shape).toEqual([3, 2, 2, 2]);
    const fd = finiteDifferenceMetricDerivative({ dim: 2, metricMatrix: (p) => metric.metricMatrix(p) }, z, {
      h: 1e-2,
    });
    const scale = Math.max(...Array.from(dg.dataSync()).map(Math.abs));
    expect(scale).toBeGreaterThan(1e-2);
    expect(maxAbsDiff(dg.dataSync(), fd.dataSync()) / scale).toBeLessThan(2e-3);
    tf.dispose([z, g, ref, dg, fd]);
    disposeDecoder(dec);
  });

  it('riemannianCurvature of the jet metric reproduces the torus of revolution and the exact intrinsic route', () => {
    const a = 2;
    const b = 1;
    const dec = torusDecoder(a, b);
    const vs = [0.2, 1.3, 2.6];
    const z = tf.tensor2d(vs.map((v, i) => [0.5 * i, v]));
    const t = riemannianCurvature(pullbackRiemannianMetric(dec), z);
    const r = t.R.dataSync();
    vs.forEach((v, i) => {
      expect(r[i]).toBeCloseTo((2 * Math.cos(v)) / (b * (a + b * Math.cos(v))), 2);
    });
    const exact = curvatureTensors(dec, z);
    expect(maxAbsDiff(r, exact.R.dataSync())).toBeLessThan(5e-3);
    tf.dispose([z, ...Object.values(t), ...Object.values(exact)]);
    disposeDecoder(dec);
  });

  it('a plain function decoder gives a central-difference metric (needs dim) without ∂g', () => {
    const dec = torusDecoder(2, 1);
    const fn = decoderFunction(dec);
    expect(() => pullbackRiemannianMetric(fn)).toThrow(/dim/);
    const metric = pullbackRiemannianMetric(fn, { dim: 2 });
    expect(metric.metricDerivative).toBeUndefined();
    const z = tf.tensor2d([[0.1, 0.7]]);
    const g = metric.metricMatrix(z).arraySync()[0];
    // torus: g = diag((a + b cos v)², b²)
    expect(g[0][0]).toBeCloseTo((2 + Math.cos(0.7)) ** 2, 3);
    expect(g[1][1]).toBeCloseTo(1, 3);
    expect(() => metric.metricMatrix(tf.tensor2d([[1, 2, 3]]))).toThrow(/2 latent coordinates/);
    z.dispose();
    disposeDecoder(dec);
  });
});
