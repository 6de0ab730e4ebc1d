import { describe, expect, it } from 'vitest';
import { normalCdf, normalQuantile, StatsInputError, shapiroWilk } from '../src/index.js';

// Reference values: scipy.stats.shapiro 1.17.1 (an independent implementation of Royston's AS R94,
// which computes in single precision internally) and scipy.stats.norm.
const cases: [string, number[], number, number][] = [
  [
    'x = i², n = 20',
    Array.from({ length: 20 }, (_, i) => (i + 1) ** 2),
    0.9061306286053874,
    0.053809589128654696,
  ],
  [
    'sin/cos sample, n = 50',
    Array.from({ length: 50 }, (_, i) => Math.sin(1.7 * i) + 0.3 * Math.cos(0.37 * i * i)),
    0.9546093803349809,
    0.052915118574053115,
  ],
  // Shapiro & Wilk (1965), weights of 11 men: the paper reports W = 0.79 (exact coefficients).
  [
    'Shapiro–Wilk 1965 weights, n = 11',
    [148, 154, 158, 160, 161, 162, 166, 170, 182, 195, 236],
    0.7888146948631716,
    0.006703814061898823,
  ],
  ['n = 3 (exact p)', [1, 2, 4], 0.9642857142857142, 0.6368868450289689],
  ['n = 5', [1, 2, 3.5, 3.7, 10], 0.82823521341044, 0.134935199328221],
  ['n = 7', [0.3, -1.2, 2.5, 0.1, 0.9, -0.4, 7], 0.8150862629846058, 0.057568048576436597],
  [
    'exp(0.02 i), n = 200',
    Array.from({ length: 200 }, (_, i) => Math.exp(0.02 * i)),
    0.8138261894123433,
    1.0182587304365274e-14,
  ],
];

describe('shapiroWilk', () => {
  it('normalCdf and normalQuantile are inverse and match Φ(−3.3), Φ⁻¹(0.025)', () => {
    expect(normalQuantile(0.025)).toBeCloseTo(-1.9599639845400545, 10);
    expect(normalCdf(-3.3)).toBeCloseTo(0.00048342414238377744, 14);
    expect(1 - normalCdf(1.2)).toBeCloseTo(normalCdf(-1.2), 14);
    for (const p of [1e-6, 0.1, 0.5, 0.77, 0.999]) expect(normalCdf(normalQuantile(p))).toBeCloseTo(p, 12);
  });

  for (const [name, x, W, p] of cases) {
    it(`gives W and p of scipy.stats.shapiro for ${name}`, () => {
      const r = shapiroWilk(x);
      expect(Math.abs(r.W - W)).toBeLessThan(2e-6);
      expect(Math.abs(r.p - p) / p).toBeLessThan(2e-3);
    });
  }

  it('shapiroWilk(weights of Shapiro & Wilk 1965).W rounds to the published 0.79', () => {
    const r = shapiroWilk([148, 154, 158, 160, 161, 162, 166, 170, 182, 195, 236]);
    expect(Math.abs(r.W - 0.79)).toBeLessThan(0.005);
    expect(r.p).toBeLessThan(0.01);
  });

  it('is invariant under affine maps of the sample and rejects degenerate input', () => {
    const x = cases[1][1];
    const a = shapiroWilk(x);
    const b = shapiroWilk(x.map((v) => 5 * v - 3));
    expect(b.W).toBeCloseTo(a.W, 12);
    expect(b.p).toBeCloseTo(a.p, 12);
    expect(() => shapiroWilk([1, 2])).toThrow(StatsInputError);
    expect(() => shapiroWilk([2, 2, 2, 2])).toThrow(StatsInputError);
  });
});
