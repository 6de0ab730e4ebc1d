import { initBackend, Random } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { gramEigen, metricEigen, randomWalk, symmetricEigen } from '../src/index.js';
import type { RiemannianMetric } from '../src/riemannianMetric.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

/**
 * A constant factor F = R_θ · diag(1, 1e-4) · Qᵀ (2 × 5, Q with orthonormal columns), rounded to float32: M = F Fᵀ
 * has λ_min/λ_max ≈ 1e-8, below the float32 rounding of λ_max (6e-8).
 */
function thinFactor(): Float32Array {
  const rng = new Random(5);
  const n = 5;
  const q0 = Array.from(rng.normalArray(n, 0, 1));
  const q1 = Array.from(rng.normalArray(n, 0, 1));
  const norm = (v: number[]) => Math.hypot(...v);
  const u0 = q0.map((x) => x / norm(q0));
  const dot = q1.reduce((s, x, k) => s + x * u0[k], 0);
  const w = q1.map((x, k) => x - dot * u0[k]);
  const u1 = w.map((x) => x / norm(w));
  const th = 0.7;
  const R = [Math.cos(th), -Math.sin(th), Math.sin(th), Math.cos(th)];
  const S = [1, 1e-4];
  const F = new Float32Array(2 * n);
  for (let i = 0; i < 2; i++)
    for (let k = 0; k < n; k++) F[i * n + k] = R[i * 2] * S[0] * u0[k] + R[i * 2 + 1] * S[1] * u1[k];
  return F;
}

/** Reference eigen-decomposition of F Fᵀ in float64 from the float32 entries (error ≈ 1e-16 of λ_max). */
function reference(F: Float32Array, n: number) {
  const m = [0, 1].flatMap((i) =>
    [0, 1].map((j) => F.subarray(i * n, i * n + n).reduce((s, x, k) => s + x * F[j * n + k], 0)),
  );
  const mean = 0.5 * (m[0] + m[3]);
  const r = Math.hypot(0.5 * (m[0] - m[3]), m[1]);
  const lMax = mean + r;
  const lMin = (m[0] * m[3] - m[1] * m[1]) / lMax; // det in float64 from exact products: accurate
  // thin direction: orthogonal to the eigenvector of λ_max
  let x = m[1];
  let y = lMax - m[0];
  const h = Math.hypot(x, y);
  x /= h;
  y /= h;
  return { lMax, lMin, thin: [-y, x] };
}

function constantMetric(F: Float32Array, n: number, withFactor: boolean): RiemannianMetric {
  const factor = (z: tf.Tensor2D) =>
    tf.tidy(() => tf.broadcastTo(tf.tensor3d(F, [1, 2, n]), [z.shape[0], 2, n]) as tf.Tensor3D);
  const metricMatrix = (z: tf.Tensor2D) =>
    tf.tidy(() => {
      const f = factor(z);
      return tf.matMul(f, f, false, true) as tf.Tensor3D;
    });
  return withFactor
    ? ({ dim: 2, metricMatrix, metricFactor: factor } as RiemannianMetric)
    : { dim: 2, metricMatrix };
}

describe('metricEigen', () => {
  const n = 5;
  const F = thinFactor();
  const ref = reference(F, n);

  it('a nearly singular M (λ_min/λ_max ≈ 1e-8): λ_min to 1e-3 from the factor, off by far more from float32 M', () => {
    expect(ref.lMin / ref.lMax).toBeGreaterThan(5e-9);
    expect(ref.lMin / ref.lMax).toBeLessThan(2e-8);
    const accurate = metricEigen(constantMetric(F, n, true), [0, 0], 1);
    expect(Math.abs(accurate.values[0] - ref.lMax) / ref.lMax).toBeLessThan(1e-6);
    expect(Math.abs(accurate.values[1] - ref.lMin) / ref.lMin).toBeLessThan(1e-3);
    const plain = metricEigen(constantMetric(F, n, false), [0, 0], 1);
    expect(Math.abs(plain.values[1] - ref.lMin) / ref.lMin).toBeGreaterThan(0.3);
  });

  it("the walk's step along the thin direction is s·ε₁/√λ_min to 1 % (float32 M misses it); same seed, same walk", () => {
    const s = 0.1;
    const steps = 20;
    const before = tf.memory().numTensors;
    const good = randomWalk(constantMetric(F, n, true), [0, 0], { steps, stepSize: s, seed: 3 });
    const bad = randomWalk(constantMetric(F, n, false), [0, 0], { steps, stepSize: s, seed: 3 });
    expect(tf.memory().numTensors).toBe(before);
    const rng = new Random(3);
    let worstGood = 0;
    let worstBad = Number.POSITIVE_INFINITY;
    for (let t = 1; t <= steps; t++) {
      rng.normal();
      const e1 = rng.normal();
      const expected = (s * Math.abs(e1)) / Math.sqrt(ref.lMin);
      const along = (w: Float64Array) =>
        Math.abs((w[2 * t] - w[2 * t - 2]) * ref.thin[0] + (w[2 * t + 1] - w[2 * t - 1]) * ref.thin[1]);
      worstGood = Math.max(worstGood, Math.abs(along(good) - expected) / expected);
      worstBad = Math.min(worstBad, Math.abs(along(bad) - expected) / expected);
    }
    expect(worstGood).toBeLessThan(0.01);
    expect(worstBad).toBeGreaterThan(0.1);
    const again = randomWalk(constantMetric(F, n, true), [0, 0], { steps, stepSize: s, seed: 3 });
    expect(Array.from(again)).toEqual(Array.from(good));
    const other = randomWalk(constantMetric(F, n, true), [0, 0], { steps, stepSize: s, seed: 4 });
    expect(Array.from(other)).not.toEqual(Array.from(good));
  });

  it('gramEigen agrees with the Jacobi decomposition of F Fᵀ for a well-conditioned d = 3 factor, eigenvalues decreasing', () => {
    const rng = new Random(9);
    const d = 3;
    const m = 7;
    const f = rng.normalArray(d * m, 0, 1);
    const M = Array.from({ length: d * d }, (_, p) => {
      const i = Math.floor(p / d);
      const j = p % d;
      let acc = 0;
      for (let k = 0; k < m; k++) acc += f[i * m + k] * f[j * m + k];
      return acc;
    });
    const g = gramEigen(f, d, m);
    const j = Array.from(symmetricEigen(M, d).values).sort((a, b) => b - a);
    for (let k = 0; k < d; k++) expect(g.values[k]).toBeCloseTo(j[k], 10);
    expect(g.values[0]).toBeGreaterThanOrEqual(g.values[1]);
    expect(g.values[1]).toBeGreaterThanOrEqual(g.values[2]);
    // U diag(λ) Uᵀ reproduces M
    for (let p = 0; p < d * d; p++) {
      const i = Math.floor(p / d);
      const jj = p % d;
      let acc = 0;
      for (let k = 0; k < d; k++) acc += g.vectors[i * d + k] * g.values[k] * g.vectors[jj * d + k];
      expect(acc).toBeCloseTo(M[p], 10);
    }
  });
});
