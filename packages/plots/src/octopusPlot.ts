import { figureBuilder } from './builder.js';
import { renderLegend, starPath } from './colorBar.js';
import { PlotInputError } from './errors.js';
import { type BaseOptions, baseDefaults, finishFigure, localId } from './frame.js';
import { type NumericArray, requireLength, wrapAngle } from './input.js';
import { latentLayout, TORUS_EXTENT } from './latentLayout.js';
import { distinctLabels } from './latentScatter.js';
import { renderPanel } from './panel.js';
import { el, pathData } from './svg.js';
import { categoryColor, TABLEAU10 } from './theme.js';
import { torusPolyline } from './torusPolyline.js';

/**
 * Input of {@link octopusPlot}: the K-means curves from every point to every centroid,
 * row-major N×K×S×2 (curve (i, k) point s at ((i·K + k)·S + s)·2), point i = curve (i, ·) point 0,
 * centroid k = last point of curve (0, k).
 */
export interface OctopusPlotData {
  curves: NumericArray;
  n: number;
  k: number;
  s: number;
  /** Assigned cluster k(i) ∈ [0, K) of every point (length N). */
  labels: NumericArray;
  /** Display label of each cluster (length K), e.g. the majority ground-truth label; default identity. */
  labelOf?: NumericArray;
}

/** Options of {@link octopusPlot}. */
export interface OctopusPlotOptions extends BaseOptions {
  /** Draw all N×K curves in `allCurvesColor` underneath. */
  allCurves: boolean;
  allCurvesColor: string;
  palette: readonly string[];
  extent: [number, number];
}

/**
 * Octopus plot: every curve wrapped into [−π, π) (`<path class="curve">`, cut at the seam),
 * the curve from each point to its assigned centroid in the point's colour (`<path class="assigned">`),
 * the points (`<circle class="point">`) and the K centroids as black-edged stars (`<path class="centroid">`).
 *
 * ```ts
 * const svg = octopusPlot()({ curves: [0, 0, 1, 1], n: 1, k: 1, s: 2, labels: [0] });
 * ```
 */
export function octopusPlot() {
  return figureBuilder<OctopusPlotOptions, OctopusPlotData>(
    {
      ...baseDefaults([600, 560]),
      allCurves: true,
      allCurvesColor: '#f4a259',
      palette: TABLEAU10,
      extent: TORUS_EXTENT,
    },
    renderOctopus,
  );
}

function renderOctopus(d: OctopusPlotData, o: Readonly<OctopusPlotOptions>): string {
  const { n, k, s } = d;
  for (const [name, v] of [
    ['n', n],
    ['k', k],
    ['s', s],
  ] as const) {
    if (!Number.isInteger(v) || v < 1)
      throw new PlotInputError(`octopusPlot: ${name} = ${v}; expected an integer ≥ 1`, name);
  }
  requireLength(d.curves, n * k * s * 2, 'octopusPlot: curves (N×K×S×2)');
  requireLength(d.labels, n, 'octopusPlot: labels');
  if (d.labelOf) requireLength(d.labelOf, k, 'octopusPlot: labelOf');
  const display = (cluster: number) => (d.labelOf ? Math.trunc(d.labelOf[cluster]) : cluster);
  const L = latentLayout(o, o.extent, 20);
  const sx = (v: number) => L.x.scale(v);
  const sy = (v: number) => L.y.scale(v);
  const C = d.curves;
  const paths = (i: number, c: number) =>
    torusPolyline(C, s, true, (i * k + c) * s).map((r) => pathData(r.x.map(sx), r.y.map(sy)));
  const parts: string[] = [];
  if (o.allCurves) {
    const all: string[] = [];
    for (let i = 0; i < n; i++)
      for (let c = 0; c < k; c++) all.push(el('path', { class: 'curve', d: paths(i, c).join('') }));
    parts.push(
      el(
        'g',
        {
          class: 'curves',
          fill: 'none',
          stroke: o.allCurvesColor,
          'stroke-width': 0.7,
          'stroke-opacity': 0.6,
        },
        ...all,
      ),
    );
  }
  const assigned: string[] = [];
  const points: string[] = [];
  for (let i = 0; i < n; i++) {
    const c = Math.trunc(d.labels[i]);
    if (c < 0 || c >= k)
      throw new PlotInputError(`octopusPlot: labels[${i}] = ${c}; expected 0 ≤ label < K = ${k}`, 'labels');
    const color = categoryColor(display(c), o.palette);
    assigned.push(el('path', { class: 'assigned', d: paths(i, c).join(''), stroke: color }));
    const p = i * k * s * 2;
    points.push(
      el('circle', {
        class: 'point',
        cx: sx(wrapAngle(C[p])),
        cy: sy(wrapAngle(C[p + 1])),
        r: 3.5,
        fill: color,
      }),
    );
  }
  parts.push(el('g', { class: 'assigned-curves', fill: 'none', 'stroke-width': 1.2 }, ...assigned));
  parts.push(el('g', { class: 'points', stroke: '#333', 'stroke-width': 0.4 }, ...points));
  const stars: string[] = [];
  for (let c = 0; c < k; c++) {
    const p = (c * s + (s - 1)) * 2; // curve (0, c), last point
    stars.push(
      el('path', {
        class: 'centroid',
        d: starPath(sx(wrapAngle(C[p])), sy(wrapAngle(C[p + 1])), 11),
        fill: categoryColor(display(c), o.palette),
        stroke: '#000',
        'stroke-width': 1.2,
      }),
    );
  }
  parts.push(el('g', { class: 'centroids' }, ...stars));
  const shown = distinctLabels(Array.from({ length: k }, (_, c) => display(c)));
  const legend = renderLegend(
    shown.map((l) => ({ label: `label ${l}`, color: categoryColor(l, o.palette), shape: 'star' as const })),
    L.box.x + 12,
    L.box.y + 10,
    o.fontSize * 0.85,
  );
  const panel = renderPanel({
    box: L.box,
    x: L.x,
    y: L.y,
    fontSize: o.fontSize,
    content: parts.join(''),
    clipId: localId('clip'),
    overlay: legend,
  });
  return finishFigure(o, 'octopus-plot', panel);
}
