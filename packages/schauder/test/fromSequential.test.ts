import type { SequentialDecoder } from '@curv/geometry-autograd';
import { sinMlpDecoder } from '@curv/test-fixtures';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  asDecoderFn,
  curveEnergy,
  curveLength,
  metricCurveEnergy,
  metricGrid,
  periodicSegment,
  pullbackMetricFn,
  solveGeodesics,
} from '../src/index.js';
import { sphere } from './fixtures.js';
import { init } from './setup.js';

/** A small random sin-MLP torus decoder 2 → (cos|sin) 4 → 16 → sin → 32 → sin → 8, init U(±gain/√fan_in). */
const smallSinMlp = (seed: number, gain: number): SequentialDecoder =>
  sinMlpDecoder(seed, { sizes: [4, 16, 32, 8], gain });

let dec: SequentialDecoder;
beforeAll(async () => {
  await init();
  dec = smallSinMlp(3, 2.5);
});
afterAll(() => {
  for (const l of dec.layers) if (l.kind === 'dense') tf.dispose([l.kernel, l.bias]);
});

describe('SequentialDecoder adapters', () => {
  it('asDecoderFn(seq) is the forward pass fc(sin(fc(sin(fc([cos z, sin z]))))) and leaves functions unchanged', () => {
    expect(asDecoderFn(sphere)).toBe(sphere);
    const f = asDecoderFn(dec);
    const z = tf.tensor2d([[0.3, -1.2]]);
    const manual = tf.tidy(() => {
      let x: tf.Tensor = tf.concat([tf.cos(z), tf.sin(z)], 1);
      for (const l of dec.layers) {
        if (l.kind === 'dense') x = tf.add(tf.matMul(x, l.kernel), l.bias);
        else if (l.kind === 'activation') x = tf.sin(x);
      }
      return x;
    });
    const y = f(z);
    expect(y.shape).toEqual([1, 8]);
    const diff = tf.tidy(() => tf.max(tf.abs(tf.sub(y, manual))).dataSync()[0]);
    expect(diff).toBeLessThan(1e-6);
    tf.dispose([z, y, manual]);
  });

  it('metricCurveEnergy(pullbackMetricFn(seq)) matches the decoded energy of the same curves (midpoint rule, S = 100)', () => {
    const c = periodicSegment(
      [
        [-2, 1],
        [0.5, 3],
      ],
      [
        [2.5, -1.5],
        [-1, -2.5],
      ],
      100,
    );
    const ed = curveEnergy(asDecoderFn(dec), c).dataSync();
    const em = metricCurveEnergy(pullbackMetricFn(dec), c).dataSync();
    for (let i = 0; i < 2; i++) expect(Math.abs(em[i] - ed[i]) / ed[i]).toBeLessThan(2e-3);
    c.dispose();
  });

  it('metric-grid geodesics (n = 64) of a sin-MLP have decoded lengths within 1 % of decoded-mode geodesics', () => {
    const starts = [
      [-2, 1],
      [0.5, 3],
      [1, 1],
    ];
    const ends = [
      [2.5, -1.5],
      [-1, -2.5],
      [-2, -0.5],
    ];
    const opts = { nMax: 5, S: 65, mode: 'clean' as const, steps: 300, base: 'periodic' as const };
    const decoder = asDecoderFn(dec);
    const ref = solveGeodesics({ decoder }, starts, ends, opts);
    const grid = metricGrid(pullbackMetricFn(dec), { n: 64 });
    const r = solveGeodesics({ metric: grid.metric }, starts, ends, opts);
    grid.dispose();
    const c = r.tensor();
    const Ld = curveLength(decoder, c).dataSync();
    c.dispose();
    for (let i = 0; i < 3; i++) {
      expect(ref.lengths[i]).toBeLessThan(ref.baseLengths[i] * 0.99); // the geodesic problem is not trivial
      expect(Math.abs(r.lengths[i] - Ld[i]) / Ld[i]).toBeLessThan(0.01); // grid length vs decoded length, same curve
      expect(Math.abs(Ld[i] - ref.lengths[i]) / ref.lengths[i]).toBeLessThan(0.01); // as short as decoded-mode geodesics
    }
  });
});
