import { PlotInputError } from './errors.js';
import { figureGrid } from './figureGrid.js';
import type { NumericArray } from './input.js';
import { torusHeatmap } from './torusHeatmap.js';

/** Input of {@link geometryHeatmaps}: fields on the n×n latent grid (x fastest, row 0 at y = −π). */
export interface GeometryHeatmapsData {
  /** Scalar curvature R. */
  R: NumericArray;
  /** det g (√det g is plotted). */
  detG: NumericArray;
  /** tr g (½ tr g is plotted). */
  traceG: NumericArray;
  n?: number;
}

/**
 * The 2×2 page `heatmaps_not_scaled`: |R| (log colour scale, "curvature abs value"),
 * R (symmetric log, linthresh |0.01·mean R|, "curvature"), √det g and ½ tr g (linear). Returns one SVG.
 *
 * ```ts
 * const svg = geometryHeatmaps({ R, detG, traceG }); // each n×n, x fastest
 * ```
 */
export function geometryHeatmaps(d: GeometryHeatmapsData, title = 'Geometry of the latent torus'): string {
  const len = d.R?.length;
  if (!len || d.detG?.length !== len || d.traceG?.length !== len) {
    throw new PlotInputError('geometryHeatmaps: R, detG and traceG must be n×n arrays of equal length', 'R');
  }
  const absR = Float64Array.from(d.R, Math.abs);
  const sqrtDet = Float64Array.from(d.detG, (v) => Math.sqrt(v));
  const halfTrace = Float64Array.from(d.traceG, (v) => 0.5 * v);
  const n = d.n;
  return figureGrid().columns(2).title(title)([
    torusHeatmap().scale('log').title('Absolute value of scalar curvature').colorLabel('curvature abs value')(
      { values: absR, n },
    ),
    torusHeatmap().scale('symlog').title('Scalar curvature').colorLabel('curvature')({ values: d.R, n }),
    torusHeatmap().title('√det(G)').colorLabel('√det(G)')({ values: sqrtDet, n }),
    torusHeatmap().title('0.5·tr(G)').colorLabel('0.5·tr(G)')({ values: halfTrace, n }),
  ]);
}
