import { initBackend, Random } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  curvatureTerm,
  defaultConfig,
  diagnosticMetrics,
  equidistributionLoss,
  OodExtremes,
  PotentialNet,
  perelmanF,
  perelmanW,
  resolveLoss,
  TorusAELoss,
} from '../src/index.js';
import { GOLDEN, goldenInputs, goldenModel } from './golden.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

const enc = (phi: number[][]) => tf.tensor2d(phi.map((p) => [...p.map(Math.cos), ...p.map(Math.sin)]));

describe('equidistributionLoss', () => {
  it('equidistributionLoss vanishes on an equispaced torus grid (all penalised moments are zero)', () => {
    const phi: number[][] = [];
    for (let i = 0; i < 12; i++)
      for (let j = 0; j < 12; j++) phi.push([(2 * Math.PI * i) / 12 + 0.1, (2 * Math.PI * j) / 12 - 0.3]);
    expect(equidistributionLoss(enc(phi), 4).dataSync()[0]).toBeLessThan(1e-10);
  });

  it('equidistributionLoss(4) = Σ_dims m(cos φ)² + m(sin φ)² + m(cos 2φ)² + m(sin 2φ)² + m(sin 3φ)² + m(sin 4φ)² + m(cos 4φ)² + m(cos 5φ)²', () => {
    const rng = new Random(5);
    const phi = Array.from({ length: 40 }, () => [rng.uniformIn(-1, 2), rng.uniformIn(-3, 0)]);
    const m = (f: (t: number) => number, j: number) => phi.reduce((s, p) => s + f(p[j]), 0) / phi.length;
    const fs = [
      Math.cos,
      Math.sin,
      (t: number) => Math.cos(2 * t),
      (t: number) => Math.sin(2 * t),
      (t: number) => Math.sin(3 * t),
      (t: number) => Math.sin(4 * t),
      (t: number) => Math.cos(4 * t),
      (t: number) => Math.cos(5 * t),
    ];
    let expected = 0;
    for (let j = 0; j < 2; j++) for (const f of fs) expected += m(f, j) ** 2;
    const got = equidistributionLoss(enc(phi), 4).dataSync()[0];
    expect(Math.abs(got - expected) / expected).toBeLessThan(1e-5);
    // with 2 moments only the first four trigonometric moments remain
    let e2 = 0;
    for (let j = 0; j < 2; j++) for (const f of fs.slice(0, 4)) e2 += m(f, j) ** 2;
    expect(Math.abs(equidistributionLoss(enc(phi), 2).dataSync()[0] - e2) / e2).toBeLessThan(1e-5);
  });
});

describe('PotentialNet and Perelman functionals', () => {
  it('PotentialNet.jet gives f and ∇f matching central differences, and f is 2π-periodic', () => {
    const pot = new PotentialNet({ hidden: 8, seed: 3 });
    const z = tf.tensor2d([
      [0.3, -1.0],
      [2.5, 0.7],
    ]);
    const { f, grad } = pot.jet(z);
    const h = 1e-2;
    const fv = f.dataSync();
    const gv = grad.dataSync();
    const at = (p: number[]) => pot.jet(tf.tensor2d([p])).f.dataSync()[0];
    const pts = [
      [0.3, -1.0],
      [2.5, 0.7],
    ];
    pts.forEach((p, i) => {
      expect(at([p[0] + 2 * Math.PI, p[1] - 2 * Math.PI])).toBeCloseTo(fv[i], 4);
      for (let m = 0; m < 2; m++) {
        const plus = [...p];
        const minus = [...p];
        plus[m] += h;
        minus[m] -= h;
        expect(gv[2 * i + m]).toBeCloseTo((at(plus) - at(minus)) / (2 * h), 3);
      }
    });
    pot.dispose();
  });

  const inputs = (R: number[], g: number[][], f: number[], gradF: number[][]) => ({
    R: tf.tensor1d(R),
    g: tf.tensor3d(g.map((m) => [m.slice(0, 2), m.slice(2)])),
    f: tf.tensor1d(f),
    gradF: tf.tensor2d(gradF),
  });

  it('perelmanF = Σ e^{-f}√det g (R + ∇fᵀg⁻¹∇f) / Σ e^{-f}√det g and is invariant under f → f + c', () => {
    const R = [1.5, -2, 0.3];
    const g = [
      [2, 0.5, 0.5, 1],
      [1, 0, 0, 3],
      [0.7, -0.2, -0.2, 0.4],
    ];
    const f = [0.1, -0.4, 0.9];
    const df = [
      [0.3, -0.2],
      [1.0, 0.5],
      [-0.6, 0.1],
    ];
    let num = 0;
    let den = 0;
    for (let p = 0; p < 3; p++) {
      const [a, b, , c] = g[p];
      const det = a * c - b * b;
      const q = (c * df[p][0] ** 2 - 2 * b * df[p][0] * df[p][1] + a * df[p][1] ** 2) / det;
      const u = Math.exp(-f[p]) * Math.sqrt(det);
      num += u * (R[p] + q);
      den += u;
    }
    const F = perelmanF(inputs(R, g, f, df)).dataSync()[0];
    expect(F).toBeCloseTo(num / den, 5);
    const F2 = perelmanF(
      inputs(
        R,
        g,
        f.map((v) => v + 7),
        df,
      ),
    ).dataSync()[0];
    expect(F2).toBeCloseTo(F, 5);
  });

  it('perelmanW of the flat torus with constant f is log(π/τ) − 2 (normalised measure)', () => {
    for (const tau of [0.5, 1, 3]) {
      const W = perelmanW({
        ...inputs([0, 0, 0, 0], Array(4).fill([1, 0, 0, 1]), [2, 2, 2, 2], Array(4).fill([0, 0])),
        tau,
      }).dataSync()[0];
      expect(W).toBeCloseTo(Math.log(Math.PI / tau) - 2, 5);
    }
  });

  it('perelmanW adds τ·(R + |∇f|²) to the entropy term', () => {
    const base = inputs(
      [0, 0],
      [
        [1, 0, 0, 1],
        [1, 0, 0, 1],
      ],
      [0, 0],
      [
        [0, 0],
        [0, 0],
      ],
    );
    const curved = inputs(
      [0.5, 0.5],
      [
        [1, 0, 0, 1],
        [1, 0, 0, 1],
      ],
      [0, 0],
      [
        [0, 0],
        [0, 0],
      ],
    );
    const w0 = perelmanW({ ...base, tau: 2 }).dataSync()[0];
    const w1 = perelmanW({ ...curved, tau: 2 }).dataSync()[0];
    expect(w1 - w0).toBeCloseTo(2 * 0.5, 5);
  });
});

describe('OodExtremes', () => {
  const params = { N_extr: 3, n_ood: 4, sigma_ood: 0.1, r_ood: 0.5, T_ood: 2, start_ood: 2, OOD_w: 1 };

  it('update keeps the ⌊N/2⌋ most negative and ⌈N/2⌉ most positive R, then decays by e^{−r}', () => {
    const o = new OodExtremes(params, 2);
    o.reset(new Float32Array([0, 0, 1, 1, 2, 2, 9, 9]), new Float32Array([0.5, -1, 2, 7]));
    expect(Array.from(o.values)).toEqual([0.5, -1, 2]);
    o.update(new Float32Array([5, 5, 6, 6]), new Float32Array([-3, 4]));
    // merged R: -3, 4, 0.5, -1, 2 → keep lowest 1 (-3) and highest 2 (2, 4)
    const d = Math.exp(-0.5);
    expect(Array.from(o.values)).toEqual([-3, 2, 4].map((v) => Math.fround(v * d)));
    expect(Array.from(o.points)).toEqual([5, 5, 2, 2, 6, 6]);
    expect(o.active(0)).toBe(false);
    expect(o.active(2)).toBe(true);
    expect(o.active(3)).toBe(false);
  });

  it('sample repeats every extreme point n_ood times with noise of standard deviation σ (B11)', () => {
    const o = new OodExtremes({ ...params, N_extr: 2, n_ood: 2000, sigma_ood: 0.3 }, 2);
    o.reset(new Float32Array([1, -1, 0, 2]), new Float32Array([1, 2]));
    const s = o.sample(new Random(0)).arraySync();
    expect(s.length).toBe(4000);
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < 2000; i++) {
      sum += s[i][0] - 1;
      sq += (s[i][0] - 1) ** 2;
    }
    expect(Math.abs(sum / 2000)).toBeLessThan(0.03);
    expect(Math.sqrt(sq / 2000)).toBeGreaterThan(0.28);
    expect(Math.sqrt(sq / 2000)).toBeLessThan(0.32);
  });
});

describe('TorusAELoss and diagnostics', () => {
  it('diagnosticMetrics on the golden fixture reproduces L_curv, det g, encoder norms and the contractive loss', () => {
    const ae = goldenModel();
    const x = tf.tensor2d(goldenInputs(), [4, 5]);
    const phi = ae.encoderToAngles(x);
    const m = diagnosticMetrics(ae, x, phi, { curvature: true, route: 'gauss', delta: 0.5 });
    expect(m.Curvature / GOLDEN.curvLoss).toBeCloseTo(1, 3);
    expect(m.g_det_mean / (GOLDEN.detG.reduce((a, b) => a + b) / 4)).toBeCloseTo(1, 4);
    expect(m.g_det_min / Math.min(...GOLDEN.detG)).toBeCloseTo(1, 4);
    expect(m.encoder_jac_norm_max / Math.max(...GOLDEN.encoderNorms)).toBeCloseTo(1, 5);
    expect(m.Contractive / GOLDEN.contractive05).toBeCloseTo(1, 4);
    expect(m.curv_squared_max / Math.max(...GOLDEN.R.map((r) => r * r))).toBeCloseTo(1, 3);
    // tr g and the Frobenius norm of g⁻¹ at point 0 follow from g
    const [a, b, , c] = GOLDEN.g0;
    expect(m.decoder_jac_norm_max).toBeGreaterThanOrEqual(a + c - 1e-6);
    expect(m.g_inv_norm_max).toBeGreaterThanOrEqual(
      Math.sqrt(a * a + 2 * b * b + c * c) / (a * c - b * b) - 1e-3,
    );
    const off = diagnosticMetrics(ae, x, phi, { curvature: false });
    expect(off.Curvature).toBeUndefined();
    expect(off.g_det_mean).toBeCloseTo(m.g_det_mean, 6);
    ae.dispose();
  });

  it('TorusAELoss evaluates curvature on the first curvature_points encodings and weights the terms', () => {
    const ae = goldenModel();
    const cfg = defaultConfig({
      architecture: { input_dim: 5, hidden_dims: [7, 6] },
      dataset: { name: 'Synthetic', k: 1, n: 4, D: 5, d: 2 },
      training_mode: { compute_curvature: true, compute_contractive_loss: true },
      loss_settings: {
        lambda_unif: 0.5,
        lambda_curv: 0.1,
        lambda_contractive: 2,
        delta_encoder: 0.5,
        curvature_points: 2,
      },
    });
    const loss = new TorusAELoss(ae, resolveLoss(cfg));
    const x = tf.tensor2d(goldenInputs(), [4, 5]);
    const prep = loss.prepare(x, 0, new Random(0));
    expect(prep.curvaturePoints).toBeUndefined(); // encodings come from the forward pass
    const { total, terms } = loss.compute(x, prep);
    const v = Object.fromEntries(Object.entries(terms).map(([k, t]) => [k, t.dataSync()[0]]));
    expect(v.MSE).toBeCloseTo(GOLDEN.mse, 5);
    expect(v.Equidistribution).toBeCloseTo(GOLDEN.equi[4], 4);
    expect(v.Contractive).toBeCloseTo(GOLDEN.contractive05, 5);
    const r2 = GOLDEN.R.slice(0, 2).map((r, i) => r * r * Math.sqrt(GOLDEN.detG[i]));
    expect(v.Curvature / ((r2[0] + r2[1]) / 2)).toBeCloseTo(1, 3);
    expect(total.dataSync()[0]).toBeCloseTo(
      v.MSE + 0.5 * v.Equidistribution + 2 * v.Contractive + 0.1 * v.Curvature,
      4,
    );
    prep.dispose();
    ae.dispose();
  });

  it("TorusAELoss with curvature_computation_mode 'fd' returns the finite-difference loss (B3) and 'jacfwd' + eps uses the intrinsic route", () => {
    const ae = goldenModel();
    const base = {
      architecture: { input_dim: 5, hidden_dims: [7, 6] as [number, number] },
      dataset: { name: 'Synthetic' as const, k: 1, n: 4, D: 5, d: 2 },
    };
    const x = tf.tensor2d(goldenInputs(), [4, 5]);
    const value = (mode: 'fd' | 'jacfwd', eps: number) => {
      const cfg = defaultConfig({
        ...base,
        training_mode: { compute_curvature: true, curvature_computation_mode: mode },
        loss_settings: { eps },
      });
      const loss = new TorusAELoss(ae, resolveLoss(cfg));
      const prep = loss.prepare(x, 0, new Random(0));
      const v = loss.compute(x, prep).terms.Curvature.dataSync()[0];
      prep.dispose();
      return { v, route: loss.route };
    };
    const fd = value('fd', 0);
    expect(fd.route).toBe('fd');
    expect(Math.abs(fd.v - GOLDEN.fdLoss) / GOLDEN.fdLoss).toBeLessThan(1e-2);
    const eps = value('jacfwd', 0.1);
    expect(eps.route).toBe('intrinsic');
    expect(Math.abs(eps.v - GOLDEN.curvLossEps01) / GOLDEN.curvLossEps01).toBeLessThan(2e-4);
    expect(value('jacfwd', 0).route).toBe('gauss');
    ae.dispose();
  });

  it('TorusAELoss.prepare + compute inside tidy do not leak tensors (R2 and Perelman F)', () => {
    for (const fn of ['R2', 'F'] as const) {
      const ae = goldenModel();
      const cfg = defaultConfig({
        architecture: { input_dim: 5, hidden_dims: [7, 6] },
        dataset: { name: 'Synthetic', k: 1, n: 4, D: 5, d: 2 },
        training_mode: { compute_curvature: true },
        loss_settings: { curvature_functional: fn },
      });
      const pot = fn === 'F' ? new PotentialNet({ hidden: 4 }) : undefined;
      const loss = new TorusAELoss(ae, resolveLoss(cfg), pot);
      const x = tf.tensor2d(goldenInputs(), [4, 5]);
      const run = () =>
        tf.tidy(() => {
          const prep = loss.prepare(x, 0, new Random(0));
          const { total } = loss.compute(x, prep);
          prep.dispose();
          return total.dataSync()[0];
        });
      const first = run();
      const n0 = tf.memory().numTensors;
      for (let i = 0; i < 3; i++) expect(run()).toBe(first);
      expect(tf.memory().numTensors).toBe(n0);
      x.dispose();
      pot?.dispose();
      ae.dispose();
    }
  });

  it('TorusAELoss curvature term is detached from the encoder (gradient only into fc4–fc6)', () => {
    const ae = goldenModel();
    const cfg = defaultConfig({
      architecture: { input_dim: 5, hidden_dims: [7, 6] },
      dataset: { name: 'Synthetic', k: 1, n: 4, D: 5, d: 2 },
      training_mode: { compute_curvature: true },
      loss_settings: { lambda_recon: 0, lambda_unif: 0, lambda_curv: 1 },
    });
    const loss = new TorusAELoss(ae, resolveLoss(cfg));
    const x = tf.tensor2d(goldenInputs(), [4, 5]);
    const prep = loss.prepare(x, 0, new Random(0));
    const { grads } = tf.variableGrads(() => loss.compute(x, prep).total, ae.variables());
    const sq = (v: tf.Variable) => (grads[v.name] ? tf.sum(tf.square(grads[v.name])).dataSync()[0] : 0);
    for (const v of ae.encoderVariables()) expect(sq(v)).toBe(0);
    expect(ae.decoderVariables().reduce((s, v) => s + sq(v), 0)).toBeGreaterThan(0);
    ae.dispose();
  });

  it('curvatureTerm gradient reaches only the decoder weights', () => {
    const ae = goldenModel();
    const phi = ae.encoderToAngles(tf.tensor2d(goldenInputs(), [4, 5]));
    const { grads } = tf.variableGrads(() => curvatureTerm(ae.decoder(), phi), ae.decoderVariables());
    const norm = Object.values(grads).reduce((s, g) => s + tf.sum(tf.square(g)).dataSync()[0], 0);
    expect(norm).toBeGreaterThan(0);
    expect(Number.isFinite(norm)).toBe(true);
    ae.dispose();
  });
});
