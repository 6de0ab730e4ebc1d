import { figureBuilder } from './builder.js';
import { renderLegend } from './colorBar.js';
import { PlotInputError } from './errors.js';
import { type BaseOptions, baseDefaults, finishFigure, localId, titleSpace } from './frame.js';
import { type NumericArray, requireLength } from './input.js';
import { renderSeriesPanel, type Series } from './seriesPanel.js';
import { categoryColor, TABLEAU10 } from './theme.js';

/** Input of {@link kmeansHistory}: the Riemannian K-means history, T outer iterations. */
export interface KmeansHistoryData {
  /** Number of clusters K. */
  k: number;
  /** mean_k ‖G_k‖ per iteration (length T). */
  normGradient: NumericArray;
  /** Per-cluster geodesic length sums, row-major T×K. */
  lengthsByCluster: NumericArray;
  /** Σ_i L_{i,k(i)} per iteration (length T). */
  lengthsTotal: NumericArray;
  /** Per-cluster intra-class variances, row-major T×K. */
  varianceByCluster: NumericArray;
  /** Intra-class variance per iteration (length T). */
  varianceTotal: NumericArray;
}

/** Options of {@link kmeansHistory}. */
export interface KmeansHistoryOptions extends BaseOptions {
  /** Palette for the clusters (cluster k → palette[k]). */
  palette: readonly string[];
  /** Colour of the totals (original: green). */
  totalColor: string;
}

/**
 * K-means history (`kmeans_losses.pdf`): three panels over outer iterations —
 * (a) average centroid-gradient norm (1 series, markers), (b) geodesic lengths per cluster + total
 * (K + 1 series), (c) intra-class variances per cluster + total (K + 1 series).
 *
 * ```ts
 * const svg = kmeansHistory()({ k: 1, normGradient: [3, 2], lengthsByCluster: [5, 4], lengthsTotal: [5, 4], varianceByCluster: [1, 0.5], varianceTotal: [1, 0.5] });
 * ```
 */
export function kmeansHistory() {
  return figureBuilder<KmeansHistoryOptions, KmeansHistoryData>(
    { ...baseDefaults([1200, 420]), palette: TABLEAU10, totalColor: '#2ca02c' },
    renderKmeansHistory,
  );
}

function renderKmeansHistory(d: KmeansHistoryData, o: Readonly<KmeansHistoryOptions>): string {
  if (!Number.isInteger(d.k) || d.k < 1)
    throw new PlotInputError(`kmeansHistory: k = ${d.k}; expected an integer ≥ 1`, 'k');
  const t = d.normGradient?.length ?? 0;
  if (t === 0)
    throw new PlotInputError('kmeansHistory: normGradient is empty; expected T ≥ 1 values', 'normGradient');
  requireLength(d.lengthsByCluster, t * d.k, 'kmeansHistory: lengthsByCluster (T×K)');
  requireLength(d.lengthsTotal, t, 'kmeansHistory: lengthsTotal');
  requireLength(d.varianceByCluster, t * d.k, 'kmeansHistory: varianceByCluster (T×K)');
  requireLength(d.varianceTotal, t, 'kmeansHistory: varianceTotal');
  const iters = Float64Array.from({ length: t }, (_, i) => i);
  const column = (a: NumericArray, c: number) => Float64Array.from({ length: t }, (_, i) => a[i * d.k + c]);
  const perCluster = (a: NumericArray, name: (c: number) => string): Series[] =>
    Array.from({ length: d.k }, (_, c) => ({
      x: iters,
      y: column(a, c),
      color: categoryColor(c, o.palette),
      label: name(c),
      marker: 'circle' as const,
    }));
  const panels: { title: string; series: Series[] }[] = [
    {
      title: 'Average norm of gradients of centroids',
      series: [
        {
          x: iters,
          y: Float64Array.from(d.normGradient),
          color: categoryColor(0, o.palette),
          label: 'norm',
          marker: 'circle',
        },
      ],
    },
    {
      title: 'Lengths of geodesics to nearest centroids',
      series: [
        ...perCluster(d.lengthsByCluster, (c) => `Cluster ${c}`),
        {
          x: iters,
          y: Float64Array.from(d.lengthsTotal),
          color: o.totalColor,
          label: 'All clusters',
          width: 2.4,
        },
      ],
    },
    {
      title: 'Intra-class variances',
      series: [
        ...perCluster(d.varianceByCluster, (c) => `Cluster ${c}`),
        {
          x: iters,
          y: Float64Array.from(d.varianceTotal),
          color: o.totalColor,
          label: 'All clusters',
          width: 2.4,
        },
      ],
    },
  ];
  const [w, h] = o.size;
  const top = titleSpace(o) + 34;
  const left = 70;
  const gap = 72;
  const pw = (w - left - 20 - 2 * gap) / 3;
  const body = panels
    .map((p, i) => {
      const box = { x: left + i * (pw + gap), y: top, width: pw, height: h - top - 60 };
      const legend =
        i > 0
          ? renderLegend(
              p.series.map((s) => ({ label: s.label ?? '', color: s.color, shape: 'line' as const })),
              box.x + box.width - 130,
              box.y + 8,
              o.fontSize * 0.85,
            )
          : '';
      return renderSeriesPanel({
        box,
        series: p.series,
        xType: 'linear',
        yType: 'linear',
        xLabel: 'Outer loop iterations',
        yLabel: i === 0 ? 'Loss' : undefined,
        title: p.title,
        fontSize: o.fontSize,
        clipId: localId(`clip-${i}`),
        overlay: legend,
      });
    })
    .join('');
  return finishFigure(o, 'kmeans-history', body);
}
