import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricFn } from '../src/index.js';
import { metricGrid, schauderBasis, solveGeodesics } from '../src/index.js';
import { flatTorus, goldenDecoder, sphere, sphereMetric } from './fixtures.js';
import { init } from './setup.js';

let golden: ReturnType<typeof goldenDecoder>;
beforeAll(async () => {
  await init();
  golden = goldenDecoder();
});
afterAll(() => golden.dispose());

const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** Sphere point (latitude θ, longitude φ) → unit vector. */
const unit = ([th, ph]: number[]) => [Math.cos(th) * Math.cos(ph), Math.cos(th) * Math.sin(ph), Math.sin(th)];
const centralAngle = (p: number[], q: number[]) => {
  const [a, b] = [unit(p), unit(q)];
  return Math.acos(a[0] * b[0] + a[1] * b[1] + a[2] * b[2]);
};

describe('solveGeodesics', () => {
  it('solveGeodesics on the SPEC §8.4 network: energy 8.3906582038 → 7.1347050792 after 200 Adam steps (nMax 3, S 17), point s = 8', () => {
    const r = solveGeodesics({ decoder: golden.decoder }, [[-2, 1]], [[2.5, -1.5]], {
      nMax: 3,
      S: 17,
      steps: 200,
      lr: 0.01,
    });
    expect(rel(r.history.loss[0], 8.3906582038)).toBeLessThan(2e-6);
    expect(rel(r.baseEnergies[0], 8.3906582038)).toBeLessThan(2e-6);
    // float32 vs the float64 original: measured 2e-9 relative; 1e-6 is an honest float32 bound.
    expect(rel(r.energies[0], 7.1347050792)).toBeLessThan(1e-6);
    expect(r.history.loss[200]).toBeCloseTo(r.energies[0], 5);
    const p = r.curve(0)[8];
    expect(p[0]).toBeCloseTo(0.747679792809085, 5);
    expect(p[1]).toBeCloseTo(-0.18623374782370689, 5);
    expect(r.steps).toBe(200);
    expect(r.converged).toBe(false);
  });

  for (const mode of ['parity', 'clean'] as const) {
    it(`solveGeodesics on the unit sphere (${mode} basis) gives great-circle arcs: length = central angle within 1 %`, () => {
      const p = [
        [0.2, -1.0],
        [0.9, -1.2],
      ];
      const q = [
        [0.7, 1.3],
        [0.8, 1.5],
      ];
      const S = mode === 'parity' ? 100 : 129;
      const r = solveGeodesics({ decoder: sphere }, p, q, { nMax: 7, S, mode, steps: 500, lr: 0.01 });
      for (let i = 0; i < 2; i++) {
        const angle = centralAngle(p[i], q[i]);
        expect(rel(r.lengths[i], angle)).toBeLessThan(0.01);
        expect(r.baseLengths[i]).toBeGreaterThan(angle * 1.01); // the chart-straight segment is not a geodesic
        // every point lies on the great circle through the endpoints: n · x(s) ≈ 0
        const [a, b] = [unit(p[i]), unit(q[i])];
        const n = [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
        const nn = Math.hypot(...n);
        for (const z of r.curve(i)) {
          const x = unit(z);
          expect(Math.abs((n[0] * x[0] + n[1] * x[1] + n[2] * x[2]) / nn)).toBeLessThan(0.02);
        }
      }
    });
  }

  it('solveGeodesics({ metric }) with the analytic sphere metric and with a metricGrid gives the same great-circle length', () => {
    const p = [[0.2, -1.0]];
    const q = [[0.7, 1.3]];
    const angle = centralAngle(p[0], q[0]);
    const a = solveGeodesics({ metric: sphereMetric }, p, q, { nMax: 5, S: 33, mode: 'clean', steps: 400 });
    expect(rel(a.lengths[0], angle)).toBeLessThan(0.01);
    const grid = metricGrid(sphereMetric, { n: 64 });
    const g = solveGeodesics({ metric: grid }, p, q, { nMax: 5, S: 33, mode: 'clean', steps: 400 });
    grid.dispose();
    expect(rel(g.lengths[0], angle)).toBeLessThan(0.01);
    // the metric-mode curve is a great-circle arc when decoded
    const t = g.tensor();
    const decodedLength = tf.tidy(() => {
      const x = sphere(t.reshape([33, 2]) as tf.Tensor2D);
      const dx = tf.sub(x.slice([1, 0], [32, 3]), x.slice([0, 0], [32, 3]));
      return tf.sum(tf.sqrt(tf.sum(tf.square(dx), 1))).dataSync()[0];
    });
    t.dispose();
    expect(rel(decodedLength, angle)).toBeLessThan(0.01);
  });

  it('solveGeodesics on the flat torus relaxes a perturbed curve back to the straight line', () => {
    const basis = schauderBasis(4, 33, { mode: 'clean' });
    const init = new Float32Array(basis.columns * 2).map((_, i) => 0.3 * Math.sin(1.7 * i + 0.4));
    const r = solveGeodesics({ decoder: flatTorus }, [[-1, -0.5]], [[1.5, 1]], {
      basis,
      initialCoefficients: init,
      steps: 400,
    });
    expect(r.history.loss[0]).toBeGreaterThan(r.baseEnergies[0] * 1.2);
    const L = Math.hypot(2.5, 1.5);
    expect(rel(r.lengths[0], L)).toBeLessThan(1e-3);
    const curve = r.curve(0);
    const base = r.baseCurves;
    let maxDev = 0;
    for (let s = 0; s < 33; s++)
      maxDev = Math.max(maxDev, Math.hypot(curve[s][0] - base[2 * s], curve[s][1] - base[2 * s + 1]));
    expect(maxDev).toBeLessThan(0.02);
  });

  it("solveGeodesics(…, { base: 'periodic' }) on the flat torus takes the short way across the ±π seam", () => {
    const p = [[3, 0.2]];
    const q = [[-3, -0.1]];
    const per = solveGeodesics({ decoder: flatTorus }, p, q, {
      nMax: 4,
      S: 33,
      mode: 'clean',
      base: 'periodic',
      steps: 50,
    });
    const str = solveGeodesics({ decoder: flatTorus }, p, q, {
      nMax: 4,
      S: 33,
      mode: 'clean',
      base: 'straight',
      steps: 50,
    });
    const short = Math.hypot(2 * Math.PI - 6, 0.3);
    expect(rel(per.lengths[0], short)).toBeLessThan(1e-3);
    expect(per.curve(0)[0][0]).toBeCloseTo(3 - 2 * Math.PI, 4); // starts at the 2π-shifted image of p
    expect(per.curve(0)[32]).toEqual(q[0].map(Math.fround));
    // the straight base goes the long way (a longer, locally minimal geodesic: ‖(6, 0.3)‖ in the chart)
    expect(rel(str.lengths[0], Math.hypot(6, 0.3))).toBeLessThan(1e-2);
  });

  it('solveGeodesics with SGD on a convex case (constant metric) never increases the energy', () => {
    const A: MetricFn = (z) =>
      tf.tidy(() => tf.tile(tf.tensor3d([2, 0.5, 0.5, 1], [1, 2, 2]), [z.shape[0], 1, 1]) as tf.Tensor3D);
    const basis = schauderBasis(3, 17, { mode: 'clean' });
    const init = new Float32Array(basis.columns * 2 * 2).map((_, i) => Math.cos(2.3 * i));
    const r = solveGeodesics(
      { metric: A },
      [
        [0, 0],
        [1, -1],
      ],
      [
        [1, 1],
        [-1, 2],
      ],
      {
        basis,
        initialCoefficients: init,
        optimizer: 'sgd',
        lr: 0.02,
        steps: 150,
      },
    );
    // non-increasing up to float32 rounding of a sum of 16 terms (1e-6 relative)
    for (let k = 1; k < r.history.loss.length; k++) {
      expect(r.history.loss[k]).toBeLessThanOrEqual(r.history.loss[k - 1] * (1 + 1e-6));
    }
    expect(r.history.loss[150]).toBeLessThan(0.5 * r.history.loss[0]);
    // the minimum is the straight segment, with energy Δᵀ A Δ
    const E0 = 2 * 1 + 2 * 0.5 * 1 + 1; // Δ = (1, 1)
    expect(r.energies[0]).toBeGreaterThanOrEqual(E0 * (1 - 1e-5));
  });

  it('solveGeodesics stops early at a tolerance and records the gradient norm', () => {
    const r = solveGeodesics({ decoder: sphere }, [[0.1, -0.5]], [[0.4, 0.8]], {
      nMax: 4,
      S: 33,
      mode: 'clean',
      steps: 2000,
      tolerance: 1e-7,
    });
    expect(r.converged).toBe(true);
    expect(r.steps).toBeLessThan(2000);
    expect(r.history.gradNorm.length).toBe(r.steps);
    expect(r.history.loss.length).toBe(r.steps + 1);
    expect(r.history.gradNorm[r.steps - 1]).toBeLessThan(r.history.gradNorm[0]);
    const g = solveGeodesics({ metric: sphereMetric }, [[0.1, -0.5]], [[0.4, 0.8]], {
      nMax: 4,
      S: 33,
      mode: 'clean',
      optimizer: 'sgd',
      lr: 0.01,
      steps: 5000,
      gradTolerance: 1e-2,
    });
    expect(g.converged).toBe(true);
    expect(g.history.gradNorm[g.steps - 1]).toBeLessThanOrEqual(1e-2);
  });

  it("solveGeodesics objectives: 'sum' equals 'mean' for one pair; 'legacySingle' (no (S−1) factor, B21) reaches nearly the same curve", () => {
    const opts = { nMax: 3, S: 17, steps: 200 };
    const mean = solveGeodesics({ decoder: golden.decoder }, [[-2, 1]], [[2.5, -1.5]], opts);
    const sum = solveGeodesics({ decoder: golden.decoder }, [[-2, 1]], [[2.5, -1.5]], {
      ...opts,
      objective: 'sum',
    });
    const legacy = solveGeodesics({ decoder: golden.decoder }, [[-2, 1]], [[2.5, -1.5]], {
      ...opts,
      objective: 'legacySingle',
    });
    expect(sum.energies[0]).toBeCloseTo(mean.energies[0], 5);
    expect(legacy.history.loss[0]).toBeCloseTo(8.3906582038 / 16, 5);
    expect(legacy.history.loss[200]).toBeCloseTo(legacy.energies[0] / 16, 5);
    expect(Math.abs(legacy.energies[0] - 7.1347050792) / 7.1347050792).toBeLessThan(1e-3);
  });

  it('solveGeodesics({ maxPointsPerPass }) splits the batch into chunks with the same result', () => {
    const starts = [
      [-2, 1],
      [0.5, 0.5],
      [1, -2],
    ];
    const ends = [
      [2.5, -1.5],
      [-1, 2],
      [-0.5, 1],
    ];
    const opts = { nMax: 3, S: 17, steps: 50 };
    const whole = solveGeodesics({ decoder: golden.decoder }, starts, ends, opts);
    const split = solveGeodesics({ decoder: golden.decoder }, starts, ends, {
      ...opts,
      maxPointsPerPass: 20,
    });
    for (let i = 0; i < 3; i++) expect(split.energies[i]).toBeCloseTo(whole.energies[i], 4);
    for (let k = 0; k <= 50; k += 10) expect(split.history.loss[k]).toBeCloseTo(whole.history.loss[k], 4);
    expect(split.history.gradNorm[0]).toBeCloseTo(whole.history.gradNorm[0], 5);
  });

  it('solveGeodesics rejects bad input with CurvInputError', () => {
    // biome-ignore lint/suspicious/noExplicitAny: deliberately invalid
    expect(() => solveGeodesics({} as any, [[0, 0]], [[1, 1]])).toThrow(CurvInputError);
    const shooting = schauderBasis(3, 17, { variant: 'shooting' });
    expect(() => solveGeodesics({ decoder: sphere }, [[0, 0]], [[1, 1]], { basis: shooting })).toThrow(
      /zeroBoundary/,
    );
    expect(() =>
      solveGeodesics({ decoder: sphere }, [[0, 0]], [[1, 1]], {
        nMax: 3,
        S: 17,
        initialCoefficients: new Float32Array(3),
      }),
    ).toThrow(/initialCoefficients/);
    expect(() =>
      solveGeodesics(
        { decoder: sphere },
        [[0, 0]],
        [
          [1, 1],
          [2, 2],
        ],
      ),
    ).toThrow(CurvInputError);
  });

  it('solveGeodesics leaks no tensors (decoded and metric-grid modes)', () => {
    const grid = metricGrid(sphereMetric, { n: 16 });
    const before = tf.memory().numTensors;
    for (let i = 0; i < 2; i++) {
      solveGeodesics({ decoder: golden.decoder }, [[0, 0]], [[1, 1]], { nMax: 3, S: 17, steps: 3 });
      solveGeodesics({ metric: grid.metric }, [[0, 0]], [[1, 1]], {
        nMax: 3,
        S: 17,
        steps: 3,
        optimizer: 'sgd',
      });
    }
    expect(tf.memory().numTensors).toBe(before);
    grid.dispose();
  });
});
