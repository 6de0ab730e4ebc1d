import * as d3 from 'd3';
import { figureBuilder } from './builder.js';
import { renderColorBar } from './colorBar.js';
import { PlotInputError } from './errors.js';
import { type BaseOptions, baseDefaults, finishFigure, localId, titleSpace } from './frame.js';
import { finiteExtent, type NumericArray, requireLength } from './input.js';
import { gridTriangles, projectPoint } from './projection.js';
import { safeDomain } from './scales.js';
import { el, fmt, text } from './svg.js';
import { type ColormapName, colormap } from './theme.js';

/**
 * Input of {@link surface3d}: an embedded grid, row-major nu×nv×3 — vertex (i, j) = (x, y, z) at
 * ((i·nv) + j)·3 (the 10×10×3 embedding).
 */
export interface Surface3dData {
  vertices: NumericArray;
  nu: number;
  nv: number;
}

/** Options of {@link surface3d}. */
export interface Surface3dOptions extends BaseOptions {
  /** Degrees around the z axis. */
  azimuth: number;
  /** Degrees above the xy plane (the original uses 0, a side view; 25 shows the surface better). */
  elevation: number;
  /** Colour map for the height z (original: Spectral; default viridis). */
  colormap: ColormapName | ((t: number) => string);
  colorLabel: string;
  /** Height range for colours (default: [min z, max z]). */
  zDomain: [number, number] | null;
  /** Darken faces turned away from the viewer (0 = flat colours). */
  shading: number;
  /** Draw triangle edges. */
  edges: boolean;
}

/**
 * Static 3-D view of an embedded surface coloured by height (`3dembedding_plot_final`):
 * orthographic projection, painter's algorithm (triangles drawn far to near, `<path class="triangle">`,
 * 2(nu−1)(nv−1) of them), a small x/y/z orientation triad (`<g class="triad">`) and a "Height" colour bar.
 *
 * ```ts
 * const svg = surface3d()({ nu: 2, nv: 2, vertices: [0, 0, 0, 0, 1, 0, 1, 0, 0, 1, 1, 0.5] });
 * ```
 */
export function surface3d() {
  return figureBuilder<Surface3dOptions, Surface3dData>(
    {
      ...baseDefaults([640, 560]),
      azimuth: 30,
      elevation: 25,
      colormap: 'viridis',
      colorLabel: 'Height',
      zDomain: null,
      shading: 0.35,
      edges: true,
    },
    renderSurface,
  );
}

function renderSurface(d: Surface3dData, o: Readonly<Surface3dOptions>): string {
  const { nu, nv } = d;
  if (!Number.isInteger(nu) || !Number.isInteger(nv) || nu < 2 || nv < 2) {
    throw new PlotInputError(`surface3d: grid ${nu}×${nv}; expected integers nu, nv ≥ 2`, 'nu');
  }
  const V = requireLength(d.vertices, nu * nv * 3, 'surface3d: vertices (nu×nv×3)');
  const m = nu * nv;
  const zs = Array.from({ length: m }, (_, i) => V[3 * i + 2]);
  const zDom = safeDomain(o.zDomain ?? finiteExtent(zs));
  const cmap = colormap(o.colormap);
  // centre and project
  const c = [0, 1, 2].map((k) => d3.mean(Array.from({ length: m }, (_, i) => V[3 * i + k])) ?? 0);
  const proj = Array.from({ length: m }, (_, i) =>
    projectPoint(V[3 * i] - c[0], V[3 * i + 1] - c[1], V[3 * i + 2] - c[2], o),
  );
  const radius = Math.max(
    1e-12,
    ...Array.from({ length: m }, (_, i) =>
      Math.hypot(V[3 * i] - c[0], V[3 * i + 1] - c[1], V[3 * i + 2] - c[2]),
    ),
  );
  const [w, h] = o.size;
  const top = titleSpace(o) + 10;
  const areaW = w - 130;
  const areaH = h - top - 10;
  const scale = Math.min(areaW, areaH) / (2.1 * radius);
  const cx = 20 + areaW / 2;
  const cy = top + areaH / 2;
  const sx = (p: [number, number, number]) => cx + p[0] * scale;
  const sy = (p: [number, number, number]) => cy - p[1] * scale;
  const tris = gridTriangles(nu, nv);
  const nt = tris.length / 3;
  const order = Array.from({ length: nt }, (_, t) => t);
  const depth = order.map(
    (t) => (proj[tris[3 * t]][2] + proj[tris[3 * t + 1]][2] + proj[tris[3 * t + 2]][2]) / 3,
  );
  order.sort((a, b) => depth[b] - depth[a]);
  const zScale = d3.scaleLinear().domain(zDom).range([0, 1]).clamp(true);
  const faces = order.map((t) => {
    const [a, b, e] = [tris[3 * t], tris[3 * t + 1], tris[3 * t + 2]];
    const zMean = (V[3 * a + 2] + V[3 * b + 2] + V[3 * e + 2]) / 3;
    // normal in view space → facing factor |n · view direction|
    const u = [0, 1, 2].map((k) => proj[b][k] - proj[a][k]);
    const v = [0, 1, 2].map((k) => proj[e][k] - proj[a][k]);
    const n = [u[1] * v[2] - u[2] * v[1], u[2] * v[0] - u[0] * v[2], u[0] * v[1] - u[1] * v[0]];
    const facing = Math.abs(n[2]) / (Math.hypot(n[0], n[1], n[2]) || 1);
    const base = d3.rgb(cmap(zScale(zMean)));
    const fill = base.darker(o.shading * 2 * (1 - facing)).formatHex();
    return el('path', {
      class: 'triangle',
      'data-depth': depth[t].toFixed(4),
      d: `M${fmt(sx(proj[a]))},${fmt(sy(proj[a]))}L${fmt(sx(proj[b]))},${fmt(sy(proj[b]))}L${fmt(sx(proj[e]))},${fmt(sy(proj[e]))}Z`,
      fill,
      stroke: o.edges ? '#333' : fill,
      'stroke-width': o.edges ? 0.4 : 0.6,
      'stroke-opacity': o.edges ? 0.6 : 1,
    });
  });
  // orientation triad in the lower-left corner
  const triadO: [number, number] = [40, h - 40];
  const axes = (['x', 'y', 'z'] as const).map((name, k) => {
    const e = [0, 0, 0];
    e[k] = 1;
    const p = projectPoint(e[0], e[1], e[2], o);
    const x2 = triadO[0] + p[0] * 24;
    const y2 = triadO[1] - p[1] * 24;
    return (
      el('line', { x1: triadO[0], y1: triadO[1], x2, y2, stroke: '#333', 'stroke-width': 1.5 }) +
      text(name, {
        x: triadO[0] + p[0] * 32,
        y: triadO[1] - p[1] * 32,
        dy: '0.32em',
        'text-anchor': 'middle',
        'font-size': o.fontSize * 0.85,
      })
    );
  });
  const bar = renderColorBar({
    x: w - 95,
    y: top + areaH * 0.2,
    width: 14,
    height: areaH * 0.6,
    type: 'linear',
    domain: zDom,
    colormap: cmap,
    label: o.colorLabel,
    ticks: [zDom[0], ...(zDom[0] < 0 && zDom[1] > 0 ? [0] : []), zDom[1]],
    tickFormat: (t) => (t === 0 ? '0' : d3.format('.3f')(t).replace('-', '−')),
    fontSize: o.fontSize,
    gradientId: localId('cbar'),
  });
  const body = el('g', { class: 'surface' }, ...faces) + el('g', { class: 'triad' }, ...axes) + bar;
  return finishFigure(o, 'surface-3d', body);
}
