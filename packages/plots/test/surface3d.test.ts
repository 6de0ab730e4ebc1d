import { describe, expect, it } from 'vitest';
import { gridTriangles, PlotInputError, projectPoint, surface3d } from '../src/index.js';
import { bumpSurface } from './fixtures.js';
import { byClass, parseSvg, tickLabels } from './helpers.js';

describe('surface3d', () => {
  it('projectPoint looks down the z axis at elevation 90° and along +y at elevation 0°', () => {
    const top = { azimuth: 0, elevation: 90 };
    const p = projectPoint(1, 2, 3, top);
    expect(p[0]).toBeCloseTo(1, 12);
    expect(p[1]).toBeCloseTo(2, 12);
    expect(p[2]).toBeCloseTo(-3, 12); // higher z is nearer the viewer
    const side = projectPoint(1, 2, 3, { azimuth: 0, elevation: 0 });
    expect(side.map((v) => Number(v.toFixed(12)))).toEqual([1, 3, 2]);
    const turned = projectPoint(1, 0, 0, { azimuth: 90, elevation: 0 });
    expect(turned[0]).toBeCloseTo(0, 12);
    expect(turned[2]).toBeCloseTo(-1, 12);
  });

  it('gridTriangles(nu, nv) splits every quad into two triangles joining grid neighbours', () => {
    const t = gridTriangles(3, 4);
    expect(t.length / 3).toBe(2 * 2 * 3);
    expect(Array.from(t.subarray(0, 6))).toEqual([0, 4, 5, 0, 5, 1]);
  });

  it('surface3d()(10×10 grid) draws 162 triangles far-to-near (painter), an orientation triad and a Height colour bar', () => {
    const doc = parseSvg(surface3d().title('3d embedding')(bumpSurface(10, 10)));
    const tris = byClass(doc, 'triangle');
    expect(tris).toHaveLength(162);
    const depth = tris.map((t) => Number(t.getAttribute('data-depth')));
    for (let i = 1; i < depth.length; i++) expect(depth[i]).toBeLessThanOrEqual(depth[i - 1]);
    expect(byClass(doc, 'triad')).toHaveLength(1);
    expect(byClass(doc, 'colorbar')).toHaveLength(1);
    // z = 0.25 sin x cos y on the grid: colour-bar ticks min, 0, max
    const ticks = tickLabels(doc, 'right');
    expect(ticks).toHaveLength(3);
    expect(ticks[1]).toBe('0');
    expect(byClass(doc, 'axis-label')[0].textContent).toBe('Height');
  });

  it('surface3d() rejects a vertex array that is not nu×nv×3', () => {
    expect(() => surface3d()({ vertices: new Float32Array(10), nu: 2, nv: 2 })).toThrow(PlotInputError);
  });
});
