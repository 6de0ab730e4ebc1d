import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CurvInputError, writeFileAtomic } from '@curv/core';
import { type ReportSection, type ReportTable, report } from '@curv/plots';
import { type Chapter4Setting, readChapter4Setting, writeChapter4Comparison } from './chapter4/comparison.js';
import { FILES } from './files.js';
import { MANIFEST_FILE, readManifest } from './manifest.js';
import { TOPOLOGY_FILES, type TopologyHistory } from './steps/topologyRecorder.js';

function readJson(path: string): unknown {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return undefined;
  }
}

/** "figures/heatmaps_not_scaled.svg" → "heatmaps not scaled". */
function figureTitle(rel: string): string {
  return basename(rel)
    .replace(/\.(svg|gif)$/, '')
    .replace(/_/g, ' ');
}

/**
 * An animated GIF as a standalone SVG figure (the GIF inlined as a data URI in an `<image>`, which
 * browsers animate), sized by the GIF's logical screen; undefined when the bytes are not a GIF.
 */
export function gifFigureSvg(gif: Uint8Array): string | undefined {
  const head = new TextDecoder().decode(gif.subarray(0, 6));
  if (gif.length < 10 || (head !== 'GIF89a' && head !== 'GIF87a')) return undefined;
  const width = gif[6] | (gif[7] << 8);
  const height = gif[8] | (gif[9] << 8);
  const uri = `data:image/gif;base64,${Buffer.from(gif).toString('base64')}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" class="animation" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><image width="${width}" height="${height}" href="${uri}" xlink:href="${uri}"/></svg>`;
}

function summaryTable(step: number, summary: Record<string, unknown>, seconds?: number): ReportTable {
  const rows: (string | number | boolean | null)[][] = Object.entries(summary).map(([k, v]) => [
    k,
    typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean' ? v : JSON.stringify(v),
  ]);
  if (seconds !== undefined) rows.push(['wall time (s)', Number(seconds.toFixed(2))]);
  return { title: `Step ${step}: key figures`, columns: ['quantity', 'value'], rows };
}

/**
 * Build `report.html` for one experiment directory from its manifest: the configuration,
 * results.json, one section per step with its key figures and every SVG figure it produced, the
 * F-measure statistics, and the interactive 3-D view of the embedded surface (Step 5). Returns the
 * path written. Works on partial runs (steps that have not run are shown empty).
 */
/** Section titles of the pipeline's steps (STEPS.md), in the report and on the comparison page. */
export const STEP_TITLES: Record<number, string> = {
  1: 'Step 1 — Training',
  2: 'Step 2 — Geometry report',
  3: 'Step 3 — Geodesic grids',
  4: 'Step 4 — Quasi-isometric 3-D embedding',
  5: 'Step 5 — Embedded surface (interactive)',
  6: 'Step 6 — Riemannian K-means',
  7: 'Step 7 — Clustering visualisation and report',
  8: 'Chapter 4 — straight lines vs geodesics',
  9: 'Diffusion curvature of the decoded cloud vs exact R/2',
};

/** The quick-start steps that always get a section (empty when they did not run). */
const ALWAYS_SHOWN = [1, 2, 3, 4, 5, 6, 7];

/** An empty report section for a step: titled, labelled "Step n", anchored `step-n-…`. */
function stepSection(step: number): ReportSection {
  return {
    title: STEP_TITLES[step] ?? `Step ${step}`,
    label: `Step ${step}`,
    id: `step-${step}`,
    emptyText: 'Nothing recorded for this step in this experiment.',
  };
}

/**
 * The report section of the topology record of Step 1 (when the preset records it): the bottleneck
 * distances between latent and data diagrams per epoch, and the figures under `topology/`.
 */
function topologySection(dir: string, outputs: { path: string }[]): ReportSection | undefined {
  const history = readJson(join(dir, TOPOLOGY_FILES.history)) as TopologyHistory | undefined;
  if (!history || !Array.isArray(history.epochs)) return undefined;
  const figures: NonNullable<ReportSection['figures']> = [];
  for (const out of outputs) {
    if (!out.path.startsWith(`${TOPOLOGY_FILES.dir}/`) || !out.path.endsWith('.svg')) continue;
    const path = join(dir, out.path);
    if (existsSync(path)) {
      figures.push({ title: figureTitle(out.path), svg: readFileSync(path, 'utf8'), caption: out.path });
    }
  }
  return {
    title: 'Topology — latent codes vs images',
    label: 'Topology',
    id: 'topology',
    notes: [
      `Vietoris–Rips persistence (H0, H1) of the first ${history.batch} test images (Euclidean${history.dataScale && history.dataScale !== 1 ? `, distances × ${history.dataScale}` : ''}) and of their latent codes (flat-torus distances on [−π, π)²), and the bottleneck distance between the two after every epoch (${TOPOLOGY_FILES.history}).`,
    ],
    tables: [
      {
        title: 'Bottleneck distance, latent vs data diagrams',
        columns: ['epoch', 'H0', 'H1'],
        rows: history.epochs.map((e) => [e.epoch, e.h0, e.h1]),
      },
    ],
    figures,
  };
}

export async function buildReport(dir: string): Promise<string> {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new CurvInputError(`${dir}: no such experiment directory`, dir);
  }
  const manifest = readManifest(dir);
  if (!manifest) {
    throw new CurvInputError(
      `${dir}: no ${MANIFEST_FILE}; expected an experiment directory written by 'curv run'`,
      dir,
    );
  }
  const stepIds = [...new Set([...ALWAYS_SHOWN, ...Object.keys(manifest.steps).map(Number)])].sort(
    (a, b) => a - b,
  );
  const view = readJson(join(dir, FILES.meshView)) as
    | { vertices: number[]; nu: number; nv: number }
    | undefined;
  const sections: ReportSection[] = [];
  for (const step of stepIds) {
    const section: ReportSection = { ...stepSection(step), figures: [], tables: [], notes: [] };
    sections.push(section);
    const rec = manifest.steps[step];
    if (step === 5 && view && rec?.status === 'done') {
      section.surface = {
        vertices: view.vertices,
        nu: view.nu,
        nv: view.nv,
        title: 'Embedded latent grid (drag to rotate)',
        colormap: 'jet',
      };
    }
    if (!rec) continue;
    if (rec.status !== 'done') {
      section.notes!.push(`Status: ${rec.status}${rec.error ? ` — ${rec.error}` : ''}.`);
    } else {
      section.tables!.push(summaryTable(step, rec.summary ?? {}, rec.seconds));
      // The training-history strip shows every latent snapshot (batch 0 first): not each one again.
      const strip = rec.outputs.some((o) => o.path === `${FILES.figLatentHistoryStrip}.svg`);
      for (const out of rec.outputs) {
        if (out.path.startsWith(`${TOPOLOGY_FILES.dir}/`)) continue;
        if (strip && out.path.startsWith('figures/latent_space_history/')) continue;
        const path = join(dir, out.path);
        if (!existsSync(path)) continue;
        if (out.path.endsWith('.svg')) {
          section.figures!.push({
            title: figureTitle(out.path),
            svg: readFileSync(path, 'utf8'),
            caption: out.path,
          });
        } else if (out.path.endsWith('.gif')) {
          const svg = gifFigureSvg(readFileSync(path));
          if (svg) {
            section.figures!.push({
              title: `${figureTitle(out.path)} (animation)`,
              svg,
              caption: `${out.path} — the octopus plot after each recorded outer iteration`,
            });
          }
        }
      }
      const files = rec.outputs.filter((o) => !/\.(svg|png|gif)$/.test(o.path)).map((o) => o.path);
      if (files.length) section.notes!.push(`Data files: ${files.join(', ')}.`);
    }
    if (step === 1 && rec.status === 'done') {
      const topo = topologySection(dir, rec.outputs);
      if (topo) sections.push(topo);
    }
    if (step === 7) {
      const stats = readJson(join(dir, FILES.fMeasureStats)) as Record<string, unknown> | undefined;
      if (stats) {
        const keys = Object.keys(stats).filter((k) => typeof stats[k] === 'number');
        section.tables!.push({
          title: FILES.fMeasureStats,
          columns: ['statistic', 'value'],
          rows: keys.map((k) => [k, stats[k] as number]),
        });
      }
    }
  }
  const html = report({
    title: manifest.experiment,
    config: manifest.config as Record<string, unknown>,
    results: readJson(join(dir, FILES.results)),
    sections,
  });
  const out = join(dir, FILES.report);
  writeFileAtomic(out, html);
  return out;
}

/** Figures shown side by side on the comparison page, per step (prefixes of SVG file names, no directories). */
const COMPARE: Record<number, string[]> = {
  1: ['latent_space_final.svg'],
  2: ['heatmaps_not_scaled.svg', 'Curvature_functional_values_on_data_histogram.svg'],
  3: ['grid_geodesics_Schauder.svg'],
  4: ['3dembedding_plot_final.svg'],
  5: ['mesh_render.svg'],
  6: ['kmeans_losses.svg'],
  7: ['frame_0000.svg'],
  8: ['Histogram_Naive_energy_ratio_ij'],
  9: ['diffusion_curvature_vs_exact.svg'],
};

/**
 * `DIR/index.html`: the experiments of a run side by side — per step a table of their key figures
 * (e.g. mean R² of the regularised vs the unregularised model) and their main figures — with the
 * results.json rows of all of them. When two or more experiments have Chapter 4 (Step 8) results, their
 * histograms across settings are written to `DIR/chapter4-comparison/` and shown in the Step 8 section.
 * Returns the path written.
 */
export async function buildComparison(outDir: string, experimentDirs: string[]): Promise<string> {
  const runs = experimentDirs
    .map((dir) => ({ dir, manifest: readManifest(dir) }))
    .filter((r): r is { dir: string; manifest: NonNullable<typeof r.manifest> } => r.manifest !== undefined);
  const names = runs.map((r) => r.manifest.experiment);
  // Chapter 4 across settings: the experiments with Step 8 results, histograms on a common range.
  const chapter4 = runs
    .filter((r) => r.manifest.steps[8]?.status === 'done')
    .map((r) => readChapter4Setting(r.dir, r.manifest.experiment))
    .filter((s): s is Chapter4Setting => s !== undefined);
  const chapter4Figures = chapter4.length >= 2 ? writeChapter4Comparison(outDir, chapter4) : [];
  const sections: ReportSection[] = [];
  for (let step = 1; step <= 9; step++) {
    const keys: string[] = [];
    for (const r of runs) {
      for (const [k, v] of Object.entries(r.manifest.steps[step]?.summary ?? {})) {
        if (typeof v === 'number' && !keys.includes(k)) keys.push(k);
      }
    }
    const table: ReportTable = {
      title: `Step ${step}: key figures`,
      columns: ['quantity', ...names],
      rows: keys.map((k) => [
        k,
        ...runs.map((r) => (r.manifest.steps[step]?.summary?.[k] as number | undefined) ?? null),
      ]),
    };
    const figures: ReportSection['figures'] = [];
    for (const r of runs) {
      const rec = r.manifest.steps[step];
      if (rec?.status !== 'done') continue;
      for (const want of COMPARE[step] ?? []) {
        const hit = rec.outputs.find((o) => basename(o.path).startsWith(want) && o.path.endsWith('.svg'));
        if (hit && existsSync(join(r.dir, hit.path))) {
          figures.push({
            title: `${r.manifest.experiment}: ${figureTitle(hit.path)}`,
            svg: readFileSync(join(r.dir, hit.path), 'utf8'),
            caption: `${r.manifest.experiment}/${hit.path}`,
          });
        }
      }
    }
    if (step === 8) {
      for (const f of chapter4Figures) {
        figures.push({ title: figureTitle(f.path), svg: f.svg, caption: `${f.path} — ${f.caption}` });
      }
    }
    sections.push({ ...stepSection(step), tables: keys.length ? [table] : [], figures });
  }
  const results = runs.flatMap((r) => {
    const list = readJson(join(r.dir, FILES.results));
    const last = Array.isArray(list) ? list[list.length - 1] : undefined;
    return last && typeof last === 'object'
      ? [{ experiment: r.manifest.experiment, ...(last as object) }]
      : [];
  });
  const html = report({
    title: `Comparison: ${names.join(' vs ')}`,
    results: results.length ? results : undefined,
    sections: [
      ...sections,
      { title: 'Reports', notes: names.map((n) => `Full report of ${n}: ${n}/${FILES.report}`) },
    ],
  });
  const out = join(outDir, 'index.html');
  writeFileAtomic(out, html);
  return out;
}
