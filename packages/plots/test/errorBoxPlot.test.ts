import { describe, expect, it } from 'vitest';
import { boxStats, errorBoxPlot, PlotInputError, stepLabel } from '../src/index.js';
import { fdErrors } from './fixtures.js';
import { byClass, parseSvg, tickLabels } from './helpers.js';

describe('errorBoxPlot (SPEC §16.3)', () => {
  const steps = [0.005, 0.01077, 0.02321, 0.05, 0.1077, 0.2321, 0.5];

  it('stepLabel(h) writes mantissa·10^k', () => {
    expect(stepLabel(0.005)).toBe('5·10⁻³');
    expect(stepLabel(0.1)).toBe('10⁻¹');
    expect(stepLabel(0.02321)).toBe('2.32·10⁻²');
  });

  it('boxStats(sorted) gives numpy-linear quartiles and 1.5·IQR whiskers', () => {
    const s = boxStats([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect([s.q1, s.med, s.q3, s.lo, s.hi, s.mean]).toEqual([3, 5, 7, 1, 9, 5]);
    const o = boxStats([1, 2, 3, 4, 5, 6, 7, 8, 100]);
    expect(o.fliers).toEqual([100]);
    expect(o.hi).toBe(8);
  });

  it('errorBoxPlot()({steps, errors, fpLevel}) draws one box per h with its median at log10(median error), and the FP line', () => {
    const errors = fdErrors(steps, 101);
    const doc = parseSvg(
      errorBoxPlot()({ steps, errors, fpLevel: 5.96e-8, fpLabel: 'FP32 error (5.96e-8)' }),
    );
    const boxes = byClass(doc, 'box');
    expect(boxes).toHaveLength(7);
    expect(byClass(doc, 'median')).toHaveLength(7);
    expect(byClass(doc, 'mean')).toHaveLength(7);
    expect(byClass(doc, 'hline')).toHaveLength(1);
    expect(tickLabels(doc, 'bottom')).toEqual(steps.map(stepLabel));
    expect(byClass(doc, 'legend-item').map((e) => e.textContent)).toEqual([
      'Mean',
      'Median',
      'FP32 error (5.96e-8)',
    ]);
    // medians increase with h (second-order scheme: error ∝ h²)
    const my = byClass(doc, 'median').map((m) => Number(m.getAttribute('y1')));
    for (let i = 1; i < my.length; i++) expect(my[i]).toBeLessThan(my[i - 1]);
    // pixel ↔ value: the FP line sits below every box
    const fpY = Number(byClass(doc, 'hline')[0].getAttribute('y1'));
    expect(fpY).toBeGreaterThan(Math.max(...my));
  });

  it('errorBoxPlot() rejects mismatched steps and errors', () => {
    expect(() => errorBoxPlot()({ steps: [0.1], errors: [] })).toThrow(PlotInputError);
  });
});
