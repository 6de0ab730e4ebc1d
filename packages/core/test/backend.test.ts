import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import { Adam, CurvInputError, initBackend, Random, sgd } from '../src/index.js';

const require = createRequire(import.meta.url);
const installed = (pkg: string) => {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
};

async function gradsOnBackend(backend: 'wasm' | 'cpu') {
  await initBackend({ backend, log: null });
  expect(tf.getBackend()).toBe(backend);
  const r = new Random(1);
  const a = tf.tensor(r.normalArray(3 * 4 * 5), [3, 4, 5]);
  const b = tf.tensor(r.normalArray(5 * 2), [5, 2]);
  const c = tf.tensor(r.normalArray(4 * 6), [4, 6]);
  const d = tf.tensor(r.normalArray(7 * 6), [7, 6]);
  const e = tf.tensor(r.normalArray(7 * 4), [7, 4]);
  // Every transpose flag combination and a broadcast batch dimension go through the fast gradient.
  const f = (x: tf.Tensor, y: tf.Tensor, z: tf.Tensor, w: tf.Tensor, u: tf.Tensor) =>
    tf.add(
      tf.add(tf.sum(tf.sin(tf.matMul(x, y))), tf.sum(tf.square(tf.matMul(z, u, true, true)))),
      tf.add(tf.sum(tf.matMul(w, z, false, true)), tf.sum(tf.matMul(z, z, true, false))),
    ) as tf.Scalar;
  const g = tf.grads(f)([a, b, c, d, e]);
  const out = await Promise.all(g.map((t) => t.array()));
  tf.dispose([a, b, c, d, e, ...g]);
  return out;
}

describe('initBackend', () => {
  afterAll(async () => {
    await initBackend({ backend: 'wasm', log: null });
  });

  it("initBackend({ backend: 'wasm' }) starts wasm and logs once", async () => {
    const lines: string[] = [];
    const info = await initBackend({ backend: 'wasm', log: (m) => lines.push(m) });
    expect(info.backend).toBe('wasm');
    expect(lines.length).toBeLessThanOrEqual(1);
  });

  it.runIf(!installed('@tensorflow/tfjs-node'))(
    'an explicitly requested tfjs-node backend that is not installed fails with how to install it',
    async () => {
      await expect(initBackend({ backend: 'tensorflow', log: null })).rejects.toThrow(
        /backend 'tensorflow' is not available: install it with `pnpm add @tensorflow\/tfjs-node@4\.22\.0`/,
      );
      await expect(initBackend({ backend: 'tensorflow-gpu', log: null })).rejects.toBeInstanceOf(
        CurvInputError,
      );
    },
  );

  it('an unknown backend name is an input error listing the choices', async () => {
    await expect(initBackend({ backend: 'webgpu' as never, log: null })).rejects.toThrow(
      /unknown backend 'webgpu': expected one of auto, tensorflow-gpu, tensorflow, wasm, cpu/,
    );
  });

  it('the fast BatchMatMul gradient agrees between wasm and the reference cpu backend', async () => {
    const wasm = await gradsOnBackend('wasm');
    const cpu = await gradsOnBackend('cpu');
    const flat = (x: unknown): number[] => (Array.isArray(x) ? x.flatMap(flat) : [x as number]);
    for (let i = 0; i < wasm.length; i++) {
      const fw = flat(wasm[i]);
      const fc = flat(cpu[i]);
      expect(fw.length).toBe(fc.length);
      for (let j = 0; j < fw.length; j++) expect(fw[j]).toBeCloseTo(fc[j], 3);
    }
  });

  it('the fast BatchMatMul gradient equals the closed-form products for every flag combination and shape', async () => {
    await initBackend({ backend: 'wasm', log: null });
    const r = new Random(3);
    // Lopsided shapes make the gradient take both routes: transposing the flagged operands, or
    // computing the transposed product and transposing the (smaller) result.
    const shapes: [number[], number, number, number][] = [
      [[], 2, 9, 30],
      [[], 30, 9, 2],
      [[3], 2, 9, 30],
    ];
    for (const [batch, m, k, n] of shapes) {
      for (const ta of [false, true]) {
        for (const tb of [false, true]) {
          const aShape = [...batch, ...(ta ? [k, m] : [m, k])];
          const bShape = tb ? [n, k] : [k, n];
          const size = (s: number[]) => s.reduce((x, y) => x * y, 1);
          const a = tf.tensor(r.normalArray(size(aShape)), aShape);
          const b = tf.tensor(r.normalArray(size(bShape)), bShape);
          const w = tf.tensor(r.normalArray(size([...batch, m, n])), [...batch, m, n]);
          // L = Σ w ⊙ op(a)·op(b), so dL/d(product) = w.
          const [da, db] = tf.grads((x: tf.Tensor, y: tf.Tensor) =>
            tf.sum(tf.mul(w, tf.matMul(x, y, ta, tb))),
          )([a, b]);
          const expA = ta ? tf.matMul(b, w, tb, true) : tf.matMul(w, b, false, !tb);
          let expB = tb ? tf.matMul(w, a, true, ta) : tf.matMul(a, w, !ta, false);
          if (batch.length) expB = tf.sum(expB, 0);
          for (const [got, exp] of [
            [da, expA],
            [db, expB],
          ]) {
            expect(got.shape).toEqual(exp.shape);
            const g = got.dataSync();
            const e = exp.dataSync();
            for (let i = 0; i < g.length; i++) expect(g[i]).toBeCloseTo(e[i], 4);
          }
          tf.dispose([a, b, w, da, db, expA, expB]);
        }
      }
    }
  });

  it('the fast BatchMatMul gradient matches finite differences of the loss (cpu)', async () => {
    await initBackend({ backend: 'cpu', log: null });
    const r = new Random(2);
    const a0 = r.normalArray(6);
    const b0 = r.normalArray(6);
    const loss = (av: Float32Array) =>
      tf.tidy(() => tf.sum(tf.sin(tf.matMul(tf.tensor(av, [2, 3]), tf.tensor(b0, [3, 2])))).dataSync()[0]);
    const ga = tf.tidy(() =>
      tf
        .grad((a: tf.Tensor) => tf.sum(tf.sin(tf.matMul(a, tf.tensor(b0, [3, 2])))) as tf.Scalar)(
          tf.tensor(a0, [2, 3]),
        )
        .dataSync(),
    );
    for (let i = 0; i < 6; i++) {
      const p = Float32Array.from(a0);
      const m = Float32Array.from(a0);
      p[i] += 1e-2;
      m[i] -= 1e-2;
      expect(ga[i]).toBeCloseTo((loss(p) - loss(m)) / 2e-2, 3);
    }
  });
});

describe('optimisers', () => {
  it('Adam.step follows the PyTorch update rule (hand-computed two steps, with weight decay)', async () => {
    await initBackend({ backend: 'wasm', log: null });
    const p = tf.variable(tf.tensor1d([1, -2]));
    const opt = new Adam([p], { lr: 0.1, weightDecay: 0.5 });
    // hand computation
    let theta = [1, -2];
    const m = [0, 0];
    const v = [0, 0];
    const grads = [
      [0.3, -0.1],
      [-0.2, 0.4],
    ];
    for (let t = 1; t <= 2; t++) {
      const g = grads[t - 1].map((x, i) => x + 0.5 * theta[i]);
      for (let i = 0; i < 2; i++) {
        m[i] = 0.9 * m[i] + 0.1 * g[i];
        v[i] = 0.999 * v[i] + 0.001 * g[i] ** 2;
      }
      theta = theta.map(
        (th, i) => th - (0.1 * (m[i] / (1 - 0.9 ** t))) / (Math.sqrt(v[i] / (1 - 0.999 ** t)) + 1e-8),
      );
      const gt = tf.tensor1d(grads[t - 1]);
      opt.step([gt]);
      gt.dispose();
    }
    const got = await p.data();
    expect(got[0]).toBeCloseTo(theta[0], 5);
    expect(got[1]).toBeCloseTo(theta[1], 5);
    // state round trip: a restored optimiser takes the same next step
    const state = await opt.state();
    const q = tf.variable(p.clone());
    const opt2 = new Adam([q], { lr: 0.1, weightDecay: 0.5 });
    opt2.setState(state);
    const g3 = tf.tensor1d([0.05, 0.07]);
    opt.step([g3]);
    opt2.step([g3]);
    expect([...(await q.data())]).toEqual([...(await p.data())]);
    tf.dispose([g3, p, q]);
    opt.dispose();
    opt2.dispose();
  });

  it('Adam.step and Sgd.step do not leak tensors', async () => {
    await initBackend({ backend: 'wasm', log: null });
    const p = tf.variable(tf.ones([3, 3]));
    const opt = new Adam([p]);
    const s = sgd([p], 0.1);
    const g = tf.ones([3, 3]);
    opt.step([g]);
    s.step([g]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) {
      opt.step([g]);
      s.step([g]);
    }
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([g, p]);
    opt.dispose();
  });
});
