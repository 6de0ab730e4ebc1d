import { Adam, CurvInputError, initBackend, Random } from '@curv/core';
import { bottleneckDistance, latentTopologicalLoss, ripsPersistence } from '@curv/topology';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  defaultConfig,
  type ExperimentConfig,
  LOSS_NAMES,
  parseConfig,
  resolveLoss,
  runTraining,
  stringifyConfig,
  TorusAE,
  TorusAELoss,
  TrainStep,
} from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

function config(loss: Partial<ExperimentConfig['loss_settings']> = {}): ExperimentConfig {
  return defaultConfig({
    architecture: { hidden_dims: [32, 16] },
    dataset: { name: 'Swissroll', n: 320, swissroll_noise: 1e-6 },
    experiment: { name: 'topo_test' },
    training_mode: { compute_curvature: false },
    loss_settings: { lambda_unif: 0, lambda_curv: 0, ...loss },
    optimizer_settings: { lr: 5e-3, num_epochs: 2 },
    data_loader_settings: { batch_size: 64, random_seed: 3 },
  });
}

/** The YAML of a valid config with `loss_settings.topo_weights` replaced by `value` (YAML text). */
function yamlWithWeights(value: string): string {
  const text = stringifyConfig(config());
  return text.replace(/topo_weights:\n(\s+- .*\n)+/, `topo_weights: ${value}\n`);
}

/** Three tight clusters in R⁴ at mutual distance 2 (48 points), deterministic. */
function clusters(): tf.Tensor2D {
  const rng = new Random(11);
  const centres = [
    [0, 0, 0, 0],
    [2, 0, 0, 0],
    [1, Math.sqrt(3), 0, 0],
  ];
  const rows: number[][] = [];
  for (let i = 0; i < 48; i++) rows.push(centres[i % 3].map((c) => c + rng.uniformIn(-0.03, 0.03)));
  return tf.tensor2d(rows);
}

function h0(p: ReturnType<typeof ripsPersistence>): [number, number][] {
  return Array.from(p.h0.deaths, (d) => [0, d] as [number, number]);
}

describe('topological regulariser: configuration', () => {
  it('defaults: λ_topo 0 (resolved topo null), weights [10, 10, 10, 10, 0, 0, 0], latent space', () => {
    const cfg = config();
    expect(cfg.loss_settings.lambda_topo).toBe(0);
    expect(cfg.loss_settings.topo_weights).toEqual([10, 10, 10, 10, 0, 0, 0]);
    expect(cfg.loss_settings.topo_space).toBe('latent');
    expect(resolveLoss(cfg).topo).toBeNull();
    expect(resolveLoss(config({ lambda_topo: 0.5, topo_weights: [0, 0, 0, 0, 0, 0, 0] })).topo).toBeNull();
    expect(
      resolveLoss(config({ lambda_topo: 0.5, topo_weights: [1, 0, 2, 0, 0, 0, 0], topo_space: 'decoded' }))
        .topo,
    ).toEqual({ weight: 0.5, weights: [1, 0, 2, 0, 0, 0, 0], space: 'decoded', dataScale: 1 });
    expect(resolveLoss(config({ lambda_topo: 2, topo_data_scale: 0.1 })).topo?.dataScale).toBe(0.1);
  });

  it('YAML topo keys parse (numeric strings such as PyYAML 1e-3 included) and round-trip', () => {
    const cfg = parseConfig(yamlWithWeights("[1, '1e-3', 0, 0, 0, 0, 2.5]"), 'x.yaml');
    expect(cfg.loss_settings.topo_weights).toEqual([1, 0.001, 0, 0, 0, 0, 2.5]);
  });

  it.each([
    ['[1, 1, 0, 0, 0, 0]', 'expected 7 numbers ≥ 0'],
    ['[1, 1, 0, 0, 0, 0, 0, 0]', 'expected 7 numbers ≥ 0'],
    ['[1, -1, 0, 0, 0, 0, 0]', 'expected 7 numbers ≥ 0'],
    ['[1, a, 0, 0, 0, 0, 0]', 'expected a list of numbers'],
    ['10', 'expected a list of numbers'],
  ])('topo_weights %s → one-line CurvInputError naming loss_settings.topo_weights', (value, what) => {
    let err: unknown;
    try {
      parseConfig(yamlWithWeights(value), 'bad.yaml');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(CurvInputError);
    const msg = (err as Error).message;
    expect(msg).not.toContain('\n');
    expect(msg.startsWith('bad.yaml: loss_settings.topo_weights: ')).toBe(true);
    expect(msg).toContain(what);
  });

  it('bad lambda_topo / topo_space name their key', () => {
    const text = stringifyConfig(config());
    expect(() => parseConfig(text.replace('lambda_topo: 0', 'lambda_topo: -1'), 'c.yaml')).toThrow(
      /^c\.yaml: loss_settings\.lambda_topo: expected a number ≥ 0/,
    );
    expect(() => parseConfig(text.replace('topo_space: latent', 'topo_space: data'), 'c.yaml')).toThrow(
      /^c\.yaml: loss_settings\.topo_space: expected one of "latent", "decoded"/,
    );
  });
});

describe('topological regulariser: loss term', () => {
  const weights = [1, 1, 1, 1, 0, 0, 0];

  it('the Topological term equals latentTopologicalLoss of the batch angles vs the batch; the total adds λ_topo times it', () => {
    const model = new TorusAE({ inputDim: 3, hidden: [32, 16], seed: 5 });
    const x = tf.tensor2d(
      Array.from({ length: 64 * 3 }, (_, i) => Math.sin(i * 1.7) * 2),
      [64, 3],
    );
    const plain = new TorusAELoss(model, resolveLoss(config()));
    const loss = new TorusAELoss(model, resolveLoss(config({ lambda_topo: 0.25, topo_weights: weights })));
    const rng = new Random(0);
    const p0 = plain.prepare(x, 0, rng);
    const p1 = loss.prepare(x, 0, rng);
    const t0 = plain.compute(x, p0).terms;
    const t1 = loss.compute(x, p1).terms;
    expect(t0[LOSS_NAMES.topological]).toBeUndefined();
    const got = t1[LOSS_NAMES.topological].dataSync()[0];
    const ref = latentTopologicalLoss(model.encoderToAngles(x), x, weights).dataSync()[0];
    expect(got).toBeGreaterThan(0);
    expect(Math.abs(got - ref)).toBeLessThan(1e-5 * Math.max(1, ref));
    // topo_data_scale s: the data distances times s, i.e. the data batch times s (the kernel term
    // depends on the target's scale; entropies are scale-free)
    const kernel = [0, 0, 0, 0, 1, 0, 0];
    const termWith = (scale: number) => {
      const l = new TorusAELoss(
        model,
        resolveLoss(config({ lambda_topo: 1, topo_weights: kernel, topo_data_scale: scale })),
      );
      return l.compute(x, l.prepare(x, 0, rng)).terms[LOSS_NAMES.topological].dataSync()[0];
    };
    const angles = model.encoderToAngles(x);
    const refScaled = latentTopologicalLoss(angles, tf.mul(x, 0.3), kernel).dataSync()[0];
    expect(Math.abs(termWith(0.3) - refScaled)).toBeLessThan(1e-4 * Math.max(1, Math.abs(refScaled)));
    expect(Math.abs(termWith(0.3) - termWith(1))).toBeGreaterThan(1e-3);
    const total = t1[LOSS_NAMES.total].dataSync()[0];
    expect(Math.abs(total - (t0[LOSS_NAMES.total].dataSync()[0] + 0.25 * got))).toBeLessThan(1e-5);
    // decoded space: the reconstructions (Euclidean) against the inputs
    const dec = new TorusAELoss(
      model,
      resolveLoss(config({ lambda_topo: 1, topo_weights: weights, topo_space: 'decoded' })),
    );
    const pd = dec.prepare(x, 0, rng);
    const gotDec = dec.compute(x, pd).terms[LOSS_NAMES.topological].dataSync()[0];
    const refDec = latentTopologicalLoss(model.forward(x).reconstruction, x, weights, {
      periodic: false,
    }).dataSync()[0];
    expect(Math.abs(gotDec - refDec)).toBeLessThan(1e-5 * Math.max(1, refDec));
    expect(Math.abs(gotDec - got)).toBeGreaterThan(1e-3);
    tf.dispose([x, ...Object.values(t0), ...Object.values(t1)]);
    model.dispose();
  });

  it('λ_topo > 0: a nonzero gradient reaches the encoder weights (latent) and the decoder weights (decoded); λ_topo 0: no term, plain gradient', () => {
    const model = new TorusAE({ inputDim: 3, hidden: [32, 16], seed: 6 });
    const x = tf.tensor2d(
      Array.from({ length: 48 * 3 }, (_, i) => Math.cos(i * 0.9) * 3),
      [48, 3],
    );
    const gradsOf = (cfg: ExperimentConfig, vars: tf.Variable[]) => {
      const loss = new TorusAELoss(model, resolveLoss(cfg));
      const prep = loss.prepare(x, 0, new Random(0));
      const { value, grads } = tf.variableGrads(() => loss.compute(x, prep).total, vars);
      value.dispose();
      const out = vars.map((v) => grads[v.name].dataSync() as Float32Array);
      tf.dispose(Object.values(grads));
      return out;
    };
    const diff = (a: Float32Array[], b: Float32Array[]) =>
      Math.max(...a.map((g, k) => Math.max(...g.map((v, i) => Math.abs(v - b[k][i])))));
    const enc = model.encoderVariables();
    const plain = gradsOf(config(), enc);
    const off = gradsOf(config({ lambda_topo: 0, topo_weights: weights }), enc);
    expect(diff(plain, off)).toBe(0);
    const on = gradsOf(config({ lambda_topo: 1, topo_weights: weights }), enc);
    expect(diff(plain, on)).toBeGreaterThan(1e-4);
    // latent space: the term does not depend on the decoder
    const decPlain = gradsOf(config(), model.decoderVariables());
    const decLatent = gradsOf(config({ lambda_topo: 1, topo_weights: weights }), model.decoderVariables());
    expect(diff(decPlain, decLatent)).toBeLessThan(1e-6);
    const decDecoded = gradsOf(
      config({ lambda_topo: 1, topo_weights: weights, topo_space: 'decoded' }),
      model.decoderVariables(),
    );
    expect(diff(decPlain, decDecoded)).toBeGreaterThan(1e-4);
    x.dispose();
    model.dispose();
  });

  it('training steps with the term do not leak tensors', () => {
    const model = new TorusAE({ inputDim: 3, hidden: [16, 8], seed: 2 });
    const x = tf.tensor2d(
      Array.from({ length: 32 * 3 }, (_, i) => Math.sin(i) * 2),
      [32, 3],
    );
    for (const space of ['latent', 'decoded'] as const) {
      const loss = new TorusAELoss(model, resolveLoss(config({ lambda_topo: 1, topo_space: space })));
      const opt = new Adam(model.variables(), { lr: 1e-3 });
      const step = new TrainStep(loss, model.variables(), opt);
      step.run(x, 0, new Random(0));
      const n0 = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) step.run(x, i, new Random(i));
      expect(tf.memory().numTensors).toBe(n0);
      opt.dispose?.();
    }
    x.dispose();
    model.dispose();
  });
});

describe('topological regulariser: training', () => {
  it('on three clusters, 80 steps with the bottleneck0 term bring the latent H0 diagram much closer to the data diagram than steps without it', () => {
    const x = clusters();
    const target = h0(ripsPersistence(x.arraySync()));
    const run = (lambdaTopo: number) => {
      const model = new TorusAE({ inputDim: 4, hidden: [32, 16], seed: 1 });
      const cfg = config({ lambda_topo: lambdaTopo, topo_weights: [1, 0, 0, 0, 0, 0, 0] });
      const opt = new Adam(model.variables(), { lr: 5e-3 });
      const step = new TrainStep(new TorusAELoss(model, resolveLoss(cfg)), model.variables(), opt);
      const before = bottleneckDistance(
        h0(ripsPersistence(model.encoderToAngles(x).arraySync(), { periodic: true })),
        target,
      ).distance;
      for (let i = 0; i < 80; i++) step.run(x, i, new Random(i));
      const angles = model.anglesOf(x.dataSync() as Float32Array);
      const after = bottleneckDistance(
        h0(ripsPersistence(angles, { dim: 2, periodic: true })),
        target,
      ).distance;
      model.dispose();
      return { before, after };
    };
    const without = run(0);
    const withTopo = run(1);
    // Same start (0.97: the two inter-cluster gaps of 2 against a cramped latent cloud). Without the
    // term 80 MSE steps leave 0.76; the bottleneck0 term (λ 1) brings it to 0.034.
    expect(withTopo.before).toBe(without.before);
    expect(without.after).toBeGreaterThan(0.5);
    expect(withTopo.after).toBeLessThan(0.1);
    x.dispose();
  });

  it('the trainer records the Topological term in the train and test loss histories', async () => {
    const r = await runTraining({ config: config({ lambda_topo: 0.1 }), evaluateTrain: false });
    expect(r.history[LOSS_NAMES.topological]).toHaveLength(r.history[LOSS_NAMES.mse].length);
    expect(r.history[LOSS_NAMES.topological].every((v) => Number.isFinite(v) && v >= 0)).toBe(true);
    expect(r.testHistory[LOSS_NAMES.topological]).toHaveLength(2);
    expect(r.results?.[`${LOSS_NAMES.topological} test`]).toBeGreaterThan(0);
    r.model.dispose();
  });
});
