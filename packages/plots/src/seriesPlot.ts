import { figureBuilder } from './builder.js';
import { renderLegend } from './colorBar.js';
import { PlotInputError } from './errors.js';
import { type BaseOptions, baseDefaults, finishFigure, localId, titleSpace } from './frame.js';
import type { ScaleType } from './scales.js';
import { type HLine, renderSeriesPanel, type Series } from './seriesPanel.js';
import { categoryColor, TABLEAU10 } from './theme.js';

/** Input of {@link seriesPlot}. Colours default to Tableau 10 in series order. */
export interface SeriesPlotData {
  series: (Omit<Series, 'color'> & { color?: string })[];
  /** Horizontal reference lines (e.g. float32 error level 5.96e-8). */
  hlines?: HLine[];
}

/** Options of {@link seriesPlot}. */
export interface SeriesPlotOptions extends BaseOptions {
  xScale: ScaleType;
  yScale: ScaleType;
  xLabel: string;
  yLabel: string;
  /** Explicit x tick values (e.g. the batch sizes of a timing plot). */
  xTicks: number[] | null;
  legend: 'upper left' | 'upper right' | 'lower left' | 'lower right' | 'none';
  grid: boolean;
}

/**
 * A line/marker chart on linear or log axes — the AD-vs-FD error plots (mean relative error
 * vs h and MSE/MAE/mean|R| vs h, log-log, with the FP level line) and the timing plot (time vs batch size,
 * FD circles, AD squares). One `<g class="series">` per series, one `<line class="hline">` per reference line.
 *
 * ```ts
 * const svg = seriesPlot().xScale('log').yScale('log')({ series: [{ label: 'FD', x: [0.01, 0.1], y: [1e-3, 1e-2], marker: 'circle' }] });
 * ```
 */
export function seriesPlot() {
  return figureBuilder<SeriesPlotOptions, SeriesPlotData>(
    {
      ...baseDefaults([720, 520]),
      xScale: 'linear',
      yScale: 'linear',
      xLabel: '',
      yLabel: '',
      xTicks: null,
      legend: 'upper right',
      grid: true,
    },
    renderSeriesPlot,
  );
}

function renderSeriesPlot(d: SeriesPlotData, o: Readonly<SeriesPlotOptions>): string {
  if (!d || !Array.isArray(d.series) || d.series.length === 0) {
    throw new PlotInputError('seriesPlot: series is empty; expected at least one {x, y} series', 'series');
  }
  const series: Series[] = d.series.map((s, i) => {
    if (!s.x || !s.y || s.x.length !== s.y.length) {
      throw new PlotInputError(`seriesPlot: series[${i}] needs x and y of equal length`, `series[${i}]`);
    }
    return { ...s, color: s.color ?? categoryColor(i, TABLEAU10) };
  });
  const [w, h] = o.size;
  const top = titleSpace(o) + 20;
  const box = { x: 84, y: top, width: w - 84 - 24, height: h - top - 58 };
  const items = [
    ...series
      .filter((s) => s.label)
      .map((s) => ({
        label: s.label!,
        color: s.color,
        shape:
          s.marker === 'square'
            ? ('square' as const)
            : s.marker === 'circle'
              ? ('circle' as const)
              : s.dashed
                ? ('dashed' as const)
                : ('line' as const),
      })),
    ...(d.hlines ?? [])
      .filter((l) => l.label)
      .map((l) => ({ label: l.label!, color: l.color, shape: 'dashed' as const })),
  ];
  let legend = '';
  if (o.legend !== 'none' && items.length > 0) {
    const fs = o.fontSize * 0.9;
    const lw = Math.max(...items.map((it) => 26 + it.label.length * fs * 0.6));
    const lh = items.length * fs * 1.4;
    const lx = o.legend.endsWith('left') ? box.x + 12 : box.x + box.width - lw - 12;
    const ly = o.legend.startsWith('upper') ? box.y + 10 : box.y + box.height - lh - 12;
    legend = renderLegend(items, lx, ly, fs);
  }
  const body = renderSeriesPanel({
    box,
    series,
    hlines: d.hlines,
    xType: o.xScale,
    yType: o.yScale,
    xLabel: o.xLabel,
    yLabel: o.yLabel,
    xTicks: o.xTicks ?? undefined,
    xTickFormat: o.xTicks ? (v) => String(v) : undefined,
    grid: o.grid,
    fontSize: o.fontSize,
    clipId: localId('clip'),
    overlay: legend,
  });
  return finishFigure(o, 'series-plot', body);
}
