import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { initBackend, readSafetensors } from '@curv/core';
import { TorusAE } from '@curv/models';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { computeGeodesic } from '../src/commands/geodesic.js';
import { computeGeometry } from '../src/commands/geometry.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'curv-tools-'));
const weights = join(tmp, 'tiny.safetensors');

/**
 * Ψ(φ) = fc6(sin(fc5(sin(fc4([cos φ, sin φ]))))) of a TorusAE, re-implemented in float64 from the
 * PyTorch-layout weights (W is [out, in]) — an independent reference for the app's float32 results.
 */
function referenceDecoder(path: string): (phi: [number, number]) => Float64Array {
  const t = readSafetensors(path).tensors;
  const dense = (name: string, x: Float64Array) => {
    const W = t[`${name}.weight`];
    const b = t[`${name}.bias`].data;
    const [out, inp] = W.shape;
    const y = new Float64Array(out);
    for (let o = 0; o < out; o++) {
      let acc = b[o];
      for (let i = 0; i < inp; i++) acc += W.data[o * inp + i] * x[i];
      y[o] = acc;
    }
    return y;
  };
  return ([a, b]) => {
    const lift = Float64Array.from([Math.cos(a), Math.cos(b), Math.sin(a), Math.sin(b)]);
    return dense('fc6', dense('fc5', dense('fc4', lift).map(Math.sin)).map(Math.sin));
  };
}

const dot = (u: Float64Array, v: Float64Array) => u.reduce((s, x, i) => s + x * v[i], 0);
const sub = (u: Float64Array, v: Float64Array) => u.map((x, i) => x - v[i]);
const scale = (u: Float64Array, c: number) => u.map((x) => x * c);

/**
 * Metric g = JᵀJ and scalar curvature R = 2K by the Gauss equation, K = (⟨IIuu, IIvv⟩ − |IIuv|²)/det g
 * with II the normal part of the second derivatives — all by float64 central differences.
 */
function referenceGeometry(psi: (p: [number, number]) => Float64Array, [u, v]: [number, number]) {
  const h = 1e-4;
  const P = (du: number, dv: number) => psi([u + du, v + dv]);
  const c = P(0, 0);
  const Ju = scale(sub(P(h, 0), P(-h, 0)), 1 / (2 * h));
  const Jv = scale(sub(P(0, h), P(0, -h)), 1 / (2 * h));
  const Huu = scale(
    sub(P(h, 0), scale(c, 2)).map((x, i) => x + P(-h, 0)[i]),
    1 / (h * h),
  );
  const Hvv = scale(
    sub(P(0, h), scale(c, 2)).map((x, i) => x + P(0, -h)[i]),
    1 / (h * h),
  );
  const Huv = scale(
    sub(P(h, h), P(h, -h)).map((x, i) => x - P(-h, h)[i] + P(-h, -h)[i]),
    1 / (4 * h * h),
  );
  const g = [
    [dot(Ju, Ju), dot(Ju, Jv)],
    [dot(Jv, Ju), dot(Jv, Jv)],
  ];
  const det = g[0][0] * g[1][1] - g[0][1] * g[1][0];
  const inv = [
    [g[1][1] / det, -g[0][1] / det],
    [-g[1][0] / det, g[0][0] / det],
  ];
  const normal = (H: Float64Array) => {
    const a = [dot(H, Ju), dot(H, Jv)];
    const cu = inv[0][0] * a[0] + inv[0][1] * a[1];
    const cv = inv[1][0] * a[0] + inv[1][1] * a[1];
    return H.map((x, i) => x - cu * Ju[i] - cv * Jv[i]);
  };
  const nuu = normal(Huu);
  const nvv = normal(Hvv);
  const nuv = normal(Huv);
  const K = (dot(nuu, nvv) - dot(nuv, nuv)) / det;
  return { g, det, R: 2 * K };
}

const POINTS: [number, number][] = [
  [0, 0],
  [0.7, -1.3],
  [-2.5, 2.9],
  [3.1, 0.4],
];

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
  const ae = new TorusAE({ inputDim: 5, hidden: [7, 6], latentDim: 2, seed: 3 });
  ae.save(weights);
  ae.dispose();
});

describe('curv geometry on a 5-7-6-2 TorusAE', () => {
  it('computeGeometry(gauss) matches float64 finite differences: g = JᵀJ, det g, R = 2K (Gauss equation)', () => {
    const out = computeGeometry(weights, POINTS, 'gauss');
    const psi = referenceDecoder(weights);
    expect(out.R).toHaveLength(POINTS.length);
    POINTS.forEach((p, i) => {
      const ref = referenceGeometry(psi, p);
      const gScale = Math.abs(ref.g[0][0]) + Math.abs(ref.g[1][1]);
      for (let a = 0; a < 2; a++) {
        for (let b = 0; b < 2; b++)
          expect(Math.abs(out.g[i][a][b] - ref.g[a][b])).toBeLessThan(1e-4 * gScale);
      }
      expect(out.g[i][0][1]).toBe(out.g[i][1][0]);
      expect(Math.abs(out.detg[i] - ref.det)).toBeLessThan(1e-3 * Math.abs(ref.det));
      expect(Math.abs(out.R[i] - ref.R)).toBeLessThan(2e-3 * Math.abs(ref.R) + 1e-4);
    });
  });

  it('the intrinsic and fd routes agree with the Gauss route', () => {
    const gauss = computeGeometry(weights, POINTS, 'gauss');
    const intrinsic = computeGeometry(weights, POINTS, 'intrinsic');
    const fd = computeGeometry(weights, POINTS, 'fd');
    const scaleR = Math.max(...gauss.R.map(Math.abs));
    gauss.R.forEach((r, i) => {
      expect(Math.abs(intrinsic.R[i] - r)).toBeLessThan(5e-3 * scaleR);
      expect(Math.abs(fd.R[i] - r)).toBeLessThan(5e-2 * scaleR);
      expect(Math.abs(fd.detg[i] - gauss.detg[i])).toBeLessThan(1e-2 * gauss.detg[i]);
    });
  });

  it('computeGeometry rejects points of the wrong latent dimension', () => {
    expect(() => computeGeometry(weights, [[0, 0, 0]], 'gauss')).toThrow(/latent dimension is 2/);
  });

  it('does not leak tensors across repeated calls', () => {
    computeGeometry(weights, POINTS, 'gauss');
    const before = tf.memory().numTensors;
    for (let k = 0; k < 3; k++) computeGeometry(weights, POINTS, 'gauss');
    expect(tf.memory().numTensors).toBe(before);
  });

  it('the CLI prints { R, g, detg } as JSON on stdout (spawned process, exit 0)', () => {
    const pts = join(tmp, 'points.json');
    writeFileSync(pts, JSON.stringify(POINTS));
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', CLI, 'geometry', '--weights', weights, '--points', pts, '--backend', 'wasm'],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 60_000,
      },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { R: number[]; g: number[][][]; detg: number[] };
    const inProcess = computeGeometry(weights, POINTS, 'gauss');
    expect(out.R).toHaveLength(4);
    expect(out.g[2][1][1]).toBeCloseTo(inProcess.g[2][1][1], 5);
    expect(out.detg[3]).toBeCloseTo(inProcess.detg[3], 5);
  });
});

describe('curv geodesic on a 5-7-6-2 TorusAE', () => {
  it('computeGeodesic fixes the endpoints, lowers the energy and satisfies L² ≤ E', async () => {
    const out = await computeGeodesic({
      weights,
      from: [0, -2],
      to: [0, 3],
      steps: 33,
      nMax: 4,
      iterations: 200,
    });
    expect(out.curve).toHaveLength(33);
    expect(out.curve[0][0]).toBeCloseTo(0, 5);
    expect(out.curve[0][1]).toBeCloseTo(-2, 5);
    expect(out.curve[32][1]).toBeCloseTo(3, 5);
    expect(out.energy).toBeLessThan(out.straightEnergy);
    expect(out.length ** 2).toBeLessThanOrEqual(out.energy * (1 + 1e-5));
  });

  it('straightEnergy and straightLength are (S−1)Σ‖ΔΨ‖² and Σ‖ΔΨ‖ of the straight segment (float64 reference)', async () => {
    const S = 17;
    const out = await computeGeodesic({
      weights,
      from: [-1, 0.5],
      to: [2, -1],
      steps: S,
      nMax: 3,
      iterations: 0,
    });
    const psi = referenceDecoder(weights);
    let e = 0;
    let len = 0;
    for (let s = 0; s + 1 < S; s++) {
      const at = (k: number) => psi([-1 + (3 * k) / (S - 1), 0.5 - (1.5 * k) / (S - 1)]);
      const d = sub(at(s + 1), at(s));
      e += dot(d, d);
      len += Math.sqrt(dot(d, d));
    }
    expect(out.straightEnergy).toBeCloseTo((S - 1) * e, 3);
    expect(out.straightLength).toBeCloseTo(len, 4);
    expect(out.energy).toBeCloseTo(out.straightEnergy, 5); // 0 iterations: the curve is the base segment
  });

  it('--periodic starts from the shortest segment across the seam of the torus', async () => {
    const straight = await computeGeodesic({
      weights,
      from: [3, 0],
      to: [-3, 0],
      steps: 9,
      nMax: 2,
      iterations: 0,
    });
    const periodic = await computeGeodesic({
      weights,
      from: [3, 0],
      to: [-3, 0],
      steps: 9,
      nMax: 2,
      iterations: 0,
      periodic: true,
    });
    // Straight: x decreases through 0. Periodic: the chart curve moves by 2π − 6 ≈ 0.28 in total.
    expect(straight.curve[4][0]).toBeCloseTo(0, 5);
    const span = Math.abs(periodic.curve[8][0] - periodic.curve[0][0]);
    expect(span).toBeCloseTo(2 * Math.PI - 6, 4);
    expect(periodic.straightLength).toBeLessThan(straight.straightLength);
  });

  it('the CLI prints { curve, energy, length, straightEnergy, straightLength } (spawned process, exit 0)', () => {
    const r = spawnSync(
      process.execPath,
      [
        '--import',
        'tsx',
        CLI,
        'geodesic',
        '--weights',
        weights,
        '--from',
        '0,-2',
        '--to',
        '0,3',
        '--points',
        '17',
        '--nmax',
        '3',
        '--iters',
        '20',
      ],
      { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, CURV_BACKEND: 'wasm' } },
    );
    expect(r.status, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as Record<string, unknown>;
    for (const k of ['curve', 'energy', 'length', 'straightEnergy', 'straightLength'])
      expect(out).toHaveProperty(k);
    expect(out.curve as number[][]).toHaveLength(17);
    expect(out.energy as number).toBeLessThanOrEqual(out.straightEnergy as number);
  });
});
