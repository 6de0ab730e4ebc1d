import { describe, expect, it } from 'vitest';
import { rSquared, unbiasedVariance } from '../src/index.js';

describe('rSquared', () => {
  it('rSquared = 1 − mse / unbiased variance of all values', () => {
    const data = new Float32Array([1, 2, 3, 4]);
    expect(unbiasedVariance(data)).toBeCloseTo(5 / 3, 12);
    expect(rSquared(0.5, data)).toBeCloseTo(1 - 0.5 / (5 / 3), 12);
  });
});
