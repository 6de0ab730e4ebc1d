import * as d3 from 'd3';
import { PlotInputError } from './errors.js';
import { finiteExtent, requireLength } from './input.js';
import { safeDomain } from './scales.js';
import type { Surface3dData } from './surface3d.js';
import { SURFACE_VIEWER_JS } from './surfaceViewer.js';
import { escapeXml } from './svg.js';
import { type ColormapName, colormap } from './theme.js';

/** A figure of the report: an SVG string from this package (or any standalone SVG). */
export interface ReportFigure {
  title: string;
  svg: string;
  caption?: string;
}

/** A table of the report: column headers and rows of cells (numbers are formatted, strings escaped). */
export interface ReportTable {
  title: string;
  columns: string[];
  rows: (string | number | boolean | null)[][];
}

/** An interactive 3-D view of a surface (nu×nv×3 vertices, as for `surface3d`). */
export type ReportSurface = Surface3dData & { title?: string; colormap?: ColormapName };

/** One section of the report, shown in the given order. */
export interface ReportSection {
  /** Section heading. */
  title: string;
  /** Short label in the navigation bar (default: the title). */
  label?: string;
  /** Base of the HTML anchor (made URL-safe and unique; default: the label). */
  id?: string;
  figures?: ReportFigure[];
  tables?: ReportTable[];
  /** Free text paragraphs (escaped). */
  notes?: string[];
  /** An interactive canvas view of a surface, shown first among the figures. */
  surface?: ReportSurface;
  /** Text shown when the section has no content (default "Nothing recorded."). */
  emptyText?: string;
}

/** Input of {@link report}. */
export interface ReportInput {
  /** Page title, e.g. "MNIST_Setting_3". */
  title: string;
  /** The run's configuration (nested objects are flattened to dotted keys). */
  config?: Record<string, unknown>;
  /** Contents of results.json: a list of run summaries (one table row each) or one object. */
  results?: unknown;
  sections: ReportSection[];
  /** Timestamp line shown under the title (default: none, so the page is reproducible). */
  generatedAt?: string;
}

/** Flatten nested objects to dotted keys: {a: {b: 1}} → [['a.b', 1]]; arrays are shown as JSON. */
export function flattenConfig(obj: Record<string, unknown>, prefix = ''): [string, unknown][] {
  const out: [string, unknown][] = [];
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      out.push(...flattenConfig(v as Record<string, unknown>, key));
    else out.push([key, v]);
  }
  return out;
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : d3.format('.6~g')(v);
  if (typeof v === 'string' || typeof v === 'boolean') return escapeXml(String(v));
  return escapeXml(JSON.stringify(v));
}

function renderTable(t: ReportTable): string {
  const head = t.columns.map((c) => `<th>${escapeXml(c)}</th>`).join('');
  const body = t.rows.map((r) => `<tr>${r.map((v) => `<td>${cell(v)}</td>`).join('')}</tr>`).join('\n');
  return `<table class="data-table"><caption>${escapeXml(t.title)}</caption><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
}

/** results.json (list of run objects, or one object) as a table: one row per run, the union of keys as columns. */
export function resultsTable(results: unknown): ReportTable {
  const runs = (Array.isArray(results) ? results : [results]).filter(
    (r): r is Record<string, unknown> => r !== null && typeof r === 'object',
  );
  const columns: string[] = [];
  for (const r of runs) for (const k of Object.keys(r)) if (!columns.includes(k)) columns.push(k);
  return {
    title: 'results.json',
    columns: ['run', ...columns.map((c) => c.trim())],
    rows: runs.map((r, i) => [i + 1, ...columns.map((c) => (r[c] ?? null) as string | number | null)]),
  };
}

function slug(s: string): string {
  return (
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '') || 'section'
  );
}

const CSS = `
body { font-family: 'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif; margin: 0; color: #222; background: #f6f6f4; }
header { background: #22313f; color: white; padding: 18px 28px; }
header h1 { margin: 0 0 4px 0; font-size: 24px; }
nav { padding: 8px 28px; background: #e8ebee; font-size: 14px; }
nav a { margin-right: 14px; color: #22313f; }
main { padding: 8px 28px 40px 28px; }
section { background: white; border: 1px solid #ddd; border-radius: 6px; margin: 18px 0; padding: 10px 18px 18px 18px; }
h2 { font-size: 20px; border-bottom: 1px solid #eee; padding-bottom: 6px; }
.figures { display: flex; flex-wrap: wrap; gap: 18px; }
figure.figure { margin: 0; max-width: 100%; }
figure.figure svg { max-width: 100%; height: auto; display: block; }
figcaption { font-size: 13px; color: #444; margin-top: 4px; max-width: 640px; }
table.data-table { border-collapse: collapse; margin: 8px 0 16px 0; font-size: 13px; }
table.data-table caption { text-align: left; font-weight: bold; padding: 4px 0; }
table.data-table th, table.data-table td { border: 1px solid #ccc; padding: 3px 8px; text-align: left; }
table.data-table th { background: #f0f2f4; }
.empty { color: #888; font-style: italic; }
canvas.surface-viewer { width: 640px; height: 520px; max-width: 100%; border: 1px solid #ccc; cursor: grab; touch-action: none; background: white; }
`;

function viewerBlock(s: ReportSurface, id: string): string {
  requireLength(s.vertices, s.nu * s.nv * 3, 'report: surface.vertices (nu×nv×3)');
  const zs = Array.from({ length: s.nu * s.nv }, (_, i) => s.vertices[3 * i + 2]);
  const zDomain = safeDomain(finiteExtent(zs));
  const cmap = colormap(s.colormap ?? 'viridis');
  const lut = Array.from({ length: 64 }, (_, i) => d3.rgb(cmap(i / 63)).formatHex());
  const json = JSON.stringify({
    vertices: Array.from(s.vertices, (v) => Math.round(v * 1e6) / 1e6),
    nu: s.nu,
    nv: s.nv,
    lut,
    zDomain,
  }).replace(/</g, '\\u003c');
  return [
    `<figure class="figure viewer"><canvas class="surface-viewer" id="${id}" width="640" height="520" aria-label="interactive 3-D view"></canvas>`,
    `<figcaption>${escapeXml(s.title ?? 'Embedded surface coloured by height')} — drag to rotate, scroll to zoom, double-click to reset.</figcaption></figure>`,
    `<script type="application/json" id="${id}-data">${json}</script>`,
  ].join('\n');
}

/**
 * One self-contained HTML page: header, navigation, the run's configuration and results.json as
 * tables, then the sections in the given order with every figure inlined as SVG and, in a section
 * with a `surface`, an interactive canvas view of it (inline vanilla JS: drag rotates, wheel zooms).
 * No network access, no external scripts.
 *
 * ```ts
 * const html = report({ title: 'MNIST_Setting_3', sections: [{ title: 'Training', figures: [{ title: 'Losses', svg: lossCurves()(h) }] }] });
 * ```
 */
export function report(input: ReportInput): string {
  if (!input || typeof input.title !== 'string')
    throw new PlotInputError('report: title is required', 'title');
  if (!Array.isArray(input.sections))
    throw new PlotInputError('report: sections must be an array', 'sections');
  const nav: string[] = [];
  const blocks: string[] = [];
  if (input.config || input.results !== undefined) {
    nav.push('<a href="#configuration">Configuration &amp; results</a>');
    const parts: string[] = [];
    if (input.config) {
      parts.push(
        renderTable({
          title: 'Configuration',
          columns: ['key', 'value'],
          rows: flattenConfig(input.config).map(([k, v]) => [k, v as string]),
        }),
      );
    }
    if (input.results !== undefined) parts.push(renderTable(resultsTable(input.results)));
    blocks.push(
      `<section id="configuration"><h2>Configuration and results</h2>${parts.join('\n')}</section>`,
    );
  }
  let viewerCount = 0;
  input.sections.forEach((s, si) => {
    if (!s || typeof s.title !== 'string')
      throw new PlotInputError(`report: sections[${si}].title is required`, `sections[${si}].title`);
    const label = s.label ?? s.title;
    const id = `${slug(s.id ?? label)}-${si}`;
    nav.push(`<a href="#${id}">${escapeXml(label)}</a>`);
    const body: string[] = [];
    for (const n of s.notes ?? []) body.push(`<p>${escapeXml(n)}</p>`);
    for (const t of s.tables ?? []) body.push(renderTable(t));
    const figs = (s.figures ?? []).map(
      (f) =>
        `<figure class="figure">${f.svg}<figcaption><b>${escapeXml(f.title)}</b>${f.caption ? ` — ${escapeXml(f.caption)}` : ''}</figcaption></figure>`,
    );
    if (s.surface) {
      viewerCount += 1;
      figs.unshift(viewerBlock(s.surface, `surface-viewer-${viewerCount}`));
    }
    if (figs.length > 0) body.push(`<div class="figures">${figs.join('\n')}</div>`);
    if (body.length === 0) body.push(`<p class="empty">${escapeXml(s.emptyText ?? 'Nothing recorded.')}</p>`);
    blocks.push(
      `<section id="${id}" class="section"><h2>${escapeXml(s.title)}</h2>${body.join('\n')}</section>`,
    );
  });
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeXml(input.title)} — curv report</title>
<style>${CSS}</style>
</head>
<body>
<header><h1>${escapeXml(input.title)}</h1><div>curv experiment report${input.generatedAt ? ` · ${escapeXml(input.generatedAt)}` : ''}</div></header>
<nav>${nav.join(' ')}</nav>
<main>
${blocks.join('\n')}
</main>
${viewerCount > 0 ? `<script>${SURFACE_VIEWER_JS}</script>` : ''}
</body>
</html>
`;
}
