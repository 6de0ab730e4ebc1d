import { figureBuilder } from './builder.js';
import { renderColorBar, renderDiscreteColorBar, renderLegend } from './colorBar.js';
import { PlotInputError } from './errors.js';
import { type BaseOptions, baseDefaults, finishFigure, localId } from './frame.js';
import { finiteExtent, type NumericArray, pointCount, requireLength } from './input.js';
import { latentLayout, TORUS_EXTENT } from './latentLayout.js';
import { renderPanel } from './panel.js';
import { makeScale, type ScaleType, safeDomain } from './scales.js';
import { el } from './svg.js';
import { type ColormapName, categoryColor, colormap, TABLEAU10 } from './theme.js';

/** Input of {@link latentScatter}. */
export interface LatentScatterData {
  /** Encodings, row-major N×2: (x₀, y₀, x₁, y₁, …). */
  points: NumericArray;
  /** Integer class labels (length N): discrete colours, label ℓ → palette[ℓ]. */
  labels?: NumericArray;
  /** Continuous values (length N), e.g. Swiss-roll t or reconstruction error: colour bar. Wins over labels. */
  values?: NumericArray;
  /** Only points whose label is in this set are drawn; default: all labels present. */
  labelSet?: readonly number[];
}

/** Options of {@link latentScatter}. */
export interface LatentScatterOptions extends BaseOptions {
  /** What colours the points: 'auto' (values if given, else labels), 'label' or 'value'. */
  colorBy: 'auto' | 'label' | 'value';
  /** Axis range for both axes (default [−π, π]); `null` = data extent. */
  extent: [number, number] | null;
  /** Marker radius in px. */
  radius: number;
  opacity: number;
  /** Categorical palette for labels (default Tableau 10). */
  palette: readonly string[];
  /** Discrete labels shown with a 'colorbar' (one tick per label, like the original) or a 'legend'. */
  labelKey: 'colorbar' | 'legend';
  /** Title of the label key (original: "Cluster Label"). */
  labelTitle: string;
  /** Colour map for continuous values (default viridis). */
  colormap: ColormapName | ((t: number) => string);
  /** Colour scale for continuous values. */
  colorScale: ScaleType;
  /** Constant of the symlog colour scale (|0.01·mean R| of the grid). */
  linthresh: number;
  /** Fixed colour domain for continuous values (default: finite extent, positive values for log). */
  colorDomain: [number, number] | null;
  /** Colour-bar label for continuous values. */
  colorLabel: string;
  axisLabels: [string, string];
}

/**
 * Latent-space scatter (background, ground truth): one `<circle class="point">`
 * per drawn point, equal aspect, axes on [−π, π] with π ticks, and either a discrete colour bar / legend
 * (labels) or a continuous colour bar (values).
 *
 * ```ts
 * const svg = latentScatter().title('Latent space')({ points: new Float32Array([0, 0, 1, 1]), labels: [0, 1] });
 * ```
 */
export function latentScatter() {
  return figureBuilder<LatentScatterOptions, LatentScatterData>(
    {
      ...baseDefaults([640, 560]),
      colorBy: 'auto',
      extent: TORUS_EXTENT,
      radius: 2.5,
      opacity: 0.8,
      palette: TABLEAU10,
      labelKey: 'colorbar',
      labelTitle: 'Cluster label',
      colormap: 'viridis',
      colorScale: 'linear',
      linthresh: 1,
      colorDomain: null,
      colorLabel: '',
      axisLabels: ['Latent dimension 1', 'Latent dimension 2'],
    },
    renderLatentScatter,
  );
}

/** Distinct labels in ascending order. */
export function distinctLabels(labels: NumericArray): number[] {
  return [...new Set(Array.from(labels, (v) => Math.trunc(v)))].sort((a, b) => a - b);
}

function renderLatentScatter(d: LatentScatterData, o: Readonly<LatentScatterOptions>): string {
  const n = pointCount(d.points, 'latentScatter: points');
  if (d.labels) requireLength(d.labels, n, 'latentScatter: labels');
  if (d.values) requireLength(d.values, n, 'latentScatter: values');
  const P = d.points;
  if (o.colorBy === 'value' && d.values === undefined) {
    throw new PlotInputError("latentScatter: colorBy('value') needs values (length N)", 'values');
  }
  if (o.colorBy === 'label' && d.labels === undefined) {
    throw new PlotInputError("latentScatter: colorBy('label') needs labels (length N)", 'labels');
  }
  const continuous = o.colorBy === 'value' || (o.colorBy === 'auto' && d.values !== undefined);
  let extent = o.extent;
  if (extent === null) {
    const xs = Array.from({ length: n }, (_, i) => P[2 * i]);
    const ys = Array.from({ length: n }, (_, i) => P[2 * i + 1]);
    const ex = finiteExtent(xs);
    const ey = finiteExtent(ys);
    if (!ex || !ey) throw new PlotInputError('latentScatter: points has no finite coordinates', 'points');
    const lo = Math.min(ex[0], ey[0]);
    const hi = Math.max(ex[1], ey[1]);
    const pad = (hi - lo) * 0.05 || 1;
    extent = [lo - pad, hi + pad];
  }
  const hasKey = continuous || d.labels !== undefined;
  const L = latentLayout(o, extent, hasKey ? 110 : 20, o.axisLabels);
  const marks: string[] = [];
  let key = '';
  const keyX = L.box.x + L.box.width + 18;
  if (continuous) {
    const vals = d.values!;
    const dom = safeDomain(o.colorDomain ?? finiteExtent(vals, o.colorScale === 'log'), o.colorScale);
    const cs = makeScale(o.colorScale, dom, [0, 1], o.linthresh).clamp(true);
    const cmap = colormap(o.colormap);
    for (let i = 0; i < n; i++) {
      const v = vals[i];
      const fill = Number.isFinite(v) && !(o.colorScale === 'log' && v <= 0) ? cmap(cs(v)) : '#999';
      marks.push(
        el('circle', {
          class: 'point',
          cx: L.x.scale(P[2 * i]),
          cy: L.y.scale(P[2 * i + 1]),
          r: o.radius,
          fill,
        }),
      );
    }
    key = renderColorBar({
      x: keyX,
      y: L.box.y + L.box.height * 0.1,
      width: 16,
      height: L.box.height * 0.8,
      type: o.colorScale,
      domain: dom,
      colormap: cmap,
      label: o.colorLabel,
      linthresh: o.linthresh,
      fontSize: o.fontSize,
      gradientId: localId('cbar'),
    });
  } else {
    const labels = d.labels;
    const set = labels ? (d.labelSet ? [...d.labelSet] : distinctLabels(labels)) : [];
    const keep = new Set(set);
    for (let i = 0; i < n; i++) {
      const lab = labels ? Math.trunc(labels[i]) : 0;
      if (labels && !keep.has(lab)) continue;
      const fill = labels ? categoryColor(lab, o.palette) : '#1f77b4';
      marks.push(
        el('circle', {
          class: 'point',
          cx: L.x.scale(P[2 * i]),
          cy: L.y.scale(P[2 * i + 1]),
          r: o.radius,
          fill,
        }),
      );
    }
    if (labels) {
      const colors = set.map((l) => categoryColor(l, o.palette));
      key =
        o.labelKey === 'legend'
          ? renderLegend(
              set.map((l, i) => ({ label: String(l), color: colors[i] })),
              keyX,
              L.box.y,
              o.fontSize,
              o.labelTitle,
            )
          : renderDiscreteColorBar(
              set.map(String),
              colors,
              { x: keyX, y: L.box.y + L.box.height * 0.15, width: 16, height: L.box.height * 0.7 },
              o.fontSize,
              o.labelTitle,
            );
    }
  }
  const content = el('g', { class: 'points', 'fill-opacity': o.opacity }, ...marks);
  const panel = renderPanel({
    box: L.box,
    x: L.x,
    y: L.y,
    fontSize: o.fontSize,
    content,
    clipId: localId('clip'),
  });
  return finishFigure(o, 'latent-scatter', panel + key);
}
