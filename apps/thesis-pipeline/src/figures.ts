import { toPng } from '@curv/plots';
import type { StepContext } from './step.js';

/**
 * Write a figure as `<base>.svg` and `<base>.png` (PNG rendered by @curv/plots' resvg rasteriser at
 * twice the SVG's width for sharp text), both recorded as step outputs.
 */
export function saveFigure(ctx: StepContext, base: string, svg: string): void {
  ctx.writeFile(`${base}.svg`, svg);
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  ctx.writeFile(`${base}.png`, toPng(svg, width > 0 ? { width: 2 * width } : {}));
}
