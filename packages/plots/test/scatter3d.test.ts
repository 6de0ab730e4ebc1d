import { describe, expect, it } from 'vitest';
import { PlotInputError, scatter3d, TABLEAU10 } from '../src/index.js';

const attr = (svg: string, name: string) =>
  [...svg.matchAll(new RegExp(`<circle class="point"[^>]*\\s${name}="([^"]+)"`, 'g'))].map((m) => m[1]);

describe('scatter3d', () => {
  it('draws one circle per point, far to near, coloured by label', () => {
    const points = [0, 0, 0, 1, 0, 2, 0, 1, -1, -1, -1, 1];
    const svg = scatter3d()({ points, labels: [0, 1, 2, 1] });
    const depth = attr(svg, 'data-depth').map(Number);
    expect(depth).toHaveLength(4);
    for (let i = 1; i < depth.length; i++) expect(depth[i]).toBeLessThanOrEqual(depth[i - 1]);
    expect(svg).toContain(`fill="${TABLEAU10[2]}"`);
    expect(svg).toMatch(/class="colorbar colorbar-discrete"/);
  });

  it('looking straight down z (elevation 90°, azimuth 0°) puts x to the right, y up and the highest z in front', () => {
    const points = [1, 0, 0, -1, 0, 0, 0, 1, 5, 0, -1, -5];
    const svg = scatter3d().azimuth(0).elevation(90)({ points, values: [1, 2, 3, 4] });
    const cx = attr(svg, 'cx').map(Number);
    const cy = attr(svg, 'cy').map(Number);
    // Drawn order far to near: z = −5 (point 3) first, z = 5 (point 2) last.
    expect(cy[0]).toBeGreaterThan(cy[cy.length - 1]); // point 3 (y = −1) is lower on screen than point 2 (y = 1)
    const xs = cx.slice(1, 3).sort((a, b) => a - b);
    expect(xs[1] - xs[0]).toBeGreaterThan(10); // the two z = 0 points are left and right of the centre
    expect(svg).toMatch(/class="colorbar"/);
  });

  it('rejects points that are not N×3 and labels of the wrong length', () => {
    expect(() => scatter3d()({ points: [0, 1] })).toThrow(PlotInputError);
    expect(() => scatter3d()({ points: [0, 1, 2], labels: [0, 1] })).toThrow(/scatter3d: labels/);
  });
});
