import { initBackend, Random } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  chartMetricGrid,
  cubicSpline,
  curveLength,
  geodesicGraph,
  graphGeodesic,
  gridSchauderGeodesics,
  halfPlaneDistance,
  halfPlaneMetric,
  schauderGeodesics,
  straightCurve,
} from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

/** Jittered grid nodes on [−1.8, 1.8] × [0.5, 3.0] (the graph solver's nodes for a metric without data). */
function halfPlaneNodes(nx: number, ny: number, seed = 0): Float64Array {
  const rng = new Random(seed);
  const out = new Float64Array(nx * ny * 2);
  const hx = 3.6 / (nx - 1);
  const hy = 2.5 / (ny - 1);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      out[2 * (j * nx + i)] = -1.8 + i * hx + 0.3 * hx * (rng.uniform() - 0.5);
      out[2 * (j * nx + i) + 1] = 0.5 + j * hy + 0.3 * hy * (rng.uniform() - 0.5);
    }
  }
  return out;
}

const ARC = Math.acosh(3); // 1.762747…

/** Largest deviation of curve points from the circle |z| = √2. */
function circleDeviation(points: Float64Array): number {
  let worst = 0;
  for (let i = 0; i < points.length / 2; i++) {
    worst = Math.max(worst, Math.abs(Math.hypot(points[2 * i], points[2 * i + 1]) - Math.SQRT2));
  }
  return worst;
}

describe('half-plane fixtures', () => {
  it('halfPlaneDistance((−1, 1), (1, 1)) = arccosh 3 and the straight segment has length 2', () => {
    expect(halfPlaneDistance([-1, 1], [1, 1])).toBeCloseTo(1.762747, 6);
    const L = curveLength(halfPlaneMetric(), straightCurve([-1, 1], [1, 1])).length;
    expect(Math.abs(L - 2)).toBeLessThan(1e-5);
  });

  it('curveLength of the exact circular arc is arccosh 3 (quadrature check)', () => {
    const arc = {
      dim: 2,
      points: (ts: ArrayLike<number>) => {
        const o = new Float64Array(ts.length * 2);
        for (let q = 0; q < ts.length; q++) {
          const th = (3 * Math.PI) / 4 - (ts[q] * Math.PI) / 2;
          o[2 * q] = Math.SQRT2 * Math.cos(th);
          o[2 * q + 1] = Math.SQRT2 * Math.sin(th);
        }
        return o;
      },
      velocities: (ts: ArrayLike<number>) => {
        const o = new Float64Array(ts.length * 2);
        for (let q = 0; q < ts.length; q++) {
          const th = (3 * Math.PI) / 4 - (ts[q] * Math.PI) / 2;
          o[2 * q] = (Math.SQRT2 * Math.sin(th) * Math.PI) / 2;
          o[2 * q + 1] = (-Math.SQRT2 * Math.cos(th) * Math.PI) / 2;
        }
        return o;
      },
    };
    expect(Math.abs(curveLength(halfPlaneMetric(), arc).length - ARC) / ARC).toBeLessThan(1e-5);
  });

  it('cubicSpline reproduces a cubic exactly (not-a-knot) and its derivative', () => {
    const f = (t: number) => 2 * t ** 3 - t ** 2 + 0.5 * t;
    const pts = Array.from({ length: 7 }, (_, i) => f(i / 6));
    const s = cubicSpline(pts, 1);
    expect(s.points([0.37])[0]).toBeCloseTo(f(0.37), 10);
    expect(s.velocities([0.81])[0]).toBeCloseTo(6 * 0.81 ** 2 - 2 * 0.81 + 0.5, 9);
  });

  it('graphGeodesic: (−1, 1) → (1, 1) within 0.5 % of arccosh 3, near the circle of radius √2', () => {
    const before = tf.memory().numTensors;
    const metric = halfPlaneMetric();
    const graph = geodesicGraph(metric, halfPlaneNodes(49, 34), 2, { k: 12 });
    const g = graphGeodesic(graph, metric, [-1, 1], [1, 1], { smoothing: 3 });
    const err = Math.abs(g.length - ARC) / ARC;
    console.log('graph arc', g.length, err, circleDeviation(g.points), g.graphLength);
    expect(err).toBeLessThan(0.005);
    expect(g.length).toBeLessThan(2 * 0.9);
    expect(circleDeviation(g.points)).toBeLessThan(0.05);
    const v = graphGeodesic(graph, metric, [0, 1], [0, Math.E], { smoothing: 3 });
    console.log('graph vertical', v.length);
    expect(Math.abs(v.length - 1)).toBeLessThan(0.005);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('schauderGeodesics: (−1, 1) → (1, 1) within 0.5 % of arccosh 3, near the circle; (0, 1) → (0, e) = 1', () => {
    const before = tf.memory().numTensors;
    const metric = halfPlaneMetric();
    const [g, v] = schauderGeodesics(
      metric,
      [
        [-1, 1],
        [0, 1],
      ],
      [
        [1, 1],
        [0, Math.E],
      ],
      { steps: 1500, lr: 0.01 },
    );
    const err = Math.abs(g.length - ARC) / ARC;
    console.log('schauder arc', g.length, err, circleDeviation(g.points), 'vertical', v.length);
    expect(err).toBeLessThan(0.005);
    expect(circleDeviation(g.points)).toBeLessThan(0.02);
    expect(Math.abs(v.length - 1)).toBeLessThan(0.005);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('gridSchauderGeodesics on a chartMetricGrid (128², B-spline): (−1, 1) → (1, 1) within 0.5 % of arccosh 3', () => {
    const before = tf.memory().numTensors;
    const metric = halfPlaneMetric();
    const chart = chartMetricGrid(metric, { x: [-2.2, 2.2], y: [0.45, 3.4] }, 128);
    const [g, v] = gridSchauderGeodesics(
      metric,
      chart,
      [
        [-1, 1],
        [0, 1],
      ],
      [
        [1, 1],
        [0, Math.E],
      ],
      { steps: 1500 },
    );
    const err = Math.abs(g.length - ARC) / ARC;
    console.log('grid schauder arc', g.length, err, circleDeviation(g.points), 'vertical', v.length);
    expect(err).toBeLessThan(0.005);
    expect(circleDeviation(g.points)).toBeLessThan(0.02);
    expect(Math.abs(v.length - 1)).toBeLessThan(0.005);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('schauderGeodesics({ initialCurves }) starts from the least-squares projection of a curve: with 0 steps the exact arc gives arccosh 3 (the straight segment has length 2)', () => {
    const metric = halfPlaneMetric();
    const arc = cubicSpline(
      Array.from({ length: 41 }, (_, i) => {
        const th = (3 * Math.PI) / 4 - (i / 40) * (Math.PI / 2);
        return [Math.SQRT2 * Math.cos(th), Math.SQRT2 * Math.sin(th)];
      }).flat(),
      2,
    );
    const [g] = schauderGeodesics(metric, [[-1, 1]], [[1, 1]], { steps: 0, initialCurves: [arc] });
    expect(circleDeviation(g.points)).toBeLessThan(0.01);
    expect(Math.abs(g.length - ARC) / ARC).toBeLessThan(0.005);
  });
});
