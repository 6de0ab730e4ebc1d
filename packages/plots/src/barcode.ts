import * as d3 from 'd3';
import { figureBuilder } from './builder.js';
import { renderLegend } from './colorBar.js';
import { readDiagrams } from './diagramInput.js';
import { type BaseOptions, baseDefaults, finishFigure, localId, titleSpace } from './frame.js';
import type { NumericArray } from './input.js';
import { renderPanel } from './panel.js';
import { el } from './svg.js';
import { categoryColor, TABLEAU10 } from './theme.js';

/** Input of {@link barcode}: one flat (birth, death) array per homology dimension (H0, H1, …). */
export interface BarcodeData {
  pairs: readonly NumericArray[];
}

/** Options of {@link barcode}. */
export interface BarcodeOptions extends BaseOptions {
  /** Right end of the filtration axis (default: 5 % above the largest finite value). */
  max: number | null;
  palette: readonly string[];
  axisLabel: string;
}

/**
 * Persistence barcode: one `<line class="bar" data-dim="k">` per pair from birth to death, grouped by
 * dimension (H0 at the top) and sorted by birth then death; bars with an infinite death run to the
 * right edge and end in an arrow head (`class="bar infinite"`).
 *
 * ```ts
 * const svg = barcode()({ pairs: [[0, 1, 0, Infinity], [1, 1.41]] });
 * ```
 */
export function barcode() {
  return figureBuilder<BarcodeOptions, BarcodeData>(
    {
      ...baseDefaults([560, 360]),
      max: null,
      palette: TABLEAU10,
      axisLabel: 'Filtration value',
    },
    renderBarcode,
  );
}

function renderBarcode(data: BarcodeData, o: Readonly<BarcodeOptions>): string {
  const { dims, max } = readDiagrams(data.pairs, 'barcode: pairs');
  const right = o.max ?? (max > 0 ? max * 1.05 : 1);
  const [w, h] = o.size;
  const t = titleSpace(o) + 12;
  const box = { x: 40, y: t, width: Math.max(40, w - 40 - 90), height: Math.max(40, h - t - 52) };
  const xs = d3
    .scaleLinear()
    .domain([0, right])
    .range([box.x, box.x + box.width]);
  const rows = dims.reduce((s, d) => s + d.births.length, 0) + Math.max(0, dims.length - 1);
  const step = box.height / Math.max(1, rows + 1);
  const ys = d3
    .scaleLinear()
    .domain([0, rows + 1])
    .range([box.y, box.y + box.height]);
  const marks: string[] = [];
  let row = 1;
  dims.forEach((d, k) => {
    const color = categoryColor(k, o.palette);
    const order = d.births
      .map((_, i) => i)
      .sort((a, b) => d.births[a] - d.births[b] || d.deaths[a] - d.deaths[b]);
    for (const i of order) {
      const inf = !Number.isFinite(d.deaths[i]);
      const y = ys(row++);
      const x2 = inf ? box.x + box.width - 2 : xs(Math.min(d.deaths[i], right));
      marks.push(
        el('line', {
          class: inf ? 'bar infinite' : 'bar',
          'data-dim': k,
          x1: xs(Math.min(d.births[i], right)),
          x2,
          y1: y,
          y2: y,
          stroke: color,
          'stroke-width': Math.max(1, Math.min(6, step * 0.7)),
        }),
      );
      if (inf) {
        marks.push(
          el('path', {
            class: 'arrow',
            d: `M${x2 - 6},${y - 4}L${x2},${y}L${x2 - 6},${y + 4}`,
            fill: 'none',
            stroke: color,
          }),
        );
      }
    }
    row++; // gap between dimensions
  });
  const legend = renderLegend(
    dims.map((_, k) => ({ label: `H${k}`, color: categoryColor(k, o.palette), shape: 'line' as const })),
    box.x + box.width + 18,
    box.y,
    o.fontSize,
  );
  const panel = renderPanel({
    box,
    x: { type: 'linear', scale: xs, label: o.axisLabel },
    y: { type: 'linear', scale: ys, ticks: [], label: '' },
    fontSize: o.fontSize,
    content: marks.join(''),
    clipId: localId('clip'),
  });
  return finishFigure(o, 'barcode', panel + legend);
}
