import { describe, expect, it } from 'vitest';
import {
  decisionBoundary,
  encodePng,
  errorBoxPlot,
  geodesicPlot,
  histogram,
  kmeansHistory,
  latentScatter,
  lossCurves,
  octopusPlot,
  reconstructionStrip,
  seriesPlot,
  surface3d,
  svgSize,
  toPng,
  torusHeatmap,
} from '../src/index.js';
import * as F from './fixtures.js';
import { byClass, decodeDataUri, decodePng, inkStats, parseSvg } from './helpers.js';

describe('toPng', () => {
  it('encodePng(w, h, rgba) round-trips through a PNG decoder', () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    const png = decodePng(encodePng(3, 2, rgba));
    expect([png.width, png.height]).toEqual([3, 2]);
    expect(Array.from(png.rgba)).toEqual(Array.from(rgba));
  });

  it('toPng(svg) renders text: a figure holding only a text element is not blank (a font is found)', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="60"><text x="10" y="40" font-family="\'DejaVu Sans\', sans-serif" font-size="30">Curv π</text></svg>';
    const png = decodePng(toPng(svg));
    expect([png.width, png.height]).toEqual([200, 60]);
    expect(inkStats(png.rgba).ink).toBeGreaterThan(0.02);
  });

  it('toPng(svg, {width}) decodes to the requested size with the SVG aspect ratio, and every figure type is not blank', () => {
    const c = F.clusters(20);
    const t = F.torusFields(40);
    const o = F.octopusFixture(6, 10);
    const im = F.tinyImages();
    const steps = [0.01, 0.1, 0.5];
    const figures: Record<string, string> = {
      latentScatter: latentScatter()({ points: c.points, labels: c.labels }),
      reconstructionStrip: reconstructionStrip()({
        imageSize: [8, 8],
        rows: [
          { title: 'Original images', images: im.originals },
          { title: 'Reconstructed images', images: im.recons },
        ],
      }),
      lossCurves: lossCurves()(F.lossHistories()),
      torusHeatmap: torusHeatmap().scale('symlog')({ values: t.R }),
      histogram: histogram().statsBox(true)({ values: t.R }),
      geodesicPlot: geodesicPlot()({
        curves: [{ points: F.segment([0, -2], [0, 3], 20), kind: 'single' }],
        start: [0, -2],
        end: [0, 3],
      }),
      surface3d: surface3d()(F.bumpSurface()),
      octopusPlot: octopusPlot()(o),
      kmeansHistory: kmeansHistory()(F.kmeansFixture()),
      decisionBoundary: decisionBoundary()({
        points: c.points,
        labels: c.labels,
        grid: F.nearestCentreGrid(30, c.centres),
      }),
      errorBoxPlot: errorBoxPlot()({ steps, errors: F.fdErrors(steps, 50), fpLevel: 5.96e-8 }),
      seriesPlot: seriesPlot().xScale('log').yScale('log')({
        series: [{ x: steps, y: steps.map((h) => h * h) }],
      }),
    };
    for (const [name, svg] of Object.entries(figures)) {
      const [w, h] = svgSize(svg);
      const png = decodePng(toPng(svg, { width: 400 }));
      expect(png.width, name).toBe(400);
      expect(png.height, name).toBe(Math.round((400 * h) / w));
      const s = inkStats(png.rgba);
      expect(s.ink, name).toBeGreaterThan(0.01);
      expect(s.variance, name).toBeGreaterThan(100);
    }
  });
});

describe('reconstructionStrip', () => {
  it('reconstructionStrip() draws one image per input image and a title per row; pixel v ∈ [0, 1] becomes grey 255·v', () => {
    const im = F.tinyImages(3, 8);
    const doc = parseSvg(
      reconstructionStrip()({
        imageSize: [8, 8],
        rows: [
          { title: 'Original images', images: im.originals },
          { title: 'Reconstructed images', images: im.recons },
        ],
        columnLabels: ['0', '1', '2'],
      }),
    );
    const images = byClass(doc, 'image');
    expect(images).toHaveLength(6);
    expect(byClass(doc, 'row-title').map((e) => e.textContent)).toEqual([
      'Original images',
      'Reconstructed images',
    ]);
    expect(byClass(doc, 'column-label')).toHaveLength(3);
    const recon = decodeDataUri(images[3].getAttribute('href')!);
    expect([recon.width, recon.height]).toEqual([8, 8]);
    for (let p = 0; p < 64; p++) expect(recon.rgba[4 * p]).toBe(Math.round(255 * im.recons[0][p]));
  });

  it('reconstructionStrip() rejects an image with the wrong pixel count', () => {
    expect(() =>
      reconstructionStrip()({ imageSize: [8, 8], rows: [{ title: 'x', images: [new Float32Array(63)] }] }),
    ).toThrow(/expected 8×8 = 64/);
  });
});
