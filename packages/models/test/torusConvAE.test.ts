import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CurvInputError, initBackend, Random, readSafetensors } from '@curv/core';
import { curvatureAndMetric, jetDecoderJet } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TorusConvAE } from '../src/index.js';
import { conv2d, conv2dTranspose } from '../src/model/convOps.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

/** Images [N, C, H, W] as nested arrays (PyTorch layout) ↔ NHWC tensors. */
type Img = number[][][][];
const toNHWC = (a: Img) => tf.transpose(tf.tensor4d(a), [0, 2, 3, 1]) as tf.Tensor4D;
const fromNHWC = (t: tf.Tensor) => tf.transpose(t, [0, 3, 1, 2]).arraySync() as Img;
const rand = (rng: Random, shape: number[]): Img => {
  const f = (s: number[]): unknown =>
    s.length === 1
      ? Array.from(rng.uniformArray(s[0], -1, 1))
      : Array.from({ length: s[0] }, () => f(s.slice(1)));
  return f(shape) as Img;
};
/** tfjs filter from a PyTorch weight ([out, in, k, k] conv or [in, out, k, k] transposed conv). */
const filterOf = (w: Img) => tf.transpose(tf.tensor4d(w), [2, 3, 1, 0]) as tf.Tensor4D;

/** PyTorch Conv2d (cross-correlation, symmetric zero padding), written out as loops. */
function naiveConv(x: Img, w: Img, s: number, p: number): Img {
  const [n, c, h] = [x.length, x[0].length, x[0][0].length];
  const [o, k] = [w.length, w[0][0].length];
  const ho = Math.floor((h + 2 * p - k) / s) + 1;
  return Array.from({ length: n }, (_, b) =>
    Array.from({ length: o }, (_, oc) =>
      Array.from({ length: ho }, (_, i) =>
        Array.from({ length: ho }, (_, j) => {
          let sum = 0;
          for (let ic = 0; ic < c; ic++)
            for (let a = 0; a < k; a++)
              for (let e = 0; e < k; e++) {
                const r = i * s - p + a;
                const q = j * s - p + e;
                if (r >= 0 && r < h && q >= 0 && q < h) sum += x[b][ic][r][q] * w[oc][ic][a][e];
              }
          return sum;
        }),
      ),
    ),
  );
}

/** PyTorch ConvTranspose2d(padding p, output size hOut), written out as loops: y[o, i·s−p+a, j·s−p+b] += x[c, i, j]·W[c, o, a, b]. */
function naiveConvT(x: Img, w: Img, s: number, p: number, hOut: number): Img {
  const [n, c, h] = [x.length, x[0].length, x[0][0].length];
  const [o, k] = [w[0].length, w[0][0].length];
  const y = Array.from({ length: n }, () =>
    Array.from({ length: o }, () => Array.from({ length: hOut }, () => new Array(hOut).fill(0))),
  );
  for (let b = 0; b < n; b++)
    for (let ic = 0; ic < c; ic++)
      for (let i = 0; i < h; i++)
        for (let j = 0; j < h; j++)
          for (let oc = 0; oc < o; oc++)
            for (let a = 0; a < k; a++)
              for (let e = 0; e < k; e++) {
                const r = i * s - p + a;
                const q = j * s - p + e;
                if (r >= 0 && r < hOut && q >= 0 && q < hOut)
                  y[b][oc][r][q] += x[b][ic][i][j] * w[ic][oc][a][e];
              }
  return y;
}

const flat = (a: unknown): number[] => (Array.isArray(a) ? a.flatMap(flat) : [a as number]);
const maxAbsDiff = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return m;
};

describe('conv2d / conv2dTranspose with a filter gradient on every backend', () => {
  it('conv2d equals PyTorch Conv2d (stride 2, padding 1) and its input and filter gradients are exact', () => {
    const rng = new Random(3);
    const x = rand(rng, [2, 3, 7, 7]);
    const w = rand(rng, [4, 3, 3, 3]);
    const r = rand(rng, [2, 4, 4, 4]); // L = Σ r ⊙ y
    const xt = toNHWC(x);
    const ft = filterOf(w);
    const y = conv2d(xt, ft, 2, 1);
    expect(y.shape).toEqual([2, 4, 4, 4]);
    expect(maxAbsDiff(flat(fromNHWC(y)), flat(naiveConv(x, w, 2, 1)))).toBeLessThan(1e-5);
    const rt = toNHWC(r);
    const [gx, gf] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(conv2d(a as tf.Tensor4D, b as tf.Tensor4D, 2, 1), rt)),
    )([xt, ft]);
    // L is linear: ∂L/∂W[o, c, a, b] = Σ r[o, i, j] x_pad[c, 2i−1+a, 2j−1+b]; ∂L/∂x = ConvTranspose(r).
    const expectW = w.map((wo, o) =>
      wo.map((wc, c) =>
        wc.map((wa, a) =>
          wa.map((_, e) => {
            let sum = 0;
            for (let b = 0; b < 2; b++)
              for (let i = 0; i < 4; i++)
                for (let j = 0; j < 4; j++) {
                  const rr = 2 * i - 1 + a;
                  const q = 2 * j - 1 + e;
                  if (rr >= 0 && rr < 7 && q >= 0 && q < 7) sum += r[b][o][i][j] * x[b][c][rr][q];
                }
            return sum;
          }),
        ),
      ),
    );
    const gW = tf.transpose(gf, [3, 2, 0, 1]).dataSync();
    expect(maxAbsDiff(gW, flat(expectW))).toBeLessThan(1e-4);
    expect(maxAbsDiff(flat(fromNHWC(gx)), flat(naiveConvT(r, w, 2, 1, 7)))).toBeLessThan(1e-5);
  });

  it('conv2dTranspose equals PyTorch ConvTranspose2d (padding 1, output padding 1) and its gradients are exact', () => {
    const rng = new Random(4);
    const x = rand(rng, [2, 4, 7, 7]);
    const w = rand(rng, [4, 2, 3, 3]); // [in, out, k, k]
    const r = rand(rng, [2, 2, 14, 14]);
    const xt = toNHWC(x);
    const ft = filterOf(w);
    const y = conv2dTranspose(xt, ft, [14, 14], 2, 1);
    expect(y.shape).toEqual([2, 14, 14, 2]);
    expect(maxAbsDiff(flat(fromNHWC(y)), flat(naiveConvT(x, w, 2, 1, 14)))).toBeLessThan(1e-5);
    const rt = toNHWC(r);
    const [gx, gf] = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(conv2dTranspose(a as tf.Tensor4D, b as tf.Tensor4D, [14, 14], 2, 1), rt)),
    )([xt, ft]);
    // ∂L/∂W[c, o, a, b] = Σ x[c, i, j] r[o, 2i−1+a, 2j−1+b]; ∂L/∂x = Conv2d(r) with the [out→in] filter.
    const expectW = w.map((wc, c) =>
      wc.map((wo, o) =>
        wo.map((wa, a) =>
          wa.map((_, e) => {
            let sum = 0;
            for (let b = 0; b < 2; b++)
              for (let i = 0; i < 7; i++)
                for (let j = 0; j < 7; j++) {
                  const rr = 2 * i - 1 + a;
                  const q = 2 * j - 1 + e;
                  if (rr >= 0 && rr < 14 && q >= 0 && q < 14) sum += x[b][c][i][j] * r[b][o][rr][q];
                }
            return sum;
          }),
        ),
      ),
    );
    const gW = tf.transpose(gf, [3, 2, 0, 1]).dataSync();
    expect(maxAbsDiff(gW, flat(expectW))).toBeLessThan(1e-4);
    // W [c, o, k, k] read as a Conv2d weight [out = c, in = o, k, k].
    expect(maxAbsDiff(flat(fromNHWC(gx)), flat(naiveConv(r, w, 2, 1)))).toBeLessThan(1e-4);
  });
});

const NAMES = [
  ...[1, 2, 3, 4, 5].flatMap((i) => [`conv${i}.weight`, `conv${i}.bias`]),
  ...[1, 2, 3, 4, 5].flatMap((i) => [`bn${i}.weight`, `bn${i}.bias`]),
  ...[1, 2, 3, 4].flatMap((i) => [`fc${i}.weight`, `fc${i}.bias`]),
  ...[1, 2, 3].flatMap((i) => [`deconv${i}.weight`, `deconv${i}.bias`]),
];

/** B MNIST-like images: random strokes in [0, 1]. */
function images(b: number, seed: number): tf.Tensor2D {
  return tf.tensor2d(new Random(seed).uniformArray(b * 784, 0, 1), [b, 784]);
}

describe('TorusConvAE', () => {
  it('has 88 099 parameters (d = 2) under the PyTorch names and shapes', () => {
    const ae = new TorusConvAE();
    expect(ae.tensorNames()).toEqual(NAMES);
    const s = ae.torchShapes();
    expect(s['conv1.weight']).toEqual([8, 1, 3, 3]);
    expect(s['conv5.weight']).toEqual([32, 16, 3, 3]);
    expect(s['bn4.weight']).toEqual([16]);
    expect(s['fc1.weight']).toEqual([128, 288]);
    expect(s['fc2.weight']).toEqual([2, 128]);
    expect(s['fc3.weight']).toEqual([128, 4]);
    expect(s['fc4.weight']).toEqual([288, 128]);
    expect(s['deconv1.weight']).toEqual([32, 16, 3, 3]);
    expect(s['deconv3.weight']).toEqual([8, 1, 3, 3]);
    // Σ over layers: convs 80 + 584 + 584 + 1168 + 4640, batch norms 144, linears 36 992 + 258 + 640 + 37 152,
    // transposed convs 4624 + 1160 + 73.
    expect(ae.parameterCount()).toBe(88099);
    ae.dispose();
  });

  it('maps B×784 images to angles in [−π, π] (B×2) and reconstructions in (0, 1) (B×784); sides 28 → 3 → 28', () => {
    for (const activation of ['relu', 'softplus'] as const) {
      const ae = new TorusConvAE({ activation, seed: 1 });
      const x = images(5, 2);
      const phi = ae.encoderToAngles(x);
      const { reconstruction, encoding } = ae.forward(x);
      expect(phi.shape).toEqual([5, 2]);
      expect(encoding.shape).toEqual([5, 4]);
      expect(reconstruction.shape).toEqual([5, 784]);
      const p = phi.dataSync();
      expect(Math.min(...p)).toBeGreaterThanOrEqual(-Math.PI);
      expect(Math.max(...p)).toBeLessThanOrEqual(Math.PI);
      const e = encoding.arraySync();
      for (let b = 0; b < 5; b++) {
        // [cos h, sin h] with cosines first, and φ = atan2(sin h, cos h)
        for (let k = 0; k < 2; k++) {
          expect(e[b][k] ** 2 + e[b][k + 2] ** 2).toBeCloseTo(1, 5);
          expect(Math.atan2(e[b][k + 2], e[b][k])).toBeCloseTo(p[b * 2 + k], 5);
        }
      }
      const r = reconstruction.dataSync();
      expect(Math.min(...r)).toBeGreaterThan(0);
      expect(Math.max(...r)).toBeLessThan(1);
      // The reconstruction is Ψ(φ): decodeAngles agrees with decode(encode(x)).
      expect(maxAbsDiff(ae.decodeAngles(phi).dataSync(), r)).toBeLessThan(1e-5);
      // The jet decoder evaluates the same Ψ.
      const jet = tf.tidy(() => jetDecoderJet(ae.decoder(), phi, 0).value!.dataSync());
      expect(maxAbsDiff(jet, r)).toBeLessThan(1e-5);
      tf.dispose([x, phi, reconstruction, encoding]);
      ae.dispose();
    }
  });

  it('normalises with batch statistics: encoding a batch is not row-wise (B = 1 works)', () => {
    const ae = new TorusConvAE({ seed: 2 });
    const x = images(4, 5);
    const all = ae.encoderToAngles(x).dataSync();
    const one = ae.encoderToAngles(tf.slice(x, [0, 0], [1, -1])).dataSync();
    expect(Number.isFinite(one[0])).toBe(true);
    expect(Math.abs(one[0] - all[0]) + Math.abs(one[1] - all[1])).toBeGreaterThan(1e-3);
    ae.dispose();
  });

  it('saves and loads safetensors with the listed names; the loaded model computes the same maps', () => {
    const dir = mkdtempSync(join(tmpdir(), 'convae-'));
    const a = new TorusConvAE({ activation: 'softplus', seed: 7 });
    const file = join(dir, 'w.safetensors');
    a.save(file, { experiment: 't' });
    const st = readSafetensors(file);
    expect(Object.keys(st.tensors).sort()).toEqual([...NAMES].sort());
    expect(st.metadata.architecture).toBe('TorusConvAE');
    expect(st.metadata.activation).toBe('softplus');
    expect(st.tensors['deconv2.weight'].shape).toEqual([16, 8, 3, 3]);
    const b = TorusConvAE.fromSafetensors(file);
    expect(b.activation).toBe('softplus');
    const x = images(3, 9);
    expect(maxAbsDiff(a.forward(x).reconstruction.dataSync(), b.forward(x).reconstruction.dataSync())).toBe(
      0,
    );
    const ta = a.toTensors();
    const tb = b.toTensors();
    for (const n of NAMES) expect(tb[n].data).toEqual(ta[n].data);
    // A different seed gives different weights (the comparison above is not vacuous).
    const c = new TorusConvAE({ activation: 'softplus', seed: 8 });
    expect(
      maxAbsDiff(c.forward(x).reconstruction.dataSync(), a.forward(x).reconstruction.dataSync()),
    ).toBeGreaterThan(1e-4);
    // A missing or mis-shaped tensor is named.
    const broken = { ...st, tensors: { ...st.tensors } };
    delete broken.tensors['bn3.bias'];
    expect(() => TorusConvAE.fromSafetensors(broken, { source: 'w.safetensors' })).toThrow(/bn3\.bias/);
    broken.tensors['bn3.bias'] = { shape: [9], data: new Float32Array(9) };
    expect(() => TorusConvAE.fromSafetensors(broken)).toThrow(CurvInputError);
    for (const m of [a, b, c]) m.dispose();
  });

  it('PyTorch layouts: conv1.weight [out, in, 3, 3] acts as Conv2d on the first layer (checked through the gradient of a 1-pixel change)', () => {
    // Set every weight of conv1 to 0 except conv1.weight[0, 0, 0, 2] = 1 and check, through the
    // pre-batch-norm response, that channel 0 at (i, j) reads pixel (i, j + 2) (valid padding).
    const ae = new TorusConvAE({ seed: 0 });
    const t = ae.toTensors();
    t['conv1.weight'].data.fill(0);
    t['conv1.weight'].data[2] = 1;
    t['conv1.bias'].data.fill(0);
    ae.setTensors(t);
    const img = new Float32Array(784);
    img[5 * 28 + 9] = 1;
    const x = tf.tensor4d(img, [1, 28, 28, 1]);
    const filter = ae.encoderConvs[0].filter;
    const y = tf.conv2d(x, filter, 1, 0).arraySync() as number[][][][];
    expect(y[0][5][7][0]).toBe(1);
    expect(y[0].flat(2).reduce((s, v) => s + v, 0)).toBe(1);
    ae.dispose();
  });
});
