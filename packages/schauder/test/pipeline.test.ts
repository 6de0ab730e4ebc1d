import { beforeAll, describe, expect, it } from 'vitest';
import { embedGrid, gridEdgeLengths, gridMesh, latentGrid, meshToPly } from '../src/index.js';
import { sphere } from './fixtures.js';
import { init } from './setup.js';

beforeAll(init);

describe('Steps 4–5 on the unit sphere', () => {
  it('gridEdgeLengths → embedGrid → gridMesh: geodesic edge lengths of a latitude/longitude grid are matched in R³', () => {
    const grid = latentGrid({ num: 5, lo: -1, hi: 1 });
    const L = gridEdgeLengths({ decoder: sphere }, grid, { nMax: 3, S: 17, mode: 'clean', steps: 100 });
    const d = 0.5;
    // latent node (i, j) = (θ, φ) = (latitude, longitude). Horizontal edges (i,j)→(i+1,j) run along a
    // meridian: length Δθ. Vertical edges (i,j)→(i,j+1) join two points of latitude θ_i, Δφ apart: the
    // geodesic (great-circle) length is the central angle acos(sin²θ + cos²θ cos Δφ).
    for (const row of L.horizontal) for (const x of row) expect(x).toBeCloseTo(d, 3);
    for (let i = 0; i < 5; i++) {
      const th = grid.nodes[i][0][0];
      const angle = Math.acos(Math.sin(th) ** 2 + Math.cos(th) ** 2 * Math.cos(d));
      for (const x of L.vertical[i]) expect(Math.abs(x - angle) / angle).toBeLessThan(2e-3);
    }
    const emb = embedGrid(grid, L, { rounds: 3, iterations: 100 });
    for (let i = 0; i < 4; i++) {
      for (let j = 0; j < 5; j++)
        expect(Math.abs(emb.horizontal[i][j] - L.horizontal[i][j]) / L.horizontal[i][j]).toBeLessThan(0.02);
    }
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 4; j++)
        expect(Math.abs(emb.vertical[i][j] - L.vertical[i][j]) / L.vertical[i][j]).toBeLessThan(0.02);
    }
    const ply = meshToPly(gridMesh(emb.vertices));
    expect(ply).toContain('element vertex 25');
    expect(ply).toContain('element face 32');
  });
});
