import * as d3 from 'd3';
import { figureBuilder } from './builder.js';
import { renderLegend } from './colorBar.js';
import { readDiagrams } from './diagramInput.js';
import { type BaseOptions, baseDefaults, finishFigure, localId, titleSpace } from './frame.js';
import type { NumericArray } from './input.js';
import { renderPanel } from './panel.js';
import { el, text } from './svg.js';
import { categoryColor, TABLEAU10 } from './theme.js';

/** Input of {@link persistenceDiagram}: one flat (birth, death) array per homology dimension (H0, H1, …). */
export interface PersistenceDiagramData {
  pairs: readonly NumericArray[];
}

/** Options of {@link persistenceDiagram}. */
export interface PersistenceDiagramOptions extends BaseOptions {
  /** Upper end of both axes (default: 5 % above the largest finite value). */
  max: number | null;
  radius: number;
  palette: readonly string[];
  axisLabels: [string, string];
}

/**
 * Persistence diagram: one `<circle class="pd-point" data-dim="k">` per pair at (birth, death), the
 * diagonal (`line.diagonal`), and pairs with an infinite death on a dashed line labelled ∞ at the top
 * (`line.infinity`); a legend H0, H1, … by dimension.
 *
 * ```ts
 * const svg = persistenceDiagram().title('Diagram')({ pairs: [[0, 1, 0, 2, 0, Infinity], [1, 1.41]] });
 * ```
 */
export function persistenceDiagram() {
  return figureBuilder<PersistenceDiagramOptions, PersistenceDiagramData>(
    {
      ...baseDefaults([480, 440]),
      max: null,
      radius: 3.5,
      palette: TABLEAU10,
      axisLabels: ['Birth', 'Death'],
    },
    renderDiagram,
  );
}

function renderDiagram(data: PersistenceDiagramData, o: Readonly<PersistenceDiagramOptions>): string {
  const { dims, max } = readDiagrams(data.pairs, 'persistenceDiagram: pairs');
  const top = o.max ?? (max > 0 ? max * 1.05 : 1);
  const lo = -0.03 * top; // a little room so points at 0 are not cut by the frame
  const hasInf = dims.some((d) => d.deaths.some((v) => !Number.isFinite(v)));
  const [w, h] = o.size;
  const t = titleSpace(o) + 16;
  const side = Math.max(40, Math.min(w - 64 - 90, h - t - 52 - (hasInf ? 14 : 0)));
  const box = { x: 64, y: t + (hasInf ? 14 : 0), width: side, height: side };
  const xs = d3
    .scaleLinear()
    .domain([lo, top])
    .range([box.x, box.x + side]);
  const ys = d3
    .scaleLinear()
    .domain([lo, top])
    .range([box.y + side, box.y]);
  const marks: string[] = [
    el('line', {
      class: 'diagonal',
      x1: xs(lo),
      y1: ys(lo),
      x2: xs(top),
      y2: ys(top),
      stroke: '#888',
      'stroke-width': 1,
    }),
  ];
  const infY = box.y - 8;
  const overlay: string[] = [];
  if (hasInf) {
    overlay.push(
      el('line', {
        class: 'infinity',
        x1: box.x,
        x2: box.x + side,
        y1: infY,
        y2: infY,
        stroke: '#888',
        'stroke-dasharray': '4,3',
      }),
      text('∞', { x: box.x - 8, y: infY + 4, 'text-anchor': 'end' }),
    );
  }
  dims.forEach((d, k) => {
    const color = categoryColor(k, o.palette);
    d.births.forEach((b, i) => {
      const inf = !Number.isFinite(d.deaths[i]);
      const circle = el('circle', {
        class: 'pd-point',
        'data-dim': k,
        cx: xs(Math.min(b, top)),
        cy: inf ? infY : ys(Math.min(d.deaths[i], top)),
        r: o.radius,
        fill: color,
        'fill-opacity': 0.8,
      });
      (inf ? overlay : marks).push(circle);
    });
  });
  const legend = renderLegend(
    dims.map((_, k) => ({ label: `H${k}`, color: categoryColor(k, o.palette) })),
    box.x + side + 18,
    box.y,
    o.fontSize,
  );
  const panel = renderPanel({
    box,
    x: { type: 'linear', scale: xs, label: o.axisLabels[0] },
    y: { type: 'linear', scale: ys, label: o.axisLabels[1] },
    fontSize: o.fontSize,
    content: marks.join(''),
    overlay: overlay.join(''),
    clipId: localId('clip'),
  });
  return finishFigure(o, 'persistence-diagram', panel + legend);
}
