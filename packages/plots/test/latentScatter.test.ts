import { describe, expect, it } from 'vitest';
import { latentScatter, PlotInputError, TABLEAU10 } from '../src/index.js';
import { clusters } from './fixtures.js';
import { byClass, parseSvg, tickLabels } from './helpers.js';

describe('latentScatter', () => {
  const { points, labels } = clusters(40);

  it('latentScatter()({points, labels}) draws one circle per point, a discrete colour bar with one cell and tick per label, and π axes', () => {
    const doc = parseSvg(latentScatter().title('Latent space for test data')({ points, labels }));
    expect(byClass(doc, 'point')).toHaveLength(120);
    expect(byClass(doc, 'colorbar-discrete')).toHaveLength(1);
    expect(byClass(doc, 'colorbar-cell')).toHaveLength(3);
    expect(tickLabels(doc, 'right')).toEqual(['2', '1', '0']);
    expect(tickLabels(doc, 'bottom')).toEqual(['−π', '−π/2', '0', 'π/2', 'π']);
    expect(tickLabels(doc, 'left')).toEqual(['π', 'π/2', '0', '−π/2', '−π']);
    expect(byClass(doc, 'title')[0].textContent).toBe('Latent space for test data');
    expect(byClass(doc, 'axis-label').map((e) => e.textContent)).toEqual([
      'Latent dimension 1',
      'Latent dimension 2',
      'Cluster label',
    ]);
  });

  it('latentScatter() maps label ℓ to palette[ℓ] and (0, 0) to the centre of a square plot area', () => {
    const doc = parseSvg(
      latentScatter()({ points: [0, 0, Math.PI, Math.PI, -Math.PI, -Math.PI], labels: [1, 2, 0] }),
    );
    const pts = byClass(doc, 'point');
    expect(pts.map((p) => p.getAttribute('fill'))).toEqual([TABLEAU10[1], TABLEAU10[2], TABLEAU10[0]]);
    const area = byClass(doc, 'plot-area')[0];
    const [x, y, w, h] = ['x', 'y', 'width', 'height'].map((a) => Number(area.getAttribute(a)));
    expect(w).toBeCloseTo(h, 6); // equal aspect
    expect(Number(pts[0].getAttribute('cx'))).toBeCloseTo(x + w / 2, 1);
    expect(Number(pts[0].getAttribute('cy'))).toBeCloseTo(y + h / 2, 1);
    expect(Number(pts[1].getAttribute('cx'))).toBeCloseTo(x + w, 1); // (π, π) → top right
    expect(Number(pts[1].getAttribute('cy'))).toBeCloseTo(y, 1);
    expect(Number(pts[2].getAttribute('cy'))).toBeCloseTo(y + h, 1);
  });

  it('latentScatter() with labelSet draws only the selected labels (SPEC §10 P1)', () => {
    const doc = parseSvg(latentScatter()({ points, labels, labelSet: [0, 2] }));
    expect(byClass(doc, 'point')).toHaveLength(80);
    expect(byClass(doc, 'colorbar-cell')).toHaveLength(2);
  });

  it("latentScatter().labelKey('legend') draws a legend item per label instead of a colour bar", () => {
    const doc = parseSvg(latentScatter().labelKey('legend')({ points, labels }));
    expect(byClass(doc, 'legend-item')).toHaveLength(3);
    expect(byClass(doc, 'colorbar')).toHaveLength(0);
  });

  it("latentScatter().colorScale('log')({points, values}) draws a continuous colour bar with power-of-ten ticks", () => {
    const values = Float32Array.from({ length: 120 }, (_, i) => 10 ** (i / 40)); // 1 … 10^2.975
    const doc = parseSvg(latentScatter().colorScale('log').colorLabel('error')({ points, values }));
    expect(byClass(doc, 'point')).toHaveLength(120);
    expect(byClass(doc, 'colorbar-ramp')).toHaveLength(1);
    expect(tickLabels(doc, 'right')).toEqual(['10²', '10¹', '10⁰']);
    // smallest value gets the bottom colour of viridis, the largest the top colour
    const fills = byClass(doc, 'point').map((p) => p.getAttribute('fill'));
    expect(fills[0]).toBe('#440154');
    expect(fills[119]).toBe('#fde725');
  });

  it("latentScatter().colorBy('label') ignores values; colorBy('value') without values is an input error", () => {
    const values = Float32Array.from({ length: 120 }, (_, i) => i);
    const doc = parseSvg(latentScatter().colorBy('label')({ points, labels, values }));
    expect(byClass(doc, 'colorbar-discrete')).toHaveLength(1);
    expect(() => latentScatter().colorBy('value')({ points, labels })).toThrow(PlotInputError);
  });

  it('latentScatter() rejects an odd-length point array and mismatched labels with PlotInputError', () => {
    expect(() => latentScatter()({ points: [0, 1, 2] })).toThrow(PlotInputError);
    expect(() => latentScatter()({ points: [0, 1, 2, 3], labels: [0] })).toThrow(
      /labels: has length 1; expected 2/,
    );
  });

  it('latentScatter() output is stable (snapshot of a 3-point figure)', async () => {
    const svg = latentScatter().size([320, 280]).title('Three points')({
      points: [-1, -1, 0, 1, 2, 0.5],
      labels: [0, 1, 2],
    });
    await expect(svg).toMatchFileSnapshot('__snapshots__/latent-scatter.svg');
  });
});
