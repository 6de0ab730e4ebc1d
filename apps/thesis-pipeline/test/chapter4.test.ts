import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { CurvInputError, initBackend } from '@curv/core';
import { TorusAE } from '@curv/models';
import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { adFdCentres, evaluateAdFd, FLOAT32_STEPS, timeCurvatureLosses } from '../src/chapter4/adFd.js';
import { sampleStatistics } from '../src/chapter4/statistics.js';
import { allPairs, evaluateStraightLines, randomLatentPoints } from '../src/chapter4/straightLines.js';
import { chapter4Command } from '../src/commands/chapter4.js';
import { main } from '../src/main.js';

const tmp = mkdtempSync(join(tmpdir(), 'curv-chapter4-'));
let small: TorusAE;

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
  // A TorusAE-shaped sin-MLP decoder 2 → [cos, sin] (4) → 16 → 16 → 3, PyTorch-default random init.
  small = new TorusAE({ inputDim: 3, hidden: [16, 16], seed: 1 });
});
afterAll(() => small.dispose());

describe('chapter 4 building blocks', () => {
  it('sampleStatistics gives mean, unbiased std and std/√n', () => {
    const s = sampleStatistics([1, 2, 3, 4]);
    expect(s.count).toBe(4);
    expect(s.mean).toBe(2.5);
    expect(s.std).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(s.sem).toBeCloseTo(Math.sqrt(5 / 3) / 2, 12);
    expect(() => sampleStatistics([1, Number.NaN])).toThrow(CurvInputError);
  });

  it('randomLatentPoints are seeded points of [−π, π)² and allPairs is i-major with i < j', () => {
    const a = randomLatentPoints(10, 0);
    expect(a).toEqual(randomLatentPoints(10, 0));
    expect(a).not.toEqual(randomLatentPoints(10, 1));
    for (const p of a) for (const x of p) expect(Math.abs(x)).toBeLessThanOrEqual(Math.PI);
    const pairs = allPairs(10);
    expect(pairs).toHaveLength(45);
    expect(pairs.slice(0, 3)).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
    ]);
    expect(pairs[44]).toEqual([8, 9]);
    const c = adFdCentres(512, 0);
    for (const x of c) expect(Math.abs(x)).toBeLessThan(0.95 * Math.PI);
  });

  it('FLOAT32_STEPS is 5·logspace(−3, −1, 7)', () => {
    const expected = [0.005, 0.010772, 0.023208, 0.05, 0.10772, 0.23208, 0.5];
    FLOAT32_STEPS.forEach((h, k) => {
      expect(h).toBeCloseTo(expected[k], 5);
    });
  });
});

describe('evaluateAdFd (SPEC §16.3) on a small random sin-MLP', () => {
  it('has its smallest relative error at an interior h (float32 U-shape) where FD matches AD', () => {
    const before = tf.memory().numTensors;
    const r = evaluateAdFd(small.decoder(), { centres: 256 });
    expect(tf.memory().numTensors).toBe(before);
    const mean = r.steps.map((s) => s.meanRelativeError);
    const med = r.steps.map((s) => s.medianRelativeError);
    for (const e of [mean, med]) {
      const k = e.indexOf(Math.min(...e));
      expect(k).toBeGreaterThan(0);
      expect(k).toBeLessThan(e.length - 1);
      // both ends clearly worse: rounding (∝ 1/h³) on the left, truncation (∝ h²) on the right
      expect(e[0]).toBeGreaterThan(3 * e[k]);
      expect(e[e.length - 1]).toBeGreaterThan(3 * e[k]);
    }
    // at the best step the two routes compute the same R (median relative error measured 1.8e-3)
    expect(Math.min(...med)).toBeLessThan(1e-2);
    expect(r.relativeErrors.every((e) => e.length === 256)).toBe(true);
    expect(r.steps[0].meanAbsR).toBeGreaterThan(0);
    expect(r.bestStep).toBe(r.steps[mean.indexOf(Math.min(...mean))].h);
  });

  it('timeCurvatureLosses returns one row per batch size: median times, with the original key names as aliases', () => {
    const rows = timeCurvatureLosses(small.decoder(), { batchSizes: [16, 32], repetitions: 1 });
    const keys = [
      'Sc_fd_rhombus_avg_time',
      'Sc_fd_rhombus_median_time',
      'Sc_gauss_jets_median_time',
      'Sc_jacfwd_avg_time',
      'batch_size',
    ];
    expect(rows.map((r) => Object.keys(r).sort())).toEqual([keys, keys]);
    for (const r of rows) {
      expect(r.Sc_fd_rhombus_median_time).toBeGreaterThan(0);
      expect(r.Sc_gauss_jets_median_time).toBeGreaterThan(0);
      expect(r.Sc_fd_rhombus_avg_time).toBe(r.Sc_fd_rhombus_median_time);
      expect(r.Sc_jacfwd_avg_time).toBe(r.Sc_gauss_jets_median_time);
    }
  });
});

describe('evaluateStraightLines (SPEC §16.1)', () => {
  it('after 40 Adam steps every optimised geodesic has less energy than the straight segment it starts from', () => {
    const before = tf.memory().numTensors;
    const r = evaluateStraightLines(small.decoder(), { points: 5, nMax: 4, S: 33, steps: 40 });
    expect(tf.memory().numTensors).toBe(before);
    expect(r.pairs).toHaveLength(10);
    expect(r.ratio).toHaveLength(10);
    for (const q of r.ratio) {
      expect(q).toBeGreaterThan(0);
      expect(q).toBeLessThanOrEqual(1 + 1e-5);
    }
    // the random decoder is curved: straight lines are not geodesics, the solver finds shorter curves
    expect(Math.min(...r.ratio)).toBeLessThan(0.99);
    for (let p = 0; p < 10; p++) {
      expect(r.acceleration[p]).toBeGreaterThan(0);
      expect(r.energy[p]).toBeGreaterThan(0);
      // E (central differences, n/(n+1) normalisation) vs the §6.3 energy of the same straight segment
      expect(Math.abs(r.energy[p] / r.straightEnergy[p] - 1)).toBeLessThan(0.03);
    }
    expect(r.statistics.ratio?.count).toBe(10);
    expect(r.statistics.eTilde.mean).toBeCloseTo(r.eTilde.reduce((s, x) => s + x, 0) / 10, 6);
  });
});

function sink() {
  const s = new PassThrough();
  let text = '';
  s.on('data', (c) => {
    text += c.toString();
  });
  return { stream: s, text: () => text };
}

describe('curv chapter4', () => {
  it('writes JSON results, statistics and figures for a tiny weights file (--quick)', async () => {
    const weights = join(tmp, 'tiny.safetensors');
    const ae = new TorusAE({ inputDim: 5, hidden: [8, 6], seed: 3 });
    ae.save(weights);
    ae.dispose();
    const out = sink();
    const err = sink();
    const code = await chapter4Command(['--weights', weights, '--out', tmp, '--quick'], {
      stdout: out.stream,
      stderr: err.stream,
    });
    expect(code).toBe(0);
    const dir = join(tmp, 'chapter4');
    const listed = JSON.parse(out.text()) as { dir: string; model: string; files: string[] };
    expect(listed.model).toBe('tiny');
    for (const f of [
      'straight_lines.json',
      'ad_fd_float32.json',
      'timing_results_batch_minigrids.json',
      'statistical_analysis_E_tilde_tiny.txt',
      'statistical_analysis_Naive_energy_ratio_tiny.txt',
      'statistical_analysis_AD_FD_float32.txt',
      'Histogram_A_ij_tiny.svg',
      'Histogram_Naive_energy_ratio_ij_tiny.png',
      'fd_float32_relative_error_boxplot_R.svg',
      'fd_float32_relative_error_boxplot_R.png',
      'fd_float32_error.svg',
      'fd_float32_relative_error_probplot_R.png',
      'timing_AD_FD.png',
    ]) {
      expect(existsSync(join(dir, f)), f).toBe(true);
      expect(listed.files).toContain(f);
    }
    const straight = JSON.parse(readFileSync(join(dir, 'straight_lines.json'), 'utf8'));
    expect(straight.pairs).toHaveLength(6); // quick: K = 4
    expect(straight.ratio.every((q: number) => q <= 1 + 1e-5)).toBe(true);
    const adfd = JSON.parse(readFileSync(join(dir, 'ad_fd_float32.json'), 'utf8'));
    expect(adfd.steps).toHaveLength(7);
    expect(adfd.centres).toBe(128);
    // Shapiro–Wilk on the 128 log10 errors at the 3rd step minus 12 at each end
    expect(adfd.normality.n).toBe(104);
    expect(adfd.normality.W).toBeGreaterThan(0);
    expect(adfd.normality.W).toBeLessThanOrEqual(1);
    expect(adfd.normality.p).toBeGreaterThanOrEqual(0);
    expect(adfd.normality.p).toBeLessThanOrEqual(1);
    expect(readFileSync(join(dir, 'fd_float32_relative_error_histogram_R.svg'), 'utf8')).toContain(
      'Shapiro-Wilk statistic',
    );
    const timing = JSON.parse(readFileSync(join(dir, 'timing_results_batch_minigrids.json'), 'utf8'));
    expect(timing.map((r: { batch_size: number }) => r.batch_size)).toEqual([16, 32, 64]);
    expect(readFileSync(join(dir, 'statistical_analysis_E_tilde_tiny.txt'), 'utf8')).toContain(
      'Number of straight lines (samples): 6',
    );
    expect(readFileSync(join(dir, 'fd_float32_error.svg'), 'utf8').startsWith('<svg')).toBe(true);
    const png = readFileSync(join(dir, 'timing_AD_FD.png'));
    expect([...png.subarray(1, 4)].map((c) => String.fromCharCode(c)).join('')).toBe('PNG');
  });

  it('--eval adfd writes only the AD/FD files', async () => {
    const weights = join(tmp, 'tiny2.safetensors');
    const ae = new TorusAE({ inputDim: 4, hidden: [6, 6], seed: 5 });
    ae.save(weights);
    ae.dispose();
    const outDir = join(tmp, 'adfd-only');
    const out = sink();
    const code = await chapter4Command(
      ['--weights', weights, '--out', outDir, '--eval', 'adfd', '--centres', '40', '--quick', '--quiet'],
      { stdout: out.stream, stderr: sink().stream },
    );
    expect(code).toBe(0);
    const files = (JSON.parse(out.text()) as { files: string[] }).files;
    expect(files).toContain('ad_fd_float32.json');
    expect(files.some((f) => f.startsWith('Histogram_') || f.startsWith('straight'))).toBe(false);
    expect(existsSync(join(outDir, 'chapter4', 'straight_lines.json'))).toBe(false);
    const adfd = JSON.parse(readFileSync(join(outDir, 'chapter4', 'ad_fd_float32.json'), 'utf8'));
    expect(adfd.centres).toBe(40);
  });

  it('rejects bad input with CurvInputError', async () => {
    const io = { stdout: sink().stream, stderr: sink().stream };
    await expect(chapter4Command(['--eval', 'everything'], io)).rejects.toThrow(CurvInputError);
    await expect(chapter4Command(['--points', '1'], io)).rejects.toThrow(CurvInputError);
    await expect(chapter4Command(['--centres', 'x'], io)).rejects.toThrow(CurvInputError);
    await expect(chapter4Command(['--weights', join(tmp, 'missing.safetensors')], io)).rejects.toThrow(
      /weights file not found/,
    );
    await expect(chapter4Command(['--bogus'], io)).rejects.toThrow(CurvInputError);
  });
});

describe('curv chapter4 through main()', () => {
  it('reports bad input as one stderr line and exit code 2', async () => {
    for (const [args, pattern] of [
      [['chapter4', '--eval', 'bogus'], /--eval 'bogus'/],
      [['chapter4', '--points', '1'], /--points '1'/],
      [['chapter4', '--weights', join(tmp, 'nope.safetensors')], /weights file not found/],
    ] as const) {
      const out = sink();
      const err = sink();
      const code = await main([...args], { stdout: out.stream, stderr: err.stream });
      const lines = err
        .text()
        .split('\n')
        .filter((l) => l.trim() !== '');
      expect(code).toBe(2);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(pattern);
      expect(out.text()).toBe('');
    }
  });
});
