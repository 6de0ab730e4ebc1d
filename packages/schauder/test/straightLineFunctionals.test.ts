import { CurvInputError } from '@curv/core';
import {
  type JetDecoder,
  jetColumns,
  jetConcat,
  jetCos,
  jetMul,
  jetSin,
  type SequentialDecoder,
} from '@curv/geometry-autograd';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { type DecoderFn, straightLineFunctionals } from '../src/index.js';
import { flatTorus, sphere } from './fixtures.js';
import { init } from './setup.js';

beforeAll(init);

const n = 100;
/** Discrete second derivative factor: (cos(w(t+h)) − 2cos(wt) + cos(w(t−h)))/h² = −c·cos(wt). */
const c2 = (w: number, h: number) => (2 * (1 - Math.cos(w * h))) / (h * h);
const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);

/** The unit sphere chart (latitude θ, longitude φ) with exact jets. */
const sphereJet: JetDecoder = {
  latentDim: 2,
  jet: (z) => {
    const t = jetColumns(z, 0);
    const p = jetColumns(z, 1);
    return jetConcat([jetMul(jetCos(t), jetCos(p)), jetMul(jetCos(t), jetSin(p)), jetSin(t)]);
  },
};

describe('straightLineFunctionals on an affine decoder', () => {
  // Ψ(z) = zW + b, W [2, 4]: γ'' = 0, so Ẽ = A = 0, and E = (n/(n+1))·|vW|² (n terms of weight 1/(n+1)).
  const W = [
    [0.7, -1.2, 0.3, 2.0],
    [1.1, 0.4, -0.9, 0.5],
  ];
  const bias = [0.3, -0.2, 0.1, 0.05];
  const affine: DecoderFn = (z) => tf.tidy(() => tf.add(tf.matMul(z, tf.tensor2d(W)), tf.tensor1d(bias)));
  const starts = [
    [-2, 1],
    [0.5, 0.5],
    [3, -3],
  ];
  const ends = [
    [2.5, -1.5],
    [0.6, 0.4],
    [-3, 3],
  ];

  it('has E = n/(n+1)·|W(x_j − x_i)|² and Ẽ, A at the float32 noise floor', () => {
    const f = straightLineFunctionals(affine, starts, ends, { n });
    for (let p = 0; p < starts.length; p++) {
      const v = [ends[p][0] - starts[p][0], ends[p][1] - starts[p][1]];
      let wv2 = 0;
      for (let o = 0; o < 4; o++) wv2 += (v[0] * W[0][o] + v[1] * W[1][o]) ** 2;
      expect(rel(f.energy[p], (n / (n + 1)) * wv2)).toBeLessThan(2e-5);
      // |Ψ| ≲ 15 here: noise (4·6e-8·15/1e-4)² ≈ 1e-3 per point; a wrong 2nd difference gives O(|Wv|²·n²).
      expect(f.eTilde[p]).toBeLessThan(5e-3);
      expect(f.acceleration[p]).toBeLessThan(5e-3);
    }
  });
});

describe('straightLineFunctionals on the flat torus (cos z1, sin z1, cos z2, sin z2)', () => {
  const starts = [
    [-2.5, 1.0],
    [0.3, -2.9],
    [1.0, 1.0],
  ];
  const ends = [
    [2.0, -1.5],
    [-1.2, 2.8],
    [-1.5, 2.7],
  ];

  it('gives A ≈ 0 (straight lines are geodesics), Ẽ = Σ c(v_i, 1/n)² ≈ v1⁴ + v2⁴ and E = n(n+1)Σ sin²(v_i/(n+1))', () => {
    const f = straightLineFunctionals(flatTorus, starts, ends, { n });
    for (let p = 0; p < starts.length; p++) {
      const v = [ends[p][0] - starts[p][0], ends[p][1] - starts[p][1]];
      const eTilde = c2(v[0], 1 / n) ** 2 + c2(v[1], 1 / n) ** 2;
      const energy = n * (n + 1) * (Math.sin(v[0] / (n + 1)) ** 2 + Math.sin(v[1] / (n + 1)) ** 2);
      // continuum values, to show what the discrete formulas approximate
      expect(rel(eTilde, v[0] ** 4 + v[1] ** 4)).toBeLessThan(5e-3);
      expect(rel(f.eTilde[p], eTilde)).toBeLessThan(1e-3); // measured ≤ 6e-6
      expect(rel(f.energy[p], energy)).toBeLessThan(1e-4);
      expect(f.acceleration[p]).toBeLessThan(1e-5 * f.eTilde[p]); // measured ≤ 3e-7
    }
  });
});

describe('straightLineFunctionals on the unit sphere chart (latitude θ, longitude φ)', () => {
  // Parallel at latitude θ0 with φ-speed w: γ'' (discrete) = −c(w,h)·cos θ0 (cos φ, sin φ, 0); its tangential
  // part is its component along e_θ = (−sin θ cos φ, −sin θ sin φ, cos θ): c·cos θ0·sin θ0 (geodesic curvature
  // tan θ0 times speed² w² cos² θ0). Hence A = n/(n−1)·c(w, 1/(n−1))²·cos²θ0·sin²θ0 ≈ w⁴cos²θ0 sin²θ0.
  const theta = [0.6, -1.0, 0.25];
  const phi0 = [-1.0, 0.5, 2.0];
  const w = [2.0, -1.5, 2.5];
  const starts = theta.map((t, i) => [t, phi0[i]]);
  const parallelEnds = theta.map((t, i) => [t, phi0[i] + w[i]]);
  const meridianEnds = theta.map((t, i) => [t + 0.4 * w[i], phi0[i]]);

  for (const [name, dec] of [
    ['function decoder (central-difference J)', sphere],
    ['JetDecoder (exact J)', sphereJet],
  ] as const) {
    it(`a parallel is not a geodesic: A = n/(n−1)·c²·cos²θ·sin²θ (${name})`, () => {
      const f = straightLineFunctionals(dec, starts, parallelEnds, { n });
      for (let p = 0; p < theta.length; p++) {
        const ct = Math.cos(theta[p]);
        const st = Math.sin(theta[p]);
        const A = (n / (n - 1)) * c2(w[p], 1 / (n - 1)) ** 2 * ct * ct * st * st;
        expect(rel(A, w[p] ** 4 * ct * ct * st * st)).toBeLessThan(2e-2);
        expect(rel(f.acceleration[p], A)).toBeLessThan(1e-3); // measured ≤ 1.2e-5
        expect(rel(f.eTilde[p], c2(w[p], 1 / n) ** 2 * ct * ct)).toBeLessThan(1e-3); // measured ≤ 1.1e-4
        expect(rel(f.energy[p], n * (n + 1) * ct * ct * Math.sin(w[p] / (n + 1)) ** 2)).toBeLessThan(1e-4);
      }
    });

    it(`a meridian is a geodesic: A ≈ 0 while Ẽ = c(w, 1/n)² (${name})`, () => {
      const f = straightLineFunctionals(dec, starts, meridianEnds, { n });
      for (let p = 0; p < theta.length; p++) {
        const wm = 0.4 * w[p];
        expect(rel(f.eTilde[p], c2(wm, 1 / n) ** 2)).toBeLessThan(1e-3); // measured ≤ 3e-5
        expect(rel(f.energy[p], n * (n + 1) * Math.sin(wm / (n + 1)) ** 2)).toBeLessThan(1e-4);
        expect(f.acceleration[p]).toBeLessThan(1e-4 * f.eTilde[p]); // measured ≤ 7e-6
      }
    });
  }
});

describe('straightLineFunctionals on a sin-MLP decoder', () => {
  function sinMlp(): SequentialDecoder {
    const mat = (r: number, c: number, s: number) =>
      tf.tensor2d(
        Array.from({ length: r * c }, (_, i) => Math.sin(1.7 * i + s)),
        [r, c],
      );
    return {
      latentDim: 2,
      layers: [
        { kind: 'torusLift' },
        {
          kind: 'dense',
          kernel: mat(4, 8, 1),
          bias: tf.tensor1d(Array.from({ length: 8 }, (_, i) => 0.1 * i)),
        },
        { kind: 'activation', fn: 'sin' },
        { kind: 'dense', kernel: mat(8, 5, 2), bias: tf.zeros([5]) },
      ],
    };
  }

  it('exact-jet and central-difference Jacobians give the same A; reversing a pair changes nothing', () => {
    const dec = sinMlp();
    const starts = [
      [-2, 1],
      [0.4, -0.3],
    ];
    const ends = [
      [2.5, -1.5],
      [1.9, 2.2],
    ];
    const exact = straightLineFunctionals(dec, starts, ends);
    const fd = straightLineFunctionals((z) => tf.tidy(() => fnOf(dec, z)), starts, ends);
    const back = straightLineFunctionals(dec, ends, starts);
    for (let p = 0; p < 2; p++) {
      expect(exact.acceleration[p]).toBeGreaterThan(1e-2 * exact.eTilde[p]); // not a geodesic
      // ‖Qᵀγ''‖ ≤ ‖γ''‖; A has n terms of weight 1/(n−1) and a slightly larger h than Ẽ, hence the 5 %.
      expect(exact.acceleration[p]).toBeLessThan(1.05 * exact.eTilde[p]);
      expect(rel(fd.acceleration[p], exact.acceleration[p])).toBeLessThan(1e-3);
      expect(rel(back.acceleration[p], exact.acceleration[p])).toBeLessThan(1e-3);
      expect(rel(back.eTilde[p], exact.eTilde[p])).toBeLessThan(1e-3);
      expect(rel(back.energy[p], exact.energy[p])).toBeLessThan(1e-5);
    }
    for (const l of dec.layers) if (l.kind === 'dense') tf.dispose([l.kernel, l.bias]);
  });

  it('does not leak tensors and rejects bad input with CurvInputError', () => {
    straightLineFunctionals(flatTorus, [[0, 0]], [[1, 1]], { n: 10 });
    const before = tf.memory().numTensors;
    for (let r = 0; r < 3; r++) straightLineFunctionals(sphereJet, [[0, 0]], [[1, 1]], { n: 10 });
    straightLineFunctionals(flatTorus, [[0, 0]], [[1, 1]], { n: 10 });
    expect(tf.memory().numTensors).toBe(before);
    expect(() => straightLineFunctionals(flatTorus, [[0, 0]], [[1, 1]], { n: 2 })).toThrow(CurvInputError);
    expect(() => straightLineFunctionals(flatTorus, [[0, 0]], [[1, 1, 1]])).toThrow(CurvInputError);
    expect(() => straightLineFunctionals(sphereJet, [[0, 0, 0]], [[1, 1, 1]])).toThrow(CurvInputError);
    expect(tf.memory().numTensors).toBe(before);
  });
});

function fnOf(dec: SequentialDecoder, z: tf.Tensor2D): tf.Tensor2D {
  let x: tf.Tensor2D = z;
  for (const l of dec.layers) {
    if (l.kind === 'torusLift') x = tf.concat([tf.cos(x), tf.sin(x)], 1) as tf.Tensor2D;
    else if (l.kind === 'dense') x = tf.add(tf.matMul(x, l.kernel), l.bias) as tf.Tensor2D;
    else x = tf.sin(x);
  }
  return x;
}
