import { CurvInputError } from '@curv/core';
import type { MetricGrid } from './metricGrid.js';
import type { SchauderBasis } from './schauderBasis.js';
import { checkInt } from './validate.js';

export interface GraphInitialization {
  /** Starts shifted by multiples of 2π so that the path ends exactly at `ends` (decoders are periodic). */
  starts: number[][];
  ends: number[][];
  /** Row-major `[b, m, d]` coefficients: straight segment(starts → ends) + basis·c ≈ graph path. */
  initialCoefficients: Float32Array;
  /** The unwrapped graph paths (latent polylines from starts[i] to ends[i]) and their graph lengths. */
  paths: number[][][];
  lengths: number[];
}

/** Binary min-heap of (key, node). */
class Heap {
  private keys: number[] = [];
  private nodes: number[] = [];
  get size() {
    return this.keys.length;
  }
  push(k: number, v: number) {
    const { keys, nodes } = this;
    keys.push(k);
    nodes.push(v);
    let i = keys.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (keys[p] <= keys[i]) break;
      [keys[p], keys[i]] = [keys[i], keys[p]];
      [nodes[p], nodes[i]] = [nodes[i], nodes[p]];
      i = p;
    }
  }
  pop(): [number, number] {
    const { keys, nodes } = this;
    const top: [number, number] = [keys[0], nodes[0]];
    const k = keys.pop() as number;
    const v = nodes.pop() as number;
    if (keys.length > 0) {
      keys[0] = k;
      nodes[0] = v;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < keys.length && keys[l] < keys[m]) m = l;
        if (r < keys.length && keys[r] < keys[m]) m = r;
        if (m === i) break;
        [keys[m], keys[i]] = [keys[i], keys[m]];
        [nodes[m], nodes[i]] = [nodes[i], nodes[m]];
        i = m;
      }
    }
    return top;
  }
}

/** Grid moves: the 8 king moves and the 8 knight moves (16 directions, angular resolution ≈ 27°). */
const MOVES: Array<[number, number]> = [
  [1, 0],
  [-1, 0],
  [0, 1],
  [0, -1],
  [1, 1],
  [1, -1],
  [-1, 1],
  [-1, -1],
  [2, 1],
  [2, -1],
  [-2, 1],
  [-2, -1],
  [1, 2],
  [1, -2],
  [-1, 2],
  [-1, -2],
];

/** Solve (A + λI) x = y for a symmetric positive semi-definite A (m × m, row-major) by Cholesky. */
function ridgeSolve(A: Float64Array, m: number, ys: Float64Array[], lambda: number): Float64Array[] {
  const L = new Float64Array(m * m);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j <= i; j++) {
      let s = A[i * m + j] + (i === j ? lambda : 0);
      for (let k = 0; k < j; k++) s -= L[i * m + k] * L[j * m + k];
      L[i * m + j] = i === j ? Math.sqrt(Math.max(s, 1e-300)) : s / L[j * m + j];
    }
  }
  return ys.map((y) => {
    const z = new Float64Array(m);
    for (let i = 0; i < m; i++) {
      let s = y[i];
      for (let k = 0; k < i; k++) s -= L[i * m + k] * z[k];
      z[i] = s / L[i * m + i];
    }
    const x = new Float64Array(m);
    for (let i = m - 1; i >= 0; i--) {
      let s = z[i];
      for (let k = i + 1; k < m; k++) s -= L[k * m + i] * x[k];
      x[i] = s / L[i * m + i];
    }
    return x;
  });
}

/**
 * Graph initialisation for long geodesics that straight segments start badly: Dijkstra on the periodic
 * metric grid (16-neighbour moves, edge weight √(Δᵀ ḡ Δ) with ḡ the mean of the two node metrics), the
 * path unwrapped across the ±π seams and resampled at equal metric arc length to S points, then
 * projected on the Schauder basis by ridge least squares. Feed the result to {@link solveGeodesics}:
 *
 * ```ts
 * const init = graphInitialization(grid, starts, ends, basis);
 * solveGeodesics({ metric: grid.metric }, init.starts, init.ends, { basis, initialCoefficients: init.initialCoefficients });
 * ```
 * Start and end are snapped to their nearest nodes for the search; the path then begins and ends exactly
 * at them (2π-shifted start). Only d = 2 (the metric grid is 2-D); needs a zero-boundary basis.
 */
export function graphInitialization(
  grid: MetricGrid,
  starts: ArrayLike<ArrayLike<number>>,
  ends: ArrayLike<ArrayLike<number>>,
  basis: SchauderBasis,
): GraphInitialization {
  const b = starts.length;
  if (b === 0 || ends.length !== b) {
    throw new CurvInputError(
      `ends: expected as many points as starts (${b} ≥ 1); got ${ends.length}`,
      'ends',
    );
  }
  if (basis.variant !== 'zeroBoundary') {
    throw new CurvInputError('basis: graphInitialization needs a zeroBoundary basis', 'basis');
  }
  const { n, values } = grid;
  checkInt(n, 4, 'grid.n');
  if (grid.lo !== -Math.PI || grid.hi !== Math.PI) {
    throw new CurvInputError('grid: graphInitialization needs a metric grid on the torus [−π, π)²', 'grid');
  }
  const h = (2 * Math.PI) / n;
  const N = n * n;
  const xFastest = (u: number) => (u % n) * n + Math.floor(u / n);
  // Edge weights per node and move.
  const W = new Float64Array(N * MOVES.length);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      const u = i * n + j;
      MOVES.forEach(([di, dj], k) => {
        const v = ((((i + di) % n) + n) % n) * n + ((((j + dj) % n) + n) % n);
        // node u = i·n + j here (i along x); the grid stores node (i, j) at j·n + i (x fastest)
        const g = (c: number) => 0.5 * (values[xFastest(u) * 4 + c] + values[xFastest(v) * 4 + c]);
        const q = (g(0) * di * di + 2 * g(1) * di * dj + g(3) * dj * dj) * h * h;
        W[u * MOVES.length + k] = Math.sqrt(Math.max(q, 0));
      });
    }
  }
  const node = (p: ArrayLike<number>) => {
    const wrap = (x: number) => ((Math.round((x + Math.PI) / h) % n) + n) % n;
    return [wrap(p[0]), wrap(p[1])];
  };
  const S = basis.S;
  const m = basis.columns;
  const B = basis.data;
  // Normal matrix BᵀB (shared by all pairs).
  const BtB = new Float64Array(m * m);
  for (let s = 0; s < S; s++) {
    for (let a = 0; a < m; a++) {
      const x = B[s * m + a];
      if (x === 0) continue;
      for (let c = 0; c < m; c++) BtB[a * m + c] += x * B[s * m + c];
    }
  }
  let trace = 0;
  for (let a = 0; a < m; a++) trace += BtB[a * m + a];
  const lambda = 1e-8 * (trace / m) + 1e-12;

  const outStarts: number[][] = [];
  const outEnds: number[][] = [];
  const paths: number[][][] = [];
  const lengths: number[] = [];
  const coeffs = new Float32Array(b * m * 2);
  const dist = new Float64Array(N);
  const prev = new Int32Array(N);
  const prevMove = new Int32Array(N);
  for (let p = 0; p < b; p++) {
    const x = [Number(starts[p][0]), Number(starts[p][1])];
    const y = [Number(ends[p][0]), Number(ends[p][1])];
    if (![...x, ...y].every(Number.isFinite) || starts[p].length !== 2 || ends[p].length !== 2) {
      throw new CurvInputError(`starts/ends[${p}]: expected finite 2-D points`, 'starts');
    }
    const [si, sj] = node(x);
    const [ti, tj] = node(y);
    const src = si * n + sj;
    const dst = ti * n + tj;
    dist.fill(Number.POSITIVE_INFINITY);
    prev.fill(-1);
    dist[src] = 0;
    const heap = new Heap();
    heap.push(0, src);
    while (heap.size > 0) {
      const [d, u] = heap.pop();
      if (d > dist[u]) continue;
      if (u === dst) break;
      const i = Math.floor(u / n);
      const j = u % n;
      for (let k = 0; k < MOVES.length; k++) {
        const [di, dj] = MOVES[k];
        const v = ((((i + di) % n) + n) % n) * n + ((((j + dj) % n) + n) % n);
        const nd = d + W[u * MOVES.length + k];
        if (nd < dist[v]) {
          dist[v] = nd;
          prev[v] = u;
          prevMove[v] = k;
          heap.push(nd, v);
        }
      }
    }
    // Moves from src to dst, then unwrapped polyline x → … → image of y.
    const moves: number[] = [];
    for (let v = dst; v !== src; v = prev[v]) moves.push(prevMove[v]);
    moves.reverse();
    const poly: number[][] = [];
    const weights: number[] = [];
    let cur = [-Math.PI + si * h, -Math.PI + sj * h];
    // shift the snapped start node to the image nearest x
    cur = cur.map((c, k) => c + 2 * Math.PI * Math.round((x[k] - c) / (2 * Math.PI)));
    poly.push([...x]);
    let u = src;
    for (const k of moves) {
      const [di, dj] = MOVES[k];
      weights.push(W[u * MOVES.length + k]);
      cur = [cur[0] + di * h, cur[1] + dj * h];
      u = ((((Math.floor(u / n) + di) % n) + n) % n) * n + (((((u % n) + dj) % n) + n) % n);
      poly.push([...cur]);
    }
    // last point: the image of y nearest the last node (replaces the snapped end node, or appended)
    const yImage = y.map((c, k) => c + 2 * Math.PI * Math.round((cur[k] - c) / (2 * Math.PI)));
    if (moves.length > 0) poly[poly.length - 1] = yImage;
    else poly.push(yImage);
    if (weights.length === 0) weights.push(0);
    // shift everything so that it ends exactly at y
    const shift = [yImage[0] - y[0], yImage[1] - y[1]];
    for (const q of poly) {
      q[0] -= shift[0];
      q[1] -= shift[1];
    }
    const x0 = poly[0];
    const total = weights.reduce((a, c) => a + c, 0);
    // resample at equal graph (metric) arc length; chart length when the metric length is 0
    const segLen = weights.map((w, k) =>
      total > 0 ? w : Math.hypot(poly[k + 1][0] - poly[k][0], poly[k + 1][1] - poly[k][1]),
    );
    const cum = [0];
    for (const l of segLen) cum.push(cum[cum.length - 1] + l);
    const L = cum[cum.length - 1];
    const curve: number[][] = [];
    let seg = 0;
    for (let s = 0; s < S; s++) {
      const target = (L * s) / (S - 1);
      while (seg < segLen.length - 1 && cum[seg + 1] < target) seg++;
      const f = segLen[seg] > 0 ? Math.min(1, Math.max(0, (target - cum[seg]) / segLen[seg])) : 0;
      curve.push([
        poly[seg][0] + f * (poly[seg + 1][0] - poly[seg][0]),
        poly[seg][1] + f * (poly[seg + 1][1] - poly[seg][1]),
      ]);
    }
    curve[0] = [...x0];
    curve[S - 1] = [...y];
    // least squares: basis · c ≈ curve − straight(x0 → y)
    const rhs = [new Float64Array(m), new Float64Array(m)];
    for (let s = 0; s < S; s++) {
      const t = s / (S - 1);
      for (let k = 0; k < 2; k++) {
        const r = curve[s][k] - (x0[k] + t * (y[k] - x0[k]));
        for (let a = 0; a < m; a++) rhs[k][a] += B[s * m + a] * r;
      }
    }
    const [c0, c1] = ridgeSolve(BtB, m, rhs, lambda);
    for (let a = 0; a < m; a++) {
      coeffs[(p * m + a) * 2] = c0[a];
      coeffs[(p * m + a) * 2 + 1] = c1[a];
    }
    outStarts.push(x0);
    outEnds.push(y);
    paths.push(poly);
    lengths.push(dist[dst]);
  }
  return { starts: outStarts, ends: outEnds, initialCoefficients: coeffs, paths, lengths };
}
