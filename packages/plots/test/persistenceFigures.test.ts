import { describe, expect, it } from 'vitest';
import { barcode, PlotInputError, persistenceDiagram, TABLEAU10 } from '../src/index.js';
import { byClass, parseSvg } from './helpers.js';

const square = {
  pairs: [
    [0, 1, 0, 1, 0, 1, 0, Number.POSITIVE_INFINITY],
    [1, Math.SQRT2],
  ],
};

describe('persistenceDiagram', () => {
  it('persistenceDiagram()({pairs}) draws one point per pair coloured by dimension, the diagonal and a legend', () => {
    const doc = parseSvg(persistenceDiagram().title('Square')({ pairs: square.pairs }));
    const pts = byClass(doc, 'pd-point');
    expect(pts).toHaveLength(5);
    expect(pts.filter((p) => p.getAttribute('data-dim') === '0')).toHaveLength(4);
    expect(pts.filter((p) => p.getAttribute('fill') === TABLEAU10[1])).toHaveLength(1);
    expect(byClass(doc, 'diagonal')).toHaveLength(1);
    expect(byClass(doc, 'legend-item').map((e) => e.textContent)).toEqual(['H0', 'H1']);
  });

  it('persistenceDiagram() places (b, d) by the axes: a point with b = d lies on the diagonal, ∞ on the dashed line', () => {
    const doc = parseSvg(
      persistenceDiagram().max(2)({
        pairs: [
          [0, Number.POSITIVE_INFINITY],
          [1, 1, 0.5, 2],
        ],
      }),
    );
    const diag = byClass(doc, 'diagonal')[0];
    const [x1, y1, x2, y2] = ['x1', 'y1', 'x2', 'y2'].map((a) => Number(diag.getAttribute(a)));
    const pts = byClass(doc, 'pd-point');
    const on = pts.find((p) => p.getAttribute('data-dim') === '1')!;
    const cx = Number(on.getAttribute('cx'));
    const cy = Number(on.getAttribute('cy'));
    // axes run from −3 % of max to max = 2; (1, 1) lies on the diagonal
    const frac = (v: number) => (v + 0.06) / 2.06;
    expect(cx).toBeCloseTo(x1 + frac(1) * (x2 - x1), 1);
    expect(cy).toBeCloseTo(y1 + frac(1) * (y2 - y1), 1);
    // (0.5, 2): at the top of the plot
    const p2 = pts.filter((p) => p.getAttribute('data-dim') === '1')[1];
    expect(Number(p2.getAttribute('cy'))).toBeCloseTo(y2, 1);
    expect(Number(p2.getAttribute('cx'))).toBeCloseTo(x1 + frac(0.5) * (x2 - x1), 1);
    const inf = byClass(doc, 'infinity')[0];
    const p0 = pts.find((p) => p.getAttribute('data-dim') === '0')!;
    expect(Number(p0.getAttribute('cy'))).toBeCloseTo(Number(inf.getAttribute('y1')), 1);
    expect(Number(p0.getAttribute('cy'))).toBeLessThan(y2);
  });

  it('persistenceDiagram() rejects a pair with death < birth, naming the dimension and pair', () => {
    expect(() =>
      persistenceDiagram()({
        pairs: [
          [0, 1],
          [2, 1],
        ],
      }),
    ).toThrow(PlotInputError);
    expect(() =>
      persistenceDiagram()({
        pairs: [
          [0, 1],
          [2, 1],
        ],
      }),
    ).toThrow(/pairs\[1\]: pair 0 is \(2, 1\)/);
    expect(() => persistenceDiagram()({ pairs: [[0, 1, 2]] })).toThrow(/even length/);
  });
});

describe('barcode', () => {
  it('barcode()({pairs}) draws one bar per pair with length proportional to persistence, ∞ bars with an arrow', () => {
    const doc = parseSvg(
      barcode().max(2)({
        pairs: [
          [0, 1, 0, 0.5, 0, Number.POSITIVE_INFINITY],
          [1, 2],
        ],
      }),
    );
    const bars = byClass(doc, 'bar');
    expect(bars).toHaveLength(4);
    expect(byClass(doc, 'infinite')).toHaveLength(1);
    expect(byClass(doc, 'arrow')).toHaveLength(1);
    const len = (e: (typeof bars)[number]) => Number(e.getAttribute('x2')) - Number(e.getAttribute('x1'));
    const finite0 = bars.filter(
      (b) => b.getAttribute('data-dim') === '0' && !b.getAttribute('class')!.includes('infinite'),
    );
    // sorted by (birth, death): (0, 0.5) then (0, 1); lengths 1 : 2
    expect(len(finite0[1]) / len(finite0[0])).toBeCloseTo(2, 2);
    const h1 = bars.find((b) => b.getAttribute('data-dim') === '1')!;
    expect(len(h1)).toBeCloseTo(len(finite0[1]), 1);
    // H0 bars above the H1 bar
    expect(Number(h1.getAttribute('y1'))).toBeGreaterThan(Number(finite0[1].getAttribute('y1')));
    expect(byClass(doc, 'legend-item').map((e) => e.textContent)).toEqual(['H0', 'H1']);
  });
});
