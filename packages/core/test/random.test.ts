import { describe, expect, it } from 'vitest';
import { Random } from '../src/index.js';

describe('Random', () => {
  it('new Random(seed).uniform() gives the same pinned sequence on every platform', () => {
    const r = new Random(0);
    const first = [r.uniform(), r.uniform(), r.uniform()];
    // Pinned values: xoshiro128** seeded by splitmix32(0), 53-bit uniforms.
    expect(first).toEqual([PINNED_U0, PINNED_U1, PINNED_U2]);
    const r42 = new Random(42);
    expect(r42.nextUint32()).toBe(PINNED_UINT_42);
  });

  it('different seeds give different sequences; the same seed gives the same', () => {
    const a = new Random(1);
    const b = new Random(1);
    const c = new Random(2);
    const sa = Array.from({ length: 10 }, () => a.nextUint32());
    const sb = Array.from({ length: 10 }, () => b.nextUint32());
    const sc = Array.from({ length: 10 }, () => c.nextUint32());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('random.uniform() has the moments of U[0, 1)', () => {
    const r = new Random(7);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      s += u;
      s2 += u * u;
      min = Math.min(min, u);
      max = Math.max(max, u);
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(s / n).toBeCloseTo(0.5, 2);
    expect(s2 / n - (s / n) ** 2).toBeCloseTo(1 / 12, 3);
  });

  it('random.normal() has mean 0, variance 1 and the Gaussian fourth moment', () => {
    const r = new Random(3);
    const n = 200_000;
    let s = 0;
    let s2 = 0;
    let s4 = 0;
    for (let i = 0; i < n; i++) {
      const x = r.normal();
      s += x;
      s2 += x * x;
      s4 += x ** 4;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.01);
    expect(s2 / n).toBeCloseTo(1, 1);
    expect(s4 / n).toBeGreaterThan(2.9);
    expect(s4 / n).toBeLessThan(3.1);
  });

  it('random.permutation(n) is a permutation and is uniform over positions', () => {
    const r = new Random(11);
    const counts = new Array(5).fill(0);
    for (let t = 0; t < 20_000; t++) {
      const p = r.permutation(5);
      expect([...p].sort()).toEqual([0, 1, 2, 3, 4]);
      counts[p[0]]++;
    }
    for (const c of counts) expect(Math.abs(c / 20_000 - 0.2)).toBeLessThan(0.015);
  });

  it('random.int(n) is unbiased and rejects bad n', () => {
    const r = new Random(5);
    const counts = new Array(3).fill(0);
    for (let t = 0; t < 30_000; t++) counts[r.int(3)]++;
    for (const c of counts) expect(Math.abs(c / 30_000 - 1 / 3)).toBeLessThan(0.015);
    expect(() => r.int(0)).toThrow(/positive integer/);
  });

  it('random.dirichlet(k) lies on the simplex with mean 1/k', () => {
    const r = new Random(9);
    const mean = new Array(4).fill(0);
    for (let t = 0; t < 20_000; t++) {
      const w = r.dirichlet(4);
      const sum = w.reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(1, 12);
      for (let i = 0; i < 4; i++) {
        expect(w[i]).toBeGreaterThan(0);
        mean[i] += w[i] / 20_000;
      }
    }
    for (const m of mean) expect(m).toBeCloseTo(0.25, 2);
  });

  it('Random.fromState(random.state()) continues the same sequence, including the spare normal', () => {
    const r = new Random(123);
    r.normal(); // leaves a spare
    const saved = JSON.parse(JSON.stringify(r.state()));
    const expected = [r.normal(), r.uniform(), r.normal()];
    const restored = Random.fromState(saved);
    expect([restored.normal(), restored.uniform(), restored.normal()]).toEqual(expected);
  });
});

const PINNED_U0 = 0.8868539502021594;
const PINNED_U1 = 0.012474988946590604;
const PINNED_U2 = 0.032522145755498943;
const PINNED_UINT_42 = 2837322924;
