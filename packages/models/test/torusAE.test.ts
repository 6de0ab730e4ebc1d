import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CurvInputError,
  encodeSafetensors,
  initBackend,
  parseSafetensors,
  Random,
  writeSafetensors,
} from '@curv/core';
import { decode } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { TorusAE } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('TorusAE', () => {
  it('new TorusAE({ inputDim: 784 }) has the original 1 068 818 parameters and PyTorch shapes', () => {
    const ae = new TorusAE({ inputDim: 784 });
    expect(ae.parameterCount()).toBe(1068818);
    expect(ae.torchShapes()['fc4.weight']).toEqual([256, 4]);
    expect(ae.torchShapes()['fc6.weight']).toEqual([784, 512]);
    ae.dispose();
    const s = new TorusAE({ inputDim: 3 });
    expect(s.parameterCount()).toBe(268293);
    s.dispose();
  });

  it('initialisation is U(±1/√fan_in) per layer, seeded and drawn in PyTorch order', () => {
    const a = new TorusAE({ inputDim: 50, hidden: [40, 30], seed: 7 });
    const b = new TorusAE({ inputDim: 50, hidden: [40, 30], seed: 7 });
    const ta = a.toTensors();
    const tb = b.toTensors();
    for (const [k, t] of Object.entries(ta)) {
      expect(tb[k].data).toEqual(t.data);
      const fanIn = a.torchShapes()[k.replace('bias', 'weight')][1];
      const bound = 1 / Math.sqrt(fanIn);
      const max = t.data.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect(max).toBeLessThanOrEqual(bound);
      if (t.data.length >= 50) expect(max).toBeGreaterThan(0.9 * bound);
    }
    // fc1.weight row-major [out, in] is the first thing drawn from Random(7).
    const first = new Random(7).uniformArray(3, -1 / Math.sqrt(50), 1 / Math.sqrt(50));
    expect(ta['fc1.weight'].data.subarray(0, 3)).toEqual(first);
    a.dispose();
    b.dispose();
  });

  it('layers compute y = W x + b with PyTorch weights [out, in] (checked by hand on one sample)', () => {
    const ae = new TorusAE({ inputDim: 3, hidden: [4, 5], seed: 1 });
    const t = ae.toTensors();
    const x = [0.3, -1.2, 0.7];
    const lin = (name: string, v: number[]) => {
      const w = t[`${name}.weight`];
      const [o, i] = w.shape;
      return Array.from({ length: o }, (_, a) => {
        let s = t[`${name}.bias`].data[a];
        for (let j = 0; j < i; j++) s += w.data[a * i + j] * v[j];
        return s;
      });
    };
    const h = lin('fc3', lin('fc2', lin('fc1', x).map(Math.sin)).map(Math.sin));
    const feat = [...h.map(Math.cos), ...h.map(Math.sin)];
    const rec = lin('fc6', lin('fc5', lin('fc4', feat).map(Math.sin)).map(Math.sin));
    const xt = tf.tensor2d([x]);
    const got = ae.forward(xt);
    got.encoding.dataSync().forEach((v, i) => {
      expect(v).toBeCloseTo(feat[i], 5);
    });
    got.reconstruction.dataSync().forEach((v, i) => {
      expect(v).toBeCloseTo(rec[i], 5);
    });
    const phi = ae.encoderToAngles(xt).dataSync();
    h.forEach((v, i) => {
      expect(phi[i]).toBeCloseTo(Math.atan2(Math.sin(v), Math.cos(v)), 5);
    });
    // decoder() and encoderNet() in jet form compute the same maps
    decode(ae.decoder(), ae.encoderToAngles(xt))
      .dataSync()
      .forEach((v, i) => {
        expect(v).toBeCloseTo(rec[i], 5);
      });
    decode(ae.encoderNet(), xt)
      .dataSync()
      .forEach((v, i) => {
        expect(v).toBeCloseTo(h[i], 5);
      });
    tf.dispose([xt, got.encoding, got.reconstruction]);
    ae.dispose();
  });

  it('encoderToAngles wraps into (−π, π] by atan2 (B27) and decodeAngles is 2π-periodic', () => {
    const ae = new TorusAE({ inputDim: 4, hidden: [8, 6], seed: 2 });
    const phi = tf.tensor2d([[0.4, -1.1]]);
    const shifted = tf.tensor2d([[0.4 + 2 * Math.PI, -1.1 - 4 * Math.PI]]);
    const a = ae.decodeAngles(phi).dataSync();
    const b = ae.decodeAngles(shifted).dataSync();
    a.forEach((v, i) => {
      expect(b[i]).toBeCloseTo(v, 4);
    });
    const x = tf.randomNormal([64, 4], 0, 30, 'float32', 1) as tf.Tensor2D;
    const ang = ae.encoderToAngles(x).dataSync();
    for (const v of ang) {
      expect(v).toBeGreaterThan(-Math.PI - 1e-6);
      expect(v).toBeLessThanOrEqual(Math.PI + 1e-6);
    }
    tf.dispose([phi, shifted, x]);
    ae.dispose();
  });

  it('save → fromSafetensors round-trips and infers the architecture from the shapes', () => {
    const ae = new TorusAE({ inputDim: 6, hidden: [10, 8], latentDim: 3, seed: 4 });
    const path = join(mkdtempSync(join(tmpdir(), 'curv-ae-')), 'w.safetensors');
    ae.save(path);
    const back = TorusAE.fromSafetensors(path);
    expect([back.inputDim, back.latentDim, ...back.hidden]).toEqual([6, 3, 10, 8]);
    const x = tf.randomUniform([5, 6], 0, 1, 'float32', 3) as tf.Tensor2D;
    expect(back.forward(x).reconstruction.dataSync()).toEqual(ae.forward(x).reconstruction.dataSync());
    // key names and layouts are PyTorch's
    const st = parseSafetensors(encodeSafetensors(ae.toTensors()));
    expect(Object.keys(st.tensors).sort()).toEqual(
      ['fc1', 'fc2', 'fc3', 'fc4', 'fc5', 'fc6'].flatMap((n) => [`${n}.bias`, `${n}.weight`]).sort(),
    );
    expect(st.tensors['fc1.weight'].shape).toEqual([10, 6]);
    ae.dispose();
    back.dispose();
  });

  it('fromSafetensors names the file and the tensor when a shape is wrong', () => {
    const ae = new TorusAE({ inputDim: 6, hidden: [10, 8], seed: 4 });
    const t = ae.toTensors();
    t['fc5.weight'] = { shape: [10, 7], data: new Float32Array(70) };
    const path = join(mkdtempSync(join(tmpdir(), 'curv-ae-')), 'bad.safetensors');
    writeSafetensors(path, t);
    expect(() => TorusAE.fromSafetensors(path)).toThrow(CurvInputError);
    expect(() => TorusAE.fromSafetensors(path)).toThrow(
      /bad.safetensors: tensor 'fc5.weight' has shape \[10,7\], expected \[10,8\]/,
    );
    const { 'fc1.weight': _, ...rest } = ae.toTensors();
    writeSafetensors(path, rest);
    expect(() => TorusAE.fromSafetensors(path)).toThrow(/missing 2-D tensor 'fc1.weight'/);
    ae.dispose();
  });

  it('forward, encoderToAngles and anglesOf do not leak tensors', () => {
    const ae = new TorusAE({ inputDim: 6, hidden: [10, 8], seed: 4 });
    const data = new Float32Array(6 * 50).map((_, i) => Math.sin(i));
    ae.anglesOf(data, 16);
    const n0 = tf.memory().numTensors;
    for (let k = 0; k < 3; k++) {
      const x = tf.tensor2d(data, [50, 6]);
      const f = ae.forward(x);
      tf.dispose([x, f.encoding, f.reconstruction, ae.encoderToAngles(x)]);
      expect(ae.anglesOf(data, 16).length).toBe(100);
    }
    expect(tf.memory().numTensors).toBe(n0);
    ae.dispose();
  });
});
