import { CurvInputError } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MetricFn } from '../src/index.js';
import {
  embedGrid,
  geodesicGrid,
  gridEdgeLengths,
  gridMesh,
  jetColor,
  latentGrid,
  meshToGlb,
  meshToObj,
  meshToPly,
  sampleAlongCurve,
} from '../src/index.js';
import { flatTorus, sphere } from './fixtures.js';
import { init } from './setup.js';

beforeAll(init);

/** Constant metric diag(a, b): edge (i,j)→(i+1,j) of a grid with spacing Δ has length √a·Δ. */
const diagMetric =
  (a: number, b: number): MetricFn =>
  (z) =>
    tf.tidy(() => tf.tile(tf.tensor3d([a, 0, 0, b], [1, 2, 2]), [z.shape[0], 1, 1]) as tf.Tensor3D);

describe('geodesic grids (Step 3)', () => {
  it('sampleAlongCurve(curve, count) interpolates at linspace(0, S−1, count), endpoints included', () => {
    const c = [
      [0, 0],
      [1, 0],
      [1, 2],
    ];
    expect(sampleAlongCurve(c, 5)).toEqual([
      [0, 0],
      [0.5, 0],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    expect(() => sampleAlongCurve(c, 1)).toThrow(CurvInputError);
  });

  it('geodesicGrid on the flat torus gives straight borders, evenly sampled points and straight interior lines', () => {
    const g = geodesicGrid({ decoder: flatTorus }, { N: 4, K: 3, nMax: 4, S: 33, mode: 'clean', steps: 30 });
    expect(g.borders.bottom.length).toBe(33);
    expect(g.borders.bottom[0][0]).toBeCloseTo(-2, 5);
    expect(g.borders.right[32]).toEqual([2, 2]);
    // Adam at an exact optimum turns float32 gradient noise into lr-sized moves: interior points jitter ~1e-3.
    expect(g.points.bottom.map((p) => p[0])).toEqual(
      [-2, -2 + 4 / 3, -2 + 8 / 3, 2].map((x) => expect.closeTo(x, 2)),
    );
    expect(g.points.left.map((p) => p[1])).toEqual([-2, 0, 2].map((x) => expect.closeTo(x, 2)));
    expect(g.vertical.length).toBe(4);
    expect(g.horizontal.length).toBe(3);
    for (const c of g.vertical) for (const p of c) expect(Math.abs(p[0] - c[0][0])).toBeLessThan(1e-3); // x constant
    for (const c of g.horizontal) for (const p of c) expect(Math.abs(p[1] - c[0][1])).toBeLessThan(1e-3); // y constant
    for (const L of [...g.lengths.borders, ...g.lengths.vertical, ...g.lengths.horizontal])
      expect(L).toBeCloseTo(4, 2);
  });
});

describe('geodesic grids on the sphere', () => {
  it('geodesicGrid on the unit sphere: every border and interior line is a great-circle arc between its endpoints', () => {
    const unit = ([t, p]: number[]) => [Math.cos(t) * Math.cos(p), Math.cos(t) * Math.sin(p), Math.sin(t)];
    const angle = (a: number[], b: number[]) => {
      const [u, v] = [unit(a), unit(b)];
      return Math.acos(Math.min(1, u[0] * v[0] + u[1] * v[1] + u[2] * v[2]));
    };
    const g = geodesicGrid(
      { decoder: sphere },
      { side: 2, N: 3, K: 3, nMax: 4, S: 33, mode: 'clean', steps: 300 },
    );
    const curves = [...Object.values(g.borders), ...g.vertical, ...g.horizontal];
    const lengths = [...g.lengths.borders, ...g.lengths.vertical, ...g.lengths.horizontal];
    curves.forEach((c, k) => {
      const a = angle(c[0], c[c.length - 1]);
      expect(Math.abs(lengths[k] - a) / a).toBeLessThan(0.01);
    });
    // the right border joins two points of latitude +1 (φ = ±1): the great circle bends towards the pole,
    // its midpoint has latitude atan(sin 1 / cos² 1) = 1.2375 (the chart-straight segment stays at 1)
    expect(g.borders.right[16][0]).toBeCloseTo(Math.atan(Math.sin(1) / Math.cos(1) ** 2), 2);
    expect(g.borders.right[16][1]).toBeCloseTo(0, 2);
  });
});

describe('3-D embedding (Step 4)', () => {
  it('latentGrid({ num, lo, hi }) spaces nodes by (hi − lo)/(num − 1) with i indexing x', () => {
    const g = latentGrid({ num: 10 });
    expect(g.nodes[1][0][0]).toBeCloseTo(-2 + 4 / 9, 6);
    expect(g.nodes[0][1]).toEqual([-2, -2 + 4 / 9]);
    expect(g.nodes[9][9]).toEqual([2, 2]);
  });

  it('gridEdgeLengths under the constant metric diag(4, 1) gives 2Δ horizontally and Δ vertically', () => {
    const grid = latentGrid({ num: 4 });
    const L = gridEdgeLengths({ metric: diagMetric(4, 1) }, grid, {
      nMax: 3,
      S: 17,
      mode: 'clean',
      steps: 20,
    });
    const d = 4 / 3;
    expect(L.horizontal.length).toBe(3);
    expect(L.horizontal[0].length).toBe(4);
    expect(L.vertical.length).toBe(4);
    expect(L.vertical[0].length).toBe(3);
    for (const r of L.horizontal) for (const x of r) expect(x).toBeCloseTo(2 * d, 4);
    for (const r of L.vertical) for (const x of r) expect(x).toBeCloseTo(d, 4);
    for (const r of L.horizontalEnergies)
      for (const x of r) expect(Math.abs(x - 4 * d * d) / (4 * d * d)).toBeLessThan(1e-3);
  });

  it('embedGrid of a grid under a flat metric is flat with edge lengths matched', () => {
    const grid = latentGrid({ num: 6 });
    const d = 4 / 5;
    for (const [a, b] of [
      [1, 1],
      [1.5, 1.5],
    ]) {
      const lengths = {
        horizontal: Array.from({ length: 5 }, () => Array(6).fill(a * d)),
        vertical: Array.from({ length: 6 }, () => Array(5).fill(b * d)),
      };
      const emb = embedGrid(grid, lengths, { rounds: 5, iterations: 100 });
      expect(emb.edge).toBeCloseTo(5 * d * Math.min(a, b), 5);
      expect(emb.lossHistory.length).toBe(501);
      expect(emb.lossHistory[500]).toBeLessThanOrEqual(emb.lossHistory[0]);
      for (const r of emb.horizontal)
        for (const x of r) expect(Math.abs(x - a * d) / (a * d)).toBeLessThan(0.01);
      for (const r of emb.vertical)
        for (const x of r) expect(Math.abs(x - b * d) / (b * d)).toBeLessThan(0.01);
      const z = emb.vertices.flat().map((p) => p[2]);
      expect(Math.max(...z) - Math.min(...z)).toBeLessThan(0.01 * emb.edge);
    }
  });

  it('embedGrid stretches a grid to anisotropic flat lengths diag(2.25, 1) (edge lengths matched to 1 %)', () => {
    // Only edge lengths are constrained (no diagonals), so the quads may shear or fold: flatness is not asserted.
    const grid = latentGrid({ num: 6 });
    const d = 4 / 5;
    const lengths = {
      horizontal: Array.from({ length: 5 }, () => Array(6).fill(1.5 * d)),
      vertical: Array.from({ length: 6 }, () => Array(5).fill(d)),
    };
    const emb = embedGrid(grid, lengths, { rounds: 5, iterations: 100 });
    expect(emb.edge).toBeCloseTo(5 * d, 5);
    expect(emb.lossHistory[0]).toBeGreaterThan(10);
    expect(emb.lossHistory[500]).toBeLessThan(1e-3 * emb.lossHistory[0]);
    for (const r of emb.horizontal)
      for (const x of r) expect(Math.abs(x - 1.5 * d) / (1.5 * d)).toBeLessThan(0.01);
    for (const r of emb.vertical) for (const x of r) expect(Math.abs(x - d) / d).toBeLessThan(0.01);
  });

  it('embedGrid is reproducible for a seed, differs for another seed, and leaks no tensors', () => {
    const grid = latentGrid({ num: 4 });
    const lengths = {
      horizontal: Array.from({ length: 3 }, () => Array(4).fill(1)),
      vertical: Array.from({ length: 4 }, () => Array(3).fill(1)),
    };
    const before = tf.memory().numTensors;
    const a = embedGrid(grid, lengths, { rounds: 1, iterations: 5 });
    const b = embedGrid(grid, lengths, { rounds: 1, iterations: 5 });
    const c = embedGrid(grid, lengths, { rounds: 1, iterations: 5, seed: 1 });
    expect(tf.memory().numTensors).toBe(before);
    expect(a.vertices).toEqual(b.vertices);
    expect(a.vertices[1][2][2]).not.toBe(c.vertices[1][2][2]);
    expect(() => embedGrid(grid, { horizontal: [[1]], vertical: [[1]] })).toThrow(CurvInputError);
  });
});

describe('mesh export (Step 5)', () => {
  const verts = [
    [
      [0, 0, -1],
      [0, 1, 0],
    ],
    [
      [1, 0, 0],
      [1, 1, 1],
    ],
  ];

  it('jetColor maps 0, 0.5, 1 to dark blue, light green, dark red', () => {
    expect(jetColor(0)).toEqual([0, 0, 128, 255]);
    expect(jetColor(0.5)).toEqual([128, 255, 128, 255]);
    expect(jetColor(1)).toEqual([128, 0, 0, 255]);
  });

  it('gridMesh(vertices) uses vertex v = i·num + j, 2(num−1)² faces and jet colours by height', () => {
    const m = gridMesh(verts);
    expect(Array.from(m.positions)).toEqual([0, 0, -1, 0, 1, 0, 1, 0, 0, 1, 1, 1]);
    expect(Array.from(m.faces)).toEqual([0, 2, 3, 0, 3, 1]);
    expect(Array.from(m.colors.subarray(0, 4))).toEqual(jetColor(0));
    expect(Array.from(m.colors.subarray(12, 16))).toEqual(jetColor(1));
    expect(Array.from(m.colors.subarray(4, 8))).toEqual(jetColor(0.5));
    expect([m.zMin, m.zMax]).toEqual([-1, 1]);
    expect(() => gridMesh([[[0, 0, 0]]])).toThrow(CurvInputError);
  });

  it('meshToObj / meshToPly write every vertex and face once, in the mesh order', () => {
    const m = gridMesh(verts);
    const obj = meshToObj(m).trim().split('\n');
    expect(obj.filter((l) => l.startsWith('v ')).length).toBe(4);
    expect(obj.filter((l) => l.startsWith('f '))).toEqual(['f 1 3 4', 'f 1 4 2']);
    expect(obj[1]).toBe('v 0 0 -1 0 0 0.501960784');
    const ply = meshToPly(m).trim().split('\n');
    const end = ply.indexOf('end_header');
    expect(ply).toContain('element vertex 4');
    expect(ply).toContain('element face 2');
    expect(ply.slice(end + 1, end + 5)).toEqual([
      '0 0 -1 0 0 128 255',
      '0 1 0 128 255 128 255',
      '1 0 0 128 255 128 255',
      '1 1 1 128 0 0 255',
    ]);
    expect(ply.slice(end + 5)).toEqual(['3 0 2 3', '3 0 3 1']);
  });

  it('meshToGlb writes a valid GLB 2.0 container whose buffers decode back to the mesh', () => {
    const m = gridMesh(verts);
    const glb = meshToGlb(m);
    const dv = new DataView(glb.buffer, glb.byteOffset, glb.byteLength);
    expect(dv.getUint32(0, true)).toBe(0x46546c67);
    expect(dv.getUint32(4, true)).toBe(2);
    expect(dv.getUint32(8, true)).toBe(glb.byteLength);
    const jsonLen = dv.getUint32(12, true);
    expect(jsonLen % 4).toBe(0);
    const gltf = JSON.parse(new TextDecoder().decode(glb.subarray(20, 20 + jsonLen)));
    expect(gltf.accessors[0]).toMatchObject({ count: 4, type: 'VEC3', min: [0, 0, -1], max: [1, 1, 1] });
    const bin = 20 + jsonLen + 8;
    const views = gltf.bufferViews;
    const pos = Array.from({ length: 12 }, (_, i) => dv.getFloat32(bin + views[0].byteOffset + 4 * i, true));
    expect(pos).toEqual(Array.from(m.positions));
    expect(Array.from(glb.subarray(bin + views[1].byteOffset, bin + views[1].byteOffset + 16))).toEqual(
      Array.from(m.colors),
    );
    const idx = Array.from({ length: 6 }, (_, i) => dv.getUint32(bin + views[2].byteOffset + 4 * i, true));
    expect(idx).toEqual([0, 2, 3, 0, 3, 1]);
  });
});
