import { initBackend, Random } from '@curv/core';
import type { SequentialDecoder } from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { ExpectedMetric, metricEigen, RbfPrecision, randomWalk, rbfBandwidths } from '../src/index.js';
import type { RiemannianMetric } from '../src/riemannianMetric.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

/** μ(z) = A z + b as a one-layer network (kernel = Aᵀ, [d, D]). */
function linearMean(A: number[][], b: number[]): SequentialDecoder {
  const D = A.length;
  const d = A[0].length;
  const kernel = tf.tensor2d(
    Array.from({ length: d * D }, (_, k) => A[k % D][Math.floor(k / D)]),
    [d, D],
  );
  return { latentDim: d, layers: [{ kind: 'dense', kernel, bias: tf.tensor1d(b) }] };
}

/** A small random tanh network R² → R^D (for derivative checks). */
function tanhMean(D: number, seed: number): SequentialDecoder {
  const rng = new Random(seed);
  const dense = (i: number, o: number) => ({
    kind: 'dense' as const,
    kernel: tf.tensor2d(rng.normalArray(i * o, 0, 1 / Math.sqrt(i)), [i, o]),
    bias: tf.tensor1d(rng.normalArray(o, 0, 0.3)),
  });
  return {
    latentDim: 2,
    layers: [
      dense(2, 8),
      { kind: 'activation', fn: 'tanh' },
      dense(8, 6),
      { kind: 'activation', fn: 'tanh' },
      dense(6, D),
    ],
  };
}

function at(m: RiemannianMetric, pts: number[][]): Float32Array {
  const z = tf.tensor2d(pts);
  const g = m.metricMatrix(z);
  const out = g.dataSync() as Float32Array;
  tf.dispose([z, g]);
  return out;
}

describe('ExpectedMetric', () => {
  it('linear mean μ = Az + b with constant σ gives M = AᵀA (√det = 6 for A = diag(2, 3)) and ∂M = 0', () => {
    const metric = new ExpectedMetric(
      linearMean(
        [
          [2, 0],
          [0, 3],
        ],
        [0.5, -1],
      ),
      null,
    );
    const g = at(metric, [
      [0.3, -0.7],
      [5, 2],
    ]);
    expect(Array.from(g.subarray(0, 4))).toEqual([4, 0, 0, 9]);
    const m = metric.measureAt([0.3, -0.7, 5, 2]);
    expect(m[0]).toBeCloseTo(6, 5);
    expect(m[1]).toBeCloseTo(6, 5);
    const A = [
      [1, 2],
      [-1, 0.5],
      [0.3, 4],
    ];
    const g3 = at(new ExpectedMetric(linearMean(A, [0, 0, 0]), null), [[0.1, 0.2]]);
    const AtA = [0, 1].flatMap((i) => [0, 1].map((j) => A.reduce((s, r) => s + r[i] * r[j], 0)));
    for (let k = 0; k < 4; k++) expect(g3[k]).toBeCloseTo(AtA[k], 4);
    const dM = metric.metricDerivative(tf.tensor2d([[0.3, -0.7]]));
    expect(Math.max(...Array.from(dM.dataSync(), Math.abs))).toBe(0);
    dM.dispose();
  });

  it('measure stays accurate for a nearly singular M: A = [[1, 1], [1, 1.001]] gives √det AᵀA = 1e-3 to 1 %', () => {
    const metric = new ExpectedMetric(
      linearMean(
        [
          [1, 1],
          [1, 1.001],
        ],
        [0, 0],
      ),
      null,
    );
    const m = metric.measureAt([0.2, 0.3]);
    expect(Math.abs(m[0] - 1e-3) / 1e-3).toBeLessThan(0.01);
  });

  it('metricFactor F (the stacked Jacobian √s·[J_μ; J_σ]) gives F Fᵀ = M, also for a z-independent μ jet', () => {
    const rbf = new RbfPrecision([0, 0, 1, 1], [1.5, 2], 3, { zeta: 0.2, seed: 2 });
    const pts = [
      [0.3, -0.2],
      [1.1, 0.8],
      [-0.5, 0.4],
    ];
    for (const metric of [
      new ExpectedMetric(tanhMean(3, 4), rbf).scaled(2.5),
      new ExpectedMetric(
        linearMean(
          [
            [1, 2],
            [0.5, -1],
            [3, 0],
          ],
          [0, 0, 0],
        ),
        rbf,
      ),
    ]) {
      const before = tf.memory().numTensors;
      const z = tf.tensor2d(pts);
      const F = metric.metricFactor(z);
      expect(F.shape).toEqual([3, 2, 6]);
      const FFt = tf.matMul(F, F, false, true);
      const M = metric.metricMatrix(z);
      const a = FFt.dataSync();
      const b = M.dataSync();
      for (let k = 0; k < a.length; k++)
        expect(Math.abs(a[k] - b[k])).toBeLessThan(1e-5 * Math.max(1, Math.abs(b[k])));
      tf.dispose([z, F, FFt, M]);
      expect(tf.memory().numTensors).toBe(before);
    }
    rbf.dispose();
  });

  it('nearly singular M from A = [[1, 1], [1, 1.001]]: metricEigen gives λ_max·λ_min = det AᵀA to 1e-4 (float32 M does not)', () => {
    const a11 = Math.fround(1.001);
    const metric = new ExpectedMetric(
      linearMean(
        [
          [1, 1],
          [1, a11],
        ],
        [0, 0],
      ),
      null,
    );
    const det = (a11 - 1) ** 2; // det AᵀA = (det A)², exact from the float32 entries
    const e = metricEigen(metric, [0.2, 0.3], 1);
    expect(Math.abs((e.values[0] * e.values[1]) / det - 1)).toBeLessThan(1e-4);
    const plain = metricEigen({ dim: 2, metricMatrix: (z) => metric.metricMatrix(z) }, [0.2, 0.3], 1);
    expect(Math.abs((plain.values[0] * plain.values[1]) / det - 1)).toBeGreaterThan(0.01);
  });

  it('one RBF (D = 1): J_σ = γw(z − c)e^{−γ‖z−c‖²}β^{−3/2}, J_σ(c) = 0, and M = J_σᵀJ_σ; checked by finite differences', () => {
    const c = [0.2, -0.1];
    const gamma = 3;
    const w = 2;
    const zeta = 0.05;
    const rbf = new RbfPrecision(c, [gamma], 1, { zeta, weight: Float32Array.of(w) });
    const sigmaAt = (z: number[]) => {
      const r2 = (z[0] - c[0]) ** 2 + (z[1] - c[1]) ** 2;
      return (w * Math.exp(-gamma * r2) + zeta) ** -0.5;
    };
    const z = [0.5, 0.3];
    const r2 = (z[0] - c[0]) ** 2 + (z[1] - c[1]) ** 2;
    const beta = w * Math.exp(-gamma * r2) + zeta;
    const closed = [0, 1].map((i) => gamma * w * (z[i] - c[i]) * Math.exp(-gamma * r2) * beta ** -1.5);
    const h = 1e-4;
    const fd = [0, 1].map((i) => {
      const zp = [...z];
      const zm = [...z];
      zp[i] += h;
      zm[i] -= h;
      return (sigmaAt(zp) - sigmaAt(zm)) / (2 * h);
    });
    const jet = tf.tidy(() => {
      const j = rbf.sigmaJet(tf.tensor2d([z, c]), 2);
      return [...j.first, ...j.second].map((t) => Array.from(t.dataSync()));
    });
    for (let i = 0; i < 2; i++) {
      expect(jet[i][0]).toBeCloseTo(closed[i], 5);
      expect(jet[i][0]).toBeCloseTo(fd[i], 4);
      expect(Math.abs(jet[i][1])).toBeLessThan(1e-7); // J_σ(c) = 0
    }
    // Second derivatives against finite differences of the closed-form σ.
    const pairs: [number, number][] = [
      [0, 0],
      [0, 1],
      [1, 1],
    ];
    pairs.forEach(([i, j], p) => {
      const e = (k: number, s: number) => (k === i ? s : 0);
      const f = (si: number, sj: number) => {
        const q = [...z];
        q[i] += si * h * 10;
        q[j] += sj * h * 10;
        return sigmaAt(q);
      };
      const fdij =
        i === j
          ? (sigmaAt(z.map((v, k) => v + e(k, 1e-3))) -
              2 * sigmaAt(z) +
              sigmaAt(z.map((v, k) => v + e(k, -1e-3)))) /
            1e-6
          : (f(1, 1) - f(1, -1) - f(-1, 1) + f(-1, -1)) / (4 * (h * 10) ** 2);
      expect(Math.abs(jet[2 + p][0] - fdij)).toBeLessThan(2e-3 * Math.max(1, Math.abs(fdij)));
    });
    const zeroMean = linearMean([[0, 0]], [0]);
    const g = at(new ExpectedMetric(zeroMean, rbf), [z]);
    expect(g[0]).toBeCloseTo(closed[0] ** 2, 5);
    expect(g[1]).toBeCloseTo(closed[0] * closed[1], 5);
    expect(g[3]).toBeCloseTo(closed[1] ** 2, 5);
    rbf.dispose();
  });

  it('metricDerivative agrees with central differences of metricMatrix (tanh mean + RBF σ), float32 tolerance', () => {
    const rng = new Random(3);
    const K = 5;
    const D = 4;
    const rbf = new RbfPrecision(rng.normalArray(K * 2, 0, 0.5), Array(K).fill(2), D, { zeta: 0.1, seed: 1 });
    const metric = new ExpectedMetric(tanhMean(D, 7), rbf);
    const z = [
      [0.1, 0.4],
      [-0.5, 0.2],
      [0.7, -0.6],
    ];
    const before = tf.memory().numTensors;
    const dM = metric.metricDerivative(tf.tensor2d(z));
    const an = dM.dataSync();
    dM.dispose();
    const h = 1e-2;
    let worst = 0;
    let scale = 0;
    for (let k = 0; k < 2; k++) {
      const plus = at(
        metric,
        z.map((p) => p.map((v, c) => (c === k ? v + h : v))),
      );
      const minus = at(
        metric,
        z.map((p) => p.map((v, c) => (c === k ? v - h : v))),
      );
      for (let b = 0; b < 3; b++) {
        for (let e = 0; e < 4; e++) {
          const fd = (plus[b * 4 + e] - minus[b * 4 + e]) / (2 * h);
          const a = an[b * 8 + k * 4 + e];
          worst = Math.max(worst, Math.abs(fd - a));
          scale = Math.max(scale, Math.abs(a));
        }
      }
    }
    expect(scale).toBeGreaterThan(0.05);
    expect(worst / scale).toBeLessThan(2e-3);
    expect(tf.memory().numTensors).toBeLessThanOrEqual(before + 1);
    rbf.dispose();
  });

  it('metricMatrix is differentiable w.r.t. z: tf.grad of Σ M agrees with Σ ∂M', () => {
    const rbf = new RbfPrecision([0, 0, 1, 1], [1.5, 2], 3, { zeta: 0.2, seed: 2 });
    const metric = new ExpectedMetric(tanhMean(3, 1), rbf);
    const z = tf.tensor2d([[0.3, 0.6]]);
    const g = tf.grad((x: tf.Tensor) => tf.sum(metric.metricMatrix(x as tf.Tensor2D)))(z);
    const dM = metric.metricDerivative(z);
    const viaDerivative = tf.sum(dM, [2, 3]);
    const a = g.dataSync();
    const b = viaDerivative.dataSync();
    for (let k = 0; k < 2; k++) expect(a[k]).toBeCloseTo(b[k], 3);
    tf.dispose([z, g, dM, viaDerivative]);
    rbf.dispose();
  });

  it('rescaled(points): the largest measure on the points is exactly 1 (float32)', () => {
    const rbf = new RbfPrecision([0, 0, 1, 1], [1.5, 2], 3, { zeta: 0.2, seed: 2 });
    const metric = new ExpectedMetric(tanhMean(3, 1), rbf);
    const pts = new Random(5).normalArray(200, 0, 1);
    const before = metric.measureAt(pts);
    const r = metric.rescaled(pts);
    const after = r.measureAt(pts);
    expect(Math.max(...before)).not.toBeCloseTo(1, 2);
    expect(Math.abs(Math.max(...after) - 1)).toBeLessThan(1e-5);
    // The measure scales by s^{d/2}: ratios between points are unchanged.
    expect(after[3] / after[7]).toBeCloseTo(before[3] / before[7], 4);
    rbf.dispose();
  });
});

describe('rbfBandwidths', () => {
  it('a cluster with per-axis variances (0.04, 0.09) and a = 1.25 gives σ = 0.25, γ = 8', () => {
    const c = [1, -2];
    const pts = [
      [0.2, 0.3],
      [-0.2, 0.3],
      [0.2, -0.3],
      [-0.2, -0.3],
    ].flatMap(([x, y]) => [c[0] + x, c[1] + y]);
    const { sigma, gamma } = rbfBandwidths(pts, 2, c, [0, 0, 0, 0], 1.25);
    expect(sigma[0]).toBeCloseTo(0.25, 12);
    expect(gamma[0]).toBeCloseTo(8, 10);
  });
});

describe('randomWalk', () => {
  it('with M = s²I every step is stepSize·ε/s (same ε stream as Random(seed).normal())', () => {
    const s = 4;
    const metric: RiemannianMetric = {
      dim: 2,
      metricMatrix: (z) =>
        tf.tidy(() => tf.mul(tf.eye(2).expandDims(0), tf.ones([z.shape[0], 1, 1]).mul(s * s))) as tf.Tensor3D,
    };
    const before = tf.memory().numTensors;
    const walk = randomWalk(metric, [0.5, -1], { steps: 50, stepSize: 0.2, seed: 11 });
    const eucl = randomWalk(metric, [0.5, -1], { steps: 50, stepSize: 0.2, seed: 11, kind: 'euclidean' });
    const rng = new Random(11);
    for (let t = 1; t <= 50; t++) {
      for (let i = 0; i < 2; i++) {
        const eps = rng.normal();
        expect(walk[2 * t + i] - walk[2 * (t - 1) + i]).toBeCloseTo((0.2 * eps) / s, 6);
        expect(eucl[2 * t + i] - eucl[2 * (t - 1) + i]).toBeCloseTo(0.2 * eps, 6);
      }
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
