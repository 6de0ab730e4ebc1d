import { CurvInputError } from '@curv/core';
import { KeyTable } from '../internal/keyTable.js';
import { MinHeap } from '../internal/minHeap.js';
import { sortByValue } from '../internal/sortByValue.js';
import { flattenPoints, type PointsInput, pairwiseDistances } from './distanceMatrix.js';
import type { DiagramH0, DiagramH1, RipsPersistence } from './types.js';

/** Options of {@link ripsPersistence} and {@link ripsPersistenceOfDistances}. */
export interface RipsOptions {
  /** Highest homology dimension, 0 or 1 (default 1). */
  maxdim?: 0 | 1;
  /** Only edges (and triangles) of length ≤ threshold enter the filtration (default Infinity). */
  threshold?: number;
}

/** Options of {@link ripsPersistence}. */
export interface RipsPointsOptions extends RipsOptions {
  /** Coordinates per point when `points` is a flat array. */
  dim?: number;
  /** Flat-torus distances: every coordinate is an angle, differences are wrapped into [−π, π]. */
  periodic?: boolean;
}

/**
 * Vietoris–Rips persistence of a point cloud in dimensions 0 and 1 over Z/2, with generators:
 * the death edge of every finite H0 pair and the birth and death edges of every H1 pair.
 * Distances are Euclidean, or flat-torus distances on [−π, π)^D with `periodic`.
 *
 * ```ts
 * const p = ripsPersistence([[0, 0], [1, 0], [1, 1], [0, 1]]);
 * [p.h1.births[0], p.h1.deaths[0]]; // [1, 1.4142135623730951]
 * ```
 */
export function ripsPersistence(points: PointsInput, options: RipsPointsOptions = {}): RipsPersistence {
  const p = flattenPoints(points, options.dim);
  return persistenceOfMatrix(pairwiseDistances(p, options.periodic ?? false), p.n, options);
}

/**
 * {@link ripsPersistence} of a symmetric distance matrix (N rows of N numbers, or a flat N² array).
 *
 * ```ts
 * ripsPersistenceOfDistances([[0, 2], [2, 0]]).h0.deaths; // Float64Array [2]
 * ```
 */
export function ripsPersistenceOfDistances(
  distances: ArrayLike<number> | readonly ArrayLike<number>[],
  options: RipsOptions = {},
): RipsPersistence {
  let n: number;
  let D: Float64Array;
  const first = (distances as ArrayLike<unknown>)[0];
  if (distances.length > 0 && typeof first === 'object' && first !== null) {
    const rows = distances as readonly ArrayLike<number>[];
    n = rows.length;
    D = new Float64Array(n * n);
    rows.forEach((r, i) => {
      if (r.length !== n) {
        throw new CurvInputError(
          `distances: row ${i} has ${r.length} entries; expected ${n} (square)`,
          'distances',
        );
      }
      for (let j = 0; j < n; j++) D[i * n + j] = r[j];
    });
  } else {
    const flat = distances as ArrayLike<number>;
    n = Math.round(Math.sqrt(flat.length));
    if (n * n !== flat.length) {
      throw new CurvInputError(`distances: length ${flat.length} is not a square N²`, 'distances');
    }
    D = Float64Array.from(flat);
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const v = D[i * n + j];
      if (!(v >= 0) || !Number.isFinite(v) || v !== D[j * n + i]) {
        throw new CurvInputError(
          `distances: entry (${i}, ${j}) = ${v}; expected a symmetric matrix of finite numbers ≥ 0`,
          'distances',
        );
      }
    }
  }
  return persistenceOfMatrix(D, n, options);
}

/** Persistence of a checked dense distance matrix. */
function persistenceOfMatrix(D: Float64Array, n: number, options: RipsOptions): RipsPersistence {
  const maxdim = options.maxdim ?? 1;
  if (maxdim !== 0 && maxdim !== 1) {
    throw new CurvInputError(`maxdim ${String(maxdim)}: expected 0 or 1`, 'maxdim');
  }
  const threshold = options.threshold ?? Number.POSITIVE_INFINITY;
  if (!(threshold >= 0)) {
    throw new CurvInputError(`threshold ${threshold}: expected a number ≥ 0`, 'threshold');
  }
  if (n === 0) throw new CurvInputError('points: empty; expected at least one point', 'points');

  // Edges in filtration order: by length, ties by (i, j) lexicographically.
  const m = (n * (n - 1)) / 2;
  const len = new Float64Array(m);
  const ei = new Int32Array(m);
  const ej = new Int32Array(m);
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      len[e] = D[i * n + j] + 0; // −0 → +0 (the radix sort orders bit patterns)
      ei[e] = i;
      ej[e] = j;
      e++;
    }
  }
  const order = sortByValue(len);
  let mT = 0;
  while (mT < m && len[order[mT]] <= threshold) mT++;

  // rank[i·n + j] = position of edge {i, j} in the filtration; edges above the threshold get mT.
  const rank = new Int32Array(n * n).fill(mT);
  const ea = new Int32Array(mT);
  const eb = new Int32Array(mT);
  const elen = new Float64Array(mT);
  for (let r = 0; r < mT; r++) {
    const k = order[r];
    ea[r] = ei[k];
    eb[r] = ej[k];
    elen[r] = len[k];
    rank[ei[k] * n + ej[k]] = r;
    rank[ej[k] * n + ei[k]] = r;
  }

  const { h0, negative } = zeroDimensional(n, mT, ea, eb, elen);
  const h1 = maxdim >= 1 ? oneDimensional(n, mT, ea, eb, elen, rank, negative) : null;
  return { n, threshold, h0, h1 };
}

/** Kruskal with union–find: every merging edge kills the class of one component. */
function zeroDimensional(
  n: number,
  mT: number,
  ea: Int32Array,
  eb: Int32Array,
  elen: Float64Array,
): { h0: DiagramH0; negative: Uint8Array } {
  const parent = new Int32Array(n);
  for (let i = 0; i < n; i++) parent[i] = i;
  const find = (x: number) => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  const negative = new Uint8Array(mT);
  const deaths: number[] = [];
  const edges: number[] = [];
  let merges = 0;
  for (let r = 0; r < mT && merges < n - 1; r++) {
    const a = find(ea[r]);
    const b = find(eb[r]);
    if (a === b) continue;
    // The component with the larger smallest vertex dies (all births are 0); roots are minimal vertices.
    if (a < b) parent[b] = a;
    else parent[a] = b;
    negative[r] = 1;
    merges++;
    if (elen[r] > 0) {
      deaths.push(elen[r]);
      edges.push(ea[r], eb[r]);
    }
  }
  const essential: number[] = [];
  for (let i = 0; i < n; i++) if (find(i) === i) essential.push(i);
  return {
    h0: {
      deaths: Float64Array.from(deaths),
      deathEdges: Int32Array.from(edges),
      essential: Int32Array.from(essential),
    },
    negative,
  };
}

/**
 * H1 by reduction of the coboundary matrix (persistent cohomology): edge columns in decreasing
 * filtration order, the pivot of a column is its earliest triangle. Triangles are never stored: a
 * triangle is encoded by the ranks of its two latest edges (key = hi·mT + second, a total order
 * refining the diameter), and coboundaries are regenerated on the fly. H0's death edges are cleared
 * (their columns would reduce to zero). Most columns are apparent: their first triangle is not yet a
 * pivot and they pair without any reduction.
 */
function oneDimensional(
  n: number,
  mT: number,
  ea: Int32Array,
  eb: Int32Array,
  elen: Float64Array,
  rank: Int32Array,
  negative: Uint8Array,
): DiagramH1 {
  // pivot key → reduced cochain: an edge rank r ≥ 0, or −2 − i for the list cochains[i]
  // of edge ranks (−1 = no entry)
  const pivots = new KeyTable(mT - n + 1);
  const cochains: Int32Array[] = [];
  const heap = new MinHeap(4 * n);
  const pairs: number[] = []; // (birth rank, death rank or −1)

  // Neighbours of every vertex in filtration order of the joining edge (below the threshold).
  const nbr = new Int32Array(n * n);
  const nbrRank = new Int32Array(n * n);
  const deg = new Int32Array(n);
  for (let r = 0; r < mT; r++) {
    const a = ea[r];
    const b = eb[r];
    nbr[a * n + deg[a]] = b;
    nbrRank[a * n + deg[a]++] = r;
    nbr[b * n + deg[b]] = a;
    nbrRank[b * n + deg[b]++] = r;
  }
  /**
   * Key of the earliest triangle containing edge r = {a, b}, or Infinity. The earliest triangle {a, b, k}
   * minimises max(rank ak, rank bk) (if that is below r the triangle's latest edge is r and the maximum is
   * its second latest; otherwise the maximum is its latest edge, which determines k). Walk a's neighbours
   * in rank order and stop once rank ak alone reaches the best maximum.
   */
  const firstCofacet = (r: number): number => {
    const b = eb[r];
    const bn = b * n;
    const start = ea[r] * n;
    const end = start + deg[ea[r]];
    let best = mT;
    let other = 0;
    for (let i = start; i < end; i++) {
      const ra = nbrRank[i];
      if (ra >= best) break;
      const k = nbr[i];
      if (k === b) continue;
      const rb = rank[bn + k];
      if (rb >= best) continue;
      if (ra > rb) {
        best = ra;
        other = rb;
      } else {
        best = rb;
        other = ra;
      }
    }
    return best < mT ? triangleKey(r, best, other, mT) : Number.POSITIVE_INFINITY;
  };

  const pushCofacets = (r: number) => {
    const a = ea[r] * n;
    const b = eb[r] * n;
    const ia = ea[r];
    const ib = eb[r];
    for (let k = 0; k < n; k++) {
      if (k === ia || k === ib) continue;
      const ra = rank[a + k];
      const rb = rank[b + k];
      if (ra >= mT || rb >= mT) continue;
      heap.push(triangleKey(r, ra, rb, mT));
    }
  };
  // Pivot of the heap's column (Z/2: equal keys cancel); it is left on the heap.
  const pivotOfHeap = (): number => {
    while (heap.size > 0) {
      const t = heap.pop();
      if (heap.size > 0 && heap.peek() === t) {
        heap.pop();
        continue;
      }
      heap.push(t);
      return t;
    }
    return -1;
  };

  for (let r = mT - 1; r >= 0; r--) {
    if (negative[r]) continue;
    // First triangle of the unreduced coboundary.
    let t = firstCofacet(r);
    if (t === Number.POSITIVE_INFINITY) {
      pairs.push(r, -1);
      continue;
    }
    if (pivots.get(t) === -1) {
      pivots.set(t, r);
      pairs.push(r, t);
      continue;
    }
    // Reduction: add earlier columns with the same pivot until the pivot is new or the column is zero.
    heap.clear();
    pushCofacets(r);
    const cochain: number[] = [r];
    for (;;) {
      t = pivotOfHeap();
      if (t < 0) break;
      const other = pivots.get(t);
      if (other === -1) break;
      if (other >= 0) {
        cochain.push(other);
        pushCofacets(other);
      } else {
        for (const s of cochains[-2 - other]) {
          cochain.push(s);
          pushCofacets(s);
        }
      }
    }
    if (t < 0) {
      pairs.push(r, -1);
      continue;
    }
    cochains.push(mod2(cochain));
    pivots.set(t, -1 - cochains.length);
    pairs.push(r, t);
  }

  // Keep pairs of positive persistence, sorted by (birth, death).
  const kept: { b: number; d: number; rb: number; rd: number }[] = [];
  for (let p = 0; p < pairs.length; p += 2) {
    const rb = pairs[p];
    const t = pairs[p + 1];
    const rd = t < 0 ? -1 : Math.floor(t / mT);
    const birth = elen[rb];
    const death = rd < 0 ? Number.POSITIVE_INFINITY : elen[rd];
    if (death > birth) kept.push({ b: birth, d: death, rb, rd });
  }
  kept.sort((x, y) => x.b - y.b || x.d - y.d || x.rb - y.rb);
  const k = kept.length;
  const births = new Float64Array(k);
  const deaths = new Float64Array(k);
  const birthEdges = new Int32Array(2 * k);
  const deathEdges = new Int32Array(2 * k);
  kept.forEach((q, i) => {
    births[i] = q.b;
    deaths[i] = q.d;
    birthEdges[2 * i] = ea[q.rb];
    birthEdges[2 * i + 1] = eb[q.rb];
    deathEdges[2 * i] = q.rd < 0 ? -1 : ea[q.rd];
    deathEdges[2 * i + 1] = q.rd < 0 ? -1 : eb[q.rd];
  });
  return { births, deaths, birthEdges, deathEdges };
}

/** Key of the triangle with edge ranks r, ra, rb: latest rank · mT + second latest. */
function triangleKey(r: number, ra: number, rb: number, mT: number): number {
  let x = ra;
  let y = rb;
  if (y > x) {
    x = rb;
    y = ra;
  }
  if (r > x) return r * mT + x;
  if (r > y) return x * mT + r;
  return x * mT + y;
}

/** Edge ranks occurring an odd number of times. */
function mod2(list: number[]): Int32Array {
  list.sort((a, b) => a - b);
  const out: number[] = [];
  for (let i = 0; i < list.length; ) {
    let j = i;
    while (j < list.length && list[j] === list[i]) j++;
    if ((j - i) % 2 === 1) out.push(list[i]);
    i = j;
  }
  return Int32Array.from(out);
}
