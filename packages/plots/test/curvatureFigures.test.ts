import * as d3 from 'd3';
import { describe, expect, it } from 'vitest';
import { colormap, curvatureScatter, energyCurves, PlotInputError } from '../src/index.js';
import { byClass, parseSvg } from './helpers.js';

const rgb = (c: string | null) => d3.rgb(c ?? '');

describe('curvatureScatter', () => {
  it('curvatureScatter()({points, columns: 2, curvature}) draws one circle per point, red for k > 0 and blue for k < 0', () => {
    const doc = parseSvg(
      curvatureScatter().title('k')({ points: [0, 0, 1, 0, 0, 1], columns: 2, curvature: [2, -2, 0] }),
    );
    const pts = byClass(doc, 'point');
    expect(pts).toHaveLength(3);
    const [pos, neg, zero] = pts.map((p) => rgb(p.getAttribute('fill')));
    expect(pos.r).toBeGreaterThan(pos.b + 50);
    expect(neg.b).toBeGreaterThan(neg.r + 50);
    // 0 is the centre of the symmetric domain: a light, nearly neutral colour.
    expect(Math.abs(zero.r - zero.b)).toBeLessThan(40);
    expect(zero.g).toBeGreaterThan(200);
  });

  it('curvatureScatter() projects 3-D clouds and draws far points first', () => {
    // Viewed from straight above (elevation 90°), z is depth: the point with the largest z is nearest.
    const doc = parseSvg(
      curvatureScatter().view({ azimuth: 0, elevation: 90 })({
        points: [0, 0, 1, 1, 1, -1, 2, 0, 0],
        columns: 3,
        curvature: [1, -1, 0.5],
      }),
    );
    const fills = byClass(doc, 'point').map((p) => p.getAttribute('fill'));
    // Drawn order: z = −1 (k = −1), z = 0 (k = 0.5), z = 1 (k = 1, on top); domain [−1, 1].
    const cmap = colormap('rdbu');
    expect(fills).toEqual([cmap(0), cmap(0.75), cmap(1)]);
  });

  it('curvatureScatter() rejects mismatched input', () => {
    expect(() => curvatureScatter()({ points: [0, 0, 1], columns: 2, curvature: [1] })).toThrow(
      PlotInputError,
    );
    expect(() => curvatureScatter()({ points: [0, 0, 1, 1], columns: 2, curvature: [1] })).toThrow(
      /curvature/,
    );
  });
});

describe('energyCurves', () => {
  it('energyCurves()({curves, marker}) draws one series per curve plus the d* marker, with axis labels', () => {
    const doc = parseSvg(
      energyCurves().xLabel('trajectory distance').yLabel('entropy')({
        curves: [
          { label: 'flat', x: [0, 0.5, 1], energy: [1, 2, 2.5] },
          { label: 'x', x: [0, 0.4, 0.9], energy: [1.1, 1.8, 2.2] },
        ],
        marker: 0.6,
      }),
    );
    expect(byClass(doc, 'series')).toHaveLength(3);
    expect(byClass(doc, 'axis-label').map((e) => e.textContent)).toEqual(['trajectory distance', 'entropy']);
  });

  it('energyCurves() rejects empty or ragged curves', () => {
    expect(() => energyCurves()({ curves: [] })).toThrow(PlotInputError);
    expect(() => energyCurves()({ curves: [{ x: [1, 2], energy: [1] }] })).toThrow(/curves\[0\]/);
  });
});
