import { CurvInputError, Random } from '@curv/core';
import { describe, expect, it } from 'vitest';
import { surfaceWithHole } from '../src/index.js';

describe('surfaceWithHole', () => {
  it('surfaceWithHole({ n: 4000 }) keeps ≈ n(1 − π·0.2²) points of [−½, ½]² outside the hole, with heights 0.25(sin 2πu₁ + 0.1ε)', () => {
    const ds = surfaceWithHole({ n: 4000 }, new Random(3));
    const m = ds.shape[0];
    expect(ds.shape[1]).toBe(3);
    // Binomial(4000, 1 − 0.04π): mean 3497, sd ≈ 21.
    expect(Math.abs(m - 4000 * (1 - 0.04 * Math.PI))).toBeLessThan(100);
    let resid2 = 0;
    for (let i = 0; i < m; i++) {
      const [a, b, h] = [ds.data[3 * i], ds.data[3 * i + 1], ds.data[3 * i + 2]];
      expect(Math.hypot(a, b)).toBeGreaterThan(0.2);
      expect(Math.abs(a)).toBeLessThanOrEqual(0.5);
      expect(Math.abs(b)).toBeLessThanOrEqual(0.5);
      expect(ds.labels[i]).toBeCloseTo(Math.hypot(a, b), 6);
      resid2 += (h / 0.25 - Math.sin(2 * Math.PI * a)) ** 2;
    }
    // The height noise has standard deviation 0.1 (relative to the amplitude).
    expect(Math.sqrt(resid2 / m)).toBeGreaterThan(0.09);
    expect(Math.sqrt(resid2 / m)).toBeLessThan(0.11);
    expect(surfaceWithHole({ n: 50 }, new Random(1)).data).toEqual(
      surfaceWithHole({ n: 50 }, new Random(1)).data,
    );
  });

  it('surfaceWithHole rejects a radius outside [0, 0.5) and a non-integer n', () => {
    expect(() => surfaceWithHole({ radius: 0.7 }, new Random(0))).toThrow(CurvInputError);
    expect(() => surfaceWithHole({ n: 2.5 }, new Random(0))).toThrow(/dataset.n/);
  });
});
