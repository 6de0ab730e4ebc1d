import { createRequire } from 'node:module';
import { Adam, encodeSafetensors, initBackend, parseSafetensors, Random, useNativeKernels } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, describe, expect, it } from 'vitest';
import {
  curvatureAndMetric,
  curvatureLoss,
  decode,
  type JetLayer,
  type SequentialDecoder,
  scalarCurvature,
} from '../src/index.js';
import { sphereDecoder, torusDecoder } from './fixtures.js';

/**
 * The same geometry, losses, training step and safetensors round trip on every backend that is
 * installed, against the pure-JS cpu backend (the reference) and against closed forms. A backend that
 * is not installed is reported as skipped with the reason, never as passed. CI installs OpenBLAS and
 * sets CURV_REQUIRE_NATIVE=1, under which packages/core/test/native.test.ts fails when the accelerator is missing.
 */
type Variant = { name: string; backend: 'cpu' | 'wasm' | 'tensorflow' | 'tensorflow-gpu'; native?: boolean };

const require = createRequire(import.meta.url);
const installed = (pkg: string) => {
  try {
    require.resolve(pkg, { paths: [new URL('../../core/', import.meta.url).pathname] });
    return true;
  } catch {
    return false;
  }
};

async function start(v: Variant): Promise<string | undefined> {
  try {
    await initBackend({ backend: v.backend, log: null });
  } catch (e) {
    return (e as Error).message;
  }
  if (v.backend === 'wasm') {
    const s = await useNativeKernels(v.native ?? false);
    if (v.native && !s.kernels.length) return `native accelerator not active: ${s.reason}`;
  }
  return undefined;
}

const variants: Variant[] = [
  { name: 'wasm', backend: 'wasm', native: false },
  { name: 'wasm+native', backend: 'wasm', native: true },
  { name: 'tensorflow', backend: 'tensorflow' },
  { name: 'tensorflow-gpu', backend: 'tensorflow-gpu' },
];
const available: Variant[] = [];
const skipped: string[] = [];
for (const v of variants) {
  if (
    v.backend.startsWith('tensorflow') &&
    !installed(`@tensorflow/tfjs-node${v.backend === 'tensorflow-gpu' ? '-gpu' : ''}`)
  ) {
    skipped.push(`${v.name}: not installed`);
    continue;
  }
  const why = await start(v);
  if (why) skipped.push(`${v.name}: ${why.split('\n')[0]}`);
  else available.push(v);
}
if (skipped.length) console.warn(`[backendParity] skipped backends — ${skipped.join('; ')}`);

/** PyTorch-default init of a dense layer. */
function linear(rng: Random, nIn: number, nOut: number): JetLayer & { kind: 'dense' } {
  const k = 1 / Math.sqrt(nIn);
  return {
    kind: 'dense',
    // Inside tidy: tf.variable otherwise keeps its initial tensor alive.
    kernel: tf.tidy(() => tf.variable(tf.tensor2d(rng.uniformArray(nIn * nOut, -k, k), [nIn, nOut]))),
    bias: tf.tidy(() => tf.variable(tf.tensor1d(rng.uniformArray(nOut, -k, k)))),
  };
}

/** Small TorusAE 20-16-2 / lift-16-20 with sin activations: every kernel the real model uses. */
function smallAE(seed: number) {
  const rng = new Random(seed);
  const fc = [linear(rng, 20, 16), linear(rng, 16, 2), linear(rng, 4, 16), linear(rng, 16, 20)];
  const sin: JetLayer = { kind: 'activation', fn: 'sin' };
  const encoder: SequentialDecoder = { latentDim: 20, layers: [fc[0], sin, fc[1]] };
  const decoder: SequentialDecoder = { latentDim: 2, layers: [{ kind: 'torusLift' }, fc[2], sin, fc[3]] };
  return { encoder, decoder, vars: fc.flatMap((l) => [l.kernel as tf.Variable, l.bias as tf.Variable]) };
}

interface Outcome {
  sphereR: Float32Array;
  torusR: Float32Array;
  torusG: Float32Array;
  mse: number;
  curv: number;
  losses: number[];
  weights: Float32Array[];
  roundTrip: Float32Array[];
  leaked: number;
}

/** Everything the suite compares, computed on the active backend. */
function compute(): Outcome {
  const n0 = tf.memory().numTensors;
  const rng = new Random(5);
  const z = tf.tensor2d(rng.uniformArray(16 * 2, -Math.PI, Math.PI), [16, 2]);
  const sphere = sphereDecoder();
  const torus = torusDecoder(2, 1);
  const zs = tf.mul(z, 0.4) as tf.Tensor2D; // latitudes within ±0.4π, away from the poles
  const sphereR = scalarCurvature(sphere, zs, { route: 'gauss' });
  const tg = curvatureAndMetric(torus, z, { route: 'gauss' });
  const out = {
    sphereR: sphereR.dataSync() as Float32Array,
    torusR: tg.R.dataSync() as Float32Array,
    torusG: tg.g.dataSync() as Float32Array,
  };
  tf.dispose([zs, sphereR, tg.R, tg.g]);
  for (const d of [sphere, torus])
    for (const l of d.layers) if (l.kind === 'dense') tf.dispose([l.kernel, l.bias]);

  const ae = smallAE(3);
  const x = tf.tensor2d(rng.uniformArray(24 * 20), [24, 20]);
  const opt = new Adam(ae.vars, { lr: 3e-3 });
  const losses: number[] = [];
  let mse = 0;
  let curv = 0;
  for (let step = 0; step < 4; step++) {
    const { value, grads } = tf.variableGrads(() => {
      const h = decode(ae.encoder, x);
      const m = tf.mean(tf.squaredDifference(decode(ae.decoder, h), x)) as tf.Scalar;
      const c = curvatureLoss(ae.decoder, tf.tensor2d(rng.uniformArray(8 * 2, -3, 3), [8, 2]), {
        route: 'gauss',
      });
      if (step === 0) {
        mse = m.dataSync()[0];
        curv = c.dataSync()[0];
      }
      return tf.add(m, tf.mul(c, 0.1)) as tf.Scalar;
    }, ae.vars);
    opt.step(ae.vars.map((v) => grads[v.name]));
    losses.push(value.dataSync()[0]);
    tf.dispose([value, ...Object.values(grads)]);
  }
  const weights = ae.vars.map((v) => v.dataSync() as Float32Array);
  // Safetensors round trip: bytes → tensors on this backend → bytes → equal values.
  const named = Object.fromEntries(ae.vars.map((v, i) => [`w${i}`, { shape: v.shape, data: weights[i] }]));
  const back = parseSafetensors(encodeSafetensors(named)).tensors;
  const reloaded = Object.keys(named).map((k) => tf.tensor(back[k].data, back[k].shape));
  const again = parseSafetensors(
    encodeSafetensors(
      Object.fromEntries(
        reloaded.map((t, i) => [`w${i}`, { shape: t.shape, data: t.dataSync() as Float32Array }]),
      ),
    ),
  ).tensors;
  const roundTrip = Object.keys(named).map((k) => again[k].data);
  tf.dispose([x, z, ...ae.vars, ...reloaded]);
  opt.dispose();
  return { ...out, mse, curv, losses, weights, roundTrip, leaked: tf.memory().numTensors - n0 };
}

const maxRel = (a: ArrayLike<number>, b: ArrayLike<number>, floor: number) => {
  let e = 0;
  for (let i = 0; i < a.length; i++) e = Math.max(e, Math.abs(a[i] - b[i]) / (floor + Math.abs(b[i])));
  return e;
};

let reference: Outcome | undefined;
async function ref(): Promise<Outcome> {
  if (!reference) {
    await initBackend({ backend: 'cpu', log: null });
    reference = compute();
  }
  return reference;
}

describe('the pure-JS cpu reference', () => {
  it('meets the closed forms: unit sphere R = 2, torus (2, 1) R = 2cos v/(2 + cos v), g = diag((2 + cos v)², 1)', async () => {
    const r = await ref();
    for (const v of r.sphereR) expect(v).toBeCloseTo(2, 3);
    const rng = new Random(5);
    const z = rng.uniformArray(16 * 2, -Math.PI, Math.PI);
    for (let i = 0; i < 16; i++) {
      const cv = Math.cos(z[2 * i + 1]);
      expect(r.torusR[i]).toBeCloseTo((2 * cv) / (2 + cv), 3);
      expect(r.torusG[4 * i]).toBeCloseTo((2 + cv) ** 2, 3);
      expect(r.torusG[4 * i + 3]).toBeCloseTo(1, 4);
    }
    expect(r.leaked).toBe(0);
    expect(r.losses[3]).toBeLessThan(r.losses[0]);
  });
});

afterAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
  await useNativeKernels(true);
});

for (const v of variants) {
  const on = available.includes(v);
  describe.runIf(on)(`backend ${v.name}`, () => {
    it('geometry, losses, four Adam steps and a safetensors round trip agree with the cpu backend', async () => {
      const r = await ref();
      expect(await start(v)).toBeUndefined();
      const got = compute();
      expect(got.leaked).toBe(0);
      // float32 noise: ~1e-6 per op, amplified by the third-order jets of the curvature.
      expect(maxRel(got.sphereR, r.sphereR, 1)).toBeLessThan(1e-3);
      expect(maxRel(got.torusR, r.torusR, 1)).toBeLessThan(1e-3);
      expect(maxRel(got.torusG, r.torusG, 1)).toBeLessThan(1e-5);
      expect(Math.abs(got.mse - r.mse) / r.mse).toBeLessThan(1e-5);
      expect(Math.abs(got.curv - r.curv) / r.curv).toBeLessThan(1e-3);
      expect(maxRel(got.losses, r.losses, 0)).toBeLessThan(1e-3);
      // Four steps of lr 3e-3 move weights by ~1e-2; agreement to 1e-5 distinguishes the same update.
      for (let i = 0; i < r.weights.length; i++)
        expect(maxRel(got.weights[i], r.weights[i], 1e-2)).toBeLessThan(1e-3);
      for (let i = 0; i < got.weights.length; i++)
        expect(Array.from(got.roundTrip[i])).toEqual(Array.from(got.weights[i]));
    });
  });
}
