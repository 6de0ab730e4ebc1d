import { renderAxis } from './axes.js';
import { type ContinuousScale, defaultTickFormat, type ScaleType, scaleTicks } from './scales.js';
import { el, text } from './svg.js';

/** Plot area in pixels: left, top, width, height. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Axis settings of a panel. */
export interface PanelAxis {
  type: ScaleType;
  /** Scale already mapped to the panel's pixel range. */
  scale: ContinuousScale;
  label?: string;
  /** Explicit tick values (default: {@link scaleTicks}). */
  ticks?: readonly number[];
  tickFormat?: (v: number) => string;
  /** Constant of the symlog scale (for tick placement). */
  linthresh?: number;
}

/** Everything a panel draws: the plot area, its two axes, optional grid, title and clipped content. */
export interface PanelSpec {
  box: Box;
  x: PanelAxis;
  y: PanelAxis;
  title?: string;
  grid?: boolean;
  fontSize: number;
  /** Marks drawn inside the plot area (clipped to it). */
  content: string;
  /** Marks drawn on top, unclipped (legends). */
  overlay?: string;
  /** Id of the clip path (figure-unique). */
  clipId: string;
}

function tickList(a: PanelAxis): number[] {
  return a.ticks ? [...a.ticks] : scaleTicks(a.type, a.scale, 5, a.linthresh ?? 1);
}

/**
 * Render one panel as `<g class="panel">`: white plot area with a frame, optional grid lines, clipped
 * content (`<g class="marks">`), bottom and left axes and a title (`<text class="panel-title">`).
 */
export function renderPanel(p: PanelSpec): string {
  const { box } = p;
  const xt = tickList(p.x);
  const yt = tickList(p.y);
  const xf = p.x.tickFormat ?? defaultTickFormat(p.x.type);
  const yf = p.y.tickFormat ?? defaultTickFormat(p.y.type);
  const grid: string[] = [];
  if (p.grid) {
    for (const v of xt) {
      const px = p.x.scale(v);
      grid.push(el('line', { x1: px, x2: px, y1: box.y, y2: box.y + box.height }));
    }
    for (const v of yt) {
      const py = p.y.scale(v);
      grid.push(el('line', { x1: box.x, x2: box.x + box.width, y1: py, y2: py }));
    }
  }
  const parts = [
    el(
      'clipPath',
      { id: p.clipId },
      el('rect', { x: box.x, y: box.y, width: box.width, height: box.height }),
    ),
    el('rect', {
      class: 'plot-area',
      x: box.x,
      y: box.y,
      width: box.width,
      height: box.height,
      fill: 'white',
    }),
    grid.length > 0 ? el('g', { class: 'grid', stroke: '#e0e0e0', 'stroke-width': 1 }, ...grid) : '',
    el('g', { class: 'marks', 'clip-path': `url(#${p.clipId})` }, p.content),
    el('rect', {
      class: 'frame',
      x: box.x,
      y: box.y,
      width: box.width,
      height: box.height,
      fill: 'none',
      stroke: '#333',
    }),
    renderAxis({
      orient: 'bottom',
      at: box.y + box.height,
      range: [box.x, box.x + box.width],
      ticks: xt.map((v) => ({ pos: p.x.scale(v), label: xf(v) })),
      label: p.x.label,
      fontSize: p.fontSize,
    }),
    renderAxis({
      orient: 'left',
      at: box.x,
      range: [box.y, box.y + box.height],
      ticks: yt.map((v) => ({ pos: p.y.scale(v), label: yf(v) })),
      label: p.y.label,
      fontSize: p.fontSize,
    }),
    p.title
      ? text(p.title, {
          class: 'panel-title',
          x: box.x + box.width / 2,
          y: box.y - 8,
          'text-anchor': 'middle',
          'font-weight': 'bold',
        })
      : '',
    p.overlay ?? '',
  ];
  return el('g', { class: 'panel' }, ...parts);
}
