import { Random } from '@curv/core';
import { describe, expect, it } from 'vitest';
import { ripsPersistence, ripsPersistenceOfDistances } from '../src/index.js';

const polygon = (k: number, r = 1) =>
  Array.from({ length: k }, (_, i) => [
    r * Math.cos((2 * Math.PI * i) / k),
    r * Math.sin((2 * Math.PI * i) / k),
  ]);

/** Same arithmetic as pairwiseDistances (sum of squares in coordinate order, then sqrt). */
const dist = (x: number[][], i: number, j: number) =>
  Math.sqrt(x[i].reduce((s, v, k) => s + (v - x[j][k]) * (v - x[j][k]), 0));

/**
 * Brute-force reference: every simplex of the Rips complex up to dimension 2 with its filtration value,
 * sorted by (value, dimension, index), the full Z/2 boundary matrix reduced column by column (standard
 * algorithm, no clearing, no cohomology). Returns the pairs of positive persistence as
 * {dim, birth, death, birthSimplex, deathSimplex}.
 */
function bruteForce(D: number[][]) {
  const n = D.length;
  type S = { v: number[]; f: number; dim: number };
  const simplices: S[] = [];
  for (let i = 0; i < n; i++) simplices.push({ v: [i], f: 0, dim: 0 });
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) simplices.push({ v: [i, j], f: D[i][j], dim: 1 });
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++)
      for (let k = j + 1; k < n; k++)
        simplices.push({ v: [i, j, k], f: Math.max(D[i][j], D[i][k], D[j][k]), dim: 2 });
  simplices.sort((a, b) => a.f - b.f || a.dim - b.dim);
  const index = new Map(simplices.map((s, i) => [s.v.join(','), i]));
  const columns: Set<number>[] = simplices.map((s) => {
    const col = new Set<number>();
    if (s.dim > 0) {
      for (let drop = 0; drop < s.v.length; drop++) {
        col.add(index.get(s.v.filter((_, q) => q !== drop).join(','))!);
      }
    }
    return col;
  });
  const low = (c: Set<number>) => (c.size ? Math.max(...c) : -1);
  const lowOwner = new Map<number, number>();
  const pairs: {
    dim: number;
    birth: number;
    death: number;
    birthSimplex: number[];
    deathSimplex: number[];
  }[] = [];
  for (let j = 0; j < columns.length; j++) {
    const c = columns[j];
    for (let l = low(c); l >= 0 && lowOwner.has(l); l = low(c)) {
      for (const x of columns[lowOwner.get(l)!]) {
        if (c.has(x)) c.delete(x);
        else c.add(x);
      }
    }
    const l = low(c);
    if (l >= 0) {
      lowOwner.set(l, j);
      const b = simplices[l];
      const d = simplices[j];
      if (d.f > b.f) pairs.push({ dim: b.dim, birth: b.f, death: d.f, birthSimplex: b.v, deathSimplex: d.v });
    }
  }
  return pairs;
}

/** Longest edge of a triangle of D (the one giving its filtration value). */
function longestEdge(D: number[][], t: number[]): string {
  const edges = [
    [t[0], t[1]],
    [t[0], t[2]],
    [t[1], t[2]],
  ];
  edges.sort((a, b) => D[b[0]][b[1]] - D[a[0]][a[1]]);
  return edges[0].join('-');
}

const edgeKey = (a: number, b: number) => (a < b ? `${a}-${b}` : `${b}-${a}`);

describe('ripsPersistence', () => {
  it('ripsPersistence(unit square): H0 = three (0, 1) and one infinite bar, H1 = {(1, √2)}', () => {
    const p = ripsPersistence([
      [0, 0],
      [1, 0],
      [1, 1],
      [0, 1],
    ]);
    expect(Array.from(p.h0.deaths)).toEqual([1, 1, 1]);
    expect(Array.from(p.h0.essential)).toEqual([0]);
    expect(p.h1!.births.length).toBe(1);
    expect(p.h1!.births[0]).toBeCloseTo(1, 12);
    expect(p.h1!.deaths[0]).toBeCloseTo(Math.SQRT2, 12);
    // the death edge is a diagonal, the birth edge a side
    const [d0, d1] = p.h1!.deathEdges;
    expect(Math.abs(d0 - d1)).toBe(2);
  });

  it.each([
    ['regular hexagon, radius 1', 6, 1, 1, Math.sqrt(3)],
    ['regular pentagon, radius 1', 5, 1, 1.175571, 1.902113],
    ['regular 12-gon, radius 5', 12, 5, 2.58819, 8.660254],
  ])('ripsPersistence(%s) has exactly one H1 pair (side, chord of ⌈n/3⌉ steps)', (_, k, r, b, d) => {
    const p = ripsPersistence(polygon(k, r));
    expect(p.h1!.births.length).toBe(1);
    expect(p.h1!.births[0]).toBeCloseTo(b, 5);
    expect(p.h1!.deaths[0]).toBeCloseTo(d, 5);
    expect(p.h0.deaths.length).toBe(k - 1);
  });

  it('ripsPersistence(equilateral triangle) has no H1', () => {
    expect(ripsPersistence(polygon(3)).h1!.births.length).toBe(0);
  });

  it('ripsPersistence(test-1 target [[5,5],[10,10],[20,6]]): H0 deaths {√50, √116}, H1 empty, death edges', () => {
    const p = ripsPersistence([
      [5, 5],
      [10, 10],
      [20, 6],
    ]);
    expect(p.h0.deaths[0]).toBeCloseTo(Math.sqrt(50), 12);
    expect(p.h0.deaths[1]).toBeCloseTo(Math.sqrt(116), 12);
    expect(Array.from(p.h0.deathEdges)).toEqual([0, 1, 1, 2]);
    expect(p.h1!.births.length).toBe(0);
  });

  it('ripsPersistence drops zero-persistence pairs (duplicate points) and keeps one infinite bar per component', () => {
    const p = ripsPersistence(
      [
        [0, 0],
        [0, 0],
        [3, 0],
        [10, 0],
      ],
      { threshold: 5 },
    );
    expect(Array.from(p.h0.deaths)).toEqual([3]);
    expect(Array.from(p.h0.essential)).toEqual([0, 3]);
  });

  it('ripsPersistence with a threshold below the death of a cycle reports an infinite H1 pair', () => {
    const p = ripsPersistence(polygon(6), { threshold: 1.5 });
    expect(p.h1!.births.length).toBe(1);
    expect(p.h1!.deaths[0]).toBe(Number.POSITIVE_INFINITY);
    expect(Array.from(p.h1!.deathEdges)).toEqual([-1, -1]);
  });

  it('ripsPersistence with periodic distances sees the circle of a flat-torus meridian', () => {
    // 12 points on a closed geodesic of the flat torus [−π, π)²: a loop only with wrap-around distances.
    const pts = Array.from({ length: 12 }, (_, i) => [-Math.PI + (2 * Math.PI * i) / 12, 0.3]);
    const flat = ripsPersistence(pts);
    const torus = ripsPersistence(pts, { periodic: true });
    expect(flat.h1!.births.length).toBe(0);
    expect(torus.h1!.births.length).toBe(1);
    expect(torus.h1!.births[0]).toBeCloseTo((2 * Math.PI) / 12, 12);
    expect(torus.h1!.deaths[0]).toBeCloseTo((4 * 2 * Math.PI) / 12, 12);
  });

  it('ripsPersistence equals a brute-force boundary-matrix reduction on random clouds (values and generator edges)', () => {
    const rng = new Random(7);
    let h1Total = 0;
    for (let trial = 0; trial < 30; trial++) {
      const n = 5 + (trial % 8);
      const dim = 2 + (trial % 3);
      const x = Array.from({ length: n }, () => Array.from({ length: dim }, () => rng.uniform()));
      const D = x.map((_, i) => x.map((_, j) => dist(x, i, j)));
      const ref = bruteForce(D);
      const p = ripsPersistence(x);
      const refH0 = ref.filter((q) => q.dim === 0);
      const refH1 = ref.filter((q) => q.dim === 1);
      expect(Array.from(p.h0.deaths)).toEqual(refH0.map((q) => q.death).sort((a, b) => a - b));
      expect(p.h0.essential.length).toBe(1);
      // H0 death edges = the edges that kill a component in the reference
      const h0Edges = new Set(refH0.map((q) => edgeKey(q.deathSimplex[0], q.deathSimplex[1])));
      for (let i = 0; i < p.h0.deaths.length; i++) {
        expect(h0Edges.has(edgeKey(p.h0.deathEdges[2 * i], p.h0.deathEdges[2 * i + 1]))).toBe(true);
      }
      const ours = Array.from(p.h1!.births, (b, i) => {
        const e = p.h1!.birthEdges;
        const f = p.h1!.deathEdges;
        return `${b}|${p.h1!.deaths[i]}|${edgeKey(e[2 * i], e[2 * i + 1])}|${edgeKey(f[2 * i], f[2 * i + 1])}`;
      }).sort();
      const theirs = refH1
        .map(
          (q) =>
            `${q.birth}|${q.death}|${edgeKey(q.birthSimplex[0], q.birthSimplex[1])}|${longestEdge(D, q.deathSimplex)}`,
        )
        .sort();
      expect(ours).toEqual(theirs);
      h1Total += ours.length;
    }
    expect(h1Total).toBeGreaterThan(5); // the trials do exercise H1
  });

  it('ripsPersistence matches the brute-force reference with a threshold (essential H1 included)', () => {
    const rng = new Random(11);
    for (let trial = 0; trial < 10; trial++) {
      const n = 10;
      const x = Array.from({ length: n }, () => [rng.uniform(), rng.uniform()]);
      const D = x.map((_, i) => x.map((_, j) => dist(x, i, j)));
      const thr = 0.35;
      const Dt = D.map((row) => row.map((v) => (v <= thr ? v : Number.POSITIVE_INFINITY)));
      const ref = bruteForce(Dt).filter((q) => q.dim === 1);
      // simplices at infinity are not in the thresholded complex: cycles they kill are essential
      const expected = ref.map((q) => `${q.birth}|${q.death}`).sort();
      const p = ripsPersistence(x, { threshold: thr });
      const ours = Array.from(p.h1!.births, (b, i) => `${b}|${p.h1!.deaths[i]}`).sort();
      expect(ours).toEqual(expected);
      const refH0 = bruteForce(Dt).filter((q) => q.dim === 0 && Number.isFinite(q.death));
      expect(Array.from(p.h0.deaths)).toEqual(refH0.map((q) => q.death).sort((a, b) => a - b));
    }
  });

  it('ripsPersistenceOfDistances(D) equals ripsPersistence(points) for the Euclidean D and rejects a non-symmetric matrix', () => {
    const rng = new Random(3);
    const x = Array.from({ length: 20 }, () => [rng.normal(), rng.normal(), rng.normal()]);
    const D = x.map((_, i) => x.map((_, j) => dist(x, i, j)));
    const a = ripsPersistence(x);
    const b = ripsPersistenceOfDistances(D);
    expect(Array.from(b.h0.deaths)).toEqual(Array.from(a.h0.deaths));
    expect(Array.from(b.h1!.deaths)).toEqual(Array.from(a.h1!.deaths));
    expect(Array.from(b.h1!.birthEdges)).toEqual(Array.from(a.h1!.birthEdges));
    expect(() =>
      ripsPersistenceOfDistances([
        [0, 1],
        [2, 0],
      ]),
    ).toThrow(/distances: entry \(0, 1\) = 1; expected a symmetric matrix/);
    expect(() => ripsPersistence([[0, 0], [1]])).toThrow(/points: row 1 has 1 coordinates; expected 2/);
  });
});
