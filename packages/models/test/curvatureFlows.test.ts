import { Adam, initBackend } from '@curv/core';
import { curvatureAndMetric, curvatureLoss } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { PotentialNet, perelmanF, perelmanW, TorusAE } from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

/** A 12×12 cell-centred grid on the torus [−π, π)². */
function torusGrid(m: number): tf.Tensor2D {
  const pts: number[][] = [];
  for (let i = 0; i < m; i++)
    for (let j = 0; j < m; j++)
      pts.push([-Math.PI + (2 * Math.PI * (i + 0.5)) / m, -Math.PI + (2 * Math.PI * (j + 0.5)) / m]);
  return tf.tensor2d(pts);
}

/**
 * Scale-free spread of the scalar curvature: the area-weighted standard deviation of R times the total area
 * ∫√det g dz (R·area is invariant under g ↦ c²g, so inflating the decoder cannot fake a flatter metric).
 * 0 exactly for constant curvature.
 */
function curvatureSpread(ae: TorusAE, grid: tf.Tensor2D, m: number): number {
  return tf.tidy(() => {
    const { R, g } = curvatureAndMetric(ae.decoder(), grid);
    const r = Array.from(R.dataSync());
    const gg = Array.from(g.dataSync());
    const w = Array.from(r, (_, i) => Math.sqrt(Math.max(gg[4 * i] * gg[4 * i + 3] - gg[4 * i + 1] ** 2, 0)));
    const W = w.reduce((a, b) => a + b, 0);
    const mean = r.reduce((s, v, i) => s + v * w[i], 0) / W;
    const sd = Math.sqrt(r.reduce((s, v, i) => s + w[i] * (v - mean) ** 2, 0) / W);
    return sd * W * ((2 * Math.PI) / m) ** 2;
  });
}

/** A torus decoder R² → R⁴ whose hidden weights are scaled up: a visibly bumpy surface. */
function bumpyTorusAE(): TorusAE {
  const ae = new TorusAE({ inputDim: 4, hidden: [16, 12], seed: 3 });
  const t = ae.toTensors();
  for (const k of ['fc4.weight', 'fc5.weight']) t[k].data = t[k].data.map((v) => 2.5 * v);
  ae.setTensors(t);
  return ae;
}

const grads = (vars: tf.Variable[], map: tf.NamedTensorMap) =>
  vars.map((v) => map[v.name] ?? tf.zerosLike(v));

/**
 * Train only the decoder on its curvature functional. ∫R²: plain descent on mean R²√det g. F and W: the
 * min–max game — the potential f takes `potentialSteps` Adam steps down F (or W) with the metric frozen, then
 * the decoder takes one step up. Monte-Carlo measure: `samples` fresh uniform points of the torus per step
 * (seeded), or one fixed set of points for every step.
 */
function flow(
  ae: TorusAE,
  functional: 'R2' | 'F' | 'W',
  steps: number,
  samples: 'fresh' | tf.Tensor2D,
): void {
  const dec = ae.decoderVariables();
  const pot = new PotentialNet({ hidden: 8, seed: 1 });
  const decOpt = new Adam(dec, { lr: functional === 'R2' ? 3e-3 : 1e-3 });
  const potOpt = new Adam(pot.variables(), { lr: 1e-2 });
  const value = (pts: tf.Tensor2D, R: tf.Tensor1D, g: tf.Tensor3D) => {
    const { f, grad } = pot.jet(pts);
    return functional === 'F'
      ? perelmanF({ R, g, f, gradF: grad })
      : perelmanW({ R, g, f, gradF: grad, tau: 1 });
  };
  for (let it = 0; it < steps; it++) {
    const pts =
      samples === 'fresh'
        ? (tf.randomUniform([144, 2], -Math.PI, Math.PI, 'float32', it + 1) as tf.Tensor2D)
        : samples;
    if (functional === 'R2') {
      tf.tidy(() =>
        decOpt.step(grads(dec, tf.variableGrads(() => curvatureLoss(ae.decoder(), pts), dec).grads)),
      );
    } else {
      const frozen = tf.tidy(() => ({ ...curvatureAndMetric(ae.decoder(), pts) }));
      for (let k = 0; k < 10; k++) {
        tf.tidy(() => {
          const r = tf.variableGrads(() => value(pts, frozen.R, frozen.g), pot.variables());
          potOpt.step(grads(pot.variables(), r.grads));
        });
      }
      tf.dispose([frozen.R, frozen.g]);
      tf.tidy(() => {
        const r = tf.variableGrads(() => {
          const { R, g } = curvatureAndMetric(ae.decoder(), pts);
          return tf.neg(value(pts, R, g));
        }, dec);
        decOpt.step(grads(dec, r.grads));
      });
    }
    if (samples === 'fresh') pts.dispose();
  }
  decOpt.dispose();
  potOpt.dispose();
  pot.dispose();
}

// Each run is 120 game steps: 10–50 s per test on a loaded 2-core machine, hence the long timeouts.
describe('curvature functionals move a bumpy decoder towards constant curvature', () => {
  const m = 12;

  for (const functional of ['R2', 'W'] as const) {
    it(`${functional} with fresh uniform torus samples cuts the scale-free spread of R at least fivefold`, () => {
      const grid = torusGrid(m);
      const ae = bumpyTorusAE();
      const before = curvatureSpread(ae, grid, m);
      const tensors = tf.memory().numTensors;
      flow(ae, functional, 120, 'fresh');
      expect(tf.memory().numTensors).toBe(tensors);
      const after = curvatureSpread(ae, grid, m);
      expect(before).toBeGreaterThan(1000);
      expect(after).toBeLessThan(before / 5);
      grid.dispose();
      ae.dispose();
    }, 300_000);
  }

  it('F with fresh uniform samples cuts the spread at least fivefold; on one fixed set of points it flattens less', () => {
    const grid = torusGrid(m);
    const freshAe = bumpyTorusAE();
    const before = curvatureSpread(freshAe, grid, m);
    const tensors = tf.memory().numTensors;
    flow(freshAe, 'F', 120, 'fresh');
    expect(tf.memory().numTensors).toBe(tensors);
    const fresh = curvatureSpread(freshAe, grid, m);
    expect(fresh).toBeLessThan(before / 5);
    // The fixed-sample game lets the decoder put curvature between the points: even measured on the very
    // points it was trained on, it leaves more spread.
    const fixedAe = bumpyTorusAE();
    flow(fixedAe, 'F', 120, grid);
    expect(fresh).toBeLessThan(curvatureSpread(fixedAe, grid, m));
    grid.dispose();
    fixedAe.dispose();
    freshAe.dispose();
  }, 600_000);
});
