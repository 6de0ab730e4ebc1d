import { figureBuilder } from './builder.js';
import { renderLegend } from './colorBar.js';
import { PlotInputError } from './errors.js';
import { type BaseOptions, baseDefaults, finishFigure, localId, titleSpace } from './frame.js';
import type { NumericArray } from './input.js';
import { renderSeriesPanel } from './seriesPanel.js';
import { hannSmooth, interpolateOntoTrainAxis } from './smoothing.js';
import { categoryColor, TABLEAU10 } from './theme.js';

/** Input of {@link lossCurves}: per-batch loss histories, loss name → values (e.g. `losses_history`). */
export interface LossCurvesData {
  train: Record<string, NumericArray>;
  /** Test histories (own batch index); interpolated onto the train batch axis. */
  test?: Record<string, NumericArray>;
}

/** Options of {@link lossCurves}. */
export interface LossCurvesOptions extends BaseOptions {
  /** Hann window lengths, one column each (1, 10, 50). */
  windows: number[];
  /** Row order (default: keys of `train` in insertion order). */
  keys: string[] | null;
  /** y-axis label per key (default: the key). */
  yLabels: Record<string, string>;
  /** Height of one row in px (the figure height is derived from the row count). */
  rowHeight: number;
  /**
   * Rows that draw several train histories together, row key → keys of `train` (one series each,
   * labelled by `groupLabels` or the key; no test curve), e.g. `{ 'det g': ['g_det_mean', 'g_det_max', 'g_det_min'] }`.
   */
  groups: Record<string, string[]>;
  /** Legend labels of grouped series (default: the key). */
  groupLabels: Record<string, string>;
}

/**
 * Loss curves: one row per loss, one column per Hann window, semilog-y, x "Batches";
 * train and test (interpolated) curves, Tableau colours, legend in the first column. A row named in
 * `groups` draws several train histories instead (e.g. mean, max and min of a per-batch diagnostic). Each panel holds
 * one `<g class="series">` per history (train, test). The figure height is `rowHeight·rows` plus the title.
 *
 * ```ts
 * const svg = lossCurves()({ train: { MSE: [1, 0.5, 0.2] }, test: { MSE: [0.9, 0.3] } });
 * ```
 */
export function lossCurves() {
  return figureBuilder<LossCurvesOptions, LossCurvesData>(
    {
      ...baseDefaults([1000, 0]),
      windows: [1, 10, 50],
      keys: null,
      yLabels: {},
      rowHeight: 230,
      groups: {},
      groupLabels: {},
    },
    renderLossCurves,
  );
}

function renderLossCurves(d: LossCurvesData, o: Readonly<LossCurvesOptions>): string {
  if (!d || typeof d.train !== 'object') throw new PlotInputError('lossCurves: train is missing', 'train');
  const keys = o.keys ?? Object.keys(d.train);
  if (keys.length === 0) throw new PlotInputError('lossCurves: train has no loss history', 'train');
  for (const k of keys) {
    for (const member of o.groups[k] ?? [k]) {
      if (!d.train[member])
        throw new PlotInputError(`lossCurves: train has no history "${member}"`, `train.${member}`);
    }
  }
  const top = titleSpace(o) + 30;
  const w = o.size[0];
  const height = o.size[1] > 0 ? o.size[1] : top + keys.length * o.rowHeight;
  const rowH = (height - top) / keys.length;
  const cols = o.windows.length;
  const left = 78;
  const gap = 70;
  const panelW = (w - left - 20 - gap * (cols - 1)) / cols;
  const panels: string[] = [];
  keys.forEach((key, r) => {
    const group = o.groups[key];
    const train = d.train[group ? group[0] : key];
    const test = group ? undefined : d.test?.[key];
    const testOnAxis = test && test.length > 0 ? interpolateOntoTrainAxis(test, train.length) : undefined;
    o.windows.forEach((m, c) => {
      const st = hannSmooth(train, m);
      const series = (group ?? [key]).map((member, i) => {
        const sm = i === 0 ? st : hannSmooth(d.train[member], m);
        const label = group ? (o.groupLabels[member] ?? member) : 'Train';
        return { x: sm.x, y: sm.y, color: categoryColor(i, TABLEAU10), label };
      });
      if (testOnAxis) {
        const ss = hannSmooth(testOnAxis, m);
        series.push({ x: ss.x, y: ss.y, color: categoryColor(1, TABLEAU10), label: 'Test' });
      }
      const box = { x: left + c * (panelW + gap), y: top + r * rowH, width: panelW, height: rowH - 62 };
      const legend =
        c === 0
          ? renderLegend(
              series.map((s) => ({ label: s.label, color: s.color, shape: 'line' as const })),
              box.x + 10,
              box.y + box.height - series.length * o.fontSize * 1.4 - 8,
              o.fontSize * 0.9,
            )
          : '';
      panels.push(
        renderSeriesPanel({
          box,
          series,
          xType: 'linear',
          yType: 'log',
          xLabel: 'Batches',
          yLabel: c === 0 ? (o.yLabels[key] ?? key) : undefined,
          title: r === 0 ? `Hann window ${m}` : undefined,
          fontSize: o.fontSize,
          clipId: localId(`clip-${r}-${c}`),
          overlay: legend,
        }),
      );
    });
  });
  return finishFigure({ ...o, size: [w, height] }, 'loss-curves', panels.join(''));
}
