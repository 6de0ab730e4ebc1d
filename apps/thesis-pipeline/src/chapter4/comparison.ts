import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeJsonAtomic } from '@curv/core';
import { histogram } from '@curv/plots';
import { writeFigure } from './figures.js';
import { type SampleStatistics, sampleStatistics } from './statistics.js';

/** Folder of the cross-setting Chapter 4 histograms, in the run's output folder (next to index.html). */
export const CHAPTER4_COMPARISON_DIR = 'chapter4-comparison';

/** The Step 8 samples of one experiment (from its `chapter4/straight_lines.json`). */
export interface Chapter4Setting {
  name: string;
  eTilde: number[];
  energy: number[];
  acceleration: number[];
  /** Geodesic energy / straight-segment energy, both by the same discrete energy; empty when not solved. */
  ratio: number[];
}

/** The compared quantities: file name part, bins, axis label, title. */
export const CHAPTER4_QUANTITIES = [
  {
    key: 'eTilde',
    name: 'E_tilde_values',
    bins: 50,
    label: 'Ẽ (second-difference energy)',
    title: 'Ẽ of the straight segments',
  },
  {
    key: 'energy',
    name: 'Energy_values',
    bins: 30,
    label: 'E (central-difference energy)',
    title: 'E of the straight segments',
  },
  {
    key: 'acceleration',
    name: 'Acceleration_values',
    bins: 30,
    label: 'A (tangential acceleration)',
    title: 'A of the straight segments',
  },
  {
    key: 'ratio',
    name: 'energy_ratios',
    bins: 20,
    label: 'geodesic energy / straight-segment energy',
    title:
      'Geodesic / straight-segment energy ratio\n(both energies by the same discretisation on the same curve points)',
  },
] as const;

/** What the ratio figures show, for captions and the JSON summary. */
export const RATIO_NOTE =
  'ratio = energy of the optimised geodesic / energy of the straight segment it starts from, both by the same discrete energy (S − 1)·Σ‖ΔΨ‖² on the same S curve points; the original notebook divided the geodesic energy by the central-difference E instead, mixing two discretisations';

/** Read an experiment's Step 8 samples; undefined when the file is missing or not a Step 8 result. */
export function readChapter4Setting(experimentDir: string, name: string): Chapter4Setting | undefined {
  const path = join(experimentDir, 'chapter4', 'straight_lines.json');
  if (!existsSync(path)) return undefined;
  let v: Record<string, unknown>;
  try {
    v = JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
  const nums = (x: unknown) =>
    Array.isArray(x) ? (x as unknown[]).filter((e): e is number => typeof e === 'number') : undefined;
  const eTilde = nums(v.eTilde);
  const energy = nums(v.energy);
  const acceleration = nums(v.acceleration);
  if (!eTilde || !energy || !acceleration) return undefined;
  return { name, eTilde, energy, acceleration, ratio: nums(v.ratio) ?? [] };
}

/** The common bin range [min, max] of the finite values of all settings. */
export function commonRange(samples: readonly (readonly number[])[]): [number, number] | undefined {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  for (const s of samples) {
    for (const v of s) {
      if (!Number.isFinite(v)) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return lo <= hi ? [lo, hi] : undefined;
}

/** One comparison figure: file base name (in {@link CHAPTER4_COMPARISON_DIR}), SVG, caption. */
export interface ComparisonFigure {
  base: string;
  svg: string;
  caption: string;
}

/**
 * The cross-setting histograms of the Chapter 4 evaluation: for Ẽ, E, A and the energy ratio, one
 * figure with the settings overlaid (`Histogram_<name>_comparison`) and one with side-by-side bars
 * (`Histogram_bars_<name>_comparison`), one series per setting, on the common range of all settings.
 * A quantity that fewer than two settings have is left out.
 */
export function chapter4ComparisonFigures(settings: readonly Chapter4Setting[]): ComparisonFigure[] {
  const out: ComparisonFigure[] = [];
  for (const q of CHAPTER4_QUANTITIES) {
    const have = settings.filter((s) => s[q.key].some(Number.isFinite));
    if (have.length < 2) continue;
    const domain = commonRange(have.map((s) => s[q.key]));
    if (!domain) continue;
    const series = have.map((s) => ({ label: s.name, values: s[q.key] }));
    const names = have.map((s) => s.name).join(', ');
    const note = q.key === 'ratio' ? ` ${RATIO_NOTE}.` : '';
    const base = () =>
      histogram()
        .size([760, 480])
        .bins(q.bins)
        .domain(domain)
        .title(q.title)
        .xLabel(q.label)
        .yLabel('Frequency');
    out.push({
      base: `Histogram_${q.name}_comparison`,
      svg: base().opacity(0.55)({ series }),
      caption: `${q.label} of the straight segments between the same random latent points, per setting (${names}), overlaid; ${q.bins} bins on the common range.${note}`,
    });
    out.push({
      base: `Histogram_bars_${q.name}_comparison`,
      svg: base().opacity(0.85).layout('side-by-side')({ series }),
      caption: `${q.label} per setting (${names}), side-by-side bars; ${q.bins} bins on the common range.${note}`,
    });
  }
  return out;
}

/**
 * Write the comparison into `<outDir>/chapter4-comparison/`: every figure as SVG and PNG, and
 * `chapter4_comparison.json` (per setting mean / unbiased std / SEM of each quantity, the common ranges
 * and what the ratio is). Returns the figures (with paths relative to `outDir`), or an empty list when
 * fewer than two settings have Step 8 results.
 */
export function writeChapter4Comparison(outDir: string, settings: readonly Chapter4Setting[]) {
  const figures = chapter4ComparisonFigures(settings);
  if (figures.length === 0) return [];
  const dir = join(outDir, CHAPTER4_COMPARISON_DIR);
  mkdirSync(dir, { recursive: true });
  for (const f of figures) writeFigure(dir, f.base, f.svg);
  const stats: Record<string, Record<string, SampleStatistics | null>> = {};
  for (const s of settings) {
    stats[s.name] = Object.fromEntries(
      CHAPTER4_QUANTITIES.map((q) => [
        q.name,
        s[q.key].some(Number.isFinite) ? sampleStatistics(s[q.key].filter(Number.isFinite), q.name) : null,
      ]),
    );
  }
  writeJsonAtomic(join(dir, 'chapter4_comparison.json'), {
    settings: settings.map((s) => s.name),
    ranges: Object.fromEntries(
      CHAPTER4_QUANTITIES.map((q) => [q.name, commonRange(settings.map((s) => s[q.key])) ?? null]),
    ),
    statistics: stats,
    ratio: RATIO_NOTE,
  });
  return figures.map((f) => ({ ...f, path: `${CHAPTER4_COMPARISON_DIR}/${f.base}.svg` }));
}
