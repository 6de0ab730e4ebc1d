import * as d3 from 'd3';
import { figureBuilder } from './builder.js';
import { renderColorBar, renderDiscreteColorBar } from './colorBar.js';
import { PlotInputError } from './errors.js';
import { type BaseOptions, baseDefaults, finishFigure, localId, titleSpace } from './frame.js';
import { finiteExtent, type NumericArray, requireLength } from './input.js';
import { distinctLabels } from './latentScatter.js';
import { projectPoint } from './projection.js';
import { safeDomain } from './scales.js';
import { el, fmt, text } from './svg.js';
import { type ColormapName, categoryColor, colormap, TABLEAU10 } from './theme.js';

/** Input of {@link scatter3d}: points row-major N×3 and either class labels or continuous values. */
export interface Scatter3dData {
  points: NumericArray;
  /** Integer class labels (length N): discrete colours. */
  labels?: NumericArray;
  /** Continuous values (length N): colour bar. Wins over labels. */
  values?: NumericArray;
}

/** Options of {@link scatter3d}. */
export interface Scatter3dOptions extends BaseOptions {
  /** Degrees around the z axis. */
  azimuth: number;
  /** Degrees above the xy plane. */
  elevation: number;
  radius: number;
  opacity: number;
  palette: readonly string[];
  /** Colour map for continuous values. */
  colormap: ColormapName | ((t: number) => string);
  colorLabel: string;
  labelTitle: string;
  /** Names of the three axes in the orientation triad. */
  axisNames: [string, string, string];
}

/**
 * Static 3-D point cloud (e.g. a 3-component PCA of the data): orthographic projection with equal scale on
 * the three axes, points drawn far to near (painter's order, `<circle class="point" data-depth>`), an
 * orientation triad and a discrete colour bar (labels) or a continuous one (values).
 *
 * ```ts
 * const svg = scatter3d()({ points: [0, 0, 0, 1, 1, 1], labels: [0, 1] });
 * ```
 */
export function scatter3d() {
  return figureBuilder<Scatter3dOptions, Scatter3dData>(
    {
      ...baseDefaults([640, 560]),
      azimuth: 30,
      elevation: 25,
      radius: 2.5,
      opacity: 0.6,
      palette: TABLEAU10,
      colormap: 'viridis',
      colorLabel: '',
      labelTitle: 'Label',
      axisNames: ['x', 'y', 'z'],
    },
    renderScatter3d,
  );
}

function renderScatter3d(d: Scatter3dData, o: Readonly<Scatter3dOptions>): string {
  const P = d.points;
  if (!P || P.length === 0 || P.length % 3 !== 0) {
    throw new PlotInputError(
      `scatter3d: points has ${P?.length ?? 0} values; expected a non-empty multiple of 3 (N×3)`,
      'points',
    );
  }
  const n = P.length / 3;
  if (d.labels) requireLength(d.labels, n, 'scatter3d: labels');
  if (d.values) requireLength(d.values, n, 'scatter3d: values');
  const c = [0, 1, 2].map((k) => d3.mean(Array.from({ length: n }, (_, i) => P[3 * i + k])) ?? 0);
  const proj = Array.from({ length: n }, (_, i) =>
    projectPoint(P[3 * i] - c[0], P[3 * i + 1] - c[1], P[3 * i + 2] - c[2], o),
  );
  const finite = (p: [number, number, number]) => p.every(Number.isFinite);
  const radius = Math.max(1e-12, ...proj.filter(finite).map((p) => Math.hypot(p[0], p[1], p[2])));
  const [w, h] = o.size;
  const top = titleSpace(o) + 10;
  const areaW = w - 130;
  const areaH = h - top - 10;
  const scale = Math.min(areaW, areaH) / (2.1 * radius);
  const cx = 20 + areaW / 2;
  const cy = top + areaH / 2;
  const order = Array.from({ length: n }, (_, i) => i).filter((i) => finite(proj[i]));
  order.sort((a, b) => proj[b][2] - proj[a][2]);
  const continuous = d.values !== undefined;
  let fillOf: (i: number) => string = () => '#1f77b4';
  let key = '';
  if (continuous) {
    const vals = d.values!;
    const dom = safeDomain(finiteExtent(vals));
    const cs = d3.scaleLinear().domain(dom).range([0, 1]).clamp(true);
    const cmap = colormap(o.colormap);
    fillOf = (i) => (Number.isFinite(vals[i]) ? cmap(cs(vals[i])) : '#999');
    key = renderColorBar({
      x: w - 95,
      y: top + areaH * 0.2,
      width: 14,
      height: areaH * 0.6,
      type: 'linear',
      domain: dom,
      colormap: cmap,
      label: o.colorLabel,
      fontSize: o.fontSize,
      gradientId: localId('cbar'),
    });
  } else if (d.labels) {
    const labels = d.labels;
    const set = distinctLabels(labels);
    fillOf = (i) => categoryColor(Math.trunc(labels[i]), o.palette);
    key = renderDiscreteColorBar(
      set.map(String),
      set.map((l) => categoryColor(l, o.palette)),
      { x: w - 95, y: top + areaH * 0.2, width: 14, height: areaH * 0.6 },
      o.fontSize,
      o.labelTitle,
    );
  }
  const marks = order.map((i) =>
    el('circle', {
      class: 'point',
      'data-depth': proj[i][2].toFixed(4),
      cx: fmt(cx + proj[i][0] * scale),
      cy: fmt(cy - proj[i][1] * scale),
      r: o.radius,
      fill: fillOf(i),
    }),
  );
  const triadO: [number, number] = [40, h - 40];
  const axes = o.axisNames.map((name, k) => {
    const e = [0, 0, 0];
    e[k] = 1;
    const p = projectPoint(e[0], e[1], e[2], o);
    return (
      el('line', {
        x1: triadO[0],
        y1: triadO[1],
        x2: triadO[0] + p[0] * 24,
        y2: triadO[1] - p[1] * 24,
        stroke: '#333',
        'stroke-width': 1.5,
      }) +
      text(name, {
        x: triadO[0] + p[0] * 34,
        y: triadO[1] - p[1] * 34,
        dy: '0.32em',
        'text-anchor': 'middle',
        'font-size': o.fontSize * 0.85,
      })
    );
  });
  const body =
    el('g', { class: 'points', 'fill-opacity': o.opacity }, ...marks) +
    el('g', { class: 'triad' }, ...axes) +
    key;
  return finishFigure(o, 'scatter-3d', body);
}
