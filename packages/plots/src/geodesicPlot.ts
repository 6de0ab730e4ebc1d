import { figureBuilder } from './builder.js';
import { renderLegend, starPath } from './colorBar.js';
import { PlotInputError } from './errors.js';
import { type BaseOptions, baseDefaults, finishFigure, localId } from './frame.js';
import { type NumericArray, pointCount, requireLength } from './input.js';
import { latentLayout, TORUS_EXTENT } from './latentLayout.js';
import { renderPanel } from './panel.js';
import { el, pathData } from './svg.js';
import { categoryColor, TABLEAU10 } from './theme.js';
import { torusPolyline } from './torusPolyline.js';

/** One curve of {@link geodesicPlot}: row-major S×2 latent points. */
export interface GeodesicCurve {
  points: NumericArray;
  /** 'border' (width 2), 'interior' (width 1.2) — grid — or 'single' (blue, width 2, legend "Geodesic"). */
  kind?: 'border' | 'interior' | 'single';
}

/** Input of {@link geodesicPlot}. */
export interface GeodesicPlotData {
  curves: GeodesicCurve[];
  /** Optional background scatter (row-major N×2), coloured by `labels`. */
  points?: NumericArray;
  labels?: NumericArray;
  /** Start marker p₀ (green circle "start p0") and end marker p₁ (red star "end p1"). */
  start?: [number, number];
  end?: [number, number];
}

/** Options of {@link geodesicPlot}. */
export interface GeodesicPlotOptions extends BaseOptions {
  extent: [number, number];
  /** Wrap curves into [−π, π) and cut them at the seam (default false: draw the chart curve as computed). */
  wrap: boolean;
  /** Background point radius (s = 6 → ~1.5 px). */
  radius: number;
  palette: readonly string[];
  curveColor: string;
}

/**
 * Geodesics over the latent scatter: a single geodesic with start/end markers and legend
 * (`geodesic_bvp_single`), or a geodesic grid (`grid_geodesics_Schauder`, border curves width 2 on top of
 * interior curves width 1.2, black, alpha 0.8). One `<path class="geodesic">` per drawn run of a curve,
 * background `<circle class="point">`s, equal aspect on [−π, π].
 *
 * ```ts
 * const svg = geodesicPlot()({ curves: [{ points: [0, -2, 0, 0, 0, 3], kind: 'single' }], start: [0, -2], end: [0, 3] });
 * ```
 */
export function geodesicPlot() {
  return figureBuilder<GeodesicPlotOptions, GeodesicPlotData>(
    {
      ...baseDefaults([600, 560]),
      extent: TORUS_EXTENT,
      wrap: false,
      radius: 1.6,
      palette: TABLEAU10,
      curveColor: '#000000',
    },
    renderGeodesicPlot,
  );
}

function renderGeodesicPlot(d: GeodesicPlotData, o: Readonly<GeodesicPlotOptions>): string {
  if (!d || !Array.isArray(d.curves)) throw new PlotInputError('geodesicPlot: curves missing', 'curves');
  const L = latentLayout(o, o.extent, 20);
  const sx = (v: number) => L.x.scale(v);
  const sy = (v: number) => L.y.scale(v);
  const parts: string[] = [];
  if (d.points) {
    const n = pointCount(d.points, 'geodesicPlot: points');
    if (d.labels) requireLength(d.labels, n, 'geodesicPlot: labels');
    const pts: string[] = [];
    for (let i = 0; i < n; i++) {
      pts.push(
        el('circle', {
          class: 'point',
          cx: sx(d.points[2 * i]),
          cy: sy(d.points[2 * i + 1]),
          r: o.radius,
          fill: d.labels ? categoryColor(d.labels[i], o.palette) : '#9ecae1',
        }),
      );
    }
    parts.push(el('g', { class: 'points', 'fill-opacity': 0.7 }, ...pts));
  }
  const order = { interior: 0, border: 1, single: 2 } as const;
  const curves = d.curves
    .map((c, i) => ({ c, i }))
    .sort((a, b) => order[a.c.kind ?? 'interior'] - order[b.c.kind ?? 'interior']);
  const lines: string[] = [];
  for (const { c, i } of curves) {
    const s = pointCount(c.points, `geodesicPlot: curves[${i}].points`);
    const kind = c.kind ?? 'interior';
    for (const run of torusPolyline(c.points, s, o.wrap)) {
      lines.push(
        el('path', {
          class: `geodesic geodesic-${kind}`,
          d: pathData(run.x.map(sx), run.y.map(sy)),
          fill: 'none',
          stroke: kind === 'single' ? '#1f77b4' : o.curveColor,
          'stroke-width': kind === 'interior' ? 1.2 : 2,
          'stroke-opacity': kind === 'single' ? 1 : 0.8,
          'stroke-linejoin': 'round',
        }),
      );
    }
  }
  parts.push(el('g', { class: 'geodesics' }, ...lines));
  const legend: { label: string; color: string; shape: 'line' | 'circle' | 'star' }[] = [];
  if (d.curves.some((c) => c.kind === 'single'))
    legend.push({ label: 'Geodesic', color: '#1f77b4', shape: 'line' });
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
    legend.push({ label: 'start p0', color: '#2ca02c', shape: 'circle' });
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
    legend.push({ label: 'end p1', color: '#d62728', shape: 'star' });
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
  return finishFigure(o, 'geodesic-plot', panel);
}
