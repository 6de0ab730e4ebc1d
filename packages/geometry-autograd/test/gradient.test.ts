import { initBackend } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { curvatureLoss } from '../src/index.js';
import { disposeDecoder, randomTorusDecoder } from './fixtures.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('curvatureLoss(dec, z) gradient w.r.t. decoder weights', () => {
  for (const route of ['gauss', 'intrinsic'] as const) {
    it(`matches central differences of the loss (${route} route)`, () => {
      const dec = randomTorusDecoder(13, [8, 7], 6, 'sin', 2);
      const z = tf.tensor2d([
        [0.3, -1.1],
        [2.2, 0.4],
        [-2.5, 2.9],
        [1.0, 1.0],
      ]);
      const vars = dec.layers.flatMap((l) =>
        l.kind === 'dense' ? [l.kernel as tf.Variable, l.bias as tf.Variable] : [],
      );
      const f = () => curvatureLoss(dec, z, { route });
      const { grads, value } = tf.variableGrads(f, vars);
      const loss0 = value.dataSync()[0];
      expect(loss0).toBeGreaterThan(1e-3);
      // Check a few entries in each layer's kernel and bias.
      const delta = 3e-3;
      let checked = 0;
      for (const v of vars) {
        const flat = v.dataSync().slice();
        // The output bias does not enter any derivative: tfjs reports no gradient for it.
        const g = grads[v.name]?.dataSync() ?? new Float32Array(flat.length);
        for (const idx of [0, Math.floor(flat.length / 2), flat.length - 1]) {
          const at = (s: number): number => {
            const p = flat.slice();
            p[idx] += s;
            v.assign(tf.tensor(p, v.shape));
            const l = f();
            const r = l.dataSync()[0];
            l.dispose();
            return r;
          };
          const fd = (at(delta) - at(-delta)) / (2 * delta);
          v.assign(tf.tensor(flat, v.shape));
          // float32 loss differences at δ = 3e-3 carry ~1e-4·loss/δ noise.
          expect(Math.abs(g[idx] - fd)).toBeLessThan(0.02 * Math.abs(fd) + 2e-3 * loss0 + 1e-4);
          checked++;
        }
      }
      expect(checked).toBe(18);
      expect(Object.keys(grads)).toHaveLength(5);
      tf.dispose([value, ...Object.values(grads), z]);
      disposeDecoder(dec);
    });
  }
});
