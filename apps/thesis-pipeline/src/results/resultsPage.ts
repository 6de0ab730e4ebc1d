import { summarize } from '@curv/kmeans';
import { STEP_IDS } from '../args.js';
import { FILES } from '../files.js';
import type { StepRecord } from '../manifest.js';
import { machineInfo, type RunEnvironment } from '../runEnvironment.js';
import { STEPS } from '../steps/index.js';
import { code, num, pm, seconds, table } from './markdown.js';
import type { ExperimentRun } from './readRun.js';

/** What the page says about how it was made. */
export interface PageOrigin {
  /** The command line that generated the page, e.g. `curv results out --out docs/results.md`. */
  command: string;
  /** curv version of the generator. */
  version: string;
  /** Git commit of the generator (when it runs from a checkout). */
  commit?: string;
  dirty?: boolean;
  /** The run folder as given on the command line. */
  runDir: string;
  /** Date of generation (ISO); omitted from the page when absent. */
  date?: string;
  /** Start time of a `curv run` that held the run folder's lock when the page was generated. */
  runningSince?: string;
  /** Paragraphs given with --note (run conditions the manifests do not record). */
  notes?: string[];
}

type Json = Record<string, unknown>;

const obj = (v: unknown): Json | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
/** `get(o, 'a.b.c')`. */
function get(o: unknown, path: string): unknown {
  let cur: unknown = o;
  for (const k of path.split('.')) cur = obj(cur)?.[k];
  return cur;
}

const NOT_RUN = 'not run';

/** Status of a step for the page: done, failed (error), interrupted, or not run. */
function statusOf(rec: StepRecord | undefined): string {
  if (!rec) return NOT_RUN;
  if (rec.status === 'running') return 'not finished (status running: in progress or interrupted)';
  if (rec.status === 'failed') return `failed${rec.error ? `: ${rec.error}` : ''}`;
  return 'done';
}

const done = (e: ExperimentRun, step: number) => e.manifest.steps[step]?.status === 'done';

/** Wall time of a step with minutes for long ones: `1512 (25.2 min)`. */
function wall(s: unknown): string {
  if (typeof s !== 'number' || !Number.isFinite(s)) return '—';
  return s >= 120 ? `${seconds(s)} (${(s / 60).toFixed(1)} min)` : seconds(s);
}

function shortCommit(env: { commit?: string; dirty?: boolean }): string {
  if (!env.commit) return 'not recorded';
  return `${env.commit.slice(0, 12)}${env.dirty ? ' (with uncommitted changes)' : ''}`;
}

function machineText(m: RunEnvironment['machine']): string {
  return `${m.cpu}, ${m.cores} logical cores, ${m.memoryGiB} GiB, ${m.os}`;
}

/** A "not run" paragraph for a step the experiment does not have. */
function notRun(e: ExperimentRun, step: number): string | undefined {
  const rec = e.manifest.steps[step];
  if (rec?.status === 'done') return undefined;
  return `Step ${step}: ${statusOf(rec)}.`;
}

// ---------------------------------------------------------------------------------------------------------------
// Sections

function environmentSection(runs: ExperimentRun[]): string {
  const rows: string[][] = [];
  for (const e of runs) {
    const groups = new Map<string, { steps: number[]; env: RunEnvironment }>();
    for (const id of STEP_IDS) {
      const env = e.manifest.steps[id]?.environment;
      if (!env) continue;
      const key = JSON.stringify(env);
      const g = groups.get(key) ?? { steps: [], env };
      g.steps.push(id);
      groups.set(key, g);
    }
    for (const { steps, env } of groups.values()) {
      rows.push([
        e.manifest.experiment,
        steps.join(', '),
        machineText(env.machine),
        env.node,
        env.backend,
        shortCommit(env),
      ]);
    }
  }
  const here = machineInfo();
  const lines = ['## Environment', ''];
  if (rows.length) {
    lines.push(
      'Recorded by `curv run` in each step entry of manifest.json:',
      '',
      table(['experiment', 'steps', 'machine', 'Node', 'backend', 'commit'], rows),
    );
  } else {
    lines.push(
      'Not recorded in the manifests (they were written by a curv version that did not record the machine, Node version, backend and commit of each step).',
    );
  }
  lines.push('', `This page was generated on: ${machineText(here)}, Node ${process.version}.`);
  return lines.join('\n');
}

function overviewSection(runs: ExperimentRun[]): string {
  const rows = runs.map((e) => {
    const r = lastResults(e);
    const curv = e.json(FILES.geometryStats);
    const f = e.json(FILES.fMeasureStats);
    const sl = e.json(FILES.chapter4StraightLines);
    const dc = e.json(FILES.diffusionCurvature);
    const timed = STEP_IDS.map((id) => e.manifest.steps[id]?.seconds).filter(
      (t): t is number => typeof t === 'number',
    );
    const total = timed.length ? timed.reduce((a, b) => a + b, 0) : undefined;
    return [
      e.manifest.experiment,
      STEP_IDS.filter((id) => done(e, id)).join(', ') || 'none',
      done(e, 1) ? num(r?.['R^2_test_data ']) : NOT_RUN,
      done(e, 2) ? num(get(curv, 'data.R2.mean')) : NOT_RUN,
      done(e, 3) ? num(singleRatio(e)) : NOT_RUN,
      done(e, 7) && f
        ? `${pm(get(f, 'riemannian_F_measure_mean'), get(f, 'riemannian_F_measure_std'))} vs ${pm(get(f, 'euclidean_F_measure_mean'), get(f, 'euclidean_F_measure_std'))}`
        : NOT_RUN,
      done(e, 8) ? num(get(sl, 'statistics.ratio.mean')) : NOT_RUN,
      done(e, 9) ? num(get(dc, 'pearson')) : NOT_RUN,
      wall(total),
    ];
  });
  return [
    '## Overview',
    '',
    table(
      [
        'experiment',
        'steps done',
        'test R²',
        'mean R² on data',
        'geodesic / straight length (step 3)',
        'F Riemannian vs flat (mean ± std)',
        'geodesic / straight energy (step 8, mean)',
        'diffusion vs exact curvature (Pearson)',
        'wall time (s)',
      ],
      rows,
    ),
  ].join('\n');
}

function lastResults(e: ExperimentRun): Json | undefined {
  const list = e.json(FILES.results);
  const items = arr(list);
  return obj(items[items.length - 1]);
}

function singleRatio(e: ExperimentRun): number | undefined {
  const s = e.json(FILES.geodesicSingle);
  const L = get(s, 'length');
  const L0 = get(s, 'straightLength');
  return typeof L === 'number' && typeof L0 === 'number' && L0 > 0 ? L / L0 : undefined;
}

function settingsSection(e: ExperimentRun): string {
  const c = e.manifest.config;
  const curvOn = get(c, 'training_mode.compute_curvature') === true;
  const rows: string[][] = [
    ['dataset', String(get(c, 'dataset.name') ?? '—')],
    [
      'architecture',
      `${get(c, 'architecture.type') ?? '—'} ${[get(c, 'architecture.input_dim'), ...arr(get(c, 'architecture.hidden_dims')), get(c, 'architecture.latent_dim')].join('-')}`,
    ],
    [
      'training',
      `${num(get(c, 'optimizer_settings.num_epochs'))} epochs, batch ${num(get(c, 'data_loader_settings.batch_size'))}, lr ${num(get(c, 'optimizer_settings.lr'))}`,
    ],
    [
      'loss',
      `λ_recon ${num(get(c, 'loss_settings.lambda_recon'))}, λ_unif ${num(get(c, 'loss_settings.lambda_unif'))}, ${curvOn ? `λ_curv ${num(get(c, 'loss_settings.lambda_curv'))} (${get(c, 'loss_settings.curvature_functional') ?? 'R2'})` : 'no curvature term'}`,
    ],
  ];
  const overrides = arr(e.manifest.overrides).map((o) => {
    const r = obj(o);
    return `${String(r?.key)}=${JSON.stringify(r?.value)} (${String(r?.source)})`;
  });
  rows.push(['overrides of the preset settings', overrides.length ? overrides.join('; ') : 'none']);
  return [
    `Preset ${code(e.manifest.preset)}, folder ${code(e.rel)}.`,
    '',
    table(['setting', 'value'], rows),
    '',
    '<details><summary>Step settings (resolved, from manifest.json)</summary>',
    '',
    '```json',
    compactJson(e.manifest.params),
    '```',
    '',
    '</details>',
  ].join('\n');
}

/** An object with one line per top-level key. */
function compactJson(value: unknown): string {
  const o = obj(value);
  if (!o) return JSON.stringify(value);
  const keys = Object.keys(o);
  return `{\n${keys.map((k, i) => `  ${JSON.stringify(k)}: ${JSON.stringify(o[k])}${i < keys.length - 1 ? ',' : ''}`).join('\n')}\n}`;
}

function stepsTable(e: ExperimentRun): string {
  const rows = STEP_IDS.map((id) => {
    const rec = e.manifest.steps[id];
    return [
      String(id),
      STEPS[id].title,
      statusOf(rec),
      rec ? wall(rec.seconds) : '—',
      rec?.finishedAt ?? '—',
    ];
  });
  return table(['step', 'what', 'status', 'wall time (s)', 'finished'], rows);
}

function trainingSection(e: ExperimentRun): string {
  const head = '### Step 1 — training';
  const missing = notRun(e, 1);
  const r = lastResults(e);
  if (missing || !r) return [head, '', missing ?? `Step 1: ${FILES.results} missing.`].join('\n');
  const rows: string[][] = [
    ['test R²', num(r['R^2_test_data '])],
    ['epochs', num(r.epoch_count)],
    ['training time (s)', num(r.training_time)],
  ];
  for (const [k, v] of Object.entries(r)) {
    if (/ (test|train)$/.test(k) && typeof v === 'number') rows.push([`${k} loss`, num(v)]);
  }
  return [head, '', `From ${FILES.results} (last entry).`, '', table(['quantity', 'value'], rows)].join('\n');
}

function curvatureSection(e: ExperimentRun): string {
  const head = '### Step 2 — curvature';
  const missing = notRun(e, 2);
  const st = e.json(FILES.geometryStats);
  if (missing || !st) return [head, '', missing ?? `Step 2: ${FILES.geometryStats} missing.`].join('\n');
  const n = get(st, 'grid');
  const row = (label: string, key: string, stat: 'mean' | 'std' | 'min' | 'max') => [
    label,
    num(get(st, `data.${key}.${stat}`)),
    num(get(st, `grid_values.${key}.${stat}`)),
  ];
  const rows = [
    row('mean R²', 'R2', 'mean'),
    row('std R²', 'R2', 'std'),
    row('mean R²√det g', 'curvatureFunctional', 'mean'),
    row('mean R', 'R', 'mean'),
    row('min R', 'R', 'min'),
    row('max R', 'R', 'max'),
    row('mean √det g', 'sqrtDetG', 'mean'),
    ['non-finite R', num(get(st, 'data.R.nonFinite')), num(get(st, 'grid_values.R.nonFinite'))],
  ];
  return [
    head,
    '',
    `Scalar curvature R of the pull-back metric g (${get(st, 'route') ?? 'gauss'} route) at the encoded test images and on the ${num(n)}×${num(n)} latent grid, from ${FILES.geometryStats}.`,
    '',
    table(
      ['quantity', `on data (${num(get(st, 'data.count'))} points)`, `on grid (${num(n)}×${num(n)})`],
      rows,
    ),
  ].join('\n');
}

function geodesicsSection(e: ExperimentRun): string {
  const head = '### Step 3 — geodesics vs straight lines';
  const missing = notRun(e, 3);
  const s = e.json(FILES.geodesicSingle);
  if (missing || !s) return [head, '', missing ?? `Step 3: ${FILES.geodesicSingle} missing.`].join('\n');
  const L = get(s, 'length') as number;
  const L0 = get(s, 'straightLength') as number;
  const E = get(s, 'energy') as number;
  const E0 = get(s, 'straightEnergy') as number;
  const lines = [
    head,
    '',
    `Geodesic (${arr(get(s, 'from')).join(', ')}) → (${arr(get(s, 'to')).join(', ')}) against the straight segment, decoded lengths and energies (${FILES.geodesicSingle}).`,
    '',
    table(
      ['quantity', 'geodesic', 'straight line', 'geodesic / straight'],
      [
        ['length', num(L), num(L0), num(L / L0)],
        ['energy', num(E), num(E0), num(E / E0)],
      ],
    ),
  ];
  const g = e.json(FILES.geodesicGrid);
  if (g) {
    const vert = arr(get(g, 'lengths.vertical')) as number[];
    const hor = arr(get(g, 'lengths.horizontal')) as number[];
    const all = [...vert, ...hor];
    const mean = all.length ? all.reduce((a, b) => a + b, 0) / all.length : undefined;
    lines.push(
      '',
      `Geodesic grid (${FILES.geodesicGrid}): ${vert.length} vertical and ${hor.length} horizontal geodesics across [−${num(get(g, 'half'))}, ${num(get(g, 'half'))}]², mean decoded length ${num(mean)}.`,
    );
  }
  return lines.join('\n');
}

/** Mean and largest relative error |embedded − target| / target over edges with a positive target. */
export function edgeErrors(target: unknown, got: unknown): { mean?: number; max?: number; count: number } {
  let acc = 0;
  let max = 0;
  let n = 0;
  const t = arr(target);
  const g = arr(got);
  for (let i = 0; i < t.length; i++) {
    const ti = arr(t[i]);
    const gi = arr(g[i]);
    for (let j = 0; j < ti.length; j++) {
      const L = ti[j];
      const M = gi[j];
      if (typeof L === 'number' && L > 0 && typeof M === 'number') {
        const r = Math.abs(M - L) / L;
        acc += r;
        max = Math.max(max, r);
        n++;
      }
    }
  }
  return n ? { mean: acc / n, max, count: n } : { count: 0 };
}

function embeddingSection(e: ExperimentRun): string {
  const head = '### Steps 4 and 5 — 3-D embedding and mesh';
  const missing = notRun(e, 4);
  const lengths = e.json(FILES.embeddingLengths);
  const emb = e.json(FILES.embeddedGrid);
  const lines = [head, ''];
  if (missing || !lengths || !emb) lines.push(missing ?? `Step 4: ${FILES.embeddedGrid} missing.`);
  else {
    const h = edgeErrors(get(lengths, 'horizontal'), get(emb, 'horizontal'));
    const v = edgeErrors(get(lengths, 'vertical'), get(emb, 'vertical'));
    const losses = arr(get(emb, 'lossHistory'));
    const both = [h, v].filter((x) => x.mean !== undefined);
    const meanOfBoth = both.length
      ? both.reduce((a, x) => a + (x.mean as number), 0) / both.length
      : undefined;
    lines.push(
      `Grid of ${num(get(emb, 'num'))}×${num(get(emb, 'num'))} latent nodes embedded in ℝ³ so that its edges have the decoded geodesic lengths (${FILES.embeddingLengths} → ${FILES.embeddedGrid}).`,
      '',
      table(
        ['quantity', 'value'],
        [
          ['mean relative edge-length error (horizontal, vertical averaged)', num(meanOfBoth)],
          ['largest relative edge-length error', num(Math.max(h.max ?? 0, v.max ?? 0))],
          ['edges', num(h.count + v.count)],
          ['final embedding loss', num(losses[losses.length - 1])],
        ],
      ),
    );
  }
  const mesh = e.manifest.steps[5];
  lines.push('');
  if (mesh?.status === 'done') {
    const s = mesh.summary ?? {};
    lines.push(
      `Mesh (${FILES.meshObj}): ${num(s.vertices)} vertices, ${num(s.faces)} faces, height range ${num(s.height_range)}.`,
    );
  } else lines.push(`Step 5: ${statusOf(mesh)}.`);
  return lines.join('\n');
}

function clusteringSection(e: ExperimentRun): string {
  const head = '### Steps 6 and 7 — Riemannian vs flat K-means';
  const lines = [head, ''];
  const missing6 = notRun(e, 6);
  const missing7 = notRun(e, 7);
  const kmeans = obj(get(e.manifest.params, 'kmeans'));
  if (!missing6 && kmeans) {
    const times: number[] = [];
    for (const seed of arr(kmeans.seeds)) {
      const p = e.json(`${FILES.kmeansDir(seed as number)}/params.json`);
      const t = get(p, 'time_secs');
      if (typeof t === 'number') times.push(t);
    }
    lines.push(
      `Riemannian K-means (step 6): ${num(kmeans.n)} points, ${kmeans.mode === 'metricGrid' ? `geodesic energies on the ${num(kmeans.metricGrid)}² metric grid` : 'geodesics through the decoder'}, ${num(kmeans.outer)} × ${num(kmeans.inner)} iterations, β ${typeof kmeans.beta === 'number' ? num(kmeans.beta) : String(kmeans.beta)}, setups ${arr(kmeans.seeds).join(', ')}${times.length ? `; ${num(times.reduce((a, b) => a + b, 0) / times.length)} s per setup on average` : ''}.`,
      '',
    );
  } else if (missing6) lines.push(missing6, '');
  const stats = e.json(FILES.fMeasureStats);
  if (missing7 || !stats) {
    lines.push(missing7 ?? `Step 7: ${FILES.fMeasureStats} missing.`);
    return lines.join('\n');
  }
  const per = arr(get(stats, 'per_setup'))
    .map(obj)
    .filter((x): x is Json => x !== undefined);
  const metric = (m: Json, side: string, k: string) => get(m, `${side}.${k}`);
  const rows = per.map((m) => [
    num(m.seed),
    num(metric(m, 'riemannian', 'F')),
    num(metric(m, 'euclidean', 'F')),
    num(metric(m, 'riemannian', 'ARI')),
    num(metric(m, 'euclidean', 'ARI')),
    num(metric(m, 'riemannian', 'NMI')),
    num(metric(m, 'euclidean', 'NMI')),
  ]);
  const spread = (side: string, k: string) => {
    const xs = per.map((m) => metric(m, side, k)).filter((x): x is number => typeof x === 'number');
    if (!xs.length) return '—';
    const s = summarize(xs);
    return pm(s.mean, s.std);
  };
  rows.push([
    'mean ± std',
    pm(get(stats, 'riemannian_F_measure_mean'), get(stats, 'riemannian_F_measure_std')),
    pm(get(stats, 'euclidean_F_measure_mean'), get(stats, 'euclidean_F_measure_std')),
    spread('riemannian', 'ARI'),
    spread('euclidean', 'ARI'),
    spread('riemannian', 'NMI'),
    spread('euclidean', 'NMI'),
  ]);
  lines.push(
    `Clustering of the same points by Riemannian K-means and by flat K-means on the torus (step 7), against the digit labels: F-measure, adjusted Rand index and normalised mutual information per setup (${FILES.fMeasureStats}); std is the population standard deviation over the ${per.length} setups.`,
    '',
    table(
      ['setup', 'F Riemannian', 'F flat', 'ARI Riemannian', 'ARI flat', 'NMI Riemannian', 'NMI flat'],
      rows,
    ),
  );
  return lines.join('\n');
}

function chapter4Section(e: ExperimentRun): string {
  const head = '### Step 8 — Chapter 4: straight lines vs geodesics, AD vs FD';
  const lines = [head, ''];
  const missing = notRun(e, 8);
  const sl = e.json(FILES.chapter4StraightLines);
  if (missing || !sl) lines.push(missing ?? `Step 8: ${FILES.chapter4StraightLines} missing.`);
  else {
    const names: [string, string][] = [
      ['eTilde', 'Ẽ (second-difference energy of the straight line)'],
      ['energy', 'E (central-difference energy of the straight line)'],
      ['acceleration', 'A (tangential acceleration)'],
      ['ratio', 'geodesic / straight-line energy'],
    ];
    lines.push(
      `${num(get(sl, 'statistics.energy.count'))} straight segments between ${num(get(sl, 'settings.points'))} random latent points (${FILES.chapter4StraightLines}).`,
      '',
      table(
        ['quantity', 'mean', 'std', 'SEM', 'n'],
        names.map(([k, label]) => [
          label,
          num(get(sl, `statistics.${k}.mean`)),
          num(get(sl, `statistics.${k}.std`)),
          num(get(sl, `statistics.${k}.sem`)),
          num(get(sl, `statistics.${k}.count`)),
        ]),
      ),
    );
  }
  lines.push('', adFdText(e));
  return lines.join('\n');
}

const AD_FD = 'chapter4/ad_fd_float32.json';
const TIMING = 'chapter4/timing_results_batch_minigrids.json';

function adFdText(e: ExperimentRun): string {
  const adfd = e.json(AD_FD);
  const timing = e.json(TIMING);
  if (!adfd && !timing && !done(e, 8)) return 'AD vs FD accuracy and timing: not run.';
  if (!adfd && !timing) {
    return `AD vs FD accuracy and timing: not run (step 8 ran with chapter4.adfd false; ${code(`curv run --set chapter4.adfd=true`)} or ${code(`curv chapter4 --eval adfd --weights ${e.rel}/${FILES.weights} --out ${e.rel}`)} adds them to this folder).`;
  }
  const recorded = new Set((e.manifest.steps[8]?.outputs ?? []).map((o) => o.path));
  const origin = (f: string) =>
    recorded.has(f) ? `${f}, step 8` : `${f}, written by \`curv chapter4\` outside the pipeline`;
  const lines: string[] = [];
  if (adfd) {
    lines.push(
      `Scalar curvature R by automatic differentiation (exact jets) vs finite differences (rhombus minigrids) in float32 at ${num(get(adfd, 'centres'))} latent centres (${origin(AD_FD)}); smallest mean relative error at h = ${num(get(adfd, 'bestStep'))}.`,
      '',
      table(
        ['h', 'MSE', 'MAE', 'mean |R|', 'mean relative error', 'median relative error'],
        arr(get(adfd, 'steps')).map((s) => [
          num(get(s, 'h')),
          num(get(s, 'mse')),
          num(get(s, 'mae')),
          num(get(s, 'meanAbsR')),
          num(get(s, 'meanRelativeError')),
          num(get(s, 'medianRelativeError')),
        ]),
      ),
    );
  } else lines.push('AD vs FD accuracy: not run.');
  lines.push('');
  if (timing) {
    lines.push(
      `Time of one curvature evaluation per batch, median over repetitions (${origin(TIMING)}).`,
      '',
      table(
        ['batch size', 'FD rhombus (s)', 'AD Gauss jets (s)', 'FD / AD'],
        arr(timing).map((r) => {
          const fd = get(r, 'Sc_fd_rhombus_median_time');
          const ad = get(r, 'Sc_gauss_jets_median_time');
          return [
            num(get(r, 'batch_size')),
            num(fd),
            num(ad),
            typeof fd === 'number' && typeof ad === 'number' && ad > 0 ? num(fd / ad) : '—',
          ];
        }),
      ),
    );
  } else lines.push('AD vs FD timing: not run.');
  return lines.join('\n');
}

function diffusionSection(e: ExperimentRun): string {
  const head = '### Step 9 — diffusion curvature vs exact curvature';
  const missing = notRun(e, 9);
  const d = e.json(FILES.diffusionCurvature);
  if (missing || !d) return [head, '', missing ?? `Step 9: ${FILES.diffusionCurvature} missing.`].join('\n');
  const rows: string[][] = [
    ['points', num(get(d, 'settings.n'))],
    ['Pearson correlation, all points', num(get(d, 'pearson'))],
    ['Spearman correlation, all points', num(get(d, 'spearman'))],
    ['sign agreement', num(get(d, 'signAgreement'))],
    [
      `Pearson, uniform points (${num(get(d, 'bySource.uniform.n'))})`,
      num(get(d, 'bySource.uniform.pearson')),
    ],
    [`Pearson, data encodings (${num(get(d, 'bySource.data.n'))})`, num(get(d, 'bySource.data.pearson'))],
    ['median support of the diffusion operator', num(get(d, 'support'))],
    ['kernel scale σ', num(get(d, 'sigma'))],
    ['max |K| σ²', num(get(d, 'curvatureAtKernelScale'))],
  ];
  return [
    head,
    '',
    `Diffusion curvature of the decoded point cloud (${get(d, 'settings.method') ?? 'entropic'}, ${get(d, 'settings.sampling') ?? 'mixed'} sampling) against the exact Gaussian curvature K = R/2 at the same points (${FILES.diffusionCurvature}).`,
    '',
    table(['quantity', 'value'], rows),
  ].join('\n');
}

/**
 * The Markdown results page of a run: how it was generated, the environment each step ran in, an
 * overview, and per experiment its settings, step status and wall times, and the numbers of every
 * step that ran (steps that did not run are listed as "not run").
 */
export function resultsPage(runs: ExperimentRun[], origin: PageOrigin): string {
  const presets = [...new Set(runs.map((e) => e.manifest.preset))];
  const out: string[] = [
    `# Results: ${presets.map((p) => `preset ${p}`).join(', ')}`,
    '',
    `Generated by ${code(origin.command)} (curv ${origin.version}${origin.commit ? `, commit ${shortCommit(origin)}` : ''})${origin.date ? ` on ${origin.date}` : ''} from the run folder ${code(origin.runDir)}: ${runs.length} experiment${runs.length === 1 ? '' : 's'}. Every number is read from the experiments' manifest.json and step files and rounded to 4 significant digits.`,
    ...(origin.runningSince
      ? [
          '',
          `**A \`curv run\` held this folder's lock when the page was generated (started ${origin.runningSince}): the run was still in progress, so steps not yet reached show as not run.**`,
        ]
      : []),
    ...(origin.notes ?? []).flatMap((n) => [
      '',
      `Note (given with \`--note\` when the page was generated): ${n}`,
    ]),
    '',
    environmentSection(runs),
    '',
    overviewSection(runs),
  ];
  for (const e of runs) {
    out.push(
      '',
      `## ${e.manifest.experiment}`,
      '',
      settingsSection(e),
      '',
      stepsTable(e),
      '',
      trainingSection(e),
      '',
      curvatureSection(e),
      '',
      geodesicsSection(e),
      '',
      embeddingSection(e),
      '',
      clusteringSection(e),
      '',
      chapter4Section(e),
      '',
      diffusionSection(e),
    );
  }
  return `${out.join('\n')}\n`;
}
