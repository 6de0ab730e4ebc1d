import { CurvInputError } from '@curv/core';
import FlatQueue from 'flatqueue';
import { cubicSpline, type ParametricCurve, straightCurve } from './cubicSpline.js';
import { curveLength, metricSpeeds } from './curveLength.js';
import type { RiemannianMetric } from './riemannianMetric.js';

/** Gauss–Legendre nodes/weights on [0, 1] for straight segments (8 points). */
const SEG_X = [
  0.019855071751231856, 0.10166676129318664, 0.2372337950418355, 0.4082826787521751, 0.5917173212478249,
  0.7627662049581645, 0.8983332387068134, 0.9801449282487681,
];
const SEG_W = [
  0.05061426814518813, 0.11119051722668724, 0.15685332293894363, 0.181341891689181, 0.181341891689181,
  0.15685332293894363, 0.11119051722668724, 0.05061426814518813,
];

/** A kNN graph on latent nodes whose edges weigh the Riemannian length of the straight segment. */
export interface GeodesicGraph {
  readonly dim: number;
  /** Row-major [n, d] node positions. */
  readonly nodes: Float64Array;
  /** Neighbour lists and edge lengths (symmetric: the union of the kNN relations). */
  readonly neighbours: number[][];
  readonly weights: number[][];
  /** Neighbours per node used to build it. */
  readonly k: number;
}

/** Options of {@link geodesicGraph}. */
export interface GeodesicGraphOptions {
  /** Euclidean nearest neighbours per node (default 5). */
  k?: number;
}

/** Riemannian lengths of straight segments a_e → b_e (row-major [E, d] each) by 8-point Gauss–Legendre. */
export function segmentLengths(
  metric: RiemannianMetric,
  a: ArrayLike<number>,
  b: ArrayLike<number>,
): Float64Array {
  const d = metric.dim;
  const E = Math.floor(a.length / d);
  const out = new Float64Array(E);
  if (E === 0) return out;
  const q = SEG_X.length;
  const pts = new Float64Array(E * q * d);
  const vel = new Float64Array(E * q * d);
  for (let e = 0; e < E; e++) {
    for (let s = 0; s < q; s++) {
      for (let c = 0; c < d; c++) {
        const delta = b[e * d + c] - a[e * d + c];
        pts[(e * q + s) * d + c] = a[e * d + c] + SEG_X[s] * delta;
        vel[(e * q + s) * d + c] = delta;
      }
    }
  }
  // A "curve" whose parameter indexes the quadrature points directly.
  const curve: ParametricCurve = {
    dim: d,
    points: () => pts,
    velocities: () => vel,
  };
  const speeds = metricSpeeds(metric, curve, new Float64Array(E * q));
  for (let e = 0; e < E; e++) {
    let s = 0;
    for (let k = 0; k < q; k++) s += SEG_W[k] * speeds[e * q + k];
    out[e] = s;
  }
  return out;
}

function kNearest(
  nodes: ArrayLike<number>,
  n: number,
  d: number,
  p: ArrayLike<number>,
  pOff: number,
  k: number,
  skip = -1,
): number[] {
  const dist: [number, number][] = [];
  for (let j = 0; j < n; j++) {
    if (j === skip) continue;
    let s = 0;
    for (let c = 0; c < d; c++) s += (nodes[j * d + c] - p[pOff + c]) ** 2;
    dist.push([s, j]);
  }
  dist.sort((x, y) => x[0] - y[0]);
  return dist.slice(0, k).map((x) => x[1]);
}

/**
 * Build the kNN graph of the geodesic graph solver: every node is joined to its k Euclidean nearest
 * neighbours (union, so the graph is symmetric), and an edge weighs the Riemannian length of the straight
 * segment between its ends (8-point Gauss–Legendre, all edges in one batched metric evaluation).
 *
 * ```ts
 * const graph = geodesicGraph(metric, kmeansCentres(latentMeans, 2, 64).centres, 2, { k: 5 });
 * ```
 */
export function geodesicGraph(
  metric: RiemannianMetric,
  nodes: ArrayLike<number>,
  d: number,
  options: GeodesicGraphOptions = {},
): GeodesicGraph {
  if (d !== metric.dim)
    throw new CurvInputError(`nodes: dimension ${d} ≠ metric dimension ${metric.dim}`, 'nodes');
  const n = Math.floor(nodes.length / d);
  if (n < 2 || n * d !== nodes.length) {
    throw new CurvInputError(
      `nodes: expected a row-major [n ≥ 2, ${d}] array; got ${nodes.length} values`,
      'nodes',
    );
  }
  const k = Math.min(options.k ?? 5, n - 1);
  if (!Number.isInteger(k) || k < 1)
    throw new CurvInputError(`k: expected a positive integer; got ${options.k}`, 'k');
  const pairs = new Map<string, [number, number]>();
  for (let i = 0; i < n; i++) {
    for (const j of kNearest(nodes, n, d, nodes, i * d, k, i)) {
      const key = i < j ? `${i},${j}` : `${j},${i}`;
      if (!pairs.has(key)) pairs.set(key, i < j ? [i, j] : [j, i]);
    }
  }
  const edges = [...pairs.values()];
  const a = new Float64Array(edges.length * d);
  const b = new Float64Array(edges.length * d);
  edges.forEach(([i, j], e) => {
    for (let c = 0; c < d; c++) {
      a[e * d + c] = nodes[i * d + c];
      b[e * d + c] = nodes[j * d + c];
    }
  });
  const w = segmentLengths(metric, a, b);
  const neighbours: number[][] = Array.from({ length: n }, () => []);
  const weights: number[][] = Array.from({ length: n }, () => []);
  edges.forEach(([i, j], e) => {
    neighbours[i].push(j);
    weights[i].push(w[e]);
    neighbours[j].push(i);
    weights[j].push(w[e]);
  });
  return { dim: d, nodes: Float64Array.from(nodes), neighbours, weights, k };
}

/** Options of {@link graphGeodesic}. */
export interface GraphGeodesicOptions {
  /** Passes of the 3-point moving average over the interior path points (default 1). */
  smoothing?: number;
  /** Points sampled along the final spline for `points` (default 100). */
  samples?: number;
}

/** A geodesic from the graph solver. */
export interface GraphGeodesic {
  /** Node indices of the shortest graph path (without the two endpoints). */
  path: number[];
  /** Length of the shortest graph path (sum of edge lengths, endpoints included). */
  graphLength: number;
  /** The smoothed cubic spline through c₀, the path nodes and c₁ (uniform parameter). */
  curve: ParametricCurve;
  /** Riemannian length of `curve` by adaptive Gauss–Legendre quadrature. */
  length: number;
  /** `samples` points along `curve`, row-major [samples, d]. */
  points: Float64Array;
  /** False when c₀ and c₁ are not connected through the graph (then `curve` is the straight segment). */
  connected: boolean;
}

/**
 * Geodesic between two latent points by the graph solver: attach c₀ and c₁ to their k nearest graph nodes
 * (edges weighted by Riemannian segment length; Dijkstra chooses the best attachment), take the shortest
 * path (Dijkstra with a binary heap), replace each interior path point by the mean of itself and its two
 * neighbours (`smoothing` passes), keep c₀ and c₁, and fit a not-a-knot cubic spline on a uniform
 * parameter; its length is measured by quadrature.
 *
 * ```ts
 * const g = graphGeodesic(graph, metric, [-1, 1], [1, 1]);
 * g.length; // ≈ arccosh 3 on the half-plane
 * ```
 */
export function graphGeodesic(
  graph: GeodesicGraph,
  metric: RiemannianMetric,
  start: readonly number[],
  end: readonly number[],
  options: GraphGeodesicOptions = {},
): GraphGeodesic {
  const d = graph.dim;
  for (const [name, p] of [
    ['start', start],
    ['end', end],
  ] as const) {
    if (p.length !== d || !p.every(Number.isFinite)) {
      throw new CurvInputError(`${name}: expected ${d} finite coordinates; got [${p}]`, name);
    }
  }
  const smoothing = options.smoothing ?? 1;
  const samples = options.samples ?? 100;
  const n = graph.nodes.length / d;
  const S = n;
  const T = n + 1;
  // Attachments of c₀ and c₁: their k nearest nodes, Riemannian straight-segment lengths in one batch.
  const ns = kNearest(graph.nodes, n, d, start, 0, graph.k);
  const nt = kNearest(graph.nodes, n, d, end, 0, graph.k);
  const a: number[] = [];
  const b: number[] = [];
  for (const j of ns) {
    a.push(...start);
    for (let c = 0; c < d; c++) b.push(graph.nodes[j * d + c]);
  }
  for (const j of nt) {
    a.push(...end);
    for (let c = 0; c < d; c++) b.push(graph.nodes[j * d + c]);
  }
  const attach = segmentLengths(metric, a, b);
  const extra = new Map<number, [number, number][]>();
  const add = (u: number, v: number, w: number) => {
    if (!extra.has(u)) extra.set(u, []);
    extra.get(u)!.push([v, w]);
  };
  ns.forEach((j, e) => {
    add(S, j, attach[e]);
    add(j, S, attach[e]);
  });
  nt.forEach((j, e) => {
    add(T, j, attach[ns.length + e]);
    add(j, T, attach[ns.length + e]);
  });
  // Dijkstra from S.
  const dist = new Float64Array(n + 2).fill(Number.POSITIVE_INFINITY);
  const prev = new Int32Array(n + 2).fill(-1);
  const done = new Uint8Array(n + 2);
  const queue = new FlatQueue<number>();
  dist[S] = 0;
  queue.push(S, 0);
  while (queue.length > 0) {
    const u = queue.pop()!;
    if (done[u]) continue;
    done[u] = 1;
    if (u === T) break;
    const relax = (v: number, w: number) => {
      const alt = dist[u] + w;
      if (alt < dist[v]) {
        dist[v] = alt;
        prev[v] = u;
        queue.push(v, alt);
      }
    };
    if (u < n) {
      const nb = graph.neighbours[u];
      for (let e = 0; e < nb.length; e++) relax(nb[e], graph.weights[u][e]);
    }
    for (const [v, w] of extra.get(u) ?? []) relax(v, w);
  }
  const connected = Number.isFinite(dist[T]);
  const path: number[] = [];
  if (connected) for (let v = prev[T]; v !== S && v >= 0; v = prev[v]) path.unshift(v);
  // Path points c₀, nodes…, c₁, then smoothing of the interior points.
  let pts: number[][] = [
    [...start],
    ...path.map((j) => Array.from(graph.nodes.subarray(j * d, (j + 1) * d))),
    [...end],
  ];
  for (let pass = 0; pass < smoothing && pts.length > 2; pass++) {
    pts = pts.map((p, i) =>
      i === 0 || i === pts.length - 1 ? p : p.map((_, c) => (pts[i - 1][c] + pts[i][c] + pts[i + 1][c]) / 3),
    );
  }
  const curve = connected && pts.length > 2 ? cubicSpline(pts.flat(), d) : straightCurve(start, end);
  const ts = Float64Array.from({ length: samples }, (_, i) => i / Math.max(1, samples - 1));
  return {
    path,
    graphLength: dist[T],
    curve,
    length: curveLength(metric, curve).length,
    points: curve.points(ts),
    connected,
  };
}
