import { Random } from '@curv/core';
import { swissRoll, swissRollArcLength, syntheticGaussians, take } from '@curv/datasets';
import { describe, expect, it } from 'vitest';
import { bestPerCriterion, sweepConclusion, writtenConclusion } from '../src/ricciFlow/conclusion.js';
import { idealCoordinates } from '../src/ricciFlow/idealCoordinates.js';
import { metricDistortion, summarize } from '../src/ricciFlow/metricDistortion.js';
import { type NicerRow, nicerTable, type TrainedModelMeasurements } from '../src/ricciFlow/nicerTable.js';

describe('metricDistortion and summarize', () => {
  it('condition number and √det g of diag(4, 1), a rotated diag(9, 1) and a multiple of the identity', () => {
    const c = Math.cos(0.4);
    const s = Math.sin(0.4);
    // Rᵀ diag(9, 1) R
    const rot = [9 * c * c + s * s, (9 - 1) * c * s, (9 - 1) * c * s, 9 * s * s + c * c];
    const { conditionNumbers, sqrtDet } = metricDistortion([4, 0, 0, 1, ...rot, 2.5, 0, 0, 2.5]);
    expect(Array.from(conditionNumbers).map((v) => Number(v.toFixed(10)))).toEqual([4, 9, 1]);
    expect(Array.from(sqrtDet).map((v) => Number(v.toFixed(10)))).toEqual([2, 3, 2.5]);
  });

  it('summarize gives linear-interpolation percentiles of the finite values', () => {
    const r = summarize([5, 1, 2, 3, 4, 6, 7, 8, 9, 100, Number.NaN, Number.POSITIVE_INFINITY]);
    expect(r.median).toBeCloseTo(5.5, 12);
    expect(r.p10).toBeCloseTo(1.9, 12);
    expect(r.p90).toBeCloseTo(18.1, 12);
    expect(r.mean).toBeCloseTo(14.5, 12);
    expect(summarize([3, 3, 3]).cv).toBe(0);
  });
});

describe('idealCoordinates', () => {
  it('is the unrolled chart (arc length, y) for the Swiss roll and the in-plane s for the Synthetic Gaussians', () => {
    const roll = take(swissRoll({ n: 50, noise: 0 }, new Random(1)), [3, 9]);
    const ideal = idealCoordinates(roll);
    expect(ideal[0]).toBeCloseTo(swissRollArcLength(roll.labels[0]), 4);
    expect(ideal[3]).toBeCloseTo(roll.data[3 + 1], 5);
    const syn = syntheticGaussians(
      { k: 2, n: 5, d: 2, D: 4, shiftClass: 0, interclassVariance: 0.1, varianceOfClasses: 1 },
      new Random(2),
    );
    expect(Array.from(idealCoordinates(syn))).toEqual(Array.from(syn.intrinsic!.data));
    const { intrinsic: _, ...noTruth } = syn;
    expect(() => idealCoordinates(noTruth)).toThrow(/no 2-D ground-truth coordinates/);
  });
});

describe('nicerTable', () => {
  const n = 400;
  const u = new Random(3);
  const ideal = Float64Array.from({ length: 2 * n }, () => u.uniform());
  const base = (latent: Float64Array, latentType: 'torus' | 'euclidean'): TrainedModelMeasurements => ({
    name: latentType,
    functional: 'none',
    lambda: 0,
    latentType,
    latent,
    metricAtData: Float64Array.from({ length: 4 * n }, (_, i) => [4, 0, 0, 1][i % 4]),
    curvatureAtData: new Float64Array(n).fill(2),
    curvatureOnGrid: [1, -1, 3],
    reconstructionR2: 0.9,
  });

  it('a rotated, scaled copy of the ideal coordinates scores T = C = Spearman = 1 and tearing 0', () => {
    const latent = new Float64Array(2 * n);
    for (let i = 0; i < n; i++) {
      latent[2 * i] = 3 * (0.6 * ideal[2 * i] - 0.8 * ideal[2 * i + 1]);
      latent[2 * i + 1] = 3 * (0.8 * ideal[2 * i] + 0.6 * ideal[2 * i + 1]);
    }
    const [row] = nicerTable(ideal, [base(latent, 'euclidean')], { ks: [5, 10] });
    expect(row.neighborhoods).toEqual([
      { k: 5, trustworthiness: 1, continuity: 1 },
      { k: 10, trustworthiness: 1, continuity: 1 },
    ]);
    expect(row.distanceSpearman).toBeCloseTo(1, 12);
    expect(row.tearing).toBe(0);
    expect(row.conditionNumber.median).toBeCloseTo(4, 12);
    expect(row.sqrtDet).toEqual({ median: 2, cv: 0 });
    expect(row.meanR2AtData).toBe(4);
    expect(row.meanR2OnGrid).toBeCloseTo(11 / 3, 12);
  });

  it('torus latents use the periodic distance: filling the whole period glues opposite edges (false neighbours)', () => {
    const latent = ideal.map((v) => 2 * Math.PI * v - Math.PI);
    const [flat, torus] = nicerTable(ideal, [base(latent, 'euclidean'), base(latent, 'torus')], { ks: [10] });
    expect(flat.neighborhoods[0].trustworthiness).toBe(1);
    expect(torus.neighborhoods[0].trustworthiness).toBeLessThan(0.99);
    // Gluing mostly brings far points together (false neighbours) rather than losing true ones.
    expect(torus.neighborhoods[0].continuity).toBeGreaterThan(torus.neighborhoods[0].trustworthiness);
    expect(torus.distanceSpearman).toBeLessThan(0.9);
  });
});

function row(name: string, functional: NicerRow['functional'], v: Partial<Record<string, number>>): NicerRow {
  return {
    name,
    functional,
    lambda: functional === 'none' ? 0 : 0.1,
    latentType: 'torus',
    neighborhoods: [{ k: 10, trustworthiness: v.t ?? 0.9, continuity: v.c ?? 0.9 }],
    distanceSpearman: v.s ?? 0.5,
    tearing: v.tear ?? 0.1,
    conditionNumber: { median: v.cond ?? 3, p90: 10 },
    sqrtDet: { median: 1, cv: v.cv ?? 0.5 },
    meanR2AtData: v.r2 ?? 1,
    meanR2OnGrid: Number.NaN,
    reconstructionR2: v.rec ?? 0.95,
  };
}

describe('writtenConclusion', () => {
  const rows = [
    row('AE', 'none', { t: 0.9, tear: 0.2, r2: 5 }),
    row('R2 λ=0.1', 'R2', { t: 0.95, r2: 0.5, rec: 0.97 }),
    row('F λ=0.1', 'F', { t: 0.97, c: 0.95, s: 0.8, rec: 0.97 }),
    row('W λ=0.1', 'W', { tear: 0.01, cond: 1.5, cv: 0.1 }),
  ];

  it('names the best model per criterion in the right direction, reports ties and skips unmeasured criteria', () => {
    const best = Object.fromEntries(bestPerCriterion(rows, [10]).map((r) => [r.criterion, r.best]));
    expect(best['trustworthiness@10']).toEqual(['F λ=0.1']);
    expect(best.tearing).toEqual(['W λ=0.1']);
    expect(best.conditionNumber).toEqual(['W λ=0.1']);
    expect(best.meanR2AtData).toEqual(['R2 λ=0.1']);
    expect(best.reconstructionR2).toEqual(['R2 λ=0.1', 'F λ=0.1']);
    expect(best.meanR2OnGrid).toBeUndefined();
  });

  it('writes one line per criterion with the baseline and a count of criteria won per functional', () => {
    const text = writtenConclusion('Swiss roll, torus latent', rows, [10]);
    expect(text).toContain('Swiss roll, torus latent: 4 models (AE, R2 λ=0.1, F λ=0.1, W λ=0.1).');
    expect(text).toContain('- tearing: best W λ=0.1 (0.01000; without a curvature term 0.2000).');
    expect(text).toContain(
      '- reconstruction R²: best tie between R2 λ=0.1 and F λ=0.1 (0.9700; without a curvature term 0.9500).',
    );
    expect(text).toContain('- mean R² at the data: best R2 λ=0.1 (0.5000; without a curvature term 5.000).');
    expect(text).not.toContain('latent grid');
    // 8 measured criteria: F wins T, C, Spearman, reconstruction (tie); W tearing, cond, CV; R2 R², reconstruction.
    expect(text).toContain('Criteria won (of 8): Perelman F 4, Perelman W 3, ∫R² 2.');
    expect(text).not.toMatch(/NaN/);
  });
});

describe('sweepConclusion', () => {
  const at = (
    name: string,
    functional: 'none' | 'R2' | 'F',
    lambda: number,
    v: Parameters<typeof row>[2],
  ) => ({
    ...row(name, functional, v),
    lambda,
  });
  const rows = [
    at('AE', 'none', 0, { t: 0.9, s: 0.5, rec: 0.95 }),
    at('R2 λ=0.01', 'R2', 0.01, { t: 0.92, s: 0.6, rec: 0.94, r2: 0.8 }),
    at('R2 λ=1', 'R2', 1, { t: 0.8, s: 0.3, rec: 0.5, r2: 0.01, tear: 0.05 }),
    at('F λ=0.1', 'F', 0.1, {}),
  ];

  it('counts criteria won per λ within a functional, wins over the baseline, and the trend of R² and Spearman', () => {
    const text = sweepConclusion(rows, [10]);
    // 8 measured criteria (mean R² on the grid is NaN everywhere). λ=0.01 wins T, Spearman, reconstruction and
    // the ties C, cond, CV (equal defaults); λ=1 wins tearing, mean R² at the data and the same three ties.
    expect(text).toContain('- λ sweep, ∫R²: criteria won among its λ (of 8): λ=0.01 6, λ=1 5;');
    // vs AE (t 0.9, s 0.5, rec 0.95, tear 0.1, r2 1): λ=0.01 beats on T, Spearman, mean R²; λ=1 on tearing, mean R².
    expect(text).toContain('beats the model without a curvature term on 3 (λ=0.01), 2 (λ=1) of 9 criteria');
    expect(text).toContain('reconstruction R² 0.9400 (λ=0.01) → 0.5000 (λ=1)');
    expect(text).toContain('Spearman 0.6000 (λ=0.01) → 0.3000 (λ=1).');
    // F was trained at one λ only: no sweep line.
    expect(text).not.toContain('Perelman F');
  });

  it('is empty without a sweep', () => {
    expect(sweepConclusion(rows.slice(0, 2), [10])).toBe('');
  });
});
