import { CurvInputError, initBackend, Random } from '@curv/core';
import { conformalMetric, type RiemannianMetric } from '@curv/geometry';
import { geodesicSolver, metricGrid, periodicSegment } from '@curv/schauder';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  assignedCurves,
  type DecoderLike,
  flatTorusKMeans,
  fMeasure,
  frechetStep,
  riemannianKMeans,
  wrapAngle,
} from '../src/index.js';
import { sideBySide, stretchedDecoder, stretchedMetric } from './fixtures/stretched.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

const small = { nMax: 3, S: 17, beta: 5e-3, learningRate: 1e-3, outerIterations: 20, innerIterations: 3 };

/** φ(z₁) = ∫₀^{z₁} √(1 + a² cos² t) dt (composite Simpson, 2000 panels): the arc-length coordinate of Ψ_a. */
function arcLength(a: number, z: number): number {
  const n = 2000;
  const h = z / n;
  const f = (t: number) => Math.sqrt(1 + a * a * Math.cos(t) ** 2);
  let s = f(0) + f(z);
  for (let i = 1; i < n; i++) s += (i % 2 === 1 ? 4 : 2) * f(i * h);
  return (s * h) / 3;
}

describe('riemannianKMeans', () => {
  it('riemannianKMeans recovers classes that the stretched metric separates, where flat K-means fails', () => {
    const { points, truth } = sideBySide(20, 1);
    const flat = flatTorusKMeans(points, 2, { seed: 0, nInit: 5 });
    const fFlat = fMeasure(flat.labels, truth);
    const decoded = riemannianKMeans(points, 2, { ...small, decoder: stretchedDecoder(2.5), seed: 0 });
    const metric = riemannianKMeans(points, 2, { ...small, metric: stretchedMetric(2.5), seed: 0 });
    const fDecoded = fMeasure(decoded.labels, truth);
    // measured: flat 0.476 (cuts the classes horizontally), Riemannian 1.0 in both modes
    expect(fFlat).toBeLessThan(0.6);
    expect(fDecoded).toBeGreaterThan(0.95);
    expect(fDecoded - fFlat).toBeGreaterThan(0.35);
    expect(fMeasure(metric.labels, truth)).toBeGreaterThan(0.95);
    // metric-grid mode: the analytic metric sampled on a 32 × 32 periodic grid and interpolated
    const grid = metricGrid(stretchedMetric(2.5), { n: 32 });
    const before = tf.memory().numTensors;
    const gridded = riemannianKMeans(points, 2, { ...small, metric: grid.at, seed: 0 });
    expect(tf.memory().numTensors).toBe(before);
    grid.dispose();
    expect(fMeasure(gridded.labels, truth)).toBeGreaterThan(0.95);
    // bilinear grid: the JS energy kernel
    const bilinear = metricGrid(stretchedMetric(2.5), { n: 64, interpolation: 'bilinear' });
    const fast = riemannianKMeans(points, 2, { ...small, grid: bilinear, seed: 0 });
    bilinear.dispose();
    expect(fMeasure(fast.labels, truth)).toBeGreaterThan(0.95);
    expect(fast.settings.mode).toBe('metric');
    expect(decoded.history).toHaveLength(20);
    expect(decoded.curves.shape).toEqual([40, 2, 17, 2]);
    // each point's arm starts at the point and ends at its centroid (pre-update: trajectory row 19)
    const arms = assignedCurves(decoded.curves, decoded.labels);
    expect(arms.shape).toEqual([40, 17, 2]);
    const c19 = decoded.centroidTrajectory.subarray(19 * 4, 20 * 4);
    for (const i of [0, 25]) {
      const k = decoded.labels[i];
      expect(wrapAngle(arms.data[i * 34] - points[i][0])).toBeCloseTo(0, 5);
      expect(arms.data[i * 34 + 32]).toBeCloseTo(c19[2 * k], 5);
      expect(arms.data[i * 34 + 33]).toBeCloseTo(c19[2 * k + 1], 5);
    }
  });

  it('riemannianKMeans with a flat decoder (g = I) agrees with flat-torus K-means', () => {
    const rng = new Random(7);
    const centres = [
      [-1.5, -1.2],
      [1.4, -0.9],
      [0.1, 1.6],
    ];
    const points: number[][] = [];
    const truth: number[] = [];
    centres.forEach(([u, v], k) => {
      for (let i = 0; i < 12; i++) {
        points.push([u + 0.25 * rng.normal(), v + 0.25 * rng.normal()]);
        truth.push(k);
      }
    });
    const flat = flatTorusKMeans(points, 3, { seed: 1, nInit: 3 });
    const r = riemannianKMeans(points, 3, {
      ...small,
      decoder: stretchedDecoder(0),
      seed: 3,
      outerIterations: 25,
    });
    expect(fMeasure(flat.labels, truth)).toBe(1);
    expect(fMeasure(r.labels, flat.labels)).toBe(1);
    // on the flat torus the lengths are the chart distances: L_{i,k(i)} = ‖x_i − c_k‖ (periodic)
    const i = 5;
    const k = r.labels[i];
    const c = r.centroidTrajectory.subarray(24 * 6 + 2 * k, 24 * 6 + 2 * k + 2);
    const dist = Math.hypot(wrapAngle(points[i][0] - c[0]), wrapAngle(points[i][1] - c[1]));
    expect(r.lengths[i * 3 + k]).toBeCloseTo(dist, 4);
  });

  it('riemannianKMeans optimises the geodesics (B4 fixed) to the analytic geodesic energy; legacy keeps segments', () => {
    const a = 2.5;
    // one point, one fixed centroid across the stretched band, one outer iteration, many inner steps
    const points = [[0.2, -0.5]];
    const centroid = [[1.5, 0.5]];
    const opts = { nMax: 3, S: 17, outerIterations: 1, initialCentroids: centroid, beta: 0 };
    const optimised = riemannianKMeans(points, 1, {
      ...opts,
      metric: stretchedMetric(a),
      optimizer: 'adam',
      learningRate: 0.01,
      innerIterations: 400,
    });
    const legacy = riemannianKMeans(points, 1, { ...opts, metric: stretchedMetric(a), legacy: true });
    // exact geodesic: a straight line in (φ(z₁), z₂), energy = length² = Δφ² + Δz₂²
    const exact = (arcLength(a, 1.5) - arcLength(a, 0.2)) ** 2 + 1.0 ** 2; // 6.993
    const eOpt = optimised.energies[0];
    const eLegacy = legacy.energies[0];
    expect(eLegacy).toBeGreaterThan(exact * 1.04); // the straight chart segment is clearly not a geodesic
    expect(Math.abs(eOpt - exact) / exact).toBeLessThan(0.01);
    expect(optimised.lengths[0] ** 2).toBeCloseTo(exact, 1);
    // legacy curves are exactly the periodic straight segments (coefficients never move)
    const seg = periodicSegment(points, centroid, 17);
    const segData = seg.dataSync();
    seg.dispose();
    for (let q = 0; q < segData.length; q++) expect(legacy.curves.data[q]).toBeCloseTo(segData[q], 6);
    // the optimised curve keeps its endpoints
    expect(optimised.curves.data[0]).toBeCloseTo(0.2, 6);
    expect(optimised.curves.data[16 * 2 + 1]).toBeCloseTo(0.5, 6);
  });

  it('riemannianKMeans honours periodic: false (B6): straight chart segments instead of seam-crossing ones', () => {
    const common = {
      decoder: stretchedDecoder(1),
      nMax: 2,
      S: 5,
      outerIterations: 1,
      frozenGeodesics: true,
      initialCentroids: [[-3, 0]],
    };
    const periodic = riemannianKMeans([[3, 0]], 1, common);
    const straight = riemannianKMeans([[3, 0]], 1, { ...common, periodic: false });
    // midpoint (s = 2): straight segment through 0, periodic one through the seam ±π
    expect(straight.curves.data[4]).toBeCloseTo(0, 6);
    expect(Math.abs(wrapAngle(periodic.curves.data[4]))).toBeCloseTo(Math.PI, 5);
    expect(periodic.lengths[0]).toBeLessThan(straight.lengths[0]);
  });

  it('riemannianKMeans legacy: frozen geodesics, L_{i,0} Fréchet weight (B7), periodic forced (B6)', () => {
    const { points } = sideBySide(6, 8);
    const common = { decoder: stretchedDecoder(2), nMax: 2, S: 9, outerIterations: 2, beta: 1e-2, seed: 4 };
    const seen: number[] = [];
    const legacy = riemannianKMeans(points, 2, {
      ...common,
      legacy: true,
      periodic: false,
      onIteration: (t, h) => seen.push(t, h.norm_Frechet_mean_gradient),
    });
    expect(legacy.settings).toMatchObject({
      frozenGeodesics: true,
      frechetWeight: 'cluster0',
      periodic: true,
    });
    expect(seen).toEqual([
      0,
      legacy.history[0].norm_Frechet_mean_gradient,
      1,
      legacy.history[1].norm_Frechet_mean_gradient,
    ]);
    const own = riemannianKMeans(points, 2, { ...common, frozenGeodesics: true });
    // same start, same frozen curves in iteration 0; only the Fréchet weights differ
    expect(Array.from(own.centroidTrajectory.subarray(0, 4))).toEqual(
      Array.from(legacy.centroidTrajectory.subarray(0, 4)),
    );
    expect(own.history[0].geodesics_to_nearest_centroids_lengths).toBeCloseTo(
      legacy.history[0].geodesics_to_nearest_centroids_lengths,
      10,
    );
    const moved = (r: typeof own) =>
      Array.from(r.centroidTrajectory.subarray(4, 8), (v, q) => v - r.centroidTrajectory[q]);
    const dOwn = moved(own);
    const dLegacy = moved(legacy);
    // points of cluster 1 are weighted by their length to cluster 0 in legacy mode: a different step
    expect(Math.hypot(dOwn[2] - dLegacy[2], dOwn[3] - dLegacy[3])).toBeGreaterThan(1e-4);
  });

  it('riemannianKMeans passes each iteration its curves, labels and the centroids the curves end at', () => {
    const { points } = sideBySide(5, 3);
    const states: { curves: Float32Array; labels: Int32Array; centroids: Float64Array }[] = [];
    const r = riemannianKMeans(points, 2, {
      metric: stretchedMetric(1),
      nMax: 2,
      S: 9,
      outerIterations: 3,
      innerIterations: 2,
      learningRate: 1e-3,
      seed: 1,
      onIteration: (_t, _h, s) => {
        expect(s.shape).toEqual([10, 2, 9, 2]);
        states.push({
          curves: Float32Array.from(s.curves),
          labels: Int32Array.from(s.labels),
          centroids: Float64Array.from(s.centroids),
        });
      },
    });
    expect(states).toHaveLength(3);
    for (let t = 0; t < 3; t++) {
      // the centroids before update t are row t of the trajectory, and every curve (i, k) ends at c_k
      expect(Array.from(states[t].centroids)).toEqual(
        Array.from(r.centroidTrajectory.subarray(4 * t, 4 * t + 4)),
      );
      for (let i = 0; i < 10; i++) {
        for (let k = 0; k < 2; k++) {
          const end = ((i * 2 + k) * 9 + 8) * 2;
          expect(states[t].curves[end]).toBeCloseTo(states[t].centroids[2 * k], 5);
          expect(states[t].curves[end + 1]).toBeCloseTo(states[t].centroids[2 * k + 1], 5);
        }
      }
    }
    // the last state is what the result returns
    expect(Array.from(states[2].labels)).toEqual(Array.from(r.labels));
    expect(Array.from(states[2].curves)).toEqual(Array.from(r.curves.data));
    // the centroids moved between iterations, so the snapshots differ
    expect(states[0].centroids[0]).not.toBe(states[2].centroids[0]);
  });

  it('riemannianKMeans in decoded and metric mode gives the same energies for the same curves', () => {
    const { points } = sideBySide(5, 4);
    const common = { nMax: 3, S: 33, outerIterations: 1, innerIterations: 0, seed: 2 };
    const dec = riemannianKMeans(points, 2, { ...common, decoder: stretchedDecoder(1.5) });
    const met = riemannianKMeans(points, 2, { ...common, metric: stretchedMetric(1.5) });
    for (let j = 0; j < dec.energies.length; j++) {
      expect(met.energies[j]).toBeCloseTo(dec.energies[j], 2);
      expect(Math.abs(met.lengths[j] - dec.lengths[j]) / dec.lengths[j]).toBeLessThan(2e-3);
    }
  });

  it('riemannianKMeans accepts a SequentialDecoder (torus lift only: the flat torus, same lengths as g = I)', () => {
    const { points } = sideBySide(4, 6);
    const common = { nMax: 2, S: 9, outerIterations: 2, innerIterations: 1, seed: 0 };
    const torus: DecoderLike = { latentDim: 2, layers: [{ kind: 'torusLift' }] };
    const seq = riemannianKMeans(points, 2, { ...common, decoder: torus });
    const fn = riemannianKMeans(points, 2, { ...common, decoder: stretchedDecoder(0) });
    expect(seq.settings.mode).toBe('decoded');
    for (let j = 0; j < fn.lengths.length; j++) expect(seq.lengths[j]).toBeCloseTo(fn.lengths[j], 5);
  });

  it('riemannianKMeans is reproducible for a seed and differs across seeds', () => {
    const { points } = sideBySide(6, 2);
    const o = { ...small, outerIterations: 3, decoder: stretchedDecoder(1) };
    const a = riemannianKMeans(points, 2, { ...o, seed: 5 });
    const b = riemannianKMeans(points, 2, { ...o, seed: 5 });
    const c = riemannianKMeans(points, 2, { ...o, seed: 6 });
    expect(Array.from(a.centroids)).toEqual(Array.from(b.centroids));
    expect(Array.from(a.curves.data)).toEqual(Array.from(b.curves.data));
    expect(Array.from(a.centroidTrajectory.subarray(0, 4))).not.toEqual(
      Array.from(c.centroidTrajectory.subarray(0, 4)),
    );
  });

  it('riemannianKMeans with chunkSize gives the same result as one batch and does not leak tensors', () => {
    const { points } = sideBySide(5, 3);
    const o = { ...small, outerIterations: 4, decoder: stretchedDecoder(2), seed: 1 };
    riemannianKMeans(points, 2, { ...o, chunkSize: 3 }); // warm-up (backend caches)
    const before = tf.memory().numTensors;
    const chunked = riemannianKMeans(points, 2, { ...o, chunkSize: 3 });
    const whole = riemannianKMeans(points, 2, { ...o, chunkSize: 1000 });
    expect(tf.memory().numTensors).toBe(before);
    for (let q = 0; q < whole.curves.data.length; q++) {
      expect(chunked.curves.data[q]).toBeCloseTo(whole.curves.data[q], 5);
    }
    expect(Array.from(chunked.labels)).toEqual(Array.from(whole.labels));
  });

  it('riemannianKMeans takes a geodesic solver over a bare RiemannianMetric (no decoder anywhere)', () => {
    const { points, truth } = sideBySide(20, 1);
    // the stretched metric as a RiemannianMetric object: the same run as `metric: stretchedMetric(2.5)`
    const fn = stretchedMetric(2.5);
    const asMetric: RiemannianMetric = { dim: 2, metricMatrix: (z) => fn(z) };
    const viaFunction = riemannianKMeans(points, 2, { ...small, metric: fn, seed: 0 });
    const solver = geodesicSolver(
      { metric: asMetric },
      { nMax: 3, S: 17, lr: 1e-3, optimizer: 'sgd', base: 'periodic' },
    );
    const { nMax, S, learningRate, ...rest } = small;
    const viaSolver = riemannianKMeans(points, 2, { ...rest, solver, seed: 0 });
    expect(Array.from(viaSolver.labels)).toEqual(Array.from(viaFunction.labels));
    expect(Array.from(viaSolver.centroids)).toEqual(Array.from(viaFunction.centroids));
    expect(viaSolver.settings).toMatchObject({
      nMax: 3,
      S: 17,
      learningRate: 1e-3,
      optimizer: 'sgd',
      periodic: true,
    });
    expect(fMeasure(viaSolver.labels, truth)).toBeGreaterThan(0.95);
    // a conformal metric λ·I with a wall λ = 1 + 100·exp(−z₁²/0.04) between the classes: geodesic K-means
    // splits them by side, flat K-means does not
    const wall = conformalMetric((z) =>
      tf.tidy(
        () =>
          tf.add(1, tf.mul(100, tf.exp(tf.div(tf.neg(tf.square(tf.unstack(z, 1)[0])), 0.04)))) as tf.Tensor1D,
      ),
    );
    const walled = riemannianKMeans(points, 2, {
      ...rest,
      solver: geodesicSolver(
        { metric: wall },
        { nMax: 3, S: 33, lr: 1e-3, optimizer: 'sgd', base: 'periodic' },
      ),
      seed: 0,
    });
    const flat = flatTorusKMeans(points, 2, { seed: 0, nInit: 5 });
    expect(fMeasure(flat.labels, truth)).toBeLessThan(0.6);
    expect(fMeasure(walled.labels, truth)).toBeGreaterThan(0.95);
    expect(() => riemannianKMeans(points, 2, { solver, S: 9 })).toThrow(/S: leave it out/);
    expect(() => riemannianKMeans(points, 2, { solver, decoder: stretchedDecoder(1) })).toThrow(
      CurvInputError,
    );
  });

  it('riemannianKMeans rejects bad input with CurvInputError', () => {
    const d = stretchedDecoder(1);
    expect(() => riemannianKMeans([[0, 0]], 2, { decoder: d })).toThrow(/K: expected at most N = 1/);
    expect(() => riemannianKMeans([[0, 0]], 1, {})).toThrow(CurvInputError);
    expect(() => riemannianKMeans([[0, 0]], 1, { decoder: d, metric: stretchedMetric(1) })).toThrow(
      /exactly one/,
    );
    expect(() => riemannianKMeans([[0, 0]], 1, { decoder: d, S: 2 })).toThrow(/S: expected an integer ≥ 3/);
    expect(() =>
      riemannianKMeans([[0, 0]], 1, {
        decoder: d,
        initialCentroids: [
          [0, 0],
          [1, 1],
        ],
      }),
    ).toThrow(/initialCentroids/);
  });
});

describe('frechetStep', () => {
  // N = 2 points, K = 2 centroids, S = 3, d = 2; curves are straight segments x_i → c_k.
  const x = [
    [0, 0],
    [2, 0],
  ];
  const c = [
    [0, 1],
    [2, 2],
  ];
  const curves: number[] = [];
  for (const p of x)
    for (const q of c)
      for (const t of [0, 0.5, 1]) curves.push(p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1]));
  const lengths = [1, Math.hypot(2, 2), Math.hypot(2, 1), 2];
  const energies = lengths.map((l) => l * l);

  it('frechetStep assigns by length and sums L_{i,k(i)}·v_i per cluster', () => {
    const r = frechetStep({ curves, energies, lengths, N: 2, K: 2, S: 3, d: 2, weight: 'own' });
    expect(Array.from(r.labels)).toEqual([0, 1]);
    // point 0 → c_0: v = (0, 1), weight 1; point 1 → c_1: v = (0, 1), weight 2
    expect(Array.from(r.gradients)).toEqual([0, 1, 0, 2]);
    expect(r.history.norm_Frechet_mean_gradient).toBe(1.5);
    expect(r.history.intraclass_variance).toBe((1 + 4) / 2);
    expect(r.history.intraclass_variance_by_cluster).toEqual([0.5, 2]);
    expect(r.history.geodesics_to_nearest_centroids_lengths).toBe(3);
    expect(r.history.geodesics_to_nearest_centroids_lengths_by_cluster).toEqual([1, 2]);
  });

  it("frechetStep with weight 'cluster0' uses L_{i,0} for every point (legacy B7)", () => {
    const r = frechetStep({ curves, energies, lengths, N: 2, K: 2, S: 3, d: 2, weight: 'cluster0' });
    expect(r.gradients[3]).toBeCloseTo(Math.hypot(2, 1), 12);
  });

  it('frechetStep guards zero-length last segments (B33): no NaN, counted as degenerate', () => {
    const flatCurves = curves.slice();
    // point 0 sits on centroid 0: its curve is constant
    for (let s = 0; s < 3; s++) flatCurves.splice(s * 2, 2, 0, 0);
    const r = frechetStep({
      curves: flatCurves,
      energies,
      lengths: [0, 3, 3, 2],
      N: 2,
      K: 2,
      S: 3,
      d: 2,
      weight: 'own',
    });
    expect(r.degenerate).toBe(1);
    expect(Array.from(r.gradients).every(Number.isFinite)).toBe(true);
  });
});
