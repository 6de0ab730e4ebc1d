import { renderAxis } from './axes.js';
import { type ContinuousScale, defaultTickFormat, makeScale, type ScaleType, scaleTicks } from './scales.js';
import { el, text } from './svg.js';
import type { Colormap } from './theme.js';

/** A vertical continuous colour bar. */
export interface ColorBarSpec {
  x: number;
  y: number;
  width: number;
  height: number;
  type: ScaleType;
  domain: [number, number];
  colormap: Colormap;
  label?: string;
  linthresh?: number;
  ticks?: readonly number[];
  tickFormat?: (v: number) => string;
  fontSize: number;
  gradientId: string;
}

/**
 * Render `<g class="colorbar">`: a rectangle filled with a 32-stop vertical gradient of the colour map
 * (bottom = domain[0]) and a right axis whose ticks follow the scale type, so position p ∈ [0, 1] on the
 * bar shows colormap(p) and value scale⁻¹(p).
 */
export function renderColorBar(c: ColorBarSpec): string {
  const stops: string[] = [];
  const n = 32;
  for (let i = 0; i <= n; i++) {
    const t = i / n;
    stops.push(el('stop', { offset: `${((1 - t) * 100).toFixed(2)}%`, 'stop-color': c.colormap(t) }));
  }
  stops.reverse();
  const scale: ContinuousScale = makeScale(c.type, c.domain, [c.y + c.height, c.y], c.linthresh ?? 1);
  const ticks = c.ticks ? [...c.ticks] : scaleTicks(c.type, scale, 5, c.linthresh ?? 1);
  const f = c.tickFormat ?? defaultTickFormat(c.type);
  return el(
    'g',
    { class: 'colorbar' },
    el('linearGradient', { id: c.gradientId, x1: 0, y1: 0, x2: 0, y2: 1 }, ...stops),
    el('rect', {
      class: 'colorbar-ramp',
      x: c.x,
      y: c.y,
      width: c.width,
      height: c.height,
      fill: `url(#${c.gradientId})`,
      stroke: '#333',
    }),
    renderAxis({
      orient: 'right',
      at: c.x + c.width,
      range: [c.y, c.y + c.height],
      ticks: ticks.map((v) => ({ pos: scale(v), label: f(v) })),
      label: c.label,
      fontSize: c.fontSize,
    }),
  );
}

/** One legend entry. */
export interface LegendItem {
  label: string;
  color: string;
  /** Marker: filled circle (default), line, dashed line, star or square. */
  shape?: 'circle' | 'line' | 'dashed' | 'star' | 'square';
}

/** SVG path of a 5-pointed star of outer radius r centred at (cx, cy). */
export function starPath(cx: number, cy: number, r: number): string {
  let d = '';
  for (let i = 0; i < 10; i++) {
    const rad = i % 2 === 0 ? r : r * 0.45;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    d += `${i === 0 ? 'M' : 'L'}${(cx + rad * Math.cos(a)).toFixed(2)},${(cy + rad * Math.sin(a)).toFixed(2)}`;
  }
  return `${d}Z`;
}

/** Render `<g class="legend">` with one `<g class="legend-item">` per entry, stacked from (x, y). */
export function renderLegend(
  items: LegendItem[],
  x: number,
  y: number,
  fontSize: number,
  title?: string,
): string {
  const rowH = fontSize * 1.4;
  const parts: string[] = [];
  let y0 = y;
  if (title) {
    parts.push(text(title, { class: 'legend-title', x, y: y0 + fontSize * 0.8, 'font-weight': 'bold' }));
    y0 += rowH;
  }
  const width = Math.max(
    title ? title.length * fontSize * 0.62 : 0,
    ...items.map((it) => 26 + it.label.length * fontSize * 0.6),
  );
  const bg = el('rect', {
    x: x - 6,
    y: y - 4,
    width: width + 12,
    height: y0 - y + items.length * rowH + 6,
    fill: 'white',
    'fill-opacity': 0.85,
    stroke: '#bbb',
    rx: 3,
  });
  items.forEach((it, i) => {
    const cy = y0 + i * rowH + rowH / 2 - 2;
    let marker: string;
    switch (it.shape ?? 'circle') {
      case 'line':
        marker = el('line', { x1: x, x2: x + 18, y1: cy, y2: cy, stroke: it.color, 'stroke-width': 2.5 });
        break;
      case 'dashed':
        marker = el('line', {
          x1: x,
          x2: x + 18,
          y1: cy,
          y2: cy,
          stroke: it.color,
          'stroke-width': 2,
          'stroke-dasharray': '4,3',
        });
        break;
      case 'star':
        marker = el('path', {
          d: starPath(x + 9, cy, 7),
          fill: it.color,
          stroke: '#000',
          'stroke-width': 0.8,
        });
        break;
      case 'square':
        marker = el('rect', { x: x + 3, y: cy - 6, width: 12, height: 12, fill: it.color });
        break;
      default:
        marker = el('circle', { cx: x + 9, cy, r: 5, fill: it.color });
    }
    parts.push(
      el(
        'g',
        { class: 'legend-item' },
        marker,
        text(it.label, { x: x + 24, y: cy, dy: '0.32em', 'font-size': fontSize }),
      ),
    );
  });
  return el('g', { class: 'legend' }, bg, ...parts);
}

/**
 * Discrete colour bar for K categories: K equal boxes (bottom = first) with one tick per category,
 * as `<g class="colorbar colorbar-discrete">`.
 */
export function renderDiscreteColorBar(
  labels: string[],
  colors: string[],
  box: { x: number; y: number; width: number; height: number },
  fontSize: number,
  title?: string,
): string {
  const k = labels.length;
  const h = box.height / Math.max(1, k);
  const cells = labels.map((_, i) =>
    el('rect', {
      class: 'colorbar-cell',
      x: box.x,
      y: box.y + box.height - (i + 1) * h,
      width: box.width,
      height: h,
      fill: colors[i],
    }),
  );
  return el(
    'g',
    { class: 'colorbar colorbar-discrete' },
    ...cells,
    el('rect', { x: box.x, y: box.y, width: box.width, height: box.height, fill: 'none', stroke: '#333' }),
    renderAxis({
      orient: 'right',
      at: box.x + box.width,
      range: [box.y, box.y + box.height],
      ticks: labels.map((l, i) => ({ pos: box.y + box.height - (i + 0.5) * h, label: l })),
      label: title,
      fontSize,
    }),
  );
}

export { defaultTickFormat };
