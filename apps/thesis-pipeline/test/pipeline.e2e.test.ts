import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { initBackend, readSafetensors } from '@curv/core';
import { TorusAE } from '@curv/models';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { planExperiments } from '../src/commands/run.js';
import { FILES } from '../src/files.js';
import { sha256 } from '../src/hash.js';
import type { CliIO } from '../src/io.js';
import { type Manifest, readManifest } from '../src/manifest.js';
import { type RunResult, runPipeline } from '../src/pipeline.js';
import { PRESETS } from '../src/presets.js';
import { createProgress, type Progress } from '../src/progress.js';
import { checkResultsPage } from './resultsPageCheck.js';

/**
 * End to end: the `tiny` preset (the quick preset reduced for CI: 60 images per digit, 3 epochs,
 * 16×16 report grid, 4×4 embedding grid, N = 30 K-means points, 6 outer iterations, 2 setups) runs
 * all seven steps for the regularised and the unregularised model in-process, then every artifact is
 * checked, and the manifest's skip/re-run/resume semantics are exercised.
 */

const CHROMIUM = '/usr/bin/chromium';
const haveChromium = existsSync(CHROMIUM);
if (!haveChromium && !process.env.CI) {
  console.warn(
    `[thesis-pipeline] SKIPPING the headless-browser report check: ${CHROMIUM} not found (apt-get install chromium).`,
  );
}

const quiet = (): Progress => createProgress({ quiet: true });
const out = mkdtempSync(join(tmpdir(), 'curv-e2e-'));
const tiny = PRESETS.tiny;
const EXPERIMENTS = ['quick_curv', 'quick_nocurv'];

async function run(
  options: {
    out?: string;
    params?: typeof tiny.params;
    steps?: (1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9)[];
    progress?: Progress;
    signal?: AbortSignal;
    only?: string;
    /** `--set key=value` arguments (resolved like the CLI's). */
    set?: string[];
  } = {},
): Promise<RunResult> {
  const dir = options.out ?? out;
  const resolved = planExperiments({ preset: 'tiny', out: dir, set: options.set }).plans;
  // An explicit `params` replaces the resolved settings (the tests below change them directly).
  const plans = options.params ? resolved.map((p) => ({ ...p, params: options.params })) : resolved;
  return runPipeline({
    experiments: options.only ? plans.filter((p) => p.name === options.only) : plans,
    params: options.params ?? tiny.params,
    preset: 'tiny',
    out: dir,
    steps: options.steps,
    progress: options.progress ?? quiet(),
    signal: options.signal,
  });
}

const json = (exp: string, rel: string) => JSON.parse(readFileSync(join(out, exp, rel), 'utf8'));
const finite = (xs: unknown) =>
  Array.isArray(xs) && xs.length > 0 && xs.every((x) => typeof x === 'number' && Number.isFinite(x));
const manifestOf = (exp: string) => readManifest(join(out, exp)) as Manifest;

let first: RunResult;

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
  first = await run();
}, 600_000);

describe('curv run --preset tiny, end to end', () => {
  it('runs all nine steps (seven quick-start steps, Chapter 4, diffusion curvature) of both experiments to done', () => {
    expect(first.ok, JSON.stringify(first.outcomes.filter((o) => o.status !== 'done'))).toBe(true);
    expect(first.outcomes.map((o) => `${o.experiment}:${o.step}:${o.status}`)).toEqual(
      EXPERIMENTS.flatMap((e) => [1, 2, 3, 4, 5, 6, 7, 8, 9].map((s) => `${e}:${s}:done`)),
    );
    const summary = JSON.parse(readFileSync(join(out, 'summary.json'), 'utf8'));
    expect(summary.ok).toBe(true);
    const index = readFileSync(join(out, 'index.html'), 'utf8');
    expect(index).toContain('Comparison: quick_curv vs quick_nocurv');
    // Chapter 4 across the two settings (both ran step 8): written next to index.html and shown in it.
    for (const base of ['Histogram_energy_ratios_comparison', 'Histogram_bars_E_tilde_values_comparison']) {
      expect(existsSync(join(out, 'chapter4-comparison', `${base}.png`))).toBe(true);
      expect(index).toContain(`chapter4-comparison/${base}.svg`);
    }
  });

  it('step 1: weights load as a 784-128-64-2 TorusAE, results.json has the SPEC §10.10 keys and R² > 0', () => {
    for (const exp of EXPERIMENTS) {
      const ae = TorusAE.fromSafetensors(join(out, exp, FILES.weights));
      expect([ae.inputDim, ...ae.hidden, ae.latentDim]).toEqual([784, 128, 64, 2]);
      ae.dispose();
      const results = json(exp, FILES.results) as Record<string, number>[];
      expect(results).toHaveLength(1);
      const r = results[0];
      for (const k of [
        'epoch_count',
        'learning_rate',
        'batch_size',
        'R^2_test_data ',
        'training_time',
        'MSE test',
        'MSE train',
      ]) {
        expect(r, k).toHaveProperty([k]);
      }
      expect(r.epoch_count).toBe(3);
      expect(r['R^2_test_data ']).toBeGreaterThan(0);
      expect(r['R^2_test_data ']).toBeLessThan(1);
      const hist = json(exp, FILES.lossHistory);
      expect(hist.train.MSE).toHaveLength(3 * 3); // 144 training images, batch 64 → 3 batches × 3 epochs
      expect(finite(hist.train.MSE)).toBe(true);
      expect(Boolean(hist.train.Curvature)).toBe(exp === 'quick_curv');
    }
  });

  it('step 2: curvature statistics are finite, grid arrays are n², R²√det g is consistent with R and det g', () => {
    for (const exp of EXPERIMENTS) {
      const stats = json(exp, FILES.geometryStats);
      for (const part of [stats.data, stats.grid_values]) {
        for (const q of ['R', 'R2', 'curvatureFunctional', 'sqrtDetG', 'halfTraceG']) {
          expect(Number.isFinite(part[q].mean), `${exp} ${q}`).toBe(true);
          expect(part[q].nonFinite).toBe(0);
        }
      }
      expect(stats.grid_values.sqrtDetG.min).toBeGreaterThan(0);
      const grid = json(exp, FILES.geometryGrid);
      expect(grid.n).toBe(16);
      for (const k of ['R', 'sqrtDetG', 'halfTraceG']) expect(grid[k]).toHaveLength(256);
      const data = json(exp, FILES.geometryData);
      expect(data.points).toHaveLength(2 * data.R.length);
      const f = data.R.map((r: number, i: number) => r * r * Math.sqrt(data.detg[i]));
      const mean = f.reduce((a: number, b: number) => a + b, 0) / f.length;
      expect(mean).toBeCloseTo(stats.data.curvatureFunctional.mean, 6);
      // AM–GM: √det g ≤ ½ tr g for a positive semi-definite 2×2 metric.
      const violations = grid.sqrtDetG.filter((s: number, i: number) => s > grid.halfTraceG[i] * (1 + 1e-5));
      expect(violations).toEqual([]);
    }
  });

  it('step 3: the single geodesic keeps its endpoints and is no longer than the straight segment; the grid has 2 + 2·lines curves', () => {
    const { lines, steps } = tiny.params.geodesics;
    for (const exp of EXPERIMENTS) {
      const g = json(exp, FILES.geodesicSingle);
      expect(g.curve).toHaveLength(steps);
      expect(g.curve[0][1]).toBeCloseTo(-2, 5);
      expect(g.curve[steps - 1][1]).toBeCloseTo(3, 5);
      expect(g.energy).toBeLessThanOrEqual(g.straightEnergy);
      expect(g.length ** 2).toBeLessThanOrEqual(g.energy * (1 + 1e-5));
      const grid = json(exp, FILES.geodesicGrid);
      expect(grid.vertical).toHaveLength(lines);
      expect(grid.horizontal).toHaveLength(lines);
      expect(Object.keys(grid.borders)).toEqual(['bottom', 'top', 'left', 'right']);
      expect(finite(grid.lengths.vertical)).toBe(true);
    }
  });

  it('step 4: the embedded grid is nodes×nodes×3 and its edge lengths match the geodesic lengths within 1 %', () => {
    const { nodes } = tiny.params.embedding;
    for (const exp of EXPERIMENTS) {
      const lengths = json(exp, FILES.embeddingLengths);
      const emb = json(exp, FILES.embeddedGrid);
      expect(emb.vertices).toHaveLength(nodes);
      expect(
        emb.vertices.every((row: number[][]) => row.length === nodes && row.every((v) => v.length === 3)),
      ).toBe(true);
      const dist = (a: number[], b: number[]) => Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2]);
      for (let i = 0; i + 1 < nodes; i++) {
        for (let j = 0; j < nodes; j++) {
          const L = lengths.horizontal[i][j];
          expect(Math.abs(dist(emb.vertices[i + 1][j], emb.vertices[i][j]) - L)).toBeLessThan(0.01 * L);
        }
      }
    }
  });

  it('step 5: OBJ and PLY describe the nodes² vertices and 2(nodes−1)² triangles', () => {
    const { nodes } = tiny.params.embedding;
    const V = nodes * nodes;
    const F = 2 * (nodes - 1) * (nodes - 1);
    for (const exp of EXPERIMENTS) {
      const obj = readFileSync(join(out, exp, FILES.meshObj), 'utf8');
      expect(obj.split('\n').filter((l) => l.startsWith('v ')).length).toBe(V);
      expect(obj.split('\n').filter((l) => l.startsWith('f ')).length).toBe(F);
      const ply = readFileSync(join(out, exp, FILES.meshPly), 'utf8');
      expect(ply).toContain(`element vertex ${V}`);
      expect(ply).toContain(`element face ${F}`);
      const view = json(exp, FILES.meshView);
      expect(view.vertices).toHaveLength(3 * V);
    }
  });

  it('step 6: params.json per setup has the SPEC §14 keys, labels in [0, K), curves N×K×S×2', () => {
    const { seeds, n, steps, outer } = tiny.params.kmeans;
    for (const exp of EXPERIMENTS) {
      for (const seed of seeds) {
        const p = json(exp, `K_means_setup_${seed}/params.json`);
        for (const k of [
          'K',
          'N',
          'selected_labels',
          'n_max',
          'step_count',
          'beta',
          'learning_rate',
          'num_iter_outer',
          'num_iter_inner',
          'Riemannian_k_means_labels',
          'time_secs',
          'ground_truth_labels',
          'encoded_points',
        ]) {
          expect(p, k).toHaveProperty(k);
        }
        expect(p.K).toBe(3);
        expect(p.N).toBe(n);
        expect(p.ground_truth_labels.filter((l: number) => l === 1)).toHaveLength(n / 3);
        expect(p.Riemannian_k_means_labels.every((l: number) => Number.isInteger(l) && l >= 0 && l < 3)).toBe(
          true,
        );
        expect(p.history.intraclass_variance).toHaveLength(outer);
        const curves = readSafetensors(join(out, exp, `K_means_setup_${seed}/geodesic_curve.safetensors`))
          .tensors.curves;
        expect(curves.shape).toEqual([n, 3, steps, 2]);
      }
    }
  });

  it('step 7: F-measures in [0, 1] agree across f_measure_*.txt, clustering_metrics.json and f_measure_stats.json', () => {
    const { seeds } = tiny.params.kmeans;
    for (const exp of EXPERIMENTS) {
      const riem: number[] = [];
      const eucl: number[] = [];
      for (const seed of seeds) {
        const dir = join(out, exp, `K_means_setup_${seed}`);
        const fR = Number(readFileSync(join(dir, 'f_measure_Riemannian.txt'), 'utf8'));
        const fE = Number(readFileSync(join(dir, 'f_measure_Euclidean.txt'), 'utf8'));
        for (const f of [fR, fE]) {
          expect(f).toBeGreaterThanOrEqual(0);
          expect(f).toBeLessThanOrEqual(1);
        }
        const m = JSON.parse(readFileSync(join(dir, 'clustering_metrics.json'), 'utf8'));
        expect(m.riemannian.F).toBe(fR);
        expect(m.euclidean.F).toBe(fE);
        riem.push(fR);
        eucl.push(fE);
        const e = JSON.parse(readFileSync(join(dir, 'Euclidean_k_means_params.json'), 'utf8'));
        const p = JSON.parse(readFileSync(join(dir, 'params.json'), 'utf8'));
        expect(e.encoded_points).toEqual(p.encoded_points);
        expect(e.ground_truth_labels).toEqual(p.ground_truth_labels);
      }
      const stats = json(exp, FILES.fMeasureStats);
      const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
      expect(stats.riemannian_F_measure_mean).toBeCloseTo(mean(riem), 12);
      expect(stats.euclidean_F_measure_mean).toBeCloseTo(mean(eucl), 12);
      const std = Math.sqrt(mean(riem.map((x) => (x - mean(riem)) ** 2)));
      expect(stats.riemannian_F_measure_std).toBeCloseTo(std, 12);
      expect(stats.riemannian_F_measure_SEM).toBeCloseTo(std / Math.sqrt(seeds.length), 12);
    }
  });

  it('step 8 (Chapter 4) runs the §16.1 evaluation on the trained weights: K(K−1)/2 pairs, mean energy ratio < 1', () => {
    const { points } = tiny.params.chapter4;
    const P = (points * (points - 1)) / 2;
    for (const exp of EXPERIMENTS) {
      const r = json(exp, FILES.chapter4StraightLines);
      expect(r.model).toBe('ae_weights');
      expect(r.pairs).toHaveLength(P);
      for (const k of ['eTilde', 'energy', 'acceleration']) {
        expect(r[k].every((v: number) => Number.isFinite(v) && v >= 0)).toBe(true);
      }
      // 20 Adam steps (quick settings) lower the energy on average, not for every pair.
      expect(r.ratio.every((v: number) => v > 0 && Number.isFinite(v))).toBe(true);
      expect(r.ratio.reduce((a: number, b: number) => a + b, 0) / P).toBeLessThan(1);
      const summary = manifestOf(exp).steps[8].summary as Record<string, number>;
      expect(summary.pairs).toBe(P);
      expect(summary.mean_energy_ratio).toBeCloseTo(
        r.ratio.reduce((a: number, b: number) => a + b, 0) / P,
        10,
      );
    }
  });

  it('step 9: diffusion_curvature.json has n finite k and K = R/2, correlations in [−1, 1], and its three figures', () => {
    const { n, graphKnn, times, seed } = tiny.params.diffusion;
    for (const exp of EXPERIMENTS) {
      const r = json(exp, FILES.diffusionCurvature);
      expect(r.k).toHaveLength(n);
      expect(r.K).toHaveLength(n);
      expect(r.z).toHaveLength(2 * n);
      expect(finite(r.k) && finite(r.K) && finite(r.z)).toBe(true);
      for (const key of ['pearson', 'spearman', 'signAgreement']) {
        expect(Number.isFinite(r[key]), key).toBe(true);
        expect(Math.abs(r[key]), key).toBeLessThanOrEqual(1);
      }
      expect(r.signAgreement).toBeGreaterThanOrEqual(0);
      expect(r.settings).toMatchObject({ n, graphKnn, times, seed, dim: 2, ambientDim: 784 });
      expect(r.nu).toBeGreaterThan(0);
      expect(Math.abs(r.support - graphKnn)).toBeLessThanOrEqual(5);
      // Exact K at the data half equals R/2 of the geometry report wherever the latent points coincide.
      const geo = json(exp, FILES.geometryData);
      const at = new Map<string, number>();
      for (let i = 0; i < geo.R.length; i++)
        at.set(`${geo.points[2 * i]},${geo.points[2 * i + 1]}`, geo.R[i]);
      let matched = 0;
      for (let i = 0; i < n; i++) {
        const R = at.get(`${r.z[2 * i]},${r.z[2 * i + 1]}`);
        if (R === undefined) continue;
        matched++;
        expect(Math.abs(r.K[i] - R / 2)).toBeLessThanOrEqual(1e-4 * Math.max(1, Math.abs(R)));
      }
      expect(matched).toBeGreaterThan(0);
      const summary = manifestOf(exp).steps[9].summary as Record<string, number>;
      expect(summary.pearson).toBe(r.pearson);
      for (const f of [FILES.figDiffusionScatter, FILES.figDiffusionHeatmaps, FILES.figDiffusionEnergy]) {
        expect(existsSync(join(out, exp, `${f}.svg`)), f).toBe(true);
        expect(existsSync(join(out, exp, `${f}.png`)), f).toBe(true);
      }
    }
  });

  it('every figure is written as SVG and as a non-empty PNG of the right signature', () => {
    for (const exp of EXPERIMENTS) {
      const outputs = Object.values(manifestOf(exp).steps).flatMap((s) => s.outputs.map((o) => o.path));
      const svgs = outputs.filter((p) => p.endsWith('.svg'));
      expect(svgs.length).toBeGreaterThan(25);
      for (const svg of svgs) {
        expect(readFileSync(join(out, exp, svg), 'utf8').startsWith('<svg')).toBe(true);
        const png = readFileSync(join(out, exp, svg.replace(/\.svg$/, '.png')));
        expect(png.subarray(1, 4).toString()).toBe('PNG');
        expect(png.readUInt32BE(16)).toBeGreaterThan(200); // IHDR width
      }
    }
  });

  it('manifest.json records per step the config hash, inputs and outputs with sha256, package versions and timings', () => {
    for (const exp of EXPERIMENTS) {
      const m = manifestOf(exp);
      expect(m.experiment).toBe(exp);
      expect(Object.keys(m.steps)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
      for (const rec of Object.values(m.steps)) {
        expect(rec.status).toBe('done');
        expect(rec.configHash).toMatch(/^[0-9a-f]{16}$/);
        expect(rec.packages['@curv/models']).toMatch(/^\d+\.\d+\.\d+/);
        expect(rec.seconds).toBeGreaterThan(0);
        expect(rec.outputs.length).toBeGreaterThan(0);
        for (const f of [...rec.inputs, ...rec.outputs]) {
          expect(sha256(readFileSync(join(out, exp, f.path))), f.path).toBe(f.sha256);
        }
      }
      expect(m.steps[2].inputs.map((f) => f.path)).toEqual([FILES.weights]);
      expect(m.steps[5].inputs.map((f) => f.path)).toEqual([FILES.embeddedGrid]);
      // Step 1's weights are step 2's input: the same bytes.
      expect(m.steps[2].inputs[0].sha256).toBe(
        m.steps[1].outputs.find((o) => o.path === FILES.weights)?.sha256,
      );
    }
  });

  it('report.html loads in headless Chromium without errors, with every figure of the manifest and the 3-D view', async () => {
    if (!haveChromium) {
      if (process.env.CI) throw new Error(`${CHROMIUM} is missing on CI (apt-get install -y chromium)`);
      return;
    }
    const browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    try {
      for (const exp of EXPERIMENTS) {
        const page = await browser.newPage();
        const errors: string[] = [];
        page.on('console', (msg) => {
          if (msg.type() === 'error') errors.push(msg.text());
        });
        page.on('pageerror', (e) => errors.push(e.message));
        await page.goto(pathToFileURL(join(out, exp, FILES.report)).href);
        const svgFigures = Object.values(manifestOf(exp).steps).flatMap((s) =>
          s.outputs.filter((o) => o.path.endsWith('.svg')),
        );
        const shown = await page.locator('figure.figure svg').count();
        expect(shown).toBeGreaterThanOrEqual(svgFigures.length);
        expect(await page.locator('canvas.surface-viewer').count()).toBe(1);
        expect(await page.locator('body').textContent()).toContain(exp);
        expect(errors).toEqual([]);
        await page.close();
      }
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      await page.goto(pathToFileURL(join(out, 'index.html')).href);
      // Both experiments' main figures of Steps 1–5 and 7 side by side (step 6: kmeans_losses per setup).
      expect(await page.locator('figure.figure svg').count()).toBeGreaterThanOrEqual(2 * 8);
      expect(errors).toEqual([]);
      await page.close();
    } finally {
      await browser.close();
    }
  });
});

describe('curv report', () => {
  it('curv report DIR/<experiment> rebuilds report.html from the manifest (exit 0, path on stdout)', async () => {
    const { main } = await import('../src/main.js');
    const { Writable } = await import('node:stream');
    const file = join(out, 'quick_nocurv', FILES.report);
    rmSync(file);
    let stdout = '';
    const sink = (add: (s: string) => void) =>
      new Writable({
        write(chunk, _e, cb) {
          add(String(chunk));
          cb();
        },
      });
    const code = await main(['report', join(out, 'quick_nocurv')], {
      stdout: sink((s) => (stdout += s)),
      stderr: sink(() => {}),
    });
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(file);
    const html = readFileSync(file, 'utf8');
    expect(html).toContain('quick_nocurv');
    expect(html).toContain('f_measure_stats.json');
  });
});

describe('curv results', () => {
  it('writes a Markdown page whose numbers equal those in the step files of the finished run', async () => {
    const { main } = await import('../src/main.js');
    const file = join(out, 'results.md');
    const err: string[] = [];
    const io = { stdout: process.stdout, stderr: { write: (s: string) => err.push(s) } } as unknown as CliIO;
    expect(await main(['results', out, '--out', file], io), err.join('')).toBe(0);
    checkResultsPage(readFileSync(file, 'utf8'), out, EXPERIMENTS);
  });
});

describe('manifest semantics: skip, re-run, resume', () => {
  it('a second run skips every step and leaves every output untouched', async () => {
    const mtimes = EXPERIMENTS.map((e) => statSync(join(out, e, FILES.weights)).mtimeMs);
    const again = await run();
    expect(again.ok).toBe(true);
    expect(again.outcomes.every((o) => o.status === 'skipped')).toBe(true);
    expect(EXPERIMENTS.map((e) => statSync(join(out, e, FILES.weights)).mtimeMs)).toEqual(mtimes);
  });

  it('a changed step parameter re-runs that step only; a deleted output or an interrupted step is re-run', async () => {
    const params = {
      ...tiny.params,
      report: { ...tiny.params.report, grid: 12 },
      diffusion: { ...tiny.params.diffusion, seed: 1 },
    };
    rmSync(join(out, 'quick_curv', FILES.meshObj));
    const m = manifestOf('quick_nocurv');
    m.steps[3].status = 'running'; // as left by a killed process
    const { writeManifest } = await import('../src/manifest.js');
    writeManifest(join(out, 'quick_nocurv'), m);
    const r = await run({ params });
    const ran = r.outcomes.filter((o) => o.status === 'done').map((o) => `${o.experiment}:${o.step}`);
    expect(ran.sort()).toEqual([
      'quick_curv:2',
      'quick_curv:5',
      'quick_curv:9',
      'quick_nocurv:2',
      'quick_nocurv:3',
      'quick_nocurv:9',
    ]);
    expect(json('quick_curv', FILES.diffusionCurvature).settings.seed).toBe(1);
    expect(json('quick_curv', FILES.geometryGrid).n).toBe(12);
    expect(existsSync(join(out, 'quick_curv', FILES.meshObj))).toBe(true);
  });

  it('--set of a step-6 setting re-runs exactly steps 6 and 7 and is recorded in manifest.json', async () => {
    // The previous test left report.grid at 12 and diffusion.seed at 1: keep them so that only the K-means
    // change differs.
    const set = ['report.grid=12', 'diffusion.seed=1', 'kmeans.outer=4'];
    const before = statSync(join(out, 'quick_curv', FILES.weights)).mtimeMs;
    const r = await run({ set, only: 'quick_curv' });
    expect(r.ok).toBe(true);
    expect(r.outcomes.map((o) => `${o.step}:${o.status}`)).toEqual([
      '1:skipped',
      '2:skipped',
      '3:skipped',
      '4:skipped',
      '5:skipped',
      '6:done',
      '7:done',
      '8:skipped',
      '9:skipped',
    ]);
    expect(statSync(join(out, 'quick_curv', FILES.weights)).mtimeMs).toBe(before);
    const m = manifestOf('quick_curv');
    expect((m.params as typeof tiny.params).kmeans.outer).toBe(4);
    expect(m.overrides).toEqual([
      { key: 'report.grid', value: 12, source: '--set' },
      { key: 'diffusion.seed', value: 1, source: '--set' },
      { key: 'kmeans.outer', value: 4, source: '--set' },
    ]);
    // Step 6 ran with the new setting: one history entry per outer iteration.
    const seed = tiny.params.kmeans.seeds[0];
    const k = json('quick_curv', `K_means_setup_${seed}/params.json`);
    expect(k.num_iter_outer).toBe(4);
    expect(k.history.intraclass_variance).toHaveLength(4);
    // Same settings again: everything current.
    const again = await run({ set, only: 'quick_curv' });
    expect(again.outcomes.every((o) => o.status === 'skipped')).toBe(true);
  });

  it('--set chapter4.adfd=true re-runs exactly step 8, which records the AD vs FD files as its outputs; false removes them again', async () => {
    const base = ['report.grid=12', 'diffusion.seed=1', 'kmeans.outer=4'];
    const ADFD = [
      'chapter4/ad_fd_float32.json',
      'chapter4/statistical_analysis_AD_FD_float32.txt',
      'chapter4/timing_results_batch_minigrids.json',
      'chapter4/timing_AD_FD.svg',
      'chapter4/timing_AD_FD.png',
      'chapter4/fd_float32_relative_error_R.svg',
      'chapter4/fd_float32_error.svg',
    ];
    const on = await run({ set: [...base, 'chapter4.adfd=true'], only: 'quick_curv' });
    expect(on.ok).toBe(true);
    expect(on.outcomes.filter((o) => o.status === 'done').map((o) => o.step)).toEqual([8]);
    expect(on.outcomes.filter((o) => o.status !== 'done').every((o) => o.status === 'skipped')).toBe(true);
    const m = manifestOf('quick_curv');
    expect((m.params as typeof tiny.params).chapter4.adfd).toBe(true);
    const outputs = m.steps[8].outputs.map((o) => o.path);
    expect(outputs).toContain(FILES.chapter4StraightLines);
    for (const f of ADFD) {
      expect(outputs).toContain(f);
      expect(existsSync(join(out, 'quick_curv', f))).toBe(true);
    }
    // Quick settings (tiny preset): 128 centres, 7 step sizes, batch sizes 16, 32, 64.
    const a = json('quick_curv', 'chapter4/ad_fd_float32.json');
    expect(a.centres).toBe(128);
    expect(a.steps).toHaveLength(7);
    const mean: number[] = a.steps.map((s: { meanRelativeError: number }) => s.meanRelativeError);
    const med: number[] = a.steps.map((s: { medianRelativeError: number }) => s.medianRelativeError);
    const k = mean.indexOf(Math.min(...mean));
    // float32 U-shape: rounding (∝ 1/h³) spoils the smallest h, truncation (∝ h²) the largest.
    expect(k, JSON.stringify(a.steps)).toBeGreaterThan(0);
    expect(k, JSON.stringify(a.steps)).toBeLessThan(mean.length - 1);
    expect(mean[0]).toBeGreaterThan(3 * mean[k]);
    expect(mean[mean.length - 1]).toBeGreaterThan(3 * mean[k]);
    expect(a.bestStep).toBe(a.steps[k].h);
    // At that h FD computes the same R as AD within a few per cent (measured: mean 0.45 %, median 0.15 % at
    // h = 0.05; 15 % and 43 % mean at the ends).
    expect(mean[k], JSON.stringify(a.steps)).toBeLessThan(0.02);
    expect(med[k], JSON.stringify(a.steps)).toBeLessThan(0.01);
    const summary = m.steps[8].summary as Record<string, number>;
    expect(summary.adfd_best_h).toBe(a.bestStep);
    expect(summary.adfd_best_mean_relative_error).toBe(mean[k]);
    const timing = json('quick_curv', 'chapter4/timing_results_batch_minigrids.json');
    expect(timing.map((r: { batch_size: number }) => r.batch_size)).toEqual([16, 32, 64]);
    for (const r of timing) {
      expect(r.Sc_fd_rhombus_median_time).toBeGreaterThan(0);
      expect(r.Sc_gauss_jets_median_time).toBeGreaterThan(0);
    }
    // curv results reads them as step 8 outputs.
    const { main } = await import('../src/main.js');
    const page = join(out, 'results-adfd.md');
    const io = { stdout: process.stdout, stderr: process.stderr } as unknown as CliIO;
    expect(await main(['results', out, '--out', page], io)).toBe(0);
    const md = readFileSync(page, 'utf8');
    expect(md).toContain('chapter4/ad_fd_float32.json, step 8');
    expect(md).toContain('chapter4/timing_results_batch_minigrids.json, step 8');
    expect(md).not.toContain('outside the pipeline');

    const off = await run({ set: [...base, 'chapter4.adfd=false'], only: 'quick_curv' });
    expect(off.ok).toBe(true);
    expect(off.outcomes.filter((o) => o.status === 'done').map((o) => o.step)).toEqual([8]);
    const after = manifestOf('quick_curv').steps[8].outputs.map((o) => o.path);
    expect(after).toContain(FILES.chapter4StraightLines);
    for (const f of ADFD) {
      expect(after).not.toContain(f);
      expect(existsSync(join(out, 'quick_curv', f))).toBe(false);
    }
  });

  it('Ctrl-C during training stops at a checkpoint; the resumed run ends with the same weights as an uninterrupted one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'curv-resume-'));
    const controller = new AbortController();
    const base = quiet();
    let batches = 0;
    const aborting: Progress = {
      ...base,
      bar: (label, total) => {
        const b = base.bar(label, total);
        return {
          update: (done, status) => {
            if (label === 'training' && ++batches === 4) controller.abort(); // in the middle of epoch 2
            b.update(done, status);
          },
          done: () => b.done(),
        };
      },
    };
    const stopped = await run({
      out: dir,
      steps: [1],
      only: 'quick_curv',
      progress: aborting,
      signal: controller.signal,
    });
    expect(stopped.interrupted).toBe(true);
    expect(stopped.outcomes[0].status).toBe('interrupted');
    const m = readManifest(join(dir, 'quick_curv')) as Manifest;
    expect(m.steps[1].status).toBe('running');
    expect(existsSync(join(dir, 'quick_curv', 'checkpoint.safetensors'))).toBe(true);
    expect(existsSync(join(dir, 'quick_curv', FILES.weights))).toBe(false);
    const resumed = await run({ out: dir, steps: [1], only: 'quick_curv' });
    expect(resumed.ok).toBe(true);
    const a = readSafetensors(join(dir, 'quick_curv', FILES.weights)).tensors;
    const b = readSafetensors(join(out, 'quick_curv', FILES.weights)).tensors;
    for (const k of Object.keys(b)) expect(Array.from(a[k].data), k).toEqual(Array.from(b[k].data));
    rmSync(dir, { recursive: true, force: true });
  });

  it('Ctrl-C during the diffusion-curvature step stops it within the diffusion (nothing written); the same command then completes it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'curv-dc-stop-'));
    mkdirSync(join(dir, 'quick_curv'));
    copyFileSync(join(out, 'quick_curv', FILES.weights), join(dir, 'quick_curv', FILES.weights));
    const controller = new AbortController();
    const base = quiet();
    let updates = 0;
    const aborting: Progress = {
      ...base,
      bar: (label, total) => {
        const b = base.bar(label, total);
        return {
          update: (done, status) => {
            if (label === 'diffusion curvature' && ++updates === 5) controller.abort(); // at t ≈ 4
            b.update(done, status);
          },
          done: () => b.done(),
        };
      },
    };
    const stopped = await run({
      out: dir,
      steps: [9],
      only: 'quick_curv',
      progress: aborting,
      signal: controller.signal,
    });
    expect(stopped.interrupted).toBe(true);
    expect(stopped.outcomes[0]).toMatchObject({ step: 9, status: 'interrupted' });
    expect(updates).toBeLessThan(10); // stopped within the diffusion steps, not after them
    expect(existsSync(join(dir, 'quick_curv', FILES.diffusionCurvature))).toBe(false);
    expect((readManifest(join(dir, 'quick_curv')) as Manifest).steps[9].status).toBe('running');
    const again = await run({ out: dir, steps: [9], only: 'quick_curv' });
    expect(again.ok).toBe(true);
    const a = JSON.parse(readFileSync(join(dir, 'quick_curv', FILES.diffusionCurvature), 'utf8'));
    expect(a.k.every(Number.isFinite)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });

  it('a later step refuses inputs of an earlier step whose configuration changed since (--steps 2 after new training settings)', async () => {
    const params = { ...tiny.params, train: { snapshots: 3 } };
    const r = await run({ params, steps: [2], only: 'quick_nocurv' });
    expect(r.ok).toBe(false);
    expect(r.outcomes[0]).toMatchObject({ step: 2, status: 'failed' });
    expect(r.outcomes[0].error).toMatch(/input ae_weights\.safetensors is out of date.*run step 1 first/);
  });
});
