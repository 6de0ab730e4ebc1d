import { describe, expect, it } from 'vitest';
import {
  colormap,
  defaultLinthresh,
  figureGrid,
  geometryHeatmaps,
  PlotInputError,
  torusHeatmap,
} from '../src/index.js';
import { rgbBytes } from '../src/theme.js';
import { torusFields } from './fixtures.js';
import { byClass, byTag, decodeDataUri, parseSvg, tickLabels } from './helpers.js';

function heatmapPixels(svg: string) {
  const doc = parseSvg(svg);
  const img = byClass(doc, 'heatmap');
  expect(img).toHaveLength(1);
  return { doc, png: decodeDataUri(img[0].getAttribute('href')!) };
}

function pixel(png: { width: number; rgba: Uint8Array }, col: number, row: number) {
  const p = (row * png.width + col) * 4;
  return [png.rgba[p], png.rgba[p + 1], png.rgba[p + 2]];
}

describe('torusHeatmap', () => {
  const n = 51; // odd, so v = 0 is a grid row
  const t = torusFields(n);

  it("torusHeatmap().scale('symlog') colours R of the torus of revolution: R = −2 at v = ±π (bottom/top rows), R = 2/3 at v = 0 (middle row)", () => {
    const { doc, png } = heatmapPixels(torusHeatmap().scale('symlog').colorLabel('R')({ values: t.R, n }));
    expect([png.width, png.height]).toEqual([n, n]);
    const cmap = colormap('rdbu');
    // symmetric domain [−2, 2]; symlog(x) = sign(x)·ln(1 + |x|/c), c = |0.01·mean R|
    const c = defaultLinthresh(t.R);
    const symlog = (x: number) => Math.sign(x) * Math.log1p(Math.abs(x) / c);
    const pos = (x: number) => (symlog(x) - symlog(-2)) / (symlog(2) - symlog(-2));
    expect(pixel(png, 10, 0)).toEqual(rgbBytes(cmap(0))); // top image row = y = π
    expect(pixel(png, 10, n - 1)).toEqual(rgbBytes(cmap(0))); // bottom = y = −π
    expect(pixel(png, 10, (n - 1) / 2)).toEqual(rgbBytes(cmap(pos(Math.fround(2 / 3)))));
    expect(pos(0)).toBe(0.5);
    expect(byClass(doc, 'colorbar-ramp')).toHaveLength(1);
    const ticks = tickLabels(doc, 'right');
    expect(ticks).toContain('0');
    expect(ticks).toContain('10⁰');
    expect(ticks).toContain('−10⁰');
    expect(tickLabels(doc, 'bottom')).toEqual(['−π', '−π/2', '0', 'π/2', 'π']);
  });

  it('torusHeatmap() puts x fastest: values[j·n + i] = i gives a left-to-right ramp', () => {
    const v = Float32Array.from({ length: n * n }, (_, k) => k % n);
    const { png } = heatmapPixels(torusHeatmap()({ values: v }));
    const cmap = colormap('viridis');
    expect(pixel(png, 0, 7)).toEqual(rgbBytes(cmap(0)));
    expect(pixel(png, n - 1, 7)).toEqual(rgbBytes(cmap(1)));
  });

  it('torusHeatmap() puts row 0 (y = −π) at the bottom: values[j·n + i] = j gives a bottom-to-top ramp', () => {
    const v = Float32Array.from({ length: n * n }, (_, k) => Math.floor(k / n));
    const { png } = heatmapPixels(torusHeatmap()({ values: v }));
    const cmap = colormap('viridis');
    expect(pixel(png, 3, n - 1)).toEqual(rgbBytes(cmap(0)));
    expect(pixel(png, 3, 0)).toEqual(rgbBytes(cmap(1)));
  });

  it("torusHeatmap().scale('log') masks values ≤ 0 and uses power-of-ten colour-bar ticks", () => {
    const v = Float32Array.from(t.absR);
    v[0] = 0;
    const { doc, png } = heatmapPixels(torusHeatmap().scale('log').maskColor('#ff00ff')({ values: v }));
    expect(pixel(png, 0, n - 1)).toEqual([255, 0, 255]); // values[0] is x = −π, y = −π: bottom-left
    for (const l of tickLabels(doc, 'right')) expect(l).toMatch(/^10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+$/);
  });

  it('torusHeatmap() linear √det g = b(a + b cos v) spans [1, 3] on the colour bar', () => {
    const { doc } = heatmapPixels(torusHeatmap().colorLabel('√det(G)')({ values: t.sqrtDet }));
    const ticks = tickLabels(doc, 'right').map((s) => Number(s.replace('−', '-')));
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(3);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
  });

  it('defaultLinthresh(R) = |0.01·mean(R)| (SPEC §11)', () => {
    expect(defaultLinthresh([1, 2, 3, -2])).toBeCloseTo(0.01, 12);
    expect(defaultLinthresh([1, -1])).toBeCloseTo(1e-3, 12);
  });

  it('torusHeatmap() rejects a non-square value array', () => {
    expect(() => torusHeatmap()({ values: new Float32Array(10) })).toThrow(PlotInputError);
  });

  it('figureGrid().columns(2) nests 4 heat maps as a 2×2 grid (SPEC §11 heatmaps_not_scaled)', () => {
    const maps = [t.absR, t.R, t.sqrtDet, t.halfTrace].map((values, i) =>
      torusHeatmap()
        .scale((['log', 'symlog', 'linear', 'linear'] as const)[i])
        .title(['|R|', 'R', '√det G', '½ tr G'][i])({ values }),
    );
    const doc = parseSvg(figureGrid().columns(2).title('Heat maps')(maps));
    const svgs = byTag(doc, 'svg');
    expect(svgs).toHaveLength(5);
    expect(byClass(doc, 'heatmap')).toHaveLength(4);
    expect(byClass(doc, 'colorbar')).toHaveLength(4);
    const ids = byTag(doc, 'clipPath').map((c) => c.getAttribute('id'));
    expect(new Set(ids).size).toBe(4); // ids stay unique across nested figures
    expect(Number(svgs[0].getAttribute('width'))).toBe(2 * 620 + 10);
  });

  it('geometryHeatmaps({R, detG, traceG}) draws the SPEC §11 2×2 page: √det g of the torus of revolution spans [1, 3]', () => {
    const detG = t.sqrtDet.map((v) => v * v);
    const traceG = t.halfTrace.map((v) => 2 * v);
    const doc = parseSvg(geometryHeatmaps({ R: t.R, detG, traceG }));
    expect(byClass(doc, 'heatmap')).toHaveLength(4);
    expect(byClass(doc, 'title').map((e) => e.textContent)).toEqual([
      'Geometry of the latent torus',
      'Absolute value of scalar curvature',
      'Scalar curvature',
      '√det(G)',
      '0.5·tr(G)',
    ]);
    const det = byTag(doc, 'svg')[3] as never;
    const ticks = byClass(byClass(det, 'colorbar')[0] as never, 'tick').map((e) => Number(e.textContent));
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(1);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(3);
    expect(() => geometryHeatmaps({ R: t.R, detG: detG.subarray(1), traceG })).toThrow(PlotInputError);
  });
});
