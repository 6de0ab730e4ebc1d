import { describe, expect, it } from 'vitest';
import { FILES } from '../src/files.js';
import { curvatureHistograms } from '../src/steps/step2Geometry.js';

/** Numeric labels of the bottom axis of an SVG figure. */
function bottomTicks(svg: string): number[] {
  const axis = /<g class="axis axis-bottom">([\s\S]*?)<\/g>\s*<g class="axis/.exec(svg)?.[1] ?? svg;
  return [...axis.matchAll(/<g class="tick">[\s\S]*?<text[^>]*>([^<]*)<\/text>/g)]
    .map((m) => Number(m[1].replace('−', '-').replace(/,/g, '')))
    .filter(Number.isFinite);
}

function statsMean(svg: string): number {
  const m = /Mean: ([^<]+)</.exec(svg);
  if (!m) throw new Error('no stats box');
  return Number(m[1].replace('−', '-'));
}

describe('step 2 curvature histograms', () => {
  // Data values in [0, 1], grid values in [100, 200]: a histogram built from the wrong array is visible
  // in its axis range and in its mean.
  const N = 400;
  const n = 20;
  const fData = Float32Array.from({ length: N }, (_, i) => (i + 0.5) / N);
  const fGrid = Float32Array.from({ length: n * n }, (_, i) => 100 + (100 * (i + 0.5)) / (n * n));
  const rData = Float32Array.from(fData, (v) => -v);
  const rGrid = Float32Array.from(fGrid, (v) => -2 * v);
  const figs = curvatureHistograms({ rData, rGrid, fData, fGrid, n, bins: 25 });

  it('writes the four histograms', () => {
    expect(Object.keys(figs).sort()).toEqual(
      [FILES.figCurvatureHistData, FILES.figCurvatureHistGrid, FILES.figHistData, FILES.figHistGrid].sort(),
    );
  });

  it('builds the grid functional histogram from the grid values', () => {
    const svg = figs[FILES.figHistGrid];
    const ticks = bottomTicks(svg);
    expect(ticks.length).toBeGreaterThan(2);
    // 1st–99th percentile of the grid values: [101, 199].
    expect(Math.min(...ticks)).toBeGreaterThanOrEqual(100);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(200);
    expect(statsMean(svg)).toBeCloseTo(150, 3);
    expect(svg.match(/class="bar"/g)?.length).toBe(25);
    expect(svg).toContain(`${n}×${n} grid`);
  });

  it('builds the data functional histogram from the data values', () => {
    const svg = figs[FILES.figHistData];
    const ticks = bottomTicks(svg);
    expect(Math.max(...ticks)).toBeLessThanOrEqual(1);
    expect(statsMean(svg)).toBeCloseTo(0.5, 5);
  });

  it('bins R on the data by ⌈√N⌉ and R on the grid by the report bins, each from its own values', () => {
    const data = figs[FILES.figCurvatureHistData];
    const grid = figs[FILES.figCurvatureHistGrid];
    expect(data.match(/class="bar"/g)?.length).toBe(Math.ceil(Math.sqrt(N)));
    expect(grid.match(/class="bar"/g)?.length).toBe(25);
    expect(statsMean(data)).toBeCloseTo(-0.5, 5);
    expect(statsMean(grid)).toBeCloseTo(-300, 2);
    expect(Math.min(...bottomTicks(grid))).toBeGreaterThanOrEqual(-400);
    expect(Math.max(...bottomTicks(grid))).toBeLessThanOrEqual(-200);
  });
});
