import * as d3 from 'd3';
import { figureBuilder } from './builder.js';
import { renderLegend } from './colorBar.js';
import { PlotInputError } from './errors.js';
import { type BaseOptions, baseDefaults, finishFigure, localId } from './frame.js';
import { type NumericArray, pointCount, requireLength } from './input.js';
import { latentLayout, TORUS_EXTENT } from './latentLayout.js';
import { distinctLabels } from './latentScatter.js';
import { renderPanel } from './panel.js';
import { el, fmt } from './svg.js';
import { categoryColor, TABLEAU10 } from './theme.js';

/**
 * Input of {@link decisionBoundary}: points with (mapped) labels and a kNN label grid
 * (g×g grid, x = y = linspace(−π, π, g), x fastest, row 0 at y = −π).
 */
export interface DecisionBoundaryData {
  /** Row-major N×2 latent points. */
  points: NumericArray;
  /** Colour label of each point (length N). */
  labels: NumericArray;
  /** Label of each grid node, length g², x fastest. */
  grid: NumericArray;
  /** Grid side g (default √grid.length). */
  gridSize?: number;
}

/** Options of {@link decisionBoundary}. */
export interface DecisionBoundaryOptions extends BaseOptions {
  /** Fill opacity of the regions (0.4). */
  opacity: number;
  /** Point radius in px (s = 100 → ~5.6 px). */
  radius: number;
  palette: readonly string[];
  extent: [number, number];
}

/**
 * kNN decision-boundary map: one filled `<path class="region">` per label present in
 * the grid (marching-squares boundary at the midpoints between grid nodes of different labels, via
 * d3-contour), the points on top (`<circle class="point">`, black edges) and a legend.
 *
 * ```ts
 * const svg = decisionBoundary()({ points: [-1, 0, 1, 0], labels: [0, 1], grid: [0, 1, 0, 1] });
 * ```
 */
export function decisionBoundary() {
  return figureBuilder<DecisionBoundaryOptions, DecisionBoundaryData>(
    { ...baseDefaults([640, 560]), opacity: 0.4, radius: 5, palette: TABLEAU10, extent: TORUS_EXTENT },
    renderDecisionBoundary,
  );
}

function renderDecisionBoundary(d: DecisionBoundaryData, o: Readonly<DecisionBoundaryOptions>): string {
  const n = pointCount(d.points, 'decisionBoundary: points');
  requireLength(d.labels, n, 'decisionBoundary: labels');
  const g = d.gridSize ?? Math.round(Math.sqrt(d.grid?.length ?? 0));
  if (g < 2 || g * g !== d.grid.length) {
    throw new PlotInputError(
      `decisionBoundary: grid has length ${d.grid?.length}; expected g² with g ≥ 2`,
      'grid',
    );
  }
  const L = latentLayout(o, o.extent, 120);
  const step = (o.extent[1] - o.extent[0]) / (g - 1);
  // d3-contour places sample (i, j) at (i + 0.5, j + 0.5).
  const gx = (u: number) => L.x.scale(o.extent[0] + (u - 0.5) * step);
  const gy = (v: number) => L.y.scale(o.extent[0] + (v - 0.5) * step);
  const gridLabels = distinctLabels(d.grid);
  const contour = d3.contours().size([g, g]).smooth(false).thresholds([0.5]);
  const regions = gridLabels.map((lab) => {
    const mask = Array.from(d.grid, (v) => (Math.trunc(v) === lab ? 1 : 0));
    const mp = contour(mask)[0];
    let path = '';
    for (const polygon of mp.coordinates) {
      for (const ring of polygon) {
        ring.forEach(([u, v], i) => {
          path += `${i === 0 ? 'M' : 'L'}${fmt(gx(u))},${fmt(gy(v))}`;
        });
        path += 'Z';
      }
    }
    // Opaque colour pre-blended with white (= the colour at `opacity` over white), stroked in the same
    // colour so that no white slivers remain where three regions meet.
    const fill = d3.interpolateRgb('#ffffff', categoryColor(lab, o.palette))(o.opacity);
    return el('path', {
      class: 'region',
      'data-label': String(lab),
      d: path,
      fill,
      stroke: fill,
      'stroke-width': 1.2,
      'stroke-linejoin': 'round',
      'fill-rule': 'evenodd',
    });
  });
  const pts: string[] = [];
  for (let i = 0; i < n; i++) {
    pts.push(
      el('circle', {
        class: 'point',
        cx: L.x.scale(d.points[2 * i]),
        cy: L.y.scale(d.points[2 * i + 1]),
        r: o.radius,
        fill: categoryColor(d.labels[i], o.palette),
      }),
    );
  }
  const content =
    el('g', { class: 'regions' }, ...regions) +
    el('g', { class: 'points', stroke: '#000', 'stroke-width': 0.8 }, ...pts);
  const all = distinctLabels([...gridLabels, ...Array.from(d.labels)]);
  const legend = renderLegend(
    all.map((l) => ({ label: String(l), color: categoryColor(l, o.palette) })),
    L.box.x + L.box.width + 20,
    L.box.y,
    o.fontSize,
    'Label',
  );
  const panel = renderPanel({
    box: L.box,
    x: L.x,
    y: L.y,
    fontSize: o.fontSize,
    content,
    clipId: localId('clip'),
  });
  return finishFigure(o, 'decision-boundary', panel + legend);
}
