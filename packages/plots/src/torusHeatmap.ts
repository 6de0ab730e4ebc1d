import { figureBuilder } from './builder.js';
import { renderColorBar } from './colorBar.js';
import { PlotInputError } from './errors.js';
import { type BaseOptions, baseDefaults, finishFigure, localId } from './frame.js';
import { finiteExtent, type NumericArray } from './input.js';
import { latentLayout, TORUS_EXTENT } from './latentLayout.js';
import { renderPanel } from './panel.js';
import { pngDataUri } from './raster.js';
import { makeScale, type ScaleType, safeDomain } from './scales.js';
import { el } from './svg.js';
import { type ColormapName, colormap, rgbBytes } from './theme.js';

/**
 * Input of {@link torusHeatmap}: a scalar field sampled on an n×n grid of the latent torus,
 * x = y = linspace(extent₀, extent₁, n) (both ends), **x varying fastest, row 0 at the bottom** (y = −π):
 * value(x_i, y_j) = values[j·n + i].
 */
export interface TorusHeatmapData {
  values: NumericArray;
  /** Grid side n (values.length = n²); inferred from the length when omitted. */
  n?: number;
}

/** Options of {@link torusHeatmap}. */
export interface TorusHeatmapOptions extends BaseOptions {
  /** Colour scale: 'log' (|R|; values ≤ 0 masked), 'symlog' (R), 'linear' (√det g, ½ tr g). */
  scale: ScaleType;
  /** symlog constant; default |0.01·mean(values)|, falling back to 1e-3·max|v| when the mean is 0. */
  linthresh: number | null;
  /** Colour domain; default: finite extent (positive values for log), symmetric [−max|v|, max|v|] for symlog so 0 is the centre of a diverging map. */
  domain: [number, number] | null;
  colormap: ColormapName | ((t: number) => string);
  colorLabel: string;
  extent: [number, number];
  axisLabels: [string, string];
  /** Colour of masked (non-finite, or ≤ 0 on a log scale) cells. */
  maskColor: string;
}

/**
 * Heat map on the latent torus (`heatmaps_not_scaled`, `curvature_heatmaps`, `metric_det_trace`):
 * one `<image class="heatmap">` (n×n PNG, nearest-neighbour, cell centres at the grid points), equal aspect,
 * π ticks, and a colour bar whose ticks follow the scale. Default colour map: viridis for linear/log,
 * RdBu (diverging) for symlog.
 *
 * ```ts
 * const svg = torusHeatmap().scale('log').colorLabel('|R|')({ values: new Float32Array(2500).fill(1), n: 50 });
 * ```
 */
export function torusHeatmap() {
  return figureBuilder<TorusHeatmapOptions, TorusHeatmapData>(
    {
      ...baseDefaults([620, 540]),
      scale: 'linear',
      linthresh: null,
      domain: null,
      colormap: 'viridis',
      colorLabel: '',
      extent: TORUS_EXTENT,
      axisLabels: ['Latent dimension 1', 'Latent dimension 2'],
      maskColor: '#d9d9d9',
    },
    renderTorusHeatmap,
  );
}

/** Default symlog constant |0.01·mean(v)|; 1e-3·max|v| if that is 0; 1 if all values are 0. */
export function defaultLinthresh(values: NumericArray): number {
  let sum = 0;
  let cnt = 0;
  let maxAbs = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    sum += v;
    cnt += 1;
    maxAbs = Math.max(maxAbs, Math.abs(v));
  }
  const t = cnt > 0 ? Math.abs(0.01 * (sum / cnt)) : 0;
  if (t > 0) return t;
  return maxAbs > 0 ? 1e-3 * maxAbs : 1;
}

function renderTorusHeatmap(d: TorusHeatmapData, o: Readonly<TorusHeatmapOptions>): string {
  if (!d?.values || typeof d.values.length !== 'number') {
    throw new PlotInputError('torusHeatmap: values missing; expected an n×n array (x fastest)', 'values');
  }
  const n = d.n ?? Math.round(Math.sqrt(d.values.length));
  if (n < 2 || n * n !== d.values.length) {
    throw new PlotInputError(
      `torusHeatmap: values has length ${d.values.length}; expected n² with n = ${d.n ?? 'an integer ≥ 2'}`,
      'values',
    );
  }
  const v = d.values;
  const linthresh = o.linthresh ?? defaultLinthresh(v);
  let dom = o.domain ?? finiteExtent(v, o.scale === 'log');
  if (!o.domain && dom && o.scale === 'symlog') {
    const m = Math.max(Math.abs(dom[0]), Math.abs(dom[1]));
    dom = [-m, m];
  }
  if (dom === undefined)
    throw new PlotInputError('torusHeatmap: no finite (positive, for log) value to colour', 'values');
  dom = safeDomain(dom, o.scale);
  const cs = makeScale(o.scale, dom, [0, 1], linthresh).clamp(true);
  const cmap = colormap(o.colormap === 'viridis' && o.scale === 'symlog' ? 'rdbu' : o.colormap);
  const mask = rgbBytes(o.maskColor);
  const rgba = new Uint8Array(n * n * 4);
  for (let j = 0; j < n; j++) {
    const row = n - 1 - j; // image row 0 is the top = largest y
    for (let i = 0; i < n; i++) {
      const value = v[j * n + i];
      const ok = Number.isFinite(value) && !(o.scale === 'log' && value <= 0);
      const [r, g, b] = ok ? rgbBytes(cmap(cs(value))) : mask;
      const p = (row * n + i) * 4;
      rgba[p] = r;
      rgba[p + 1] = g;
      rgba[p + 2] = b;
      rgba[p + 3] = 255;
    }
  }
  const L = latentLayout(o, o.extent, 120, o.axisLabels);
  const step = (o.extent[1] - o.extent[0]) / (n - 1);
  const x0 = L.x.scale(o.extent[0] - step / 2);
  const x1 = L.x.scale(o.extent[1] + step / 2);
  const y0 = L.y.scale(o.extent[1] + step / 2);
  const y1 = L.y.scale(o.extent[0] - step / 2);
  const image = el('image', {
    class: 'heatmap',
    x: x0,
    y: y0,
    width: x1 - x0,
    height: y1 - y0,
    preserveAspectRatio: 'none',
    style: 'image-rendering:pixelated;image-rendering:optimizeSpeed',
    href: pngDataUri(n, n, rgba),
  });
  const panel = renderPanel({
    box: L.box,
    x: L.x,
    y: L.y,
    fontSize: o.fontSize,
    content: image,
    clipId: localId('clip'),
  });
  const bar = renderColorBar({
    x: L.box.x + L.box.width + 18,
    y: L.box.y + L.box.height * 0.05,
    width: 16,
    height: L.box.height * 0.9,
    type: o.scale,
    domain: dom,
    colormap: cmap,
    label: o.colorLabel,
    linthresh,
    fontSize: o.fontSize,
    gradientId: localId('cbar'),
  });
  return finishFigure(o, 'torus-heatmap', panel + bar);
}
