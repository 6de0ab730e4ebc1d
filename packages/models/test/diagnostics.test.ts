import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { initBackend, Random } from '@curv/core';
import { createDatasets } from '@curv/datasets';
import type { SequentialDecoder } from '@curv/geometry-autograd';
import { torusR } from '@curv/test-fixtures';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  DIAGNOSTIC_NAMES,
  type DiagnosticModel,
  defaultConfig,
  diagnosticMetrics,
  type ExperimentConfig,
  parseConfig,
  resolveLoss,
  runTraining,
  TorusAE,
  TorusAELoss,
  train,
} from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

/** Relative closeness |a/b − 1| ≤ tol. */
function expectRel(actual: number, expected: number, tol: number): void {
  expect(Math.abs(actual / expected - 1)).toBeLessThanOrEqual(tol);
}

const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;

/**
 * The torus of revolution ((a + b cos v) cos u, (a + b cos v) sin u, b sin v) written exactly as a
 * sequential sine network: a dense layer to the angles u, u ± v, v (with π/2 phase shifts for cosines),
 * sin, and a linear read-out using cos u cos v = ½(cos(u+v) + cos(u−v)) and
 * sin u cos v = ½(sin(u+v) + sin(u−v)). Its metric is g = diag((a + b cos v)², b²) and its scalar
 * curvature R = 2 cos v / (b (a + b cos v)).
 */
function torusOfRevolutionDecoder(a: number, b: number): SequentialDecoder {
  const h = Math.PI / 2;
  // features: cos u, sin u, cos(u+v), cos(u−v), sin(u+v), sin(u−v), sin v
  const k1 = [
    [1, 1, 1, 1, 1, 1, 0],
    [0, 0, 1, -1, 1, -1, 1],
  ];
  const b1 = [h, 0, h, h, 0, 0, 0];
  const k2 = [
    [a, 0, 0],
    [0, a, 0],
    [b / 2, 0, 0],
    [b / 2, 0, 0],
    [0, b / 2, 0],
    [0, b / 2, 0],
    [0, 0, b],
  ];
  return {
    latentDim: 2,
    layers: [
      { kind: 'dense', kernel: tf.tensor2d(k1), bias: tf.tensor1d(b1) },
      { kind: 'activation', fn: 'sin' },
      { kind: 'dense', kernel: tf.tensor2d(k2), bias: tf.zeros([3]) },
    ],
  };
}

/** h(x) = sin(x·K1 + c1)·K2, x ∈ R⁴ → R²; ∂h_j/∂x_i = Σ_k K1[i][k] cos(u_k) K2[k][j]. */
const K1 = [
  [0.7, -0.4, 0.2],
  [0.1, 0.5, -0.6],
  [-0.3, 0.2, 0.9],
  [0.4, 0.8, 0.1],
];
const C1 = [0.1, -0.2, 0.3];
const K2 = [
  [1.2, -0.5],
  [0.3, 0.8],
  [-0.7, 0.4],
];
function sineEncoder(): SequentialDecoder {
  return {
    latentDim: 4,
    layers: [
      { kind: 'dense', kernel: tf.tensor2d(K1), bias: tf.tensor1d(C1) },
      { kind: 'activation', fn: 'sin' },
      { kind: 'dense', kernel: tf.tensor2d(K2), bias: tf.zeros([2]) },
    ],
  };
}
function sineEncoderNorm(x: number[]): number {
  const u = C1.map((c, k) => c + x.reduce((s, xi, i) => s + xi * K1[i][k], 0));
  let sq = 0;
  for (let i = 0; i < 4; i++)
    for (let j = 0; j < 2; j++) {
      const dij = u.reduce((s, uk, k) => s + K1[i][k] * Math.cos(uk) * K2[k][j], 0);
      sq += dij * dij;
    }
  return Math.sqrt(sq);
}

function disposeNet(net: SequentialDecoder): void {
  for (const l of net.layers) if (l.kind === 'dense') tf.dispose([l.kernel, l.bias]);
}

describe('diagnosticMetrics on an analytic decoder', () => {
  const A = 2;
  const B = 0.75;
  const latent = [
    [0.3, 0.2],
    [-1.1, 2.5],
    [2.0, -0.9],
    [-2.7, 1.3],
    [0.9, -2.9],
  ];
  const inputs = [
    [0.2, -0.5, 0.8, 0.1],
    [-1.0, 0.4, 0.3, 0.6],
    [0.5, 0.9, -0.7, -0.2],
  ];
  const exact = latent.map(([, v]) => {
    const r = A + B * Math.cos(v);
    const R = torusR(A, B, v);
    return { g11: r * r, g22: B * B, det: r * r * B * B, tr: r * r + B * B, R2: R * R, dens: R * R * r * B };
  });
  const encNorms = inputs.map(sineEncoderNorm);

  function model(): DiagnosticModel & { dispose(): void } {
    const dec = torusOfRevolutionDecoder(A, B);
    const enc = sineEncoder();
    return {
      decoder: () => dec,
      encoderNet: () => enc,
      dispose: () => {
        disposeNet(dec);
        disposeNet(enc);
      },
    };
  }

  it('det g, tr g, ‖g⁻¹‖_F, R², R²√det g and the encoder Jacobian norms equal their closed forms (eps = 0, gauss route)', () => {
    const m = model();
    const pts = tf.tensor2d(latent);
    const x = tf.tensor2d(inputs);
    const before = tf.memory().numTensors;
    const d = diagnosticMetrics(m, x, pts, { route: 'gauss', eps: 0, delta: 0.5 });
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(d)).toEqual([...DIAGNOSTIC_NAMES]);
    const dets = exact.map((e) => e.det);
    expectRel(d.g_det_mean, mean(dets), 1e-5);
    expectRel(d.g_det_max, Math.max(...dets), 1e-5);
    expectRel(d.g_det_min, Math.min(...dets), 1e-5);
    const trs = exact.map((e) => e.tr);
    expectRel(d.decoder_jac_norm_mean, mean(trs), 1e-5);
    expectRel(d.decoder_jac_norm_max, Math.max(...trs), 1e-5);
    expectRel(d.decoder_contractive_loss, Math.max(...trs), 1e-5);
    const inv = exact.map((e) => Math.hypot(1 / e.g11, 1 / e.g22));
    expectRel(d.g_inv_norm_mean, mean(inv), 1e-5);
    expectRel(d.g_inv_norm_max, Math.max(...inv), 1e-5);
    // R from second derivatives in float32: 1e-4 relative.
    expectRel(d.curv_squared_mean, mean(exact.map((e) => e.R2)), 1e-4);
    expectRel(d.curv_squared_max, Math.max(...exact.map((e) => e.R2)), 1e-4);
    expectRel(d.Curvature, mean(exact.map((e) => e.dens)), 1e-4);
    expectRel(d.encoder_jac_norm_mean, mean(encNorms), 1e-5);
    expectRel(d.encoder_jac_norm_max, Math.max(...encNorms), 1e-5);
    expectRel(d.Contractive, Math.max(...encNorms) - 0.5, 1e-5);
    tf.dispose([pts, x]);
    m.dispose();
  });

  it('with eps > 0 the inverse norm is that of (g + εI)⁻¹ while det g and tr g stay those of g; curvature: false skips only R', () => {
    const m = model();
    const pts = tf.tensor2d(latent);
    const x = tf.tensor2d(inputs);
    const eps = 0.25;
    const d = diagnosticMetrics(m, x, pts, { route: 'intrinsic', eps, delta: 10 });
    const inv = exact.map((e) => Math.hypot(1 / (e.g11 + eps), 1 / (e.g22 + eps)));
    expectRel(d.g_inv_norm_mean, mean(inv), 1e-5);
    expectRel(d.g_inv_norm_max, Math.max(...inv), 1e-5);
    expectRel(d.g_det_mean, mean(exact.map((e) => e.det)), 1e-5);
    expectRel(d.decoder_jac_norm_max, Math.max(...exact.map((e) => e.tr)), 1e-5);
    expect(d.Contractive).toBe(0); // δ above every norm
    expect(Number.isFinite(d.curv_squared_mean)).toBe(true);
    const off = diagnosticMetrics(m, x, pts, { curvature: false, eps });
    expect(Object.keys(off)).toEqual(DIAGNOSTIC_NAMES.slice(3));
    expect(off.g_inv_norm_mean).toBe(d.g_inv_norm_mean);
    tf.dispose([pts, x]);
    m.dispose();
  });
});

/** Float64 pull-back metric of a TorusAE decoder at φ, from its weights by the chain rule. */
function referenceMetric(ae: TorusAE, phi: number[]): number[][] {
  const t = ae.toTensors();
  const d = phi.length;
  const layer = (name: string) => {
    const [out, inp] = t[`${name}.weight`].shape;
    const w = t[`${name}.weight`].data;
    return { out, inp, w: (i: number, j: number) => w[i * inp + j], b: t[`${name}.bias`].data };
  };
  const w0 = [...phi.map(Math.cos), ...phi.map(Math.sin)];
  // dw/dφ [2d, d]
  let J: number[][] = w0.map((_, r) =>
    phi.map((p, k) => (r < d ? (r === k ? -Math.sin(p) : 0) : r - d === k ? Math.cos(p) : 0)),
  );
  let v = w0;
  for (const name of ['fc4', 'fc5']) {
    const L = layer(name);
    const a = Array.from({ length: L.out }, (_, i) => L.b[i] + v.reduce((s, x, j) => s + L.w(i, j) * x, 0));
    J = a.map((ai, i) =>
      phi.map((_, k) => Math.cos(ai) * J.reduce((s, row, j) => s + L.w(i, j) * row[k], 0)),
    );
    v = a.map(Math.sin);
  }
  const L6 = layer('fc6');
  const Jout = Array.from({ length: L6.out }, (_, i) =>
    phi.map((_, k) => J.reduce((s, row, j) => s + L6.w(i, j) * row[k], 0)),
  );
  return phi.map((_, i) => phi.map((__, j) => Jout.reduce((s, row) => s + row[i] * row[j], 0)));
}

describe('diagnostics through the trainer (TorusAELoss.diagnostics)', () => {
  it('without the curvature term in the loss, det g and tr g match a float64 chain-rule reference and R² is still recorded', () => {
    const cfg = defaultConfig({
      architecture: { input_dim: 6, hidden_dims: [9, 7] },
      dataset: { name: 'Synthetic', k: 1, n: 4, D: 6, d: 2 },
      training_mode: { compute_curvature: false, diagnostic_mode: true },
      loss_settings: { eps: 0 },
    });
    const ae = new TorusAE({ inputDim: 6, latentDim: 2, hidden: [9, 7], seed: 11 });
    const loss = new TorusAELoss(ae, resolveLoss(cfg));
    const rng = new Random(4);
    const xs = rng.uniformArray(5 * 6, -1, 1);
    const x = tf.tensor2d(xs, [5, 6]);
    const before = tf.memory().numTensors;
    const prep = loss.prepare(x, 0, rng);
    const d = loss.diagnostics(x, prep);
    prep.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(Object.keys(d)).toEqual([...DIAGNOSTIC_NAMES]);
    const phi = ae.anglesOf(xs);
    const gs = Array.from({ length: 5 }, (_, p) => referenceMetric(ae, [phi[2 * p], phi[2 * p + 1]]));
    const dets = gs.map((g) => g[0][0] * g[1][1] - g[0][1] * g[1][0]);
    const trs = gs.map((g) => g[0][0] + g[1][1]);
    const invs = gs.map((g, p) => Math.hypot(g[0][0], g[0][1], g[1][0], g[1][1]) / dets[p]);
    expectRel(d.g_det_mean, mean(dets), 1e-4);
    expectRel(d.g_det_min, Math.min(...dets), 1e-4);
    expectRel(d.decoder_jac_norm_mean, mean(trs), 1e-5);
    expectRel(d.decoder_jac_norm_max, Math.max(...trs), 1e-5);
    expectRel(d.g_inv_norm_max, Math.max(...invs), 1e-4);
    expect(d.curv_squared_max).toBeGreaterThan(0);
    expect(d.curv_squared_max).toBeGreaterThanOrEqual(d.curv_squared_mean);
    tf.dispose(x);
    ae.dispose();
  });
});

const swiss = () => createDatasets({ name: 'Swissroll', n: 640, noise: 1e-6 }, { seed: 2 });

function swissConfig(diagnostic: boolean, curvature: boolean): ExperimentConfig {
  return defaultConfig({
    architecture: { hidden_dims: [24, 16] },
    dataset: { name: 'Swissroll', n: 640, swissroll_noise: 1e-6 },
    experiment: { name: 'diag' },
    training_mode: {
      diagnostic_mode: diagnostic,
      compute_curvature: curvature,
      uniform_OOD_sampling_flag: curvature,
    },
    loss_settings: { lambda_unif: 5e-4, lambda_curv: curvature ? 0.05 : 0 },
    OOD_settings: curvature ? { n_OOD: 16 } : {},
    optimizer_settings: { lr: 5e-3, num_epochs: 2 },
    data_loader_settings: { batch_size: 64, random_shuffling: true, random_seed: 5 },
  });
}

describe('diagnostic mode in train()', () => {
  it('training_mode.diagnostic_mode is a boolean: other values are refused naming the key', () => {
    const yaml = readFileSync(join(import.meta.dirname, 'fixtures', 'MNIST_Setting_3_config.yaml'), 'utf8');
    const withValue = (v: string) => yaml.replace(/diagnostic_mode: False/, `diagnostic_mode: ${v}`);
    expect(yaml).toContain('diagnostic_mode: False');
    expect(parseConfig(withValue('true'), 'c.yaml').training_mode.diagnostic_mode).toBe(true);
    expect(parseConfig(yaml, 'c.yaml').training_mode.diagnostic_mode).toBe(false);
    expect(() => parseConfig(withValue('1'), 'c.yaml')).toThrow(
      'c.yaml: training_mode.diagnostic_mode: expected a boolean (true/false), got 1',
    );
  });

  it.each([
    ['without', false],
    ['with (uniform samples drawn from the trainer generator)', true],
  ])(
    'recording diagnostics %s the curvature term leaves the trained weights bit-identical',
    async (_, curv) => {
      const data = swiss();
      const plain = await runTraining({ config: swissConfig(false, curv), data, evaluateTrain: false });
      const diag = await runTraining({ config: swissConfig(true, curv), data, evaluateTrain: false });
      const a = plain.model.toTensors();
      const b = diag.model.toTensors();
      for (const k of Object.keys(a)) expect(b[k].data).toEqual(a[k].data);
      expect(diag.history).toEqual(plain.history);
      expect(plain.diagnostics).toEqual({});
      // One value per optimiser step (2 epochs × 8 batches) for every quantity.
      expect(Object.keys(diag.diagnostics)).toEqual([...DIAGNOSTIC_NAMES]);
      for (const k of DIAGNOSTIC_NAMES) {
        expect(diag.diagnostics[k]).toHaveLength(16);
        expect(diag.diagnostics[k].every(Number.isFinite)).toBe(true);
      }
      plain.model.dispose();
      diag.model.dispose();
    },
  );

  it.each([
    ['at the encodings (curvature not in the loss)', false],
    ['at uniform samples (curvature in the loss)', true],
  ])('the tensor count does not grow from batch to batch with diagnostics %s', async (_, curv) => {
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    for await (const e of train({ config: swissConfig(true, curv), data: swiss(), evaluateTrain: false })) {
      if (e.type === 'batch') {
        expect(e.diagnostics && Object.keys(e.diagnostics)).toEqual([...DIAGNOSTIC_NAMES]);
        counts.push(tf.memory().numTensors);
      }
      if (e.type === 'end') e.result.model.dispose();
    }
    expect(counts).toHaveLength(16);
    // Adam's moments exist from the first step on; afterwards the count is constant.
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(before);
  });
});
