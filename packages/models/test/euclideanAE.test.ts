import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend } from '@curv/core';
import { decode, scalarCurvature } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { EuclideanAE, TorusAE } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

type T = Record<string, { shape: number[]; data: Float32Array }>;

/**
 * R = 2K of the surface Ψ(z) = W6 sin(W5 sin(W4 z + b4) + b5) + b6 in R³ at z, in float64, from hand-written
 * first and second derivatives and the Gauss formula K = (LN − M²)/(EG − F²) (second fundamental form on
 * the unit normal J_u × J_v / |J_u × J_v|).
 */
function analyticR(t: T, z: [number, number]): number {
  const W = (name: string) => {
    const { shape, data } = t[`${name}.weight`];
    return Array.from({ length: shape[0] }, (_, r) =>
      Array.from(data.subarray(r * shape[1], (r + 1) * shape[1])),
    );
  };
  const b = (name: string) => Array.from(t[`${name}.bias`].data);
  const [W4, W5, W6] = [W('fc4'), W('fc5'), W('fc6')];
  const [b4, b5] = [b('fc4'), b('fc5')];
  // layer 1: s1 = sin(a), a = W4 z + b4
  const a = W4.map((row, k) => row[0] * z[0] + row[1] * z[1] + b4[k]);
  const J1 = W4.map((row, k) => [Math.cos(a[k]) * row[0], Math.cos(a[k]) * row[1]]);
  const H1 = W4.map((row, k) => [0, 1].map((i) => [0, 1].map((j) => -Math.sin(a[k]) * row[i] * row[j])));
  const s1 = a.map(Math.sin);
  // layer 2: s2 = sin(c), c = W5 s1 + b5
  const c = W5.map((row, k) => row.reduce((s, w, m) => s + w * s1[m], b5[k]));
  const Jc = W5.map((row) => [0, 1].map((i) => row.reduce((s, w, m) => s + w * J1[m][i], 0)));
  const Hc = W5.map((row) =>
    [0, 1].map((i) => [0, 1].map((j) => row.reduce((s, w, m) => s + w * H1[m][i][j], 0))),
  );
  const J2 = Jc.map((r, k) => r.map((v) => Math.cos(c[k]) * v));
  const H2 = Hc.map((r, k) =>
    [0, 1].map((i) => [0, 1].map((j) => -Math.sin(c[k]) * Jc[k][i] * Jc[k][j] + Math.cos(c[k]) * r[i][j])),
  );
  // output (linear)
  const J = W6.map((row) => [0, 1].map((i) => row.reduce((s, w, m) => s + w * J2[m][i], 0)));
  const H = W6.map((row) =>
    [0, 1].map((i) => [0, 1].map((j) => row.reduce((s, w, m) => s + w * H2[m][i][j], 0))),
  );
  const col = (i: number) => J.map((r) => r[i]);
  const dot = (p: number[], q: number[]) => p.reduce((s, v, m) => s + v * q[m], 0);
  const [ju, jv] = [col(0), col(1)];
  const cross = [ju[1] * jv[2] - ju[2] * jv[1], ju[2] * jv[0] - ju[0] * jv[2], ju[0] * jv[1] - ju[1] * jv[0]];
  const nn = Math.hypot(...cross);
  const normal = cross.map((v) => v / nn);
  const second = (i: number, j: number) =>
    dot(
      H.map((r) => r[i][j]),
      normal,
    );
  const K =
    (second(0, 0) * second(1, 1) - second(0, 1) ** 2) / (dot(ju, ju) * dot(jv, jv) - dot(ju, jv) ** 2);
  return 2 * K;
}

describe('EuclideanAE', () => {
  it("has the torus model's shapes except fc4 [h₂, d], so 267 781 parameters for 3-512-256-2", () => {
    const ae = new EuclideanAE({ inputDim: 3 });
    expect(ae.parameterCount()).toBe(267781);
    expect(ae.torchShapes()['fc4.weight']).toEqual([256, 2]);
    ae.dispose();
  });

  it('starts from the same seeded draws as TorusAE where the shapes agree (fc1–fc3)', () => {
    const e = new EuclideanAE({ inputDim: 5, hidden: [6, 4], seed: 3 }).toTensors();
    const t = new TorusAE({ inputDim: 5, hidden: [6, 4], seed: 3 }).toTensors();
    for (const k of ['fc1.weight', 'fc1.bias', 'fc2.weight', 'fc3.bias'])
      expect(e[k].data).toEqual(t[k].data);
  });

  it('encode and decode are the sine MLPs with an unwrapped latent code; decoder() in jet form agrees', () => {
    const ae = new EuclideanAE({ inputDim: 3, hidden: [4, 5], seed: 1 });
    const t = ae.toTensors();
    const lin = (name: string, v: number[]) => {
      const w = t[`${name}.weight`];
      const [o, i] = w.shape;
      return Array.from({ length: o }, (_, a) => {
        let s = t[`${name}.bias`].data[a];
        for (let j = 0; j < i; j++) s += w.data[a * i + j] * v[j];
        return s;
      });
    };
    const x = [0.3, -1.2, 0.7];
    const z = lin('fc3', lin('fc2', lin('fc1', x).map(Math.sin)).map(Math.sin));
    const rec = lin('fc6', lin('fc5', lin('fc4', z).map(Math.sin)).map(Math.sin));
    const xt = tf.tensor2d([x]);
    const got = ae.forward(xt);
    got.encoding.dataSync().forEach((v, i) => {
      expect(v).toBeCloseTo(z[i], 5);
    });
    got.reconstruction.dataSync().forEach((v, i) => {
      expect(v).toBeCloseTo(rec[i], 5);
    });
    const viaJets = decode(ae.decoder(), got.encoding);
    viaJets.dataSync().forEach((v, i) => {
      expect(v).toBeCloseTo(rec[i], 5);
    });
    expect(Array.from(ae.codesOf(new Float32Array(x)))).toEqual(Array.from(got.encoding.dataSync()));
    tf.dispose([xt, got.encoding, got.reconstruction, viaJets]);
    ae.dispose();
  });

  it('scalarCurvature of decoder() equals the hand-derived Gauss-equation R of the decoded surface in R³', () => {
    // Larger weights than the default initialisation make the surface visibly curved.
    const ae = new EuclideanAE({ inputDim: 3, hidden: [4, 3], seed: 11 });
    const t = ae.toTensors();
    for (const k of ['fc4.weight', 'fc5.weight', 'fc6.weight']) t[k].data = t[k].data.map((v) => 3 * v);
    ae.setTensors(t);
    const zs: [number, number][] = [
      [0.1, -0.4],
      [1.3, 0.8],
      [-2.2, 1.9],
      [3.5, -2.5],
    ];
    const expected = zs.map((z) => analyticR(t, z));
    expect(Math.max(...expected.map(Math.abs))).toBeGreaterThan(0.1);
    const zt = tf.tensor2d(zs);
    for (const route of ['gauss', 'intrinsic'] as const) {
      const R = scalarCurvature(ae.decoder(), zt, { route });
      const got = R.dataSync();
      expected.forEach((e, i) => {
        expect(Math.abs(got[i] - e)).toBeLessThan(2e-3 * Math.max(1, Math.abs(e)));
      });
      R.dispose();
    }
    zt.dispose();
    ae.dispose();
  });

  it('save → fromSafetensors round-trips; torus-autoencoder weights are rejected naming fc4', () => {
    const dir = mkdtempSync(join(tmpdir(), 'curv-eae-'));
    const ae = new EuclideanAE({ inputDim: 6, hidden: [10, 8], latentDim: 3, seed: 4 });
    ae.save(join(dir, 'e.safetensors'));
    const back = EuclideanAE.fromSafetensors(join(dir, 'e.safetensors'));
    expect([back.inputDim, back.latentDim, ...back.hidden]).toEqual([6, 3, 10, 8]);
    const x = tf.randomUniform([5, 6], 0, 1, 'float32', 3) as tf.Tensor2D;
    const a = ae.forward(x);
    const b = back.forward(x);
    expect(b.reconstruction.dataSync()).toEqual(a.reconstruction.dataSync());
    tf.dispose([x, a.encoding, a.reconstruction, b.encoding, b.reconstruction]);
    const torus = new TorusAE({ inputDim: 6, hidden: [10, 8], latentDim: 3, seed: 4 });
    torus.save(join(dir, 't.safetensors'));
    expect(() => EuclideanAE.fromSafetensors(join(dir, 't.safetensors'))).toThrow(
      /t.safetensors: tensor 'fc4.weight' has shape \[8,6\], expected \[8,3\]/,
    );
    for (const m of [ae, back, torus]) m.dispose();
  });

  it('forward, codesOf and curvature do not leak tensors', () => {
    const ae = new EuclideanAE({ inputDim: 4, hidden: [8, 6], seed: 2 });
    const data = new Float32Array(40).map((_, i) => Math.sin(i));
    const before = tf.memory().numTensors;
    for (let r = 0; r < 3; r++) {
      ae.codesOf(data);
      const x = tf.tensor2d(data, [10, 4]);
      const f = ae.forward(x);
      const R = scalarCurvature(ae.decoder(), f.encoding);
      tf.dispose([x, f.encoding, f.reconstruction, R]);
    }
    expect(tf.memory().numTensors).toBe(before);
    ae.dispose();
  });
});
