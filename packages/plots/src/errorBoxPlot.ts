import * as d3 from 'd3';
import { figureBuilder } from './builder.js';
import { renderLegend } from './colorBar.js';
import { PlotInputError } from './errors.js';
import { type BaseOptions, baseDefaults, finishFigure, localId, titleSpace } from './frame.js';
import type { NumericArray } from './input.js';
import { renderPanel } from './panel.js';
import { superscript } from './scales.js';
import { quantileSorted } from './stats.js';
import { el } from './svg.js';

/** Input of {@link errorBoxPlot}: relative errors |FD − AD|/|AD| per step size h. */
export interface ErrorBoxPlotData {
  /** Step sizes h (one box each). */
  steps: number[];
  /** Relative errors for each step size (positive; zeros and non-finite values are dropped before log10). */
  errors: NumericArray[];
  /** Floating-point error level drawn as a red dashed line at log10(level) (e.g. 5.96e-8 for float32). */
  fpLevel?: number;
  fpLabel?: string;
}

/** Options of {@link errorBoxPlot}. */
export interface ErrorBoxPlotOptions extends BaseOptions {
  xLabel: string;
  yLabel: string;
}

/** Label of a step size as mantissa·10^k (`0.005` → `5·10⁻³`). */
export function stepLabel(h: number): string {
  if (!(h > 0)) return String(h);
  const k = Math.floor(Math.log10(h) + 1e-9);
  const mant = h / 10 ** k;
  const m = d3.format('.3~g')(mant);
  return m === '1' ? `10${superscript(k)}` : `${m}·10${superscript(k)}`;
}

/** Box-plot statistics of sorted values: quartiles (numpy "linear"), whiskers at the most extreme data within 1.5 IQR. */
export function boxStats(sorted: ArrayLike<number>) {
  const q1 = quantileSorted(sorted, 0.25);
  const med = quantileSorted(sorted, 0.5);
  const q3 = quantileSorted(sorted, 0.75);
  const iqr = q3 - q1;
  let lo = q1;
  let hi = q3;
  const fliers: number[] = [];
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i];
    if (v < q1 - 1.5 * iqr || v > q3 + 1.5 * iqr) fliers.push(v);
    else {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  let mean = 0;
  for (let i = 0; i < sorted.length; i++) mean += sorted[i] / sorted.length;
  return { q1, med, q3, lo, hi, fliers, mean };
}

/**
 * AD-vs-FD accuracy box plot (`relative_error_boxplot`): one `<g class="box">` per step size of
 * log10 relative errors (box Q1–Q3, orange median, whiskers, `<circle class="flier">`s), the mean as a green
 * dashed line, and the FP error level as a red dashed `<line class="hline">`; legend lower right.
 *
 * ```ts
 * const svg = errorBoxPlot()({ steps: [0.01, 0.1], errors: [[1e-4, 2e-4, 3e-4], [1e-2, 3e-2, 2e-2]], fpLevel: 5.96e-8 });
 * ```
 */
export function errorBoxPlot() {
  return figureBuilder<ErrorBoxPlotOptions, ErrorBoxPlotData>(
    { ...baseDefaults([720, 540]), xLabel: 'Step size (h)', yLabel: 'Log of relative error of R' },
    renderBoxes,
  );
}

function renderBoxes(d: ErrorBoxPlotData, o: Readonly<ErrorBoxPlotOptions>): string {
  if (!d?.steps || !d.errors || d.steps.length !== d.errors.length || d.steps.length === 0) {
    throw new PlotInputError(
      'errorBoxPlot: steps and errors must be non-empty and of equal length',
      'errors',
    );
  }
  const logs = d.errors.map((e, i) => {
    const v = Float64Array.from(
      Array.from(e).filter((x) => Number.isFinite(x) && x > 0),
      Math.log10,
    ).sort();
    if (v.length === 0)
      throw new PlotInputError(`errorBoxPlot: errors[${i}] has no positive finite value`, `errors[${i}]`);
    return v;
  });
  const stats = logs.map(boxStats);
  const fpLog = d.fpLevel && d.fpLevel > 0 ? Math.log10(d.fpLevel) : undefined;
  const lo = Math.min(...stats.map((s) => Math.min(s.lo, ...s.fliers)), fpLog ?? Number.POSITIVE_INFINITY);
  const hi = Math.max(...stats.map((s) => Math.max(s.hi, ...s.fliers)), fpLog ?? Number.NEGATIVE_INFINITY);
  const [w, h] = o.size;
  const top = titleSpace(o) + 20;
  const box = { x: 80, y: top, width: w - 100, height: h - top - 58 };
  const m = d.steps.length;
  const xs = d3
    .scaleLinear()
    .domain([0.5, m + 0.5])
    .range([box.x, box.x + box.width]);
  const ys = d3
    .scaleLinear()
    .domain([lo, hi])
    .nice()
    .range([box.y + box.height, box.y]);
  const bw = (box.width / m) * 0.5;
  const boxes = stats.map((s, i) => {
    const x = xs(i + 1);
    return el(
      'g',
      { class: 'box', 'data-step': String(d.steps[i]) },
      el('line', { class: 'whisker', x1: x, x2: x, y1: ys(s.lo), y2: ys(s.q1), stroke: '#333' }),
      el('line', { class: 'whisker', x1: x, x2: x, y1: ys(s.q3), y2: ys(s.hi), stroke: '#333' }),
      el('line', { x1: x - bw / 4, x2: x + bw / 4, y1: ys(s.lo), y2: ys(s.lo), stroke: '#333' }),
      el('line', { x1: x - bw / 4, x2: x + bw / 4, y1: ys(s.hi), y2: ys(s.hi), stroke: '#333' }),
      el('rect', {
        class: 'iqr',
        x: x - bw / 2,
        y: ys(s.q3),
        width: bw,
        height: Math.max(0.5, ys(s.q1) - ys(s.q3)),
        fill: '#c6dbef',
        stroke: '#333',
      }),
      el('line', {
        class: 'median',
        x1: x - bw / 2,
        x2: x + bw / 2,
        y1: ys(s.med),
        y2: ys(s.med),
        stroke: '#ff7f0e',
        'stroke-width': 2,
      }),
      el('line', {
        class: 'mean',
        x1: x - bw / 2,
        x2: x + bw / 2,
        y1: ys(s.mean),
        y2: ys(s.mean),
        stroke: '#2ca02c',
        'stroke-width': 2,
        'stroke-dasharray': '5,3',
      }),
      ...s.fliers.map((f) =>
        el('circle', { class: 'flier', cx: x, cy: ys(f), r: 2.5, fill: 'none', stroke: '#555' }),
      ),
    );
  });
  const fpLine =
    fpLog !== undefined
      ? el('line', {
          class: 'hline',
          x1: box.x,
          x2: box.x + box.width,
          y1: ys(fpLog),
          y2: ys(fpLog),
          stroke: '#d62728',
          'stroke-width': 1.5,
          'stroke-dasharray': '6,4',
        })
      : '';
  const items = [
    { label: 'Mean', color: '#2ca02c', shape: 'dashed' as const },
    { label: 'Median', color: '#ff7f0e', shape: 'line' as const },
    ...(fpLog !== undefined
      ? [
          {
            label: d.fpLabel ?? `FP error (${d3.format('.3~g')(d.fpLevel!)})`,
            color: '#d62728',
            shape: 'dashed' as const,
          },
        ]
      : []),
  ];
  const fs = o.fontSize * 0.9;
  const lw = Math.max(...items.map((it) => 26 + it.label.length * fs * 0.6));
  const legend = renderLegend(
    items,
    box.x + box.width - lw - 12,
    box.y + box.height - items.length * fs * 1.4 - 12,
    fs,
  );
  const body = renderPanel({
    box,
    x: {
      type: 'linear',
      scale: xs,
      label: o.xLabel,
      ticks: d.steps.map((_, i) => i + 1),
      tickFormat: (v) => stepLabel(d.steps[Math.round(v) - 1]),
    },
    y: { type: 'linear', scale: ys, label: o.yLabel },
    grid: true,
    fontSize: o.fontSize,
    content: fpLine + boxes.join(''),
    clipId: localId('clip'),
    overlay: legend,
  });
  return finishFigure(o, 'error-box-plot', body);
}
