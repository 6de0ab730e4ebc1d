import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initBackend, Random } from '@curv/core';
import type { SequentialDecoder } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  boxMeasure,
  type Checkpoint,
  codeBox,
  defaultConfig,
  EuclideanAE,
  type ExperimentConfig,
  LOSS_NAMES,
  PotentialNet,
  readCheckpoint,
  resolveLoss,
  runTraining,
  TorusAE,
  TorusAELoss,
  writeCheckpoint,
} from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

function euclideanConfig(
  functional: 'none' | 'R2' | 'F' | 'W',
  epochs: number,
  lambda = 0.05,
): ExperimentConfig {
  const curv = functional !== 'none';
  return defaultConfig({
    architecture: { type: 'EuclideanAE', hidden_dims: [24, 12] },
    dataset: { name: 'Swissroll', n: 640, swissroll_noise: 1e-6 },
    experiment: { name: `euclidean_${functional}` },
    training_mode: {
      compute_curvature: curv,
      curvature_computation_mode: 'gauss',
      uniform_OOD_sampling_flag: curv,
    },
    loss_settings: {
      lambda_unif: 0,
      lambda_curv: curv ? lambda : 0,
      eps: 0,
      curvature_functional: curv ? functional : 'R2',
    },
    OOD_settings: { n_OOD: 16 },
    optimizer_settings: { lr: 1e-2, num_epochs: epochs },
    data_loader_settings: { batch_size: 64, random_shuffling: true, random_seed: 5 },
  });
}

const epochMean = (h: number[], perEpoch: number, epoch: number) =>
  h.slice(epoch * perEpoch, (epoch + 1) * perEpoch).reduce((a, b) => a + b, 0) / perEpoch;

describe('training a Euclidean-latent autoencoder', () => {
  it('createModel builds a EuclideanAE for architecture.type EuclideanAE; its potential is not periodic', async () => {
    const res = await runTraining<EuclideanAE>({ config: euclideanConfig('F', 1) });
    expect(res.model).toBeInstanceOf(EuclideanAE);
    expect(res.model.latentType).toBe('euclidean');
    expect(res.potential?.periodic).toBe(false);
    // fc4 reads d = 2 codes (a torus autoencoder's reads 2d = 4 features)
    expect(res.model.layers[3].kernel.shape).toEqual([2, 12]);
    // no equidistribution term exists on the plane
    expect(res.history[LOSS_NAMES.equidistribution]).toBeUndefined();
    res.model.dispose();
    res.potential?.dispose();
  });

  for (const functional of ['none', 'R2', 'F', 'W'] as const) {
    it(`trains with ${functional === 'none' ? 'no curvature term' : functional}: every term finite, MSE falls by half`, async () => {
      const before = tf.memory().numTensors;
      const res = await runTraining<EuclideanAE>({ config: euclideanConfig(functional, 10) });
      expect(res.status).toBe('completed');
      for (const [k, h] of Object.entries(res.history)) {
        expect(h.every(Number.isFinite), k).toBe(true);
      }
      const perEpoch = res.history.MSE.length / 10;
      expect(epochMean(res.history.MSE, perEpoch, 9)).toBeLessThan(
        0.5 * epochMean(res.history.MSE, perEpoch, 0),
      );
      if (functional !== 'none') {
        const name = { R2: LOSS_NAMES.curvature, F: LOSS_NAMES.perelmanF, W: LOSS_NAMES.perelmanW }[
          functional
        ];
        expect(res.history[name]).toHaveLength(res.history.MSE.length);
      }
      expect(res.r2Test).toBeGreaterThan(0.3);
      res.model.dispose();
      res.potential?.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('trained on ∫R² alone (λ_recon = 0), the decoder flattens: the box integral of R² falls a hundredfold', async () => {
    const cfg = euclideanConfig('R2', 10, 1);
    cfg.loss_settings.lambda_recon = 0;
    cfg.optimizer_settings.lr = 1e-3;
    const res = await runTraining<EuclideanAE>({ config: cfg });
    const h = res.history[LOSS_NAMES.curvature];
    const perEpoch = h.length / 10;
    expect(epochMean(h, perEpoch, 9)).toBeLessThan(0.01 * epochMean(h, perEpoch, 0));
    res.model.dispose();
  });

  it('a run resumed from a checkpoint file (W, box samples, potential) ends bit-identical to an uninterrupted one', async () => {
    const cfg = euclideanConfig('W', 3);
    const a = await runTraining<EuclideanAE>({ config: cfg });
    let saved: Checkpoint | undefined;
    await expect(
      runTraining<EuclideanAE>({ config: cfg }, async (e) => {
        if (e.type !== 'epoch') return;
        const path = join(mkdtempSync(join(tmpdir(), 'curv-eu-')), 'checkpoint.safetensors');
        writeCheckpoint(path, await e.checkpoint());
        saved = readCheckpoint(path);
        if (e.epoch === 1) throw new Error('simulated crash');
      }),
    ).rejects.toThrow('simulated crash');
    const b = await runTraining<EuclideanAE>({ config: cfg, resume: saved });
    const ta = { ...a.model.toTensors(), ...a.potential!.toTensors() };
    const tb = { ...b.model.toTensors(), ...b.potential!.toTensors() };
    expect(Object.keys(tb).sort()).toEqual(Object.keys(ta).sort());
    for (const k of Object.keys(ta)) expect(tb[k].data, k).toEqual(ta[k].data);
    expect(b.history[LOSS_NAMES.perelmanW]).toEqual(a.history[LOSS_NAMES.perelmanW]);
    for (const r of [a, b]) {
      r.model.dispose();
      r.potential?.dispose();
    }
  });

  it('a EuclideanAE config with λ_unif ≠ 0 is refused, naming the key', () => {
    const cfg = euclideanConfig('none', 1);
    cfg.loss_settings.lambda_unif = 0.1;
    const model = new EuclideanAE({ inputDim: 3, hidden: [8, 4] });
    expect(() => new TorusAELoss(model, resolveLoss(cfg))).toThrow(/lambda_unif/);
    model.dispose();
  });
});

/**
 * A EuclideanAE whose decoder (as a function of the latent coordinates) is the sphere chart of radius r,
 * Ψ(u, v) = r (cos u cos v, cos u sin v, sin u), written as one sine layer: cos u cos v = ½(cos(u−v) + cos(u+v)),
 * cos u sin v = ½(sin(u+v) − sin(u−v)), sin u, with cos θ = sin(θ + π/2). R = 2/r², √det g = r² |cos u|.
 */
class SphereChartAE extends EuclideanAE {
  constructor(readonly radius: number) {
    super({ inputDim: 3, hidden: [8, 4] });
  }

  override decoder(): SequentialDecoder {
    const r = this.radius;
    // hidden units: cos(u−v), cos(u+v), sin(u+v), sin(u−v), sin(u); kernel [2, 5]
    const kernel = tf.tensor2d(
      [
        [1, 1, 1, 1, 1],
        [-1, 1, 1, -1, 0],
      ],
      [2, 5],
    );
    const bias = tf.tensor1d([Math.PI / 2, Math.PI / 2, 0, 0, 0]);
    const out = tf.tensor2d(
      [
        [r / 2, 0, 0],
        [r / 2, 0, 0],
        [0, r / 2, 0],
        [0, -r / 2, 0],
        [0, 0, r],
      ],
      [5, 3],
    );
    return {
      latentDim: 2,
      layers: [
        { kind: 'dense', kernel, bias },
        { kind: 'activation', fn: 'sin' },
        { kind: 'dense', kernel: out, bias: tf.zeros([3]) },
      ],
    };
  }
}

describe('curvature terms of a Euclidean decoder (no torus lifting) on a sphere chart', () => {
  const r = 1.7;
  const cfg = (functional: 'R2' | 'F' | 'W') => {
    const c = euclideanConfig(functional, 1, 1);
    c.loss_settings.perelman_tau = 0.8;
    return c;
  };
  /** Constant potential f ≡ c: w₂ = 0, b₂ = c. */
  const constantPotential = (c: number) => {
    const p = new PotentialNet({ latentDim: 2, periodic: false, seed: 1 });
    p.w2.assign(tf.zeros([p.hidden, 1]));
    p.b2.assign(tf.tensor1d([c]));
    return p;
  };
  // points with |u| < π/2 (away from the poles), given as the batch's box samples
  const points = (n: number) => {
    const rng = new Random(7);
    return Float32Array.from({ length: 2 * n }, (_, i) =>
      i % 2 === 0 ? rng.uniformIn(-1.2, 1.2) : rng.uniformIn(-3, 3),
    );
  };

  it('∫R² term = V · mean (2/r²)² r² cos u, F with a constant potential = 2/r², W = 2τ/r² + log(V·mean √det g / 4πτ) − 2', () => {
    const model = new SphereChartAE(r);
    const x = tf.zeros([4, 3]) as tf.Tensor2D;
    const z = points(40);
    const sqrtDet = Array.from({ length: 40 }, (_, i) => r * r * Math.cos(z[2 * i]));
    const meanSqrtDet = sqrtDet.reduce((a, b) => a + b, 0) / 40;
    const logVolume = Math.log(2.4 * 6);
    const prepared = (pts: Float32Array) => ({
      curvaturePoints: tf.tensor2d(pts, [40, 2]),
      curvatureLogVolume: logVolume,
      dispose() {
        this.curvaturePoints.dispose();
      },
    });
    const term = (functional: 'R2' | 'F' | 'W', potential?: PotentialNet) => {
      const loss = new TorusAELoss(model, resolveLoss(cfg(functional)), potential);
      const prep = prepared(z);
      const name = { R2: LOSS_NAMES.curvature, F: LOSS_NAMES.perelmanF, W: LOSS_NAMES.perelmanW }[functional];
      const v = tf.tidy(() => loss.compute(x, prep).terms[name].dataSync()[0]);
      prep.dispose();
      return v;
    };
    const R = 2 / (r * r);
    expect(term('R2') / (R * R * meanSqrtDet * Math.exp(logVolume))).toBeCloseTo(1, 5);
    const f = constantPotential(0.3);
    expect(term('F', f)).toBeCloseTo(R, 4);
    const tau = 0.8;
    expect(term('W', f)).toBeCloseTo(
      tau * R + Math.log((Math.exp(logVolume) * meanSqrtDet) / (4 * Math.PI * tau)) - 2,
      4,
    );
    f.dispose();
    x.dispose();
    model.dispose();
  });

  it('the same sphere chart read through a torus lift is a different surface: the lift matters', () => {
    // Sanity of the route: the torus model of the same weights gives another R, so the Euclidean value above
    // is not a coincidence of the torus path.
    const torus = new TorusAE({ inputDim: 3, hidden: [8, 4] });
    expect(torus.decoder().layers[0].kind).toBe('torusLift');
    expect(new SphereChartAE(r).decoder().layers[0].kind).toBe('dense');
    torus.dispose();
  });
});

describe('the box measure of the plane', () => {
  it('samples uniformly in the codes’ bounding box widened by the margin, with its log volume', () => {
    const codes = Float32Array.from([0, 10, 2, 14, 1, 12]);
    expect(codeBox(codes, 2, 0)).toEqual({ lo: [0, 10], hi: [2, 14] });
    const s = boxMeasure(0.25).uniformSamples(2000, 2, new Random(3), codes);
    const v = s.points.dataSync();
    let [minU, maxU, minV, maxV, meanU] = [Infinity, -Infinity, Infinity, -Infinity, 0];
    for (let i = 0; i < 2000; i++) {
      minU = Math.min(minU, v[2 * i]);
      maxU = Math.max(maxU, v[2 * i]);
      minV = Math.min(minV, v[2 * i + 1]);
      maxV = Math.max(maxV, v[2 * i + 1]);
      meanU += v[2 * i] / 2000;
    }
    // widened box: u ∈ [−0.5, 2.5], v ∈ [9, 15]
    expect(minU).toBeGreaterThanOrEqual(-0.5);
    expect(maxU).toBeLessThanOrEqual(2.5);
    expect(minU).toBeLessThan(-0.45);
    expect(maxU).toBeGreaterThan(2.45);
    expect(minV).toBeLessThan(9.05);
    expect(maxV).toBeGreaterThan(14.95);
    expect(meanU).toBeCloseTo(1, 1);
    expect(s.logVolume).toBeCloseTo(Math.log(3 * 6), 10);
    const t = tf.tensor2d(codes, [3, 2]);
    expect(boxMeasure().encodingLogVolume(t)).toBeCloseTo(Math.log(2 * 4), 10);
    t.dispose();
    s.points.dispose();
  });
});
