import { Resvg } from '@resvg/resvg-js';

/** Options of {@link toPng}. */
export interface PngOptions {
  /** Output width in px (height follows the SVG aspect ratio); default: the SVG's own width. */
  width?: number;
  /** Background colour (default white). */
  background?: string;
  /** Extra font files to load (.ttf/.otf) in addition to the system fonts. */
  fontFiles?: string[];
}

/**
 * Rasterise an SVG string to PNG bytes with resvg. System fonts are loaded (fontconfig paths) and the
 * default family is `DejaVu Sans`, the first family of every figure's font stack; on a machine without
 * any font, text is silently dropped by resvg, everything else still renders.
 *
 * ```ts
 * const png = toPng(latentScatter()({ points: [0, 0, 1, 1], labels: [0, 1] }), { width: 1200 });
 * ```
 */
export function toPng(svg: string, options: PngOptions = {}): Uint8Array {
  return new Uint8Array(renderSvg(svg, options).asPng());
}

/** Rasterise an SVG string to RGBA pixels (row-major, 4 bytes per pixel) with the settings of {@link toPng}. */
export function toRgba(
  svg: string,
  options: PngOptions = {},
): { width: number; height: number; pixels: Uint8Array } {
  const image = renderSvg(svg, options);
  return { width: image.width, height: image.height, pixels: new Uint8Array(image.pixels) };
}

function renderSvg(svg: string, options: PngOptions) {
  const resvg = new Resvg(svg, {
    fitTo: options.width ? { mode: 'width', value: Math.round(options.width) } : { mode: 'original' },
    background: options.background ?? 'white',
    font: {
      loadSystemFonts: true,
      fontFiles: options.fontFiles ?? [],
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
    logLevel: 'off',
  });
  return resvg.render();
}
