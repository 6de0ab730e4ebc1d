import * as d3 from 'd3';

/**
 * Font stack used by every figure. PNG rendering (resvg) loads the system fonts and falls back to
 * `DejaVu Sans` (Debian `fonts-dejavu-core`), which is also the first family named here.
 */
export const FONT_FAMILY = "'DejaVu Sans', 'Liberation Sans', Arial, Helvetica, sans-serif";

/** Default font size in px (figures are sized in px; 13 px is readable at 100 % zoom). */
export const FONT_SIZE = 13;

/** Tableau 10 categorical palette (colour-blind-friendlier than jet; 10 colours for the 10 MNIST digits). */
export const TABLEAU10: readonly string[] = d3.schemeTableau10;

/** Okabe–Ito colour-blind-safe categorical palette (8 colours). */
export const OKABE_ITO: readonly string[] = [
  '#E69F00',
  '#56B4E9',
  '#009E73',
  '#F0E442',
  '#0072B2',
  '#D55E00',
  '#CC79A7',
  '#000000',
];

/** Colour of the i-th category (cycles through the palette). */
export function categoryColor(i: number, palette: readonly string[] = TABLEAU10): string {
  const n = palette.length;
  return palette[((Math.trunc(i) % n) + n) % n];
}

/** Classic MATLAB/matplotlib "jet" (not colour-blind safe; offered for parity with the original figures). */
export function interpolateJet(t: number): string {
  const c = (x: number) => Math.round(255 * Math.max(0, Math.min(1, x)));
  const r = 1.5 - Math.abs(4 * t - 3);
  const g = 1.5 - Math.abs(4 * t - 2);
  const b = 1.5 - Math.abs(4 * t - 1);
  return `rgb(${c(r)}, ${c(g)}, ${c(b)})`;
}

/** Names of the built-in continuous colour maps. */
export type ColormapName =
  | 'viridis'
  | 'cividis'
  | 'magma'
  | 'inferno'
  | 'plasma'
  | 'turbo'
  | 'spectral'
  | 'jet'
  | 'greys'
  | 'rdbu';

/** A continuous colour map: t ∈ [0, 1] → CSS colour. */
export type Colormap = (t: number) => string;

const COLORMAPS: Record<ColormapName, Colormap> = {
  viridis: d3.interpolateViridis,
  cividis: d3.interpolateCividis,
  magma: d3.interpolateMagma,
  inferno: d3.interpolateInferno,
  plasma: d3.interpolatePlasma,
  turbo: d3.interpolateTurbo,
  spectral: (t) => d3.interpolateSpectral(1 - t),
  jet: interpolateJet,
  greys: (t) => d3.interpolateGreys(1 - t),
  rdbu: (t) => d3.interpolateRdBu(1 - t),
};

/** Resolve a colour-map name (or pass a function through); t is clamped to [0, 1]. */
export function colormap(c: ColormapName | Colormap): Colormap {
  const f = typeof c === 'function' ? c : COLORMAPS[c];
  if (f === undefined) throw new Error(`colormap: unknown colour map "${String(c)}"`);
  return (t: number) => f(Number.isFinite(t) ? Math.max(0, Math.min(1, t)) : 0);
}

/** Parse any CSS colour into [r, g, b] bytes (used by raster images and the report viewer). */
export function rgbBytes(color: string): [number, number, number] {
  const c = d3.rgb(color);
  return [Math.round(c.r), Math.round(c.g), Math.round(c.b)];
}
