import { describe, expect, it } from 'vitest';
import { latentFieldMap, PlotInputError } from '../src/index.js';
import { byClass, parseSvg } from './helpers.js';

describe('latentFieldMap', () => {
  it('latentFieldMap()({values, points, curves}) draws one heat map, one circle per point, one path per curve, a colour bar and a legend of labelled curves', () => {
    const n = 10;
    const values = Array.from({ length: n * n }, (_, k) => Math.log(1 + k));
    const svg = latentFieldMap().extent([-2, 2]).colorLabel('log √det M')({
      values,
      n,
      points: [0, 0, 1, 1, -1, 0.5],
      curves: [
        { points: [-1, -1, 0, 0, 1, 1], label: 'geodesic', color: '#1f77b4' },
        { points: [-1, -1, 1, 1], label: 'straight line', dashed: true },
        { points: [0, 0, 0, 1] },
      ],
      start: [-1, -1],
      end: [1, 1],
    });
    const doc = parseSvg(svg);
    expect(byClass(doc, 'heatmap')).toHaveLength(1);
    expect(byClass(doc, 'point')).toHaveLength(3);
    expect(byClass(doc, 'curve')).toHaveLength(3);
    expect(byClass(doc, 'curve')[1].getAttribute('stroke-dasharray')).toBe('6 4');
    expect(byClass(doc, 'colorbar')).toHaveLength(1);
    expect(svg).toContain('straight line');
    expect(byClass(doc, 'endpoint')).toHaveLength(2);
  });

  it('latentFieldMap() places (0, 0) at the centre of the square plot area of extent [−2, 2] and draws no colour bar without values', () => {
    const doc = parseSvg(latentFieldMap().extent([-2, 2])({ points: [0, 0, -2, -2, 2, 2] }));
    const [c, a, b] = byClass(doc, 'point').map((p) => [
      Number(p.getAttribute('cx')),
      Number(p.getAttribute('cy')),
    ]);
    expect(c[0]).toBeCloseTo((a[0] + b[0]) / 2, 6);
    expect(c[1]).toBeCloseTo((a[1] + b[1]) / 2, 6);
    expect(b[0] - a[0]).toBeCloseTo(a[1] - b[1], 6);
    expect(byClass(doc, 'colorbar')).toHaveLength(0);
  });

  it('latentFieldMap() rejects values that are not n×n and a decreasing extent', () => {
    expect(() => latentFieldMap()({ values: [1, 2, 3] })).toThrow(PlotInputError);
    expect(() => latentFieldMap().extent([1, -1])({ points: [0, 0] })).toThrow(/extent/);
  });
});
