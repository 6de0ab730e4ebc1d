import { describe, expect, it } from 'vitest';
import {
  hannSmooth,
  hannWindow,
  interpolateOntoTrainAxis,
  kmeansHistory,
  lossCurves,
  PlotInputError,
  seriesPlot,
} from '../src/index.js';
import { kmeansFixture, lossHistories } from './fixtures.js';
import { byClass, parseSvg, tickLabels } from './helpers.js';

describe('Hann smoothing (SPEC §10 P3)', () => {
  it('hannWindow(10) equals numpy.hanning(10)', () => {
    const ref = [0, 0.11697778, 0.41317591, 0.75, 0.96984631, 0.96984631, 0.75, 0.41317591, 0.11697778, 0];
    const w = hannWindow(10);
    for (const [i, v] of ref.entries()) expect(w[i]).toBeCloseTo(v, 7);
    expect(Array.from(hannWindow(1))).toEqual([1]);
  });

  it('hannSmooth(values, M) is a normalised valid convolution: N − M + 1 outputs, constants and straight lines are preserved', () => {
    const lin = Float64Array.from({ length: 60 }, (_, i) => 3 + 0.5 * i);
    const s = hannSmooth(lin, 10);
    expect(s.y).toHaveLength(51);
    // symmetric window: smoothing a straight line gives the line at the window centre
    for (const [k, v] of s.y.entries()) expect(v).toBeCloseTo(3 + 0.5 * (k + 4.5), 10);
    expect(s.x[0]).toBe(4.5);
    const c = hannSmooth(new Float64Array(20).fill(7), 50); // window shortened to N
    expect(c.y).toHaveLength(1);
    expect(c.y[0]).toBeCloseTo(7, 12);
  });

  it('hannSmooth(values, 3) weights neighbours 0, 1, 0 (numpy.hanning(3) = [0, 1, 0])', () => {
    expect(Array.from(hannSmooth([1, 5, 2, 8], 3).y)).toEqual([5, 2]);
  });

  it('interpolateOntoTrainAxis(test, nTrain) places test index j at j·nTrain/nTest and interpolates linearly', () => {
    expect(Array.from(interpolateOntoTrainAxis([0, 10], 4))).toEqual([0, 5, 10, 10]);
    expect(Array.from(interpolateOntoTrainAxis([2, 4, 8], 6))).toEqual([2, 3, 4, 6, 8, 8]);
  });
});

describe('lossCurves', () => {
  it('lossCurves()(histories) draws rows × 3 semilog panels with train and test series and a legend in column 0', () => {
    const doc = parseSvg(lossCurves().title('Losses')(lossHistories()));
    const panels = byClass(doc, 'panel');
    expect(panels).toHaveLength(9);
    expect(byClass(doc, 'series')).toHaveLength(18);
    expect(byClass(doc, 'legend')).toHaveLength(3);
    expect(byClass(doc, 'panel-title').map((t) => t.textContent)).toEqual([
      'Hann window 1',
      'Hann window 10',
      'Hann window 50',
    ]);
    const yTicks = tickLabels(panels[0] as never, 'left');
    expect(yTicks.length).toBeGreaterThanOrEqual(2);
    for (const t of yTicks) expect(t).toMatch(/^10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+$/);
    expect(byClass(doc, 'axis-label').filter((e) => e.textContent === 'Batches')).toHaveLength(9);
    // figure height follows the number of rows
    expect(Number(doc.documentElement!.getAttribute('height'))).toBeGreaterThan(3 * 200);
  });

  it('lossCurves().groups draws one series per member in a grouped row (no test curve) and labels them', () => {
    const h = lossHistories();
    const n = h.train.MSE.length;
    const train = {
      ...h.train,
      g_det_mean: Array.from({ length: n }, (_, i) => 2 + i),
      g_det_max: Array.from({ length: n }, (_, i) => 5 + i),
      g_det_min: Array.from({ length: n }, (_, i) => 1 + i),
    };
    const doc = parseSvg(
      lossCurves()
        .keys(['MSE', 'det g'])
        .windows([1, 10])
        .groups({ 'det g': ['g_det_mean', 'g_det_max', 'g_det_min'] })
        .groupLabels({ g_det_mean: 'mean' })({ train, test: h.test }),
    );
    const panels = byClass(doc, 'panel');
    expect(panels).toHaveLength(4);
    expect(panels.map((p) => byClass(p as never, 'series').length)).toEqual([2, 2, 3, 3]);
    expect(byClass(doc, 'legend-item').map((e) => e.textContent)).toEqual([
      'Train',
      'Test',
      'mean',
      'g_det_max',
      'g_det_min',
    ]);
    expect(() =>
      lossCurves()
        .keys(['x'])
        .groups({ x: ['MSE', 'nope'] })({ train }),
    ).toThrow(PlotInputError);
  });

  it('lossCurves() rejects an unknown key with PlotInputError', () => {
    expect(() => lossCurves().keys(['nope'])({ train: { MSE: [1, 2] } })).toThrow(PlotInputError);
  });
});

describe('kmeansHistory', () => {
  it('kmeansHistory()(history) draws 3 panels with 1, K + 1 and K + 1 series (SPEC §14 kmeans_losses)', () => {
    const doc = parseSvg(kmeansHistory()(kmeansFixture(20, 3)));
    const panels = byClass(doc, 'panel');
    expect(panels).toHaveLength(3);
    expect(panels.map((p) => byClass(p as never, 'series').length)).toEqual([1, 4, 4]);
    expect(byClass(panels[0] as never, 'marker')).toHaveLength(20);
    expect(byClass(doc, 'legend-item')).toHaveLength(8);
  });

  it('kmeansHistory() rejects a T×K array of the wrong length', () => {
    const h = kmeansFixture(5, 3);
    expect(() => kmeansHistory()({ ...h, lengthsByCluster: h.lengthsByCluster.subarray(1) })).toThrow(/T×K/);
  });
});

describe('seriesPlot', () => {
  it("seriesPlot().xScale('log').yScale('log') draws a log-log chart with power-of-ten ticks and the FP level line", () => {
    const h = [0.005, 0.01, 0.05, 0.1, 0.5];
    const doc = parseSvg(
      seriesPlot().xScale('log').yScale('log').xLabel('Step size (h)').yLabel('Relative error of |R|')({
        series: [{ label: 'mean relative error', x: h, y: h.map((v) => v * v), marker: 'circle' }],
        hlines: [{ y: 5.96e-8, color: 'red', label: 'FP32 error (5.96e-8)' }],
      }),
    );
    expect(byClass(doc, 'series')).toHaveLength(1);
    expect(byClass(doc, 'marker')).toHaveLength(5);
    expect(byClass(doc, 'hline')).toHaveLength(1);
    expect(tickLabels(doc, 'bottom')).toEqual(['10⁻²', '10⁻¹']);
    expect(byClass(doc, 'legend-item')).toHaveLength(2);
  });

  it('seriesPlot() output is stable (snapshot of a 2-series log-log chart)', async () => {
    const h = [0.01, 0.1, 1];
    const svg = seriesPlot().size([360, 280]).xScale('log').yScale('log').title('Error vs h')({
      series: [
        { label: 'MSE', x: h, y: [1e-6, 1e-4, 1e-2], marker: 'circle' },
        { label: 'MAE', x: h, y: [1e-3, 1e-2, 1e-1], marker: 'square', dashed: true },
      ],
    });
    await expect(svg).toMatchFileSnapshot('__snapshots__/series-plot.svg');
  });

  it('seriesPlot() breaks a line at values that a log axis cannot show', () => {
    const doc = parseSvg(
      seriesPlot().yScale('log')({ series: [{ x: [1, 2, 3, 4, 5], y: [1, 2, 0, 3, 4] }] }),
    );
    expect(byClass(doc, 'line')).toHaveLength(2);
  });

  it('seriesPlot().xTicks(batchSizes) labels exactly the given ticks (timing plot, SPEC §16.3)', () => {
    const b = [32, 64, 128, 256];
    const doc = parseSvg(
      seriesPlot().xTicks(b)({
        series: [
          { label: 'FD', x: b, y: [1, 2, 3, 4], marker: 'circle' },
          { label: 'AD', x: b, y: [2, 4, 6, 8], marker: 'square' },
        ],
      }),
    );
    expect(tickLabels(doc, 'bottom')).toEqual(['32', '64', '128', '256']);
    expect(byClass(doc, 'marker')).toHaveLength(8);
  });
});
