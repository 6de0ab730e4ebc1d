import * as d3 from 'd3';
import { figureBuilder } from './builder.js';
import { renderLegend } from './colorBar.js';
import { PlotInputError } from './errors.js';
import { type BaseOptions, baseDefaults, finishFigure, localId, titleSpace } from './frame.js';
import type { NumericArray } from './input.js';
import { renderPanel } from './panel.js';
import { histogramCounts, meanStd, quantileSorted, sortedFinite, sturgesBins } from './stats.js';
import { el, text } from './svg.js';
import { categoryColor, TABLEAU10 } from './theme.js';

/** Input of {@link histogram}: one sample (`values`) or several overlaid samples (`series`). */
export interface HistogramData {
  values?: NumericArray;
  series?: { label: string; values: NumericArray; color?: string }[];
}

/** Options of {@link histogram}. */
export interface HistogramOptions extends BaseOptions {
  /** Number of bins, or 'sturges' (1 + ⌈log₂ n⌉) or 'sqrt' (⌈√n⌉). Common to all series. */
  bins: number | 'sturges' | 'sqrt';
  /** Drop values outside these percentiles before binning ([1, 99]); null keeps all. */
  clipPercentiles: [number, number] | null;
  /** Bin range (default: range of the kept values of all series). */
  domain: [number, number] | null;
  /** Normalise to a probability density (area 1). */
  density: boolean;
  /** Show a "Mean: …\nStd: …" box (top right) computed on the first series' unfiltered values (unbiased std). */
  statsBox: boolean;
  /** Extra lines for the stats box (e.g. "Shapiro-Wilk statistic: …"); shown even without statsBox. */
  annotations: string[];
  /** Significant digits in the stats box. */
  statsDigits: number;
  xLabel: string;
  yLabel: string;
  opacity: number;
  /**
   * How several series share a bin: 'overlay' (every series spans the bin, drawn translucently over each
   * other in series order) or 'side-by-side' (the bin split into one bar per series, in series order).
   */
  layout: 'overlay' | 'side-by-side';
}

/**
 * Histogram (curvature-functional histograms, functional histograms): one
 * `<rect class="bar">` per bin and series, black edges, optional percentile clipping, density and a
 * `<g class="stats-box">` with mean and unbiased standard deviation of the unfiltered values.
 *
 * ```ts
 * const svg = histogram().bins(30).statsBox(true)({ values: [1, 2, 2, 3, 3, 3] });
 * ```
 */
export function histogram() {
  return figureBuilder<HistogramOptions, HistogramData>(
    {
      ...baseDefaults([640, 420]),
      bins: 30,
      clipPercentiles: null,
      domain: null,
      density: false,
      statsBox: false,
      statsDigits: 8,
      annotations: [],
      xLabel: 'Values',
      yLabel: 'Frequency',
      opacity: 0.7,
      layout: 'overlay',
    },
    renderHistogram,
  );
}

function renderHistogram(d: HistogramData, o: Readonly<HistogramOptions>): string {
  const series = d.series ?? (d.values ? [{ label: '', values: d.values }] : []);
  if (series.length === 0) throw new PlotInputError('histogram: give values or series', 'values');
  const kept = series.map((s, i) => {
    const sorted = sortedFinite(s.values);
    if (sorted.length === 0)
      throw new PlotInputError(`histogram: series[${i}] has no finite value`, `series[${i}]`);
    if (!o.clipPercentiles) return sorted;
    const lo = quantileSorted(sorted, o.clipPercentiles[0] / 100);
    const hi = quantileSorted(sorted, o.clipPercentiles[1] / 100);
    return sorted.filter((v) => v >= lo && v <= hi);
  });
  const all = kept.flatMap((k) => Array.from(k));
  let [lo, hi] = o.domain ?? [d3.min(all)!, d3.max(all)!];
  if (lo === hi) {
    lo -= 0.5;
    hi += 0.5;
  }
  const nMax = Math.max(...kept.map((k) => k.length));
  const bins =
    o.bins === 'sturges'
      ? sturgesBins(nMax)
      : o.bins === 'sqrt'
        ? Math.ceil(Math.sqrt(nMax))
        : Math.max(1, Math.round(o.bins));
  const width = (hi - lo) / bins;
  const heights = kept.map((k) => {
    const c = histogramCounts(k, bins, lo, hi);
    if (o.density) {
      const total = c.reduce((s, v) => s + v, 0);
      for (let i = 0; i < bins; i++) c[i] = total > 0 ? c[i] / (total * width) : 0;
    }
    return c;
  });
  const [w, h] = o.size;
  const top = titleSpace(o) + 20;
  const box = { x: 80, y: top, width: w - 100, height: h - top - 58 };
  const xs = d3
    .scaleLinear()
    .domain([lo, hi])
    .range([box.x, box.x + box.width]);
  const ys = d3
    .scaleLinear()
    .domain([0, 1.05 * (d3.max(heights.flatMap((c) => Array.from(c))) || 1)])
    .nice()
    .range([box.y + box.height, box.y]);
  if (o.layout !== 'overlay' && o.layout !== 'side-by-side') {
    throw new PlotInputError(`histogram: layout must be 'overlay' or 'side-by-side'`, 'layout');
  }
  const split = o.layout === 'side-by-side' ? series.length : 1;
  const marks = heights.map((c, si) => {
    const color = series[si].color ?? categoryColor(si, TABLEAU10);
    const rects = Array.from(c, (v, b) => {
      const x0 = xs(lo + b * width);
      const binPx = Math.max(0, xs(lo + (b + 1) * width) - x0);
      const part = binPx / split;
      return el('rect', {
        class: 'bar',
        x: split > 1 ? x0 + si * part : x0,
        y: ys(v),
        width: part,
        height: Math.max(0, ys(0) - ys(v)),
      });
    });
    return el(
      'g',
      {
        class: 'bars',
        'data-series': series[si].label,
        fill: color,
        'fill-opacity': o.opacity,
        stroke: '#000',
        'stroke-width': 0.6,
      },
      ...rects,
    );
  });
  let overlay = '';
  if (o.statsBox || o.annotations.length > 0) {
    const s = meanStd(series[0].values);
    const f = d3.format(`.${o.statsDigits}~g`);
    const lines = [...(o.statsBox ? [`Mean: ${f(s.mean)}`, `Std: ${f(s.std)}`] : []), ...o.annotations];
    const bw = Math.max(...lines.map((l) => l.length)) * o.fontSize * 0.62 + 16;
    const bx = box.x + box.width - bw - 8;
    overlay += el(
      'g',
      { class: 'stats-box' },
      el('rect', {
        x: bx,
        y: box.y + 8,
        width: bw,
        height: o.fontSize * 3.2,
        fill: 'white',
        stroke: '#555',
        rx: 4,
      }),
      ...lines.map((l, i) => text(l, { x: bx + 8, y: box.y + 8 + o.fontSize * (1.3 + 1.3 * i) })),
    );
  }
  if (series.length > 1 || series[0].label) {
    overlay += renderLegend(
      series.map((s, i) => ({
        label: s.label,
        color: s.color ?? categoryColor(i, TABLEAU10),
        shape: 'square' as const,
      })),
      box.x + 12,
      box.y + 10,
      o.fontSize * 0.9,
    );
  }
  const body = renderPanel({
    box,
    x: { type: 'linear', scale: xs, label: o.xLabel },
    y: { type: 'linear', scale: ys, label: o.density ? 'Density' : o.yLabel },
    grid: true,
    fontSize: o.fontSize,
    content: marks.join(''),
    clipId: localId('clip'),
    overlay,
  });
  return finishFigure(o, 'histogram', body);
}
