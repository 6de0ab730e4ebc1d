import { figureBuilder } from './builder.js';
import { PlotInputError } from './errors.js';
import { type BaseOptions, baseDefaults } from './frame.js';
import { finiteExtent, type NumericArray, requireLength } from './input.js';
import { latentScatter } from './latentScatter.js';
import { projectPoint, type View } from './projection.js';
import type { ColormapName } from './theme.js';

/** Input of {@link curvatureScatter}. */
export interface CurvatureScatterData {
  /** Points, row-major N×`columns` (2 or 3 coordinates per point). */
  points: NumericArray;
  /** Coordinates per point: 2 (drawn as is) or 3 (orthographic projection, far points drawn first). */
  columns: 2 | 3;
  /** Curvature per point (length N). */
  curvature: NumericArray;
}

/** Options of {@link curvatureScatter}. */
export interface CurvatureScatterOptions extends BaseOptions {
  /** View of 3-D clouds (degrees). */
  view: View;
  radius: number;
  opacity: number;
  /** Diverging colour map, blue (negative) → red (positive) by default. */
  colormap: ColormapName | ((t: number) => string);
  /** Colour domain; default symmetric around 0: [−max|k|, max|k|]. */
  colorDomain: [number, number] | null;
  colorLabel: string;
}

/**
 * A point cloud coloured by (signed) curvature: 2-D clouds as they are, 3-D clouds (toy manifolds) as an
 * orthographic projection with depth ordering; diverging colours centred at 0.
 *
 * ```ts
 * const svg = curvatureScatter().title('Diffusion curvature')({ points: xyz, columns: 3, curvature: k });
 * ```
 */
export function curvatureScatter() {
  return figureBuilder<CurvatureScatterOptions, CurvatureScatterData>(
    {
      ...baseDefaults([640, 560]),
      view: { azimuth: 30, elevation: 35 },
      radius: 2.2,
      opacity: 0.9,
      colormap: 'rdbu',
      colorDomain: null,
      colorLabel: 'curvature',
    },
    renderCurvatureScatter,
  );
}

function renderCurvatureScatter(d: CurvatureScatterData, o: Readonly<CurvatureScatterOptions>): string {
  if (d.columns !== 2 && d.columns !== 3) {
    throw new PlotInputError(`curvatureScatter: columns must be 2 or 3, got ${d.columns}`, 'columns');
  }
  const c = d.columns;
  if (!d.points || d.points.length === 0 || d.points.length % c !== 0) {
    throw new PlotInputError(`curvatureScatter: points must be a non-empty row-major N×${c} array`, 'points');
  }
  const n = d.points.length / c;
  requireLength(d.curvature, n, 'curvatureScatter: curvature');
  const xy = new Float64Array(2 * n);
  const depth = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (c === 2) {
      xy[2 * i] = d.points[2 * i];
      xy[2 * i + 1] = d.points[2 * i + 1];
    } else {
      const [sx, sy, sd] = projectPoint(d.points[3 * i], d.points[3 * i + 1], d.points[3 * i + 2], o.view);
      xy[2 * i] = sx;
      xy[2 * i + 1] = sy;
      depth[i] = sd;
    }
  }
  // Far points first, so near ones are drawn on top.
  const order = Array.from({ length: n }, (_, i) => i);
  if (c === 3) order.sort((a, b) => depth[b] - depth[a]);
  const points = new Float64Array(2 * n);
  const values = new Float64Array(n);
  order.forEach((i, j) => {
    points[2 * j] = xy[2 * i];
    points[2 * j + 1] = xy[2 * i + 1];
    values[j] = d.curvature[i];
  });
  let domain = o.colorDomain;
  if (domain === null) {
    const e = finiteExtent(values);
    const m = e ? Math.max(Math.abs(e[0]), Math.abs(e[1])) || 1 : 1;
    domain = [-m, m];
  }
  return latentScatter()
    .size(o.size)
    .title(o.title)
    .fontSize(o.fontSize)
    .fontFamily(o.fontFamily)
    .extent(null)
    .radius(o.radius)
    .opacity(o.opacity)
    .colorBy('value')
    .colormap(o.colormap)
    .colorDomain(domain)
    .colorLabel(o.colorLabel)
    .axisLabels(c === 3 ? ['', ''] : ['x', 'y'])({ points, values });
}
