import { starPath } from './colorBar.js';
import { finiteExtent, type NumericArray } from './input.js';
import { type Box, renderPanel } from './panel.js';
import { makeScale, type ScaleType, safeDomain } from './scales.js';
import { el, fmt, pathData } from './svg.js';

/** One line/marker series of a 2-D panel. */
export interface Series {
  x: NumericArray;
  y: NumericArray;
  label?: string;
  color: string;
  /** Draw a connecting line (default true). */
  line?: boolean;
  /** Marker drawn at every point (default none). */
  marker?: 'circle' | 'square' | 'star';
  dashed?: boolean;
  width?: number;
  opacity?: number;
}

/** Horizontal reference line (e.g. the float32 error level). */
export interface HLine {
  y: number;
  color: string;
  label?: string;
  dashed?: boolean;
}

/** Panel description for {@link renderSeriesPanel}. */
export interface SeriesPanelSpec {
  box: Box;
  series: Series[];
  hlines?: HLine[];
  xType: ScaleType;
  yType: ScaleType;
  xLabel?: string;
  yLabel?: string;
  title?: string;
  grid?: boolean;
  xDomain?: [number, number];
  yDomain?: [number, number];
  xTicks?: readonly number[];
  xTickFormat?: (v: number) => string;
  fontSize: number;
  clipId: string;
  /** Extra unclipped markup (legend). */
  overlay?: string;
}

function usable(v: number, type: ScaleType): boolean {
  return Number.isFinite(v) && (type !== 'log' || v > 0);
}

/**
 * Render a panel of line/marker series. Each series becomes `<g class="series">` holding one
 * `<path class="line">` per run of drawable points (non-finite values, and non-positive values on a log
 * axis, break the line) and one marker per point.
 */
export function renderSeriesPanel(p: SeriesPanelSpec): string {
  const xs: number[] = [];
  const ys: number[] = [];
  for (const s of p.series) {
    for (let i = 0; i < s.x.length; i++) {
      if (usable(s.x[i], p.xType) && usable(s.y[i], p.yType)) {
        xs.push(s.x[i]);
        ys.push(s.y[i]);
      }
    }
  }
  for (const h of p.hlines ?? []) if (usable(h.y, p.yType)) ys.push(h.y);
  const xd = p.xDomain ?? padDomain(safeDomain(finiteExtent(xs), p.xType), p.xType);
  const yd = p.yDomain ?? padDomain(safeDomain(finiteExtent(ys), p.yType), p.yType);
  const { box } = p;
  const xScale = makeScale(p.xType, xd, [box.x, box.x + box.width]);
  const yScale = makeScale(p.yType, yd, [box.y + box.height, box.y]);
  if (p.xType === 'linear' && !p.xDomain) (xScale as d3Like).nice?.();
  if (!p.yDomain) (yScale as d3Like).nice?.();
  const groups = p.series.map((s) => {
    const parts: string[] = [];
    let runX: number[] = [];
    let runY: number[] = [];
    const flush = () => {
      if (runX.length > 1 && s.line !== false) {
        parts.push(
          el('path', {
            class: 'line',
            d: pathData(runX, runY),
            fill: 'none',
            stroke: s.color,
            'stroke-width': s.width ?? 1.6,
            'stroke-dasharray': s.dashed ? '6,4' : undefined,
            'stroke-opacity': s.opacity,
          }),
        );
      }
      runX = [];
      runY = [];
    };
    const markers: string[] = [];
    for (let i = 0; i < s.x.length; i++) {
      if (!usable(s.x[i], p.xType) || !usable(s.y[i], p.yType)) {
        flush();
        continue;
      }
      const px = xScale(s.x[i]);
      const py = yScale(s.y[i]);
      runX.push(px);
      runY.push(py);
      if (s.marker === 'circle')
        markers.push(el('circle', { class: 'marker', cx: px, cy: py, r: 3.5, fill: s.color }));
      else if (s.marker === 'square')
        markers.push(
          el('rect', { class: 'marker', x: px - 3.5, y: py - 3.5, width: 7, height: 7, fill: s.color }),
        );
      else if (s.marker === 'star')
        markers.push(el('path', { class: 'marker', d: starPath(px, py, 5), fill: s.color }));
    }
    flush();
    return el('g', { class: 'series', 'data-label': s.label }, ...parts, ...markers);
  });
  const hl = (p.hlines ?? [])
    .filter((h) => usable(h.y, p.yType))
    .map((h) =>
      el('line', {
        class: 'hline',
        x1: box.x,
        x2: box.x + box.width,
        y1: fmt(yScale(h.y)),
        y2: fmt(yScale(h.y)),
        stroke: h.color,
        'stroke-width': 1.5,
        'stroke-dasharray': h.dashed === false ? undefined : '6,4',
      }),
    );
  return renderPanel({
    box,
    x: { type: p.xType, scale: xScale, label: p.xLabel, ticks: p.xTicks, tickFormat: p.xTickFormat },
    y: { type: p.yType, scale: yScale, label: p.yLabel },
    title: p.title,
    grid: p.grid ?? true,
    fontSize: p.fontSize,
    content: hl.join('') + groups.join(''),
    clipId: p.clipId,
    overlay: p.overlay,
  });
}

type d3Like = { nice?: () => unknown };

/** Widen a data domain by 4 % on each side (multiplicatively on a log axis) so marks do not sit on the frame. */
export function padDomain(d: [number, number], type: ScaleType): [number, number] {
  if (type === 'log') {
    const f = (d[1] / d[0]) ** 0.04;
    return [d[0] / f, d[1] * f];
  }
  const pad = (d[1] - d[0]) * 0.04;
  return [d[0] - pad, d[1] + pad];
}
