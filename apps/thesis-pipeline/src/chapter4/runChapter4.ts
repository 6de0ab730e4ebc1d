import { mkdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CurvInputError, Random, writeFileAtomic, writeJsonAtomic } from '@curv/core';
import { TorusAE } from '@curv/models';
import { type ShapiroWilkResult, shapiroWilk } from '@curv/stats';
import { loadTorusAE, using } from '../weights.js';
import { type AdFdEvaluation, evaluateAdFd, type TimingRow, timeCurvatureLosses } from './adFd.js';
import { adFdFigures, normalProbabilityFigure, straightLineFigures, timingFigure } from './figures.js';
import { sampleStatistics, statisticsText } from './statistics.js';
import { evaluateStraightLines, type StraightLineEvaluation } from './straightLines.js';

export type Chapter4Evaluation = 'straight' | 'adfd' | 'all';

export interface Chapter4Options {
  /** TorusAE weights (safetensors); default: a PyTorch-style random-init 784-512-256-2 network, seed 0. */
  weights?: string;
  /** Output root; files go to `<outDir>/chapter4/`. */
  outDir: string;
  /** Which evaluations (default 'all'). */
  evaluations?: Chapter4Evaluation;
  /** Random latent points K for the straight-line evaluation (default 10; quick 4). */
  points?: number;
  /** Centres for the AD vs FD evaluation (default 1024; quick 128). */
  centres?: number;
  /** Small settings for a fast smoke run. */
  quick?: boolean;
  /** Progress lines (default: none). */
  log?: (line: string) => void;
}

export interface Chapter4Result {
  dir: string;
  tag: string;
  files: string[];
  straight?: StraightLineEvaluation;
  adFd?: AdFdEvaluation;
  timing?: TimingRow[];
}

/** The settings that differ between the full run and `--quick`. */
export function chapter4Settings(quick: boolean) {
  return quick
    ? { points: 4, geodesicSteps: 20, centres: 128, batchSizes: [16, 32, 64], repetitions: 1 }
    : {
        points: 10,
        geodesicSteps: 100,
        centres: 1024,
        batchSizes: [16, 32, 64, 128, 256, 512],
        repetitions: 5,
      };
}

/** Histogram annotation lines of a Shapiro–Wilk result (statistic, p-value as a·10^b, verdict at 5 %). */
export function normalityLines(sw: ShapiroWilkResult, trimmed: number): string[] {
  const [mant, exp] = sw.p.toExponential(2).split('e');
  return [
    `Shapiro-Wilk statistic: ${sw.W.toFixed(4)} (n = ${sw.n}, ${trimmed} trimmed each side)`,
    `P-value: ${mant}·10^${Number(exp)}`,
    sw.p > 0.05 ? 'Normal at the 5 % level (H0 not rejected)' : 'Not normal at the 5 % level (H0 rejected)',
  ];
}

function adFdText(
  r: AdFdEvaluation,
  normality: (ShapiroWilkResult & { trimmedEachSide: number }) | null,
): string {
  const lines = [
    `AD (exact jets, Gauss route) vs FD (rhombus minigrids) scalar curvature R, float32, ${r.centres} centres 1.9π(U − 0.5), seed ${r.seed}`,
    'h\tMSE\tMAE\tmean|R|\tmean relative error\tmedian relative error',
  ];
  for (const s of r.steps) {
    lines.push(
      [s.h, s.mse, s.mae, s.meanAbsR, s.meanRelativeError, s.medianRelativeError]
        .map((v) => v.toExponential(3))
        .join('\t'),
    );
  }
  lines.push(`smallest mean relative error at h = ${r.bestStep}`);
  if (normality)
    lines.push(
      ...normalityLines(normality, normality.trimmedEachSide).map(
        (l) => `log10 relative errors at h = ${r.steps[Math.min(2, r.steps.length - 1)].h}: ${l}`,
      ),
    );
  lines.push('');
  return lines.join('\n');
}

/**
 * `curv chapter4`: the Chapter 4 evaluations of the thesis for one TorusAE, written to `<outDir>/chapter4/`:
 * straight-line functionals and geodesic/straight energy ratios (`straight_lines.json`,
 * `Histogram_*_<tag>.{svg,png}`, `statistical_analysis_<name>_<tag>.txt`) and AD vs FD accuracy and
 * timing (`ad_fd_float32.json`, `timing_results_batch_minigrids.json`, `fd_float32_*.{svg,png}`,
 * `timing_AD_FD.{svg,png}`, `statistical_analysis_AD_FD_float32.txt`). Call `initBackend` first.
 */
export async function runChapter4(options: Chapter4Options): Promise<Chapter4Result> {
  const which = options.evaluations ?? 'all';
  if (!['straight', 'adfd', 'all'].includes(which)) {
    throw new CurvInputError(`--eval '${which}': expected straight, adfd or all`, '--eval');
  }
  const quick = options.quick ?? false;
  const base = chapter4Settings(quick);
  const log = options.log ?? (() => {});
  const tag = options.weights ? basename(options.weights).replace(/\.safetensors$/, '') : 'random_init_seed0';
  const dir = join(options.outDir, 'chapter4');
  mkdirSync(dir, { recursive: true });
  const files: string[] = [];
  const result: Chapter4Result = { dir, tag, files };
  const model = options.weights ? loadTorusAE(options.weights) : new TorusAE({ inputDim: 784, seed: 0 });
  return using(model, async (ae) => {
    if (ae.latentDim !== 2) {
      throw new CurvInputError(
        `${options.weights}: latent dimension ${ae.latentDim}; the Chapter 4 evaluations need d = 2`,
        options.weights ?? 'weights',
      );
    }
    const decoder = ae.decoder();
    if (which !== 'adfd') {
      const K = options.points ?? base.points;
      log(`chapter4: straight lines vs geodesics, K = ${K} points, ${(K * (K - 1)) / 2} pairs`);
      const r = evaluateStraightLines(decoder, { points: K, steps: base.geodesicSteps });
      result.straight = r;
      writeJsonAtomic(join(dir, 'straight_lines.json'), { model: tag, ...r });
      files.push('straight_lines.json');
      const stats: [string, string, ReturnType<typeof sampleStatistics> | null][] = [
        ['E_tilde', 'Ẽ (second-difference energy)', r.statistics.eTilde],
        ['E', 'E (central-difference energy)', r.statistics.energy],
        ['A', 'A (tangential acceleration)', r.statistics.acceleration],
        ['Naive_energy_ratio', 'geodesic / straight-line energy ratio', r.statistics.ratio],
      ];
      for (const [name, title, s] of stats) {
        if (!s) continue;
        const file = `statistical_analysis_${name}_${tag}.txt`;
        writeFileAtomic(join(dir, file), statisticsText(`${title}, ${tag}`, s));
        files.push(file);
      }
      files.push(...straightLineFigures(dir, tag, r));
      if (r.statistics.ratio) {
        log(
          `chapter4: energy ratio mean ${r.statistics.ratio.mean.toFixed(4)} ± ${r.statistics.ratio.sem.toFixed(4)} (SEM)`,
        );
      }
    }
    if (which !== 'straight') {
      const N = options.centres ?? base.centres;
      log(`chapter4: AD vs FD scalar curvature at ${N} centres, 7 step sizes`);
      const r = evaluateAdFd(decoder, { centres: N });
      result.adFd = r;
      // Normality of the log10 relative errors at the third step: Shapiro–Wilk on the sample without its
      // 100 smallest and 100 largest values (10 % each side for small samples), as the original evaluation intends.
      const third = r.relativeErrors[Math.min(2, r.relativeErrors.length - 1)]
        .filter((e) => e > 0)
        .map((e) => Math.log10(e));
      const trim = Math.min(100, Math.floor(third.length / 10));
      const trimmed = [...third].sort((x, y) => x - y).slice(trim, third.length - trim);
      const sw = trimmed.length >= 3 ? shapiroWilk(trimmed) : null;
      const normality = sw ? { trimmedEachSide: trim, ...sw } : null;
      writeJsonAtomic(join(dir, 'ad_fd_float32.json'), { model: tag, ...r, normality });
      files.push('ad_fd_float32.json');
      writeFileAtomic(join(dir, 'statistical_analysis_AD_FD_float32.txt'), adFdText(r, normality));
      files.push('statistical_analysis_AD_FD_float32.txt');
      const s = sampleStatistics(third, 'log10 relative errors');
      const normal = Array.from(new Random(0).normalArray(1024, s.mean, s.std));
      files.push(...adFdFigures(dir, r, normal, sw ? normalityLines(sw, trim) : []));
      if (sw) {
        files.push(
          ...normalProbabilityFigure(
            dir,
            'fd_float32_relative_error_probplot_R',
            trimmed,
            'Normal probability plot of the trimmed log10 relative errors (3rd h)',
          ),
        );
      }
      log(`chapter4: timing curvature losses for batch sizes ${base.batchSizes.join(', ')}`);
      const timing = timeCurvatureLosses(decoder, {
        batchSizes: base.batchSizes,
        repetitions: base.repetitions,
      });
      result.timing = timing;
      writeJsonAtomic(join(dir, 'timing_results_batch_minigrids.json'), timing);
      files.push('timing_results_batch_minigrids.json');
      files.push(...timingFigure(dir, timing));
    }
    return result;
  });
}
