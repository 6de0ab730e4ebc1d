import { describe, expect, it } from 'vitest';
import { histogram, histogramCounts, meanStd, PlotInputError, sturgesBins } from '../src/index.js';
import { byClass, byTag, parseSvg } from './helpers.js';

describe('histogram', () => {
  it('histogramCounts(values, 3, 0, 2) bins like numpy.histogram (last bin closed)', () => {
    expect(Array.from(histogramCounts([0, 0, 1, 1, 1, 2, 5, Number.NaN], 3, 0, 2))).toEqual([2, 3, 1]);
  });

  it('meanStd(values) uses the unbiased standard deviation; sturgesBins(45) = 7 (SPEC §16.1)', () => {
    const s = meanStd([0, 0, 1, 1, 1, 2]);
    expect(s.mean).toBeCloseTo(5 / 6, 12);
    expect(s.std).toBeCloseTo(Math.sqrt(102 / 180), 12);
    expect(sturgesBins(45)).toBe(7);
  });

  it('histogram().bins(3).statsBox(true) draws 3 bars with heights ∝ counts and a Mean/Std box', () => {
    const doc = parseSvg(
      histogram().bins(3).statsBox(true).title('R² √det g')({ values: [0, 0, 1, 1, 1, 2] }),
    );
    const bars = byClass(doc, 'bar');
    expect(bars).toHaveLength(3);
    const h = bars.map((b) => Number(b.getAttribute('height')));
    expect(h[0] / h[1]).toBeCloseTo(2 / 3, 2);
    expect(h[2] / h[1]).toBeCloseTo(1 / 3, 2);
    const box = byClass(doc, 'stats-box')[0];
    expect(box.textContent).toBe('Mean: 0.83333333Std: 0.75277265');
    expect(byClass(doc, 'title')[0].textContent).toBe('R² √det g');
  });

  it('histogram().clipPercentiles([1, 99]) drops outliers before binning but not from the stats (SPEC §11)', () => {
    const values = Float64Array.from({ length: 1000 }, (_, i) => i / 1000);
    values[999] = 1e6;
    const doc = parseSvg(histogram().bins(10).clipPercentiles([1, 99]).statsBox(true)({ values }));
    const ticks = byClass(byClass(doc, 'axis-bottom')[0] as never, 'tick').map((t) => Number(t.textContent));
    expect(Math.max(...ticks)).toBeLessThanOrEqual(1); // the 1e6 outlier is outside the bin range
    expect(byClass(doc, 'stats-box')[0].textContent).toMatch(/^Mean: 1000\.49/);
  });

  it('histogram() overlays several series with common bins and a legend (SPEC §16.2)', () => {
    const doc = parseSvg(
      histogram().bins(5)({
        series: [
          { label: 'Setting 1', values: [1, 2, 3] },
          { label: 'Setting 3', values: [2, 4] },
        ],
      }),
    );
    expect(byClass(doc, 'bar')).toHaveLength(10);
    expect(byClass(doc, 'legend-item')).toHaveLength(2);
  });

  it("histogram().layout('side-by-side') splits every bin into one bar per series, heights ∝ counts", () => {
    const data = {
      series: [
        { label: 'a', values: [0, 0, 0, 1, 4] },
        { label: 'b', values: [0, 4, 4, 4] },
        { label: 'c', values: [2, 2] },
      ],
    };
    const side = parseSvg(histogram().bins(2).domain([0, 4]).layout('side-by-side')(data));
    const over = parseSvg(histogram().bins(2).domain([0, 4])(data));
    const groups = byClass(side, 'bars');
    expect(groups.map((g) => g.getAttribute('data-series'))).toEqual(['a', 'b', 'c']);
    const rects = (doc: ReturnType<typeof parseSvg>) =>
      byClass(doc, 'bar').map((b) => ({
        x: Number(b.getAttribute('x')),
        w: Number(b.getAttribute('width')),
        h: Number(b.getAttribute('height')),
      }));
    const s = rects(side);
    const o = rects(over);
    expect(s).toHaveLength(6);
    // each side-by-side bar is a third of the overlaid bin, placed in series order within the bin
    for (let si = 0; si < 3; si++) {
      for (let b = 0; b < 2; b++) {
        const bar = s[si * 2 + b];
        const bin = o[si * 2 + b];
        expect(bar.w).toBeCloseTo(bin.w / 3, 6);
        expect(bar.x).toBeCloseTo(bin.x + (si * bin.w) / 3, 6);
        expect(bar.h).toBeCloseTo(bin.h, 6);
      }
    }
    // counts per bin [0, 2) and [2, 4]: a 4|1, b 1|3, c 0|2 → heights in those ratios
    const unit = s[0].h / 4;
    expect(s.map((r) => r.h / unit)).toEqual([4, 1, 1, 3, 0, 2].map((c) => expect.closeTo(c, 6)));
    expect(() => histogram().layout('stacked' as never)(data)).toThrow(/layout/);
  });

  it('histogram().density(true).annotations(lines) integrates to 1 and adds the lines to the box (SPEC §16.3)', () => {
    const values = Float64Array.from({ length: 400 }, (_, i) => Math.sin(i) * 3);
    const doc = parseSvg(
      histogram().bins(20).density(true).annotations(['Shapiro-Wilk statistic: 0.99', 'P-value: 3·10⁻¹'])({
        values,
      }),
    );
    const bars = byClass(doc, 'bar');
    expect(bars).toHaveLength(20);
    // pixel → data scale from two ticks of each axis
    const scale = (orient: string, coord: 'x1' | 'y1') => {
      const ticks = byClass(byClass(doc, `axis-${orient}`)[0] as never, 'tick');
      const pos = (i: number) => Number(byTag(ticks[i] as never, 'line')[0].getAttribute(coord));
      const val = (i: number) => Number(ticks[i].textContent!.replace('−', '-'));
      return Math.abs((pos(1) - pos(0)) / (val(1) - val(0)));
    };
    const px = scale('bottom', 'x1');
    const py = scale('left', 'y1');
    const area = bars.reduce(
      (s, b) => s + (Number(b.getAttribute('width')) / px) * (Number(b.getAttribute('height')) / py),
      0,
    );
    expect(area).toBeCloseTo(1, 2);
    expect(byClass(doc, 'stats-box')[0].textContent).toBe('Shapiro-Wilk statistic: 0.99P-value: 3·10⁻¹');
    expect(byClass(doc, 'axis-label').map((e) => e.textContent)).toContain('Density');
  });

  it('histogram() rejects empty input', () => {
    expect(() => histogram()({})).toThrow(PlotInputError);
    expect(() => histogram()({ values: [Number.NaN] })).toThrow(/no finite value/);
  });
});
