import { figureBuilder } from './builder.js';
import { renderColorBar, renderLegend, starPath } from './colorBar.js';
import { PlotInputError } from './errors.js';
import { type BaseOptions, baseDefaults, finishFigure, localId } from './frame.js';
import { finiteExtent, type NumericArray, pointCount } from './input.js';
import { latentLayout } from './latentLayout.js';
import { renderPanel } from './panel.js';
import { pngDataUri } from './raster.js';
import { makeScale, safeDomain } from './scales.js';
import { el, pathData } from './svg.js';
import { type ColormapName, colormap, rgbBytes } from './theme.js';

/** A polyline drawn over a {@link latentFieldMap}. */
export interface FieldMapCurve {
  /** Row-major S×2 points. */
  points: NumericArray;
  /** Legend label (curves without a label are not listed). */
  label?: string;
  color?: string;
  width?: number;
  dashed?: boolean;
}

/** Input of {@link latentFieldMap}: an optional scalar field on an n×n grid of [lo, hi]², points and curves. */
export interface LatentFieldMapData {
  /** n×n values, x fastest, row 0 at y = lo (same layout as the torus heat maps). */
  values?: NumericArray;
  n?: number;
  /** Row-major N×2 points drawn as small dots (e.g. latent means or the states of a random walk). */
  points?: NumericArray;
  curves?: FieldMapCurve[];
  /** Markers: start (green circle) and end (red star). */
  start?: [number, number];
  end?: [number, number];
}

/** Options of {@link latentFieldMap}. */
export interface LatentFieldMapOptions extends BaseOptions {
  /** The square [lo, hi]² shown (both axes); the grid of `values` spans it end to end. */
  extent: [number, number];
  colormap: ColormapName | ((t: number) => string);
  colorLabel: string;
  /** Colour domain (default: finite extent of the values). */
  domain: [number, number] | null;
  pointColor: string;
  pointOpacity: number;
  radius: number;
  axisLabels: [string, string];
}

/**
 * A scalar field over a square latent box (heat map, e.g. log √det M with the reversed RdBu map) with
 * latent points and curves on top: `<image class="heatmap">`, `<circle class="point">`s,
 * `<path class="curve">`s, a colour bar when there is a field and a legend for labelled curves. Plain arrays only.
 *
 * ```ts
 * const svg = latentFieldMap().extent([-3, 3]).colorLabel('log √det M')({ values, n: 100, points: means });
 * ```
 */
export function latentFieldMap() {
  return figureBuilder<LatentFieldMapOptions, LatentFieldMapData>(
    {
      ...baseDefaults([620, 540]),
      extent: [-1, 1],
      colormap: 'rdbu',
      colorLabel: '',
      domain: null,
      pointColor: '#000000',
      pointOpacity: 0.3,
      radius: 1.4,
      axisLabels: ['Latent dimension 1', 'Latent dimension 2'],
    },
    renderFieldMap,
  );
}

function renderFieldMap(d: LatentFieldMapData, o: Readonly<LatentFieldMapOptions>): string {
  if (!d || typeof d !== 'object') throw new PlotInputError('latentFieldMap: data missing', 'data');
  const [lo, hi] = o.extent;
  if (!(hi > lo))
    throw new PlotInputError(`latentFieldMap: extent [${o.extent}] must be increasing`, 'extent');
  const hasField = d.values !== undefined;
  const L = latentLayout(o, o.extent, hasField ? 120 : 20, o.axisLabels);
  const sx = (v: number) => L.x.scale(v);
  const sy = (v: number) => L.y.scale(v);
  const parts: string[] = [];
  let bar = '';
  if (hasField) {
    const v = d.values as NumericArray;
    const n = d.n ?? Math.round(Math.sqrt(v.length));
    if (n < 2 || n * n !== v.length) {
      throw new PlotInputError(
        `latentFieldMap: values has length ${v.length}; expected n² with n ≥ 2`,
        'values',
      );
    }
    let dom = o.domain ?? finiteExtent(v, false);
    if (dom === undefined) throw new PlotInputError('latentFieldMap: no finite value to colour', 'values');
    dom = safeDomain(dom, 'linear');
    const cs = makeScale('linear', dom, [0, 1], 1).clamp(true);
    const cmap = colormap(o.colormap);
    const rgba = new Uint8Array(n * n * 4);
    for (let j = 0; j < n; j++) {
      const row = n - 1 - j;
      for (let i = 0; i < n; i++) {
        const value = v[j * n + i];
        const [r, g, b] = Number.isFinite(value) ? rgbBytes(cmap(cs(value))) : [217, 217, 217];
        const p = (row * n + i) * 4;
        rgba[p] = r;
        rgba[p + 1] = g;
        rgba[p + 2] = b;
        rgba[p + 3] = 255;
      }
    }
    const step = (hi - lo) / (n - 1);
    const x0 = sx(lo - step / 2);
    const x1 = sx(hi + step / 2);
    const y0 = sy(hi + step / 2);
    const y1 = sy(lo - step / 2);
    parts.push(
      el('image', {
        class: 'heatmap',
        x: x0,
        y: y0,
        width: x1 - x0,
        height: y1 - y0,
        preserveAspectRatio: 'none',
        href: pngDataUri(n, n, rgba),
      }),
    );
    bar = renderColorBar({
      x: L.box.x + L.box.width + 18,
      y: L.box.y + L.box.height * 0.05,
      width: 16,
      height: L.box.height * 0.9,
      type: 'linear',
      domain: dom,
      colormap: cmap,
      label: o.colorLabel,
      fontSize: o.fontSize,
      gradientId: localId('cbar'),
    });
  }
  if (d.points) {
    const n = pointCount(d.points, 'latentFieldMap: points');
    const dots: string[] = [];
    for (let i = 0; i < n; i++) {
      dots.push(
        el('circle', { class: 'point', cx: sx(d.points[2 * i]), cy: sy(d.points[2 * i + 1]), r: o.radius }),
      );
    }
    parts.push(el('g', { class: 'points', fill: o.pointColor, 'fill-opacity': o.pointOpacity }, ...dots));
  }
  const legend: { label: string; color: string; shape: 'line' | 'circle' | 'star' }[] = [];
  (d.curves ?? []).forEach((c, i) => {
    const s = pointCount(c.points, `latentFieldMap: curves[${i}].points`);
    const xs: number[] = [];
    const ys: number[] = [];
    for (let k = 0; k < s; k++) {
      xs.push(sx(c.points[2 * k]));
      ys.push(sy(c.points[2 * k + 1]));
    }
    const color = c.color ?? '#000000';
    parts.push(
      el('path', {
        class: 'curve',
        d: pathData(xs, ys),
        fill: 'none',
        stroke: color,
        'stroke-width': c.width ?? 2,
        'stroke-dasharray': c.dashed ? '6 4' : undefined,
        'stroke-linejoin': 'round',
      }),
    );
    if (c.label) legend.push({ label: c.label, color, shape: 'line' });
  });
  if (d.start) {
    parts.push(
      el('circle', {
        class: 'endpoint start',
        cx: sx(d.start[0]),
        cy: sy(d.start[1]),
        r: 6,
        fill: '#2ca02c',
        stroke: '#000',
      }),
    );
  }
  if (d.end) {
    parts.push(
      el('path', {
        class: 'endpoint end',
        d: starPath(sx(d.end[0]), sy(d.end[1]), 9),
        fill: '#d62728',
        stroke: '#000',
      }),
    );
  }
  const overlay = legend.length > 0 ? renderLegend(legend, L.box.x + 14, L.box.y + 12, o.fontSize * 0.9) : '';
  const panel = renderPanel({
    box: L.box,
    x: L.x,
    y: L.y,
    fontSize: o.fontSize,
    content: parts.join(''),
    clipId: localId('clip'),
    overlay,
  });
  return finishFigure(o, 'latent-field-map', panel + bar);
}
