import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { FILES } from '../src/files.js';

/**
 * Helpers to read a results page back: its sections, its tables as rows of cells, and numbers as
 * printed (4 significant digits), so that tests can compare the page with the JSON files it came from.
 */

/** The text of `## title` up to the next `## ` heading. */
export function section(page: string, title: string): string {
  const start = page.indexOf(`\n## ${title}\n`);
  expect(start, `section ## ${title}`).toBeGreaterThanOrEqual(0);
  const next = page.indexOf('\n## ', start + 4);
  return page.slice(start, next < 0 ? undefined : next);
}

/** The text of `### title…` up to the next heading. */
export function subsection(text: string, prefix: string): string {
  const start = text.indexOf(`\n### ${prefix}`);
  expect(start, `subsection ### ${prefix}`).toBeGreaterThanOrEqual(0);
  const next = text.indexOf('\n##', start + 5);
  return text.slice(start, next < 0 ? undefined : next);
}

/** Rows (cells) of every pipe table in a text, header and separator rows excluded. */
export function rows(text: string): string[][] {
  const out: string[][] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line.startsWith('| ') || /^\| ---/.test(line) || lines[i + 1]?.startsWith('| ---')) continue;
    out.push(
      line
        .slice(2, -2)
        .split(/ (?<!\\)\| /)
        .map((c) => c.trim()),
    );
  }
  return out;
}

/** The row whose first cell is `key`. */
export function row(text: string, key: string): string[] {
  const r = rows(text).find((cells) => cells[0] === key);
  expect(r, `table row '${key}'`).toBeDefined();
  return r as string[];
}

/** A printed number: finite, and within the rounding of 4 significant digits of `want`. */
export function expectPrinted(cell: string, want: number, what: string): void {
  const got = Number(cell.split(' ')[0]);
  expect(Number.isFinite(got), `${what}: '${cell}' is a number`).toBe(true);
  expect(Math.abs(got - want), `${what}: page ${cell} vs file ${want}`).toBeLessThanOrEqual(
    Math.abs(want) * 5.01e-4 + 1e-12,
  );
}

/** `mean ± std` printed for these values. */
export function expectMeanStd(cell: string, mean: number, std: number, what: string): void {
  const [m, s] = cell.split(' ± ');
  expectPrinted(m, mean, `${what} mean`);
  expectPrinted(s, std, `${what} std`);
}

const popStd = (xs: number[]) => {
  const m = xs.reduce((a, b) => a + b, 0) / xs.length;
  return Math.sqrt(xs.reduce((a, b) => a + (b - m) ** 2, 0) / xs.length);
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

/**
 * Check a results page of a finished run of the tiny preset (all nine steps) against the files of
 * `runDir`: every number the page prints for an experiment equals the one in the step's JSON file.
 */
export function checkResultsPage(page: string, runDir: string, experiments: string[]): void {
  const json = (exp: string, rel: string) => JSON.parse(readFileSync(join(runDir, exp, rel), 'utf8'));
  expect(page).not.toMatch(/NaN|undefined|\[object Object\]/);
  // Environment recorded per step by curv run (this process).
  const env = section(page, 'Environment');
  for (const exp of experiments) {
    const r = rows(env).find((c) => c[0] === exp);
    expect(r, `environment row of ${exp}`).toBeDefined();
    const [, steps, machine, node, backend] = r as string[];
    expect(steps).toBe('1, 2, 3, 4, 5, 6, 7, 8, 9');
    expect(machine).toContain(`${cpus().length} logical cores`);
    expect(node).toBe(process.version);
    expect(backend).toMatch(/^wasm/);
  }
  const overview = section(page, 'Overview');
  for (const exp of experiments) {
    const s = section(page, exp);
    const manifest = json(exp, 'manifest.json');
    // Steps: all done, wall times from the manifest (one decimal).
    const steps = s.slice(0, s.indexOf('\n### '));
    for (let id = 1; id <= 9; id++) {
      const r = row(steps, String(id));
      expect(r[2], `step ${id} status`).toBe('done');
      expect(Math.abs(Number(r[3]) - manifest.steps[id].seconds), `step ${id} wall time`).toBeLessThanOrEqual(
        0.051,
      );
    }
    // Step 1.
    const results = json(exp, FILES.results);
    const r2 = results[results.length - 1]['R^2_test_data '];
    expectPrinted(row(subsection(s, 'Step 1'), 'test R²')[1], r2, `${exp} test R²`);
    expectPrinted(row(overview, exp)[2], r2, `${exp} overview test R²`);
    // Step 2.
    const st = json(exp, FILES.geometryStats);
    const s2 = subsection(s, 'Step 2');
    const meanR2 = row(s2, 'mean R²');
    expectPrinted(meanR2[1], st.data.R2.mean, `${exp} mean R² on data`);
    expectPrinted(meanR2[2], st.grid_values.R2.mean, `${exp} mean R² on grid`);
    const dens = row(s2, 'mean R²√det g');
    expectPrinted(dens[1], st.data.curvatureFunctional.mean, `${exp} R²√det g on data`);
    expectPrinted(dens[2], st.grid_values.curvatureFunctional.mean, `${exp} R²√det g on grid`);
    // Step 3.
    const single = json(exp, FILES.geodesicSingle);
    const len = row(subsection(s, 'Step 3'), 'length');
    expectPrinted(len[1], single.length, `${exp} geodesic length`);
    expectPrinted(len[3], single.length / single.straightLength, `${exp} length ratio`);
    expectPrinted(
      row(subsection(s, 'Step 3'), 'energy')[3],
      single.energy / single.straightEnergy,
      'energy ratio',
    );
    // Step 4: the page recomputes the edge error from the two files; step 4 computed it independently.
    const s4 = subsection(s, 'Steps 4 and 5');
    expectPrinted(
      row(s4, 'mean relative edge-length error (horizontal, vertical averaged)')[1],
      manifest.steps[4].summary.edge_rel_error,
      `${exp} edge error`,
    );
    const losses = json(exp, FILES.embeddedGrid).lossHistory;
    expectPrinted(row(s4, 'final embedding loss')[1], losses[losses.length - 1], `${exp} embedding loss`);
    // Steps 6/7: per setup from each setup's clustering_metrics.json; mean ± std over setups.
    const s7 = subsection(s, 'Steps 6 and 7');
    const seeds: number[] = manifest.params.kmeans.seeds;
    const cols = [
      'riemannian.F',
      'euclidean.F',
      'riemannian.ARI',
      'euclidean.ARI',
      'riemannian.NMI',
      'euclidean.NMI',
    ];
    const metrics = seeds.map((seed) => json(exp, `${FILES.kmeansDir(seed)}/clustering_metrics.json`));
    seeds.forEach((seed, i) => {
      const r = row(s7, String(seed));
      cols.forEach((c, j) => {
        const [side, k] = c.split('.');
        expectPrinted(r[j + 1], metrics[i][side][k], `${exp} setup ${seed} ${c}`);
      });
    });
    const mr = row(s7, 'mean ± std');
    const stats = json(exp, FILES.fMeasureStats);
    expectMeanStd(mr[1], stats.riemannian_F_measure_mean, stats.riemannian_F_measure_std, 'F Riemannian');
    expectMeanStd(mr[2], stats.euclidean_F_measure_mean, stats.euclidean_F_measure_std, 'F flat');
    cols.forEach((c, j) => {
      const [side, k] = c.split('.');
      const xs = metrics.map((m) => m[side][k] as number);
      expectMeanStd(mr[j + 1], mean(xs), popStd(xs), `${exp} ${c} over setups`);
    });
    // Step 8.
    const sl = json(exp, FILES.chapter4StraightLines);
    const ratio = row(subsection(s, 'Step 8'), 'geodesic / straight-line energy');
    expectPrinted(ratio[1], sl.statistics.ratio.mean, `${exp} energy ratio mean`);
    expectPrinted(ratio[2], sl.statistics.ratio.std, `${exp} energy ratio std`);
    expect(ratio[4]).toBe(String(sl.statistics.ratio.count));
    // Step 9.
    const dc = json(exp, FILES.diffusionCurvature);
    const s9 = subsection(s, 'Step 9');
    expectPrinted(row(s9, 'Pearson correlation, all points')[1], dc.pearson, `${exp} Pearson`);
    expectPrinted(row(s9, 'sign agreement')[1], dc.signAgreement, `${exp} sign agreement`);
  }
}
