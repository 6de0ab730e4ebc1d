import { initBackend, Random } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  bottleneckLoss0,
  bottleneckLoss1,
  densityGrid,
  densityLoss,
  edgeLengths,
  entropyLoss0,
  entropyLoss1,
  h0Density,
  kernelLoss0,
  kernelLoss1,
  type LossInput,
  latentTopologicalLoss,
  persistenceEntropy,
  pushApartLoss,
  reininghausKernel,
  ripsPersistence,
  tensorDistances,
  topologicalLoss,
} from '../src/index.js';

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

/** Loss value and gradient w.r.t. the points of a loss builder, plus the diagram used. */
function valueAndGrad(
  points: number[][],
  target: number[][],
  f: (input: LossInput) => tf.Scalar | null,
  periodic = false,
) {
  const x = tf.variable(tf.tensor2d(points));
  const diagram = ripsPersistence(points, { periodic });
  const targetDgm = ripsPersistence(target);
  const probe = f({ x, diagram, target: targetDgm, periodic });
  if (probe === null) {
    x.dispose();
    return null;
  }
  probe.dispose();
  const { value, grads } = tf.variableGrads(() => f({ x, diagram, target: targetDgm, periodic })!, [x]);
  const out = { value: value.dataSync()[0], grad: Array.from(grads[x.name].dataSync()) };
  tf.dispose([value, grads[x.name], x]);
  return out;
}

/** The loss re-evaluated from scratch (diagram recomputed) at given points: for finite differences. */
function lossAt(
  points: number[][],
  target: number[][],
  f: (input: LossInput) => tf.Scalar | null,
  periodic = false,
) {
  return tf.tidy(() => {
    const x = tf.tensor2d(points);
    const v = f({
      x,
      diagram: ripsPersistence(points, { periodic }),
      target: ripsPersistence(target),
      periodic,
    });
    return v === null ? Number.NaN : v.dataSync()[0];
  });
}

const square = [
  [0, 0],
  [1, 0],
  [1, 1],
  [0, 1],
];

describe('topological regularisers', () => {
  it('edgeLengths(x, edges) gives Euclidean and flat-torus lengths', () => {
    tf.tidy(() => {
      const x = tf.tensor2d([
        [0, 0],
        [3, 4],
        [-3, 3],
      ]);
      const e = Array.from(edgeLengths(x, Int32Array.of(0, 1, 1, 2)).dataSync());
      expect(e[0]).toBe(5);
      expect(e[1]).toBeCloseTo(Math.hypot(6, 1), 5);
      // (−3, 3) − (3, 4) on the torus: the first coordinate wraps from −6 to 2π − 6, the second stays −1
      const p = edgeLengths(x, Int32Array.of(2, 1), { periodic: true }).dataSync()[0];
      expect(p).toBeCloseTo(Math.hypot(2 * Math.PI - 6, 1), 5);
    });
  });

  it('bottleneckLoss0: {(0,3)} against {(0,1)} is 1.5 = d/2 and shrinks the death edge (gradient ±½ along it)', () => {
    const r = valueAndGrad(
      [
        [0, 0],
        [3, 0],
      ],
      [
        [0, 0],
        [0, 1],
      ],
      bottleneckLoss0,
    )!;
    expect(r.value).toBeCloseTo(1.5, 5);
    expect(r.grad).toEqual([-0.5, 0, 0.5, 0].map((v) => expect.closeTo(v, 5)));
  });

  it('bottleneckLoss0: {(0,1)} against {(0,3)} has no gradient (the target point goes to the diagonal) → null', () => {
    const r = valueAndGrad(
      [
        [0, 0],
        [1, 0],
      ],
      [
        [0, 0],
        [0, 3],
      ],
      bottleneckLoss0,
    );
    expect(r).toBeNull();
  });

  it('bottleneckLoss0: {(0,2),(0,5)} against {(0,2.2),(0,4)} is 1 (5 ↔ 4), gradient only on that edge', () => {
    const r = valueAndGrad(
      [
        [0, 0],
        [2, 0],
        [7, 0],
      ],
      [
        [0, 0],
        [2.2, 0],
        [6.2, 0],
      ],
      bottleneckLoss0,
    )!;
    expect(r.value).toBeCloseTo(1, 5);
    expect(r.grad).toEqual([0, 0, -1, 0, 1, 0].map((v) => expect.closeTo(v, 5)));
  });

  it('bottleneckLoss1: the square against an empty H1 target is (√2 − 1)/2 through its birth and death edges', () => {
    const r = valueAndGrad(square, [[0, 0]], bottleneckLoss1)!;
    expect(r.value).toBeCloseTo((Math.SQRT2 - 1) / 2, 5);
    // the gradient touches the 4 endpoints only, and moving all points together changes nothing
    expect(r.grad.some((g) => Math.abs(g) > 0.1)).toBe(true);
    expect(r.grad.filter((_, i) => i % 2 === 0).reduce((s, g) => s + g, 0)).toBeCloseTo(0, 5);
  });

  it('persistenceEntropy and entropyLoss0: F0 deaths {1, 1} against G0 {1} give (ln 2)² = 0.480453', () => {
    expect(persistenceEntropy([[0, 1]])).toBe(0);
    expect(
      persistenceEntropy([
        [0, 1],
        [0, 1],
      ]),
    ).toBeCloseTo(Math.LN2, 14);
    const r = valueAndGrad(
      [
        [0, 0],
        [1, 0],
        [2, 0],
      ],
      [
        [0, 0],
        [1, 0],
      ],
      (i) => entropyLoss0(i),
    )!;
    expect(r.value).toBeCloseTo(0.480453, 5);
    // equal deaths maximise the entropy: the gradient vanishes
    for (const g of r.grad) expect(Math.abs(g)).toBeLessThan(1e-5);
  });

  it('reininghausKernel and kernelLoss0: F = G = {(0,1)}, σ = 0.05 give k = 0.790413 and loss −0.790413', () => {
    expect(reininghausKernel([[0, 1]], [[0, 1]], 0.05)).toBeCloseTo((1 - Math.exp(-5)) / (0.4 * Math.PI), 12);
    expect(reininghausKernel([[0, 1]], [[0, 1]], 0.05)).toBeCloseTo(0.790413, 6);
    const two = [
      [0, 0],
      [1, 0],
    ];
    const r = valueAndGrad(two, two, (i) => kernelLoss0(i))!;
    expect(r.value).toBeCloseTo(-0.790413, 5);
    // at F = G the loss k(F,F) − 2k(F,G) is stationary in d
    for (const g of r.grad) expect(Math.abs(g)).toBeLessThan(1e-4);
  });

  it('h0Density and densityLoss: a single H0 point d = 1 gives ρ(t) = 0.002·exp(−((1 − t)/0.2)²) on linspace(0, 35, 30)', () => {
    const grid = densityGrid();
    expect(grid.length).toBe(30);
    expect(grid[29]).toBe(35);
    for (const t of grid)
      expect(h0Density([1], t)).toBeCloseTo(0.002 * Math.exp(-(((1 - t) / 0.2) ** 2)), 15);
    // against a target with no finite H0 point the loss is the mean of ρ²
    const expected = grid.reduce((s, t) => s + h0Density([1], t) ** 2, 0) / 30;
    const v = lossAt(
      [
        [0, 0],
        [1, 0],
      ],
      [[5, 5]],
      (i) => densityLoss(i),
    );
    expect(v).toBeCloseTo(expected, 9);
    expect(expected).toBeGreaterThan(1e-9);
  });

  it('pushApartLoss(unit square) = −1.5', () => {
    tf.tidy(() => {
      const v = pushApartLoss({ x: tf.tensor2d(square), diagram: ripsPersistence(square) })!;
      expect(v.dataSync()[0]).toBeCloseTo(-1.5, 6);
    });
  });

  it('every regulariser has the gradient of finite differences on a generic cloud (stable pairing)', () => {
    const rng = new Random(5);
    const pts = Array.from({ length: 9 }, () => [3 * rng.uniform(), 3 * rng.uniform()]);
    const target = Array.from({ length: 8 }, () => [3 * rng.uniform(), 3 * rng.uniform()]);
    const line = [
      [0, 0],
      [1, 0],
      [2, 0],
    ];
    const cases: [string, (i: LossInput) => tf.Scalar | null, number[][]][] = [
      ['bottleneck0', bottleneckLoss0, target],
      ['bottleneck1', bottleneckLoss1, line],
      ['entropy0', (i) => entropyLoss0(i), target],
      ['entropy1', (i) => entropyLoss1(i), target],
      ['kernel0', (i) => kernelLoss0(i, 0.5), target],
      ['kernel1', (i) => kernelLoss1(i, 0.5), target],
      ['density', (i) => densityLoss(i, { sigma: 1, scale: 1, maxRange: 3, points: 7 }), target],
      ['pushApart', (i) => pushApartLoss(i), target],
    ];
    const h = 1e-3;
    for (const [name, f, tgt] of cases) {
      const r = valueAndGrad(pts, tgt, f);
      expect(r, name).not.toBeNull();
      const fd: number[] = [];
      for (let k = 0; k < pts.length * 2; k++) {
        const plus = pts.map((p) => [...p]);
        const minus = pts.map((p) => [...p]);
        plus[k >> 1][k & 1] += h;
        minus[k >> 1][k & 1] -= h;
        fd.push((lossAt(plus, tgt, f) - lossAt(minus, tgt, f)) / (2 * h));
      }
      const scale = Math.max(1e-3, ...fd.map(Math.abs));
      const err = Math.max(...fd.map((g, k) => Math.abs(g - r!.grad[k])));
      expect(
        err / scale,
        `${name}: fd ${fd.map((v) => v.toFixed(4))} vs ${r!.grad.map((v) => v.toFixed(4))}`,
      ).toBeLessThan(2e-2);
      expect(scale, name).toBeGreaterThan(1e-3); // the loss does depend on the points
    }
  });

  it('periodic (flat-torus) losses have the gradient of finite differences across the seam', () => {
    const rng = new Random(21);
    // points straddling φ = ±π in both coordinates, so generator edges wrap around
    const pts = Array.from({ length: 10 }, () => [
      Math.PI - 0.6 + 1.2 * rng.uniform() - (rng.uniform() < 0.5 ? 0 : 2 * Math.PI),
      Math.PI - 0.6 + 1.2 * rng.uniform() - (rng.uniform() < 0.5 ? 0 : 2 * Math.PI),
    ]);
    const wrapped = ripsPersistence(pts, { periodic: true });
    const flat = ripsPersistence(pts);
    expect(Math.max(...wrapped.h0.deaths)).toBeLessThan(Math.max(...flat.h0.deaths) / 2); // the seam is crossed
    const target = [
      [0, 0],
      [0.1, 0.4],
      [0.5, 0.1],
    ];
    const h = 1e-3;
    for (const [name, f] of [
      ['entropy0', (i: LossInput) => entropyLoss0(i)],
      ['kernel0', (i: LossInput) => kernelLoss0(i, 0.5)],
      ['pushApart', (i: LossInput) => pushApartLoss(i)],
    ] as const) {
      const r = valueAndGrad(pts, target, f, true)!;
      if (name === 'pushApart') {
        // the loss is rebuilt from wrapped edge lengths: it equals −Σ (torus H0 deaths)/2
        expect(r.value).toBeCloseTo(-wrapped.h0.deaths.reduce((a, b) => a + b, 0) / 2, 4);
      }
      const fd: number[] = [];
      for (let k = 0; k < pts.length * 2; k++) {
        const plus = pts.map((p) => [...p]);
        const minus = pts.map((p) => [...p]);
        plus[k >> 1][k & 1] += h;
        minus[k >> 1][k & 1] -= h;
        fd.push((lossAt(plus, target, f, true) - lossAt(minus, target, f, true)) / (2 * h));
      }
      const scale = Math.max(1e-3, ...fd.map(Math.abs));
      const err = Math.max(...fd.map((g, k) => Math.abs(g - r.grad[k])));
      expect(err / scale, name).toBeLessThan(2e-2);
    }
  });

  it('the bottleneck gradients reach exactly the endpoints of the selected pair', () => {
    const rng = new Random(9);
    const pts = Array.from({ length: 12 }, () => [5 * rng.uniform(), 5 * rng.uniform()]);
    const target = [
      [0, 0],
      [0, 0.5],
    ];
    const r = valueAndGrad(pts, target, bottleneckLoss0)!;
    const touched = new Set<number>();
    r.grad.forEach((g, k) => {
      if (g !== 0) touched.add(k >> 1);
    });
    expect(touched.size).toBe(2);
  });

  it('topologicalLoss(weights) sums the weighted terms that depend on x and reports which did', () => {
    const rng = new Random(2);
    const pts = Array.from({ length: 10 }, () => [rng.uniform(), rng.uniform()]);
    const tgt = Array.from({ length: 10 }, () => [2 * rng.uniform(), 2 * rng.uniform()]);
    const w = [2, 3, 0.5, 0.25, 0.1, 0.2, 0.7] as const;
    tf.tidy(() => {
      const x = tf.tensor2d(pts);
      const target = ripsPersistence(tgt);
      const r = topologicalLoss(w)(x, target);
      const input: LossInput = { x, diagram: r.diagram, target };
      const parts = [
        bottleneckLoss0(input),
        bottleneckLoss1(input),
        entropyLoss0(input),
        entropyLoss1(input),
        kernelLoss0(input),
        kernelLoss1(input),
        densityLoss(input),
      ];
      let expected = 0;
      parts.forEach((p, k) => {
        expect(r.terms[k]).toBe(p !== null);
        if (p) expected += w[k] * p.dataSync()[0];
      });
      expect(r.active).toBe(true);
      expect(r.loss.dataSync()[0]).toBeCloseTo(expected, 4);
      // only H0 weights: no H1 computed
      const r0 = topologicalLoss([1, 0, 0, 0, 0, 0, 0])(x, target);
      expect(r0.diagram.h1).toBeNull();
      expect(() => topologicalLoss([1, 1])).toThrow(/expected 7 numbers ≥ 0/);
    });
  });

  it('latentTopologicalLoss(z, data, weights) uses flat-torus distances for z and Euclidean ones for the data', () => {
    const rng = new Random(4);
    const z = Array.from({ length: 16 }, () => [
      rng.uniformIn(-Math.PI, Math.PI),
      rng.uniformIn(-Math.PI, Math.PI),
    ]);
    const data = Array.from({ length: 16 }, () => Array.from({ length: 6 }, () => rng.normal()));
    tf.tidy(() => {
      const zt = tf.tensor2d(z);
      const dt = tf.tensor2d(data);
      const w = [1, 1, 1, 1, 0, 0, 0];
      const v = latentTopologicalLoss(zt, dt, w).dataSync()[0];
      const ref = topologicalLoss(w, { periodic: true })(zt, ripsPersistence(data)).loss.dataSync()[0];
      const flat = topologicalLoss(w)(zt, ripsPersistence(data)).loss.dataSync()[0];
      expect(v).toBeCloseTo(ref, 6);
      expect(Math.abs(v - flat)).toBeGreaterThan(1e-4);
    });
  });

  it('repeated loss + gradient evaluations do not leak tensors', () => {
    const rng = new Random(8);
    const pts = Array.from({ length: 20 }, () => [rng.uniform(), rng.uniform()]);
    const target = ripsPersistence(Array.from({ length: 20 }, () => [rng.uniform(), rng.uniform()]));
    const x = tf.variable(tf.tensor2d(pts));
    const topo = topologicalLoss([1, 1, 1, 1, 1, 1, 1], { periodic: true });
    const step = () => {
      const { value, grads } = tf.variableGrads(() => topo(x, target).loss, [x]);
      tf.dispose([value, ...Object.values(grads)]);
      const z = latentTopologicalLoss(x, x, [1, 1, 1, 1, 1, 1, 1]);
      z.dispose();
    };
    step();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) step();
    expect(tf.memory().numTensors).toBe(before);
    x.dispose();
  });
});

describe('tensorDistances', () => {
  it('tensorDistances(x) equals the float64 distance matrix to float32 accuracy on 784-dimensional rows', () => {
    const rng = new Random(12);
    const rows = Array.from({ length: 24 }, () => Array.from({ length: 784 }, () => rng.uniform()));
    const x = tf.tensor2d(rows);
    const D = tensorDistances(x);
    x.dispose();
    let maxRel = 0;
    for (let i = 0; i < 24; i++) {
      expect(D[i * 24 + i]).toBe(0);
      for (let j = 0; j < 24; j++) {
        expect(D[i * 24 + j]).toBe(D[j * 24 + i]);
        if (i === j) continue;
        const ref = Math.sqrt(rows[i].reduce((s, v, k) => s + (v - rows[j][k]) ** 2, 0));
        maxRel = Math.max(maxRel, Math.abs(D[i * 24 + j] - ref) / ref);
      }
    }
    expect(maxRel).toBeLessThan(1e-5);
    expect(maxRel).toBeGreaterThan(0); // float32, not a float64 copy
  });
});
