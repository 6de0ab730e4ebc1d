import { describe, expect, it } from 'vitest';
import { pointSet, seededUniform, torusDensityWeights } from '../src/index.js';

/** Self-normalised weighted mean Σ w h / Σ w. */
const weightedMean = (h: number[], w: ArrayLike<number>) => {
  let s = 0;
  let t = 0;
  h.forEach((v, i) => {
    s += w[i] * v;
    t += w[i];
  });
  return s / t;
};

describe('torusDensityWeights', () => {
  it('reweights clustered torus samples so that Fourier modes average to their uniform value 0', () => {
    // Density ∝ (1 + 0.9 cos(φ₁ − 0.5))(1 + 0.9 cos(φ₂ + 1)) by rejection: non-uniform but positive everywhere
    // (no weighting can recover a region that has no samples). E cos φ₁ = 0.45 cos 0.5 ≈ 0.39 instead of 0.
    const u = seededUniform(4);
    const n = 2000;
    const angles = new Float64Array(2 * n);
    for (let i = 0; i < n; ) {
      const a = (2 * u() - 1) * Math.PI;
      const b = (2 * u() - 1) * Math.PI;
      if (u() * 3.61 < (1 + 0.9 * Math.cos(a - 0.5)) * (1 + 0.9 * Math.cos(b + 1))) {
        angles[2 * i] = a;
        angles[2 * i + 1] = b;
        i++;
      }
    }
    const w = torusDensityWeights(pointSet(angles, 2, 2 * Math.PI));
    expect(w.reduce((a, b) => a + b, 0) / n).toBeCloseTo(1, 12);
    for (const h of [
      (a: number, _b: number) => Math.cos(a),
      (_a: number, b: number) => Math.sin(b),
      (a: number, b: number) => Math.cos(a + b),
    ]) {
      const values = Array.from({ length: n }, (_, i) => h(angles[2 * i], angles[2 * i + 1]));
      const plain = values.reduce((a, b) => a + b, 0) / n;
      const weighted = weightedMean(values, w);
      expect(Math.abs(plain)).toBeGreaterThan(0.1);
      expect(Math.abs(weighted)).toBeLessThan(Math.abs(plain) / 3);
    }
  });

  it('leaves uniform samples almost unweighted and rejects a bad kappa', () => {
    const u = seededUniform(8);
    const n = 1500;
    const angles = Float64Array.from({ length: 2 * n }, () => (2 * u() - 1) * Math.PI);
    const w = torusDensityWeights(pointSet(angles, 2, 2 * Math.PI), { kappa: 4 });
    const sd = Math.sqrt(w.reduce((s, v) => s + (v - 1) ** 2, 0) / n);
    expect(sd).toBeLessThan(0.15);
    expect(() => torusDensityWeights(pointSet(angles, 2, 2 * Math.PI), { kappa: -1 })).toThrow(/kappa = -1/);
  });
});
