import { describe, expect, it } from 'vitest';
import { decisionBoundary, geodesicPlot, octopusPlot, PlotInputError, TABLEAU10 } from '../src/index.js';
import { clusters, nearestCentreGrid, octopusFixture, segment } from './fixtures.js';
import { byClass, parseSvg } from './helpers.js';

function plotArea(doc: ReturnType<typeof parseSvg>) {
  const a = byClass(doc, 'plot-area')[0];
  const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((k) => Number(a.getAttribute(k)));
  return {
    x,
    y,
    w,
    h,
    px: (v: number) => x + ((v + Math.PI) / (2 * Math.PI)) * w,
    py: (v: number) => y + h - ((v + Math.PI) / (2 * Math.PI)) * h,
  };
}

function coords(d: string): number[][] {
  return [...d.matchAll(/[ML](-?[\d.]+),(-?[\d.]+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

describe('geodesicPlot', () => {
  it('geodesicPlot() draws a geodesic grid: 4 border curves (width 2) over 10 interior curves (width 1.2) on a background scatter (SPEC §12)', () => {
    const { points, labels } = clusters(20);
    const curves = [
      ...[-2, 2].map((y) => ({ points: segment([-2, y], [2, y], 30), kind: 'border' as const })),
      ...[-2, 2].map((x) => ({ points: segment([x, -2], [x, 2], 30), kind: 'border' as const })),
      ...Array.from({ length: 5 }, (_, i) => ({
        points: segment([-2 + i, -2], [-2 + i, 2], 30),
        kind: 'interior' as const,
      })),
      ...Array.from({ length: 5 }, (_, i) => ({
        points: segment([-2, -2 + i], [2, -2 + i], 30),
        kind: 'interior' as const,
      })),
    ];
    const doc = parseSvg(geodesicPlot()({ curves, points, labels }));
    expect(byClass(doc, 'geodesic-border')).toHaveLength(4);
    expect(byClass(doc, 'geodesic-interior')).toHaveLength(10);
    expect(byClass(doc, 'point')).toHaveLength(60);
    const all = byClass(doc, 'geodesic');
    // interior curves are drawn first, the border on top
    expect(all.slice(0, 10).every((p) => p.getAttribute('stroke-width') === '1.2')).toBe(true);
    expect(all.slice(10).every((p) => p.getAttribute('stroke-width') === '2')).toBe(true);
  });

  it('geodesicPlot() single geodesic p0 = (0, −2) → p1 = (0, 3) has start/end markers at the right pixels and a 3-item legend', () => {
    const doc = parseSvg(
      geodesicPlot()({
        curves: [{ points: segment([0, -2], [0, 3], 50), kind: 'single' }],
        start: [0, -2],
        end: [0, 3],
      }),
    );
    const A = plotArea(doc);
    const start = byClass(doc, 'start')[0];
    expect(Number(start.getAttribute('cx'))).toBeCloseTo(A.px(0), 1);
    expect(Number(start.getAttribute('cy'))).toBeCloseTo(A.py(-2), 1);
    const path = coords(byClass(doc, 'geodesic')[0].getAttribute('d')!);
    expect(path).toHaveLength(50);
    expect(path[49][1]).toBeCloseTo(A.py(3), 1);
    expect(byClass(doc, 'legend-item').map((e) => e.textContent)).toEqual(['Geodesic', 'start p0', 'end p1']);
  });

  it('geodesicPlot().wrap(true) cuts a curve where it crosses the seam of the chart', () => {
    const c = { points: segment([2.9, 0], [3.6, 0], 8) }; // crosses x = π
    expect(byClass(parseSvg(geodesicPlot()({ curves: [c] })), 'geodesic')).toHaveLength(1);
    expect(byClass(parseSvg(geodesicPlot().wrap(true)({ curves: [c] })), 'geodesic')).toHaveLength(2);
  });
});

describe('octopusPlot', () => {
  it('octopusPlot()(N×K×S×2 curves) draws N·K curves, N assigned curves, N points and K centroid stars (SPEC §15.1)', () => {
    const o = octopusFixture(8, 12);
    const doc = parseSvg(octopusPlot()(o));
    expect(byClass(doc, 'curve')).toHaveLength(24 * 3);
    expect(byClass(doc, 'assigned')).toHaveLength(24);
    expect(byClass(doc, 'point')).toHaveLength(24);
    expect(byClass(doc, 'centroid')).toHaveLength(3);
  });

  it('octopusPlot() puts point i at curve (i, ·) start and colours points and centroids by labelOf (SPEC §7.4)', () => {
    const o = octopusFixture(8, 12);
    const labelOf = [2, 0, 1];
    const doc = parseSvg(octopusPlot()({ ...o, labelOf }));
    const A = plotArea(doc);
    const pts = byClass(doc, 'point');
    const i = 5;
    expect(Number(pts[i].getAttribute('cx'))).toBeCloseTo(A.px(o.curves[i * 3 * 12 * 2]), 1);
    expect(pts[i].getAttribute('fill')).toBe(TABLEAU10[labelOf[o.labels[i]]]);
    expect(byClass(doc, 'centroid').map((c) => c.getAttribute('fill'))).toEqual(
      labelOf.map((l) => TABLEAU10[l]),
    );
  });

  it('octopusPlot() rejects curves of the wrong length and out-of-range labels', () => {
    const o = octopusFixture(2, 4);
    expect(() => octopusPlot()({ ...o, s: 5 })).toThrow(PlotInputError);
    expect(() => octopusPlot()({ ...o, labels: o.labels.map(() => 7) })).toThrow(
      /expected 0 ≤ label < K = 3/,
    );
  });
});

describe('decisionBoundary', () => {
  it('decisionBoundary() fills one region per grid label and draws every point with a black edge (SPEC §7.5)', () => {
    const { points, labels, centres } = clusters(20);
    const doc = parseSvg(
      decisionBoundary().title('7-NN')({ points, labels, grid: nearestCentreGrid(60, centres) }),
    );
    expect(byClass(doc, 'region').map((r) => r.getAttribute('data-label'))).toEqual(['0', '1', '2']);
    expect(byClass(doc, 'point')).toHaveLength(60);
    // opacity 0.4 over white: Tableau blue #4e79a7 → 0.6·255 + 0.4·(78, 121, 167)
    expect(byClass(doc, 'region')[0].getAttribute('fill')).toBe('rgb(184, 201, 220)');
    expect(byClass(doc, 'legend-item')).toHaveLength(3);
  });

  it('decisionBoundary() puts the boundary of a half-plane label grid midway between grid nodes (x = 0 for g = 10)', () => {
    const g = 10;
    const grid = Int32Array.from({ length: g * g }, (_, k) => (k % g < g / 2 ? 0 : 1));
    const doc = parseSvg(decisionBoundary()({ points: [-1, 0], labels: [0], grid }));
    const A = plotArea(doc);
    const left = coords(byClass(doc, 'region')[0].getAttribute('d')!);
    expect(Math.max(...left.map((p) => p[0]))).toBeCloseTo(A.px(0), 1);
    const right = coords(byClass(doc, 'region')[1].getAttribute('d')!);
    expect(Math.min(...right.map((p) => p[0]))).toBeCloseTo(A.px(0), 1);
  });
});
