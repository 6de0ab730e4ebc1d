import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  CHAPTER4_COMPARISON_DIR,
  type Chapter4Setting,
  chapter4ComparisonFigures,
  commonRange,
  readChapter4Setting,
  writeChapter4Comparison,
} from '../src/chapter4/comparison.js';

/** Series names of a histogram SVG, in drawing order, and its bar count. */
const seriesOf = (svg: string) => [...svg.matchAll(/class="bars" data-series="([^"]*)"/g)].map((m) => m[1]);
const barCount = (svg: string) => svg.match(/class="bar"/g)?.length ?? 0;
function bottomTicks(svg: string): number[] {
  const axis = /<g class="axis axis-bottom">([\s\S]*?)<\/g>\s*<g class="axis/.exec(svg)?.[1] ?? '';
  return [...axis.matchAll(/<g class="tick">[\s\S]*?<text[^>]*>([^<]*)<\/text>/g)]
    .map((m) => Number(m[1].replace('−', '-').replace(/,/g, '')))
    .filter(Number.isFinite);
}

// Three settings with disjoint ranges, so the common range is visibly the union.
const setting = (name: string, offset: number, ratio: number[]): Chapter4Setting => ({
  name,
  eTilde: [1, 2, 3].map((v) => 1000 * (v + offset)),
  energy: [1, 2, 3].map((v) => 10 * (v + offset)),
  acceleration: [1, 2, 3].map((v) => 100 * (v + offset)),
  ratio,
});
const settings = [
  setting('Setting_1', 0, [0.5, 0.6]),
  setting('Setting_2', 10, []),
  setting('Setting_3', 20, [0.9, 0.95]),
];

describe('Chapter 4 histograms across settings', () => {
  const figs = chapter4ComparisonFigures(settings);
  const byBase = Object.fromEntries(figs.map((f) => [f.base, f]));

  it('overlaid and side-by-side figures for Ẽ, E, A and the energy ratio', () => {
    expect(figs.map((f) => f.base).sort()).toEqual(
      ['E_tilde_values', 'Energy_values', 'Acceleration_values', 'energy_ratios']
        .flatMap((n) => [`Histogram_${n}_comparison`, `Histogram_bars_${n}_comparison`])
        .sort(),
    );
  });

  it('one series per setting that has the quantity, with the same bins', () => {
    for (const n of ['E_tilde_values', 'Energy_values', 'Acceleration_values']) {
      for (const base of [`Histogram_${n}_comparison`, `Histogram_bars_${n}_comparison`]) {
        expect(seriesOf(byBase[base].svg), base).toEqual(['Setting_1', 'Setting_2', 'Setting_3']);
      }
    }
    expect(barCount(byBase.Histogram_E_tilde_values_comparison.svg)).toBe(3 * 50);
    expect(barCount(byBase.Histogram_Energy_values_comparison.svg)).toBe(3 * 30);
    // Setting_2 has no geodesic energies: the ratio compares the other two
    expect(seriesOf(byBase.Histogram_energy_ratios_comparison.svg)).toEqual(['Setting_1', 'Setting_3']);
    expect(barCount(byBase.Histogram_bars_energy_ratios_comparison.svg)).toBe(2 * 20);
  });

  it('bins every setting on the common range of all of them', () => {
    expect(commonRange(settings.map((s) => s.energy))).toEqual([10, 230]);
    const ticks = bottomTicks(byBase.Histogram_Energy_values_comparison.svg);
    expect(Math.min(...ticks)).toBeLessThanOrEqual(50);
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(200);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(230);
    // side by side: each bin split into three bars of equal width
    const widths = [
      ...byBase.Histogram_bars_Energy_values_comparison.svg.matchAll(/class="bar"[^>]*width="([\d.]+)"/g),
    ].map((m) => Number(m[1]));
    const overlaid = [
      ...byBase.Histogram_Energy_values_comparison.svg.matchAll(/class="bar"[^>]*width="([\d.]+)"/g),
    ].map((m) => Number(m[1]));
    expect(Math.abs(widths[0] - overlaid[0] / 3)).toBeLessThan(0.02);
  });

  it('says in the ratio captions and title that both energies use one discretisation', () => {
    for (const base of ['Histogram_energy_ratios_comparison', 'Histogram_bars_energy_ratios_comparison']) {
      expect(byBase[base].caption).toMatch(/same discrete energy/);
      expect(byBase[base].caption).toMatch(/mixing two discretisations/);
      expect(byBase[base].svg).toMatch(/same discretisation/);
    }
  });

  it('needs two settings', () => {
    expect(chapter4ComparisonFigures(settings.slice(0, 1))).toEqual([]);
  });

  const out = mkdtempSync(join(tmpdir(), 'curv-ch4-compare-'));
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  it('writes SVG, PNG and chapter4_comparison.json into the run folder, from straight_lines.json files', () => {
    for (const s of settings) {
      mkdirSync(join(out, s.name, 'chapter4'), { recursive: true });
      const { name: _name, ...rest } = s;
      writeFileSync(
        join(out, s.name, 'chapter4', 'straight_lines.json'),
        JSON.stringify({ model: 'x', ...rest }),
      );
    }
    const read = settings.map((s) => readChapter4Setting(join(out, s.name), s.name));
    expect(read).toEqual(settings);
    expect(readChapter4Setting(join(out, 'missing'), 'missing')).toBeUndefined();
    const written = writeChapter4Comparison(out, read as Chapter4Setting[]);
    expect(written).toHaveLength(8);
    for (const f of written) {
      expect(existsSync(join(out, f.path))).toBe(true);
      const png = readFileSync(join(out, f.path.replace(/\.svg$/, '.png')));
      expect(png.subarray(1, 4).toString()).toBe('PNG');
    }
    const json = JSON.parse(
      readFileSync(join(out, CHAPTER4_COMPARISON_DIR, 'chapter4_comparison.json'), 'utf8'),
    );
    expect(json.settings).toEqual(['Setting_1', 'Setting_2', 'Setting_3']);
    expect(json.statistics.Setting_3.Energy_values.mean).toBeCloseTo(220, 12);
    expect(json.statistics.Setting_2.energy_ratios).toBeNull();
    expect(json.ranges.Acceleration_values).toEqual([100, 2300]);
  });
});
