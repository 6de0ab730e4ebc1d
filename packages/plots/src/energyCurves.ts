import { figureBuilder } from './builder.js';
import { PlotInputError } from './errors.js';
import { type BaseOptions, baseDefaults } from './frame.js';
import type { NumericArray } from './input.js';
import { seriesPlot } from './seriesPlot.js';
import { categoryColor, TABLEAU10 } from './theme.js';

/** One diffusion-energy curve: energy (entropy or W1 from a Dirac) against t or trajectory distance. */
export interface EnergyCurve {
  label?: string;
  /** x values: diffusion times, or diffusion-trajectory distances. */
  x: NumericArray;
  /** Energy at each x. */
  energy: NumericArray;
  color?: string;
  dashed?: boolean;
}

/** Input of {@link energyCurves}. */
export interface EnergyCurvesData {
  curves: EnergyCurve[];
  /** Optional vertical marker, e.g. the common trajectory distance d* where energies are compared. */
  marker?: number;
}

/** Options of {@link energyCurves}. */
export interface EnergyCurvesOptions extends BaseOptions {
  xLabel: string;
  yLabel: string;
  legend: 'upper left' | 'upper right' | 'lower left' | 'lower right' | 'none';
}

/**
 * Diffusion-energy curves ("curvature curves"): energy vs t or vs diffusion-trajectory distance for a
 * few points and the flat comparison space, with an optional vertical marker at d*.
 *
 * ```ts
 * const svg = energyCurves().xLabel('t')({ curves: [{ label: 'flat', x: [1, 2, 3], energy: [1.2, 1.9, 2.3] }] });
 * ```
 */
export function energyCurves() {
  return figureBuilder<EnergyCurvesOptions, EnergyCurvesData>(
    {
      ...baseDefaults([720, 520]),
      xLabel: 'diffusion time t',
      yLabel: 'diffusion energy',
      legend: 'lower right',
    },
    renderEnergyCurves,
  );
}

function renderEnergyCurves(d: EnergyCurvesData, o: Readonly<EnergyCurvesOptions>): string {
  if (!d || !Array.isArray(d.curves) || d.curves.length === 0) {
    throw new PlotInputError(
      'energyCurves: curves is empty; expected at least one {x, energy} curve',
      'curves',
    );
  }
  const series = d.curves.map((c, i) => {
    if (!c.x || !c.energy || c.x.length !== c.energy.length || c.x.length === 0) {
      throw new PlotInputError(
        `energyCurves: curves[${i}] needs x and energy of equal, non-zero length`,
        `curves[${i}]`,
      );
    }
    return {
      label: c.label,
      x: Array.from(c.x),
      y: Array.from(c.energy),
      color: c.color ?? categoryColor(i, TABLEAU10),
      dashed: c.dashed,
    };
  });
  if (d.marker !== undefined && Number.isFinite(d.marker)) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    for (const s of series)
      for (const v of s.y) if (Number.isFinite(v)) [lo, hi] = [Math.min(lo, v), Math.max(hi, v)];
    series.push({ label: 'd*', x: [d.marker, d.marker], y: [lo, hi], color: '#555', dashed: true });
  }
  return seriesPlot()
    .size(o.size)
    .title(o.title)
    .fontSize(o.fontSize)
    .fontFamily(o.fontFamily)
    .xLabel(o.xLabel)
    .yLabel(o.yLabel)
    .legend(o.legend)({ series });
}
