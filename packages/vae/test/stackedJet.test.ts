import { initBackend, Random } from '@curv/core';
import { decode, decoderJet, multiIndices, type SequentialDecoder } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExpectedMetric, GaussianVae, RbfPrecision } from '../src/index.js';
import { stackedJet } from '../src/stackedJet.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

/** A small random VAE (tanh hidden layers, sigmoid mean) and an RBF precision network on random centres. */
function smallModel(d: number, seed: number) {
  const D = 5;
  const vae = new GaussianVae({ inputDim: D, latentDim: d, hidden: [6, 4], decoderMean: 'sigmoid', seed });
  const rng = new Random(seed + 1);
  const k = 4;
  const rbf = new RbfPrecision(
    rng.normalArray(k * d, 0, 0.8),
    Array.from({ length: k }, () => rng.uniformIn(0.5, 2)),
    D,
    { zeta: 0.05, seed },
  );
  const points = tf.tensor2d(rng.normalArray(6 * d, 0, 0.7), [6, d]);
  return { vae, rbf, points, D };
}

/** Reference J rows [B][d][A] of μ and σ by reverse-mode autodiff (one tf.grad per output). */
function reverseModeJacobian(net: SequentialDecoder, rbf: RbfPrecision, z: tf.Tensor2D, D: number) {
  const [B, d] = z.shape;
  const J = Array.from({ length: B }, () => Array.from({ length: d }, () => [] as number[]));
  const outputs = [(x: tf.Tensor2D) => decode(net, x), (x: tf.Tensor2D) => rbf.sigma(x)];
  for (const f of outputs) {
    for (let a = 0; a < D; a++) {
      const g = tf.tidy(() =>
        tf.grad((x: tf.Tensor) => tf.sum(f(x as tf.Tensor2D).slice([0, a], [B, 1])))(z),
      );
      const v = g.dataSync();
      g.dispose();
      for (let b = 0; b < B; b++) for (let i = 0; i < d; i++) J[b][i].push(v[b * d + i]);
    }
  }
  return J;
}

/**
 * Reference ∂M [B, d, d, d] by the block route: decoderJet and sigmaJet give one [B, A] tensor per derivative,
 * and ∂_k M_ij = Σ_a (∂_k∂_i f_a ∂_j f_a + ∂_i f_a ∂_k∂_j f_a) is summed entry by entry on the host.
 */
function blockDerivative(net: SequentialDecoder, rbf: RbfPrecision, z: tf.Tensor2D): Float64Array {
  const [B, d] = z.shape;
  const mi = multiIndices(d);
  const jm = decoderJet(net, z, 2);
  const js = rbf.sigmaJet(z, 2);
  const read = (ts: tf.Tensor[]) => ts.map((t) => t.arraySync() as number[][]);
  const groups = [
    { first: read(jm.first), second: read(jm.second) },
    { first: read(js.first), second: read(js.second) },
  ];
  tf.dispose([...jm.first, ...jm.second, jm.value as tf.Tensor, js.value, ...js.first, ...js.second]);
  const out = new Float64Array(B * d * d * d);
  for (let b = 0; b < B; b++)
    for (let k = 0; k < d; k++)
      for (let i = 0; i < d; i++)
        for (let j = 0; j < d; j++) {
          let s = 0;
          for (const g of groups) {
            const hki = g.second[mi.pair(k, i)][b];
            const hkj = g.second[mi.pair(k, j)][b];
            const fi = g.first[i][b];
            const fj = g.first[j][b];
            for (let a = 0; a < fi.length; a++) s += hki[a] * fj[a] + fi[a] * hkj[a];
          }
          out[((b * d + k) * d + i) * d + j] = s;
        }
  return out;
}

/** max_b ‖x_b − y_b‖∞ / ‖y_b‖∞ over points (entries per point = size / B). */
function relativeError(x: ArrayLike<number>, y: ArrayLike<number>, B: number): number {
  const per = x.length / B;
  let worst = 0;
  for (let b = 0; b < B; b++) {
    let num = 0;
    let den = 0;
    for (let e = b * per; e < (b + 1) * per; e++) {
      num = Math.max(num, Math.abs(x[e] - y[e]));
      den = Math.max(den, Math.abs(y[e]));
    }
    worst = Math.max(worst, num / den);
  }
  return worst;
}

describe('ExpectedMetric on stacked jets', () => {
  for (const d of [2, 3]) {
    it(`d = ${d}: M equals JᵀJ from reverse-mode Jacobians and ∂M the block-jet route, to 1e-5 relative`, () => {
      const { vae, rbf, points, D } = smallModel(d, 10 + d);
      const net = vae.decoderMeanNetwork();
      const metric = new ExpectedMetric(net, rbf);
      const before = tf.memory().numTensors;
      const M = metric.metricMatrix(points);
      const [M2, dM2] = metric.metricAndDerivative(points);
      const dM = metric.metricDerivative(points);
      expect(tf.memory().numTensors).toBe(before + 4);
      const B = points.shape[0];
      const J = reverseModeJacobian(net, rbf, points, D);
      const ref = new Float64Array(B * d * d);
      for (let b = 0; b < B; b++)
        for (let i = 0; i < d; i++)
          for (let j = 0; j < d; j++) {
            let s = 0;
            for (let a = 0; a < J[b][i].length; a++) s += J[b][i][a] * J[b][j][a];
            ref[(b * d + i) * d + j] = s;
          }
      expect(relativeError(M.dataSync(), ref, B)).toBeLessThan(1e-5);
      expect(relativeError(M2.dataSync(), ref, B)).toBeLessThan(1e-5);
      const refD = blockDerivative(net, rbf, points);
      expect(relativeError(dM.dataSync(), refD, B)).toBeLessThan(1e-5);
      expect(relativeError(dM2.dataSync(), refD, B)).toBeLessThan(1e-5);
      // An independent check of the second-order formulas: central differences of M (float32: 1e-2).
      const h = 1e-2;
      const fd = new Float64Array(B * d * d * d);
      for (let k = 0; k < d; k++) {
        const e = tf.oneHot(tf.fill([B], k, 'int32'), d).mul(h) as tf.Tensor2D;
        const plus = tf.tidy(() => metric.metricMatrix(tf.add(points, e) as tf.Tensor2D));
        const minus = tf.tidy(() => metric.metricMatrix(tf.sub(points, e) as tf.Tensor2D));
        const p = plus.dataSync();
        const m = minus.dataSync();
        for (let b = 0; b < B; b++)
          for (let q = 0; q < d * d; q++)
            fd[(b * d + k) * d * d + q] = (p[b * d * d + q] - m[b * d * d + q]) / (2 * h);
        tf.dispose([e, plus, minus]);
      }
      expect(relativeError(dM.dataSync(), fd, B)).toBeLessThan(1e-2);
      tf.dispose([M, M2, dM, points]);
      vae.dispose();
      rbf.dispose();
    });
  }

  it('tf.grad through metricMatrix is the contraction with ∂M (no reverse mode through the jets) and leaks nothing', () => {
    const { vae, rbf, points } = smallModel(2, 3);
    const metric = new ExpectedMetric(vae.decoderMeanNetwork(), rbf);
    const W = tf.tensor3d(new Random(4).normalArray(points.shape[0] * 4), [points.shape[0], 2, 2]);
    const before = tf.memory().numTensors;
    const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(metric.metricMatrix(x as tf.Tensor2D), W)))(points);
    expect(tf.memory().numTensors).toBe(before + 1);
    const dM = metric.metricDerivative(points);
    const ref = tf.sum(tf.mul(dM, tf.expandDims(W, 1)), [2, 3]);
    expect(relativeError(g.dataSync(), ref.dataSync(), points.shape[0])).toBeLessThan(1e-5);
    tf.dispose([g, dM, ref, W, points]);
    vae.dispose();
    rbf.dispose();
  });

  it('stackedJet of an affine network has constant first rows (the kernel) and zero second rows', () => {
    const kernel = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3]);
    const net: SequentialDecoder = {
      latentDim: 2,
      layers: [{ kind: 'dense', kernel, bias: tf.tensor1d([0, 0, 1]) }],
    };
    const z = tf.tensor2d([0.5, -1, 2, 3], [2, 2]);
    const j = tf.tidy(() => {
      const s = stackedJet(net, z, 2);
      return [s.first, s.second as tf.Tensor3D];
    });
    expect(j[0].shape).toEqual([2, 2, 3]);
    expect(Array.from(j[0].dataSync())).toEqual([1, 2, 3, 4, 5, 6, 1, 2, 3, 4, 5, 6]);
    expect(j[1].shape).toEqual([2, 4, 3]);
    expect(Math.max(...Array.from(j[1].dataSync(), Math.abs))).toBe(0);
    tf.dispose([...j, z, kernel]);
  });
});
