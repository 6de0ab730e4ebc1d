import { CurvInputError, Random } from '@curv/core';
import * as tf from '@tensorflow/tfjs-core';
import { adaptiveKernelFromSquaredDistances } from './adaptiveKernel.js';
import { curvatureAgnosticKernelFromSquaredDistances, type Kernel } from './curvatureAgnosticKernel.js';
import { diffusionEntropy } from './diffusionEntropy.js';
import { diffusionOperator } from './diffusionOperator.js';
import { checkTimes, matrixPower, walkDiffusion } from './diffusionPowers.js';
import { fixedKernelFromSquaredDistances } from './fixedKernel.js';
import { type PointCloud, pointTensor } from './input.js';
import { jensenShannonDistance } from './jensenShannonDistance.js';
import { plane } from './manifolds/plane.js';
import { squaredDistances } from './pairwiseDistances.js';
import { potentialDistances } from './potentialDistances.js';
import { interpolate } from './trajectory.js';
import { medianSupport, tuneBandwidthFromSquaredDistances } from './tuneBandwidth.js';
import { wassersteinFromDirac } from './wassersteinFromDirac.js';

/** `entropic`: entropy compared at equal diffusion-trajectory distance; `w1`: 1 − W1_X/W1_flat at one t. */
export type DiffusionCurvatureMethod = 'entropic' | 'w1';
/** `subtraction`: k = l_flat − l_X; `ollivier`: k = 1 − l_X / l_flat. */
export type CurvatureComparisonMethod = 'subtraction' | 'ollivier';
export type KernelType = 'curvature-agnostic' | 'fixed' | 'adaptive';
/**
 * Ground distance for W1: `'phate'` (potential distances of P^distanceTime) or a function of the
 * diffusion operator and the points returning an [n, n] distance matrix. It is applied to the cloud and
 * to the flat comparison space alike, so it should be scale-free.
 */
export type DistanceOption = 'phate' | ((p: tf.Tensor2D, points: tf.Tensor2D) => tf.Tensor2D);

/** Diffusion energy and trajectory curves of the centre of one flat comparison space. */
export interface FlatCurves {
  dim: number;
  /** Energy (entropy or W1) at every t, averaged over the comparison trials. */
  energy: Float64Array;
  /** Diffusion-trajectory distance at every t, averaged over the comparison trials. */
  trajectory: Float64Array;
  /** Entropic method: the common trajectory distance d* at which energies are compared (NaN for w1). */
  dStar: number;
}

export interface DiffusionCurvatureResult {
  /** Signed curvature at every evaluated point (positive = lazier than flat = positively curved). */
  k: Float64Array;
  /** Curvature before the P^smoothing averaging (equal to `k` when smoothing is off). */
  unsmoothed: Float64Array;
  /** Indices of the evaluated points (all points by default). */
  indices: Int32Array;
  /** Tuned (or given) bandwidth factor ν; null for the fixed and adaptive kernels. */
  nu: number | null;
  /** Global bandwidth σ of the cloud's kernel (NaN for the adaptive kernel). */
  sigma: number;
  /** Median number of entries > 1e-10 in a row of P. */
  support: number;
  /** False when the ν tuning did not reach graphKnn ± tolerance. */
  converged: boolean;
  /** Diffusion times t. */
  times: number[];
  /** Per evaluated point: energy (entropy or W1 from the Dirac) at every t. */
  energy: Float64Array[];
  /** Per evaluated point: diffusion-trajectory distance at every t (starts at 0, non-decreasing). */
  trajectory: Float64Array[];
  /** One entry per distinct intrinsic dimension. */
  flat: FlatCurves[];
  method: DiffusionCurvatureMethod;
  comparison: CurvatureComparisonMethod;
}

export interface RunOptions {
  /** Stops the computation between diffusion steps (the promise rejects with the signal's reason). */
  signal?: AbortSignal;
  /** Called with a short stage label ("tune", "t=12", "flat d=2 trial 1/3"). */
  onProgress?: (stage: string) => void;
}

interface Settings {
  graphKnn: number;
  tolerance: number;
  nu: number | null;
  alpha: number;
  threshold: number;
  kernel: KernelType;
  times: number[];
  method: DiffusionCurvatureMethod;
  comparison: CurvatureComparisonMethod;
  localityScale: number;
  smoothing: number;
  comparisonTrials: number;
  distance: DistanceOption;
  distanceTime: number;
  w1Time: number;
  indices: number[] | null;
  seed: number;
}

/** The configurable curvature estimator returned by {@link diffusionCurvature}. */
export interface DiffusionCurvature {
  /** Curvature of `points` ([n, D]) with intrinsic dimension `dim` (one number, or one per point). */
  (points: PointCloud, dim: number | ArrayLike<number>): DiffusionCurvatureResult;
  /** Same as calling, but yields to the event loop between diffusion steps so it can be aborted. */
  run(
    points: PointCloud,
    dim: number | ArrayLike<number>,
    options?: RunOptions,
  ): Promise<DiffusionCurvatureResult>;
  /** Target median support of P for the ν tuning (default 150). */
  graphKnn(): number;
  graphKnn(k: number): this;
  /** Accepted |support − graphKnn| (default 5). */
  tolerance(): number;
  tolerance(t: number): this;
  /** Fixed bandwidth factor ν (skips tuning); null = tune (default). */
  nu(): number | null;
  nu(nu: number | null): this;
  /** Density normalisation exponent α (default 0). */
  alpha(): number;
  alpha(a: number): this;
  /** Affinities below this are zeroed (default 1e-5). */
  threshold(): number;
  threshold(t: number): this;
  /** Kernel: 'curvature-agnostic' (default, tuned ν), 'fixed' (median heuristic) or 'adaptive' (k-th neighbour). */
  kernel(): KernelType;
  kernel(k: KernelType): this;
  /** Diffusion times: a list, or an inclusive range `times(1, 39)` (default 1…39). */
  times(): number[];
  times(list: readonly number[]): this;
  times(from: number, to: number): this;
  /** 'entropic' (default) or 'w1' (the W1 / flat-space ratio at one time, see {@link w1Time}). */
  method(): DiffusionCurvatureMethod;
  method(m: DiffusionCurvatureMethod): this;
  /** Entropic method: 'subtraction' (default) or 'ollivier'. */
  comparison(): CurvatureComparisonMethod;
  comparison(c: CurvatureComparisonMethod): this;
  /** Entropic method: d* = localityScale · min(mean final trajectory distance, flat one) (default 0.9). */
  localityScale(): number;
  localityScale(s: number): this;
  /** Final averaging k ← P^s k (default 2; 0 = off; skipped when only some points are evaluated). */
  smoothing(): number;
  smoothing(s: number): this;
  /** Flat comparison samples averaged per dimension (default 3). */
  comparisonTrials(): number;
  comparisonTrials(n: number): this;
  /** W1 ground distance (default 'phate'). */
  distance(): DistanceOption;
  distance(d: DistanceOption): this;
  /** Diffusion time of the PHATE potential distances (default 25). */
  distanceTime(): number;
  distanceTime(t: number): this;
  /** W1 method: the time t of k_t (default 13, where the torus correlation peaks; must be one of the times). */
  w1Time(): number;
  w1Time(t: number): this;
  /** Evaluate only these points (rows are propagated, no full powers; smoothing is skipped). null = all. */
  points(): number[] | null;
  points(indices: readonly number[] | null): this;
  /** Seed of the flat comparison samples (default 0). */
  seed(): number;
  seed(s: number): this;
  /** An independent copy with the same settings. */
  copy(): DiffusionCurvature;
}

const positiveInt = (name: string, v: number, min = 1) => {
  if (!Number.isInteger(v) || v < min)
    throw new Error(`diffusionCurvature.${name}: expected an integer ≥ ${min}, got ${v}`);
  return v;
};
const finite = (name: string, v: number, min = 0) => {
  if (!Number.isFinite(v) || v < min)
    throw new Error(`diffusionCurvature.${name}: expected a number ≥ ${min}, got ${v}`);
  return v;
};

/**
 * A configurable diffusion-curvature estimator (d3 style: every setting is a chained method).
 *
 * ```ts
 * const r = diffusionCurvature().graphKnn(150).times(1, 39).method('entropic')(points, 2);
 * r.k; // signed curvature per point
 * ```
 */
export function diffusionCurvature(): DiffusionCurvature {
  return make({
    graphKnn: 150,
    tolerance: 5,
    nu: null,
    alpha: 0,
    threshold: 1e-5,
    kernel: 'curvature-agnostic',
    times: range(1, 39),
    method: 'entropic',
    comparison: 'subtraction',
    localityScale: 0.9,
    smoothing: 2,
    comparisonTrials: 3,
    distance: 'phate',
    distanceTime: 25,
    w1Time: 13,
    indices: null,
    seed: 0,
  });
}

function range(a: number, b: number): number[] {
  positiveInt('times', a);
  positiveInt('times', b, a);
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

function make(s: Settings): DiffusionCurvature {
  const dc = ((points: PointCloud, dim: number | ArrayLike<number>) => {
    const gen = steps(s, points, dim);
    let r = gen.next();
    while (!r.done) r = gen.next();
    return r.value;
  }) as DiffusionCurvature;
  dc.run = async (points, dim, options = {}) => {
    const gen = steps(s, points, dim);
    try {
      let r = gen.next();
      while (!r.done) {
        options.onProgress?.(r.value);
        await new Promise<void>((resolve) => setTimeout(resolve, 0));
        options.signal?.throwIfAborted();
        r = gen.next();
      }
      return r.value;
    } finally {
      gen.return(undefined as never);
    }
  };
  // biome-ignore lint/suspicious/noExplicitAny: overloaded accessors share one implementation.
  const accessor = (key: keyof Settings, check: (v: any) => any = (v) => v) =>
    function (this: unknown, ...args: unknown[]) {
      if (!args.length) return Array.isArray(s[key]) ? [...(s[key] as number[])] : s[key];
      (s as unknown as Record<string, unknown>)[key] = check(args[0]);
      return dc;
    };
  Object.assign(dc, {
    graphKnn: accessor('graphKnn', (v) => positiveInt('graphKnn', v)),
    tolerance: accessor('tolerance', (v) => finite('tolerance', v)),
    nu: accessor('nu', (v) => (v === null ? null : finite('nu', v, Number.MIN_VALUE))),
    alpha: accessor('alpha', (v) => finite('alpha', v)),
    threshold: accessor('threshold', (v) => finite('threshold', v)),
    kernel: accessor('kernel', (v) => {
      if (!['curvature-agnostic', 'fixed', 'adaptive'].includes(v)) {
        throw new Error(
          `diffusionCurvature.kernel: expected 'curvature-agnostic', 'fixed' or 'adaptive', got ${v}`,
        );
      }
      return v;
    }),
    method: accessor('method', (v) => {
      if (v !== 'entropic' && v !== 'w1')
        throw new Error(`diffusionCurvature.method: expected 'entropic' or 'w1', got ${v}`);
      return v;
    }),
    comparison: accessor('comparison', (v) => {
      if (v !== 'subtraction' && v !== 'ollivier') {
        throw new Error(`diffusionCurvature.comparison: expected 'subtraction' or 'ollivier', got ${v}`);
      }
      return v;
    }),
    localityScale: accessor('localityScale', (v) => finite('localityScale', v, Number.MIN_VALUE)),
    smoothing: accessor('smoothing', (v) => positiveInt('smoothing', v, 0)),
    comparisonTrials: accessor('comparisonTrials', (v) => positiveInt('comparisonTrials', v)),
    distance: accessor('distance', (v) => {
      if (v !== 'phate' && typeof v !== 'function')
        throw new Error("diffusionCurvature.distance: expected 'phate' or a function");
      return v;
    }),
    distanceTime: accessor('distanceTime', (v) => positiveInt('distanceTime', v)),
    w1Time: accessor('w1Time', (v) => positiveInt('w1Time', v)),
    points: accessor('indices', (v) => (v === null ? null : [...(v as number[])])),
    seed: accessor('seed', (v) => finite('seed', v, -Infinity)),
    copy: () => make({ ...s, times: [...s.times], indices: s.indices ? [...s.indices] : null }),
  });
  dc.times = function (this: unknown, ...args: unknown[]) {
    if (!args.length) return [...s.times];
    s.times =
      args.length >= 2 ? range(args[0] as number, args[1] as number) : checkTimes(args[0] as number[]);
    return dc;
  } as DiffusionCurvature['times'];
  return dc;
}

function kernelOf(s: Settings, d2: tf.Tensor2D, nu: number): Kernel {
  const opts = { alpha: s.alpha, threshold: s.threshold };
  if (s.kernel === 'fixed') return fixedKernelFromSquaredDistances(d2, opts);
  if (s.kernel === 'adaptive') return adaptiveKernelFromSquaredDistances(d2, opts);
  return curvatureAgnosticKernelFromSquaredDistances(d2, nu, opts);
}

function distanceMatrix(s: Settings, p: tf.Tensor2D, x: tf.Tensor2D): tf.Tensor2D {
  if (s.distance === 'phate') {
    const pt = matrixPower(p, s.distanceTime);
    try {
      return potentialDistances(pt);
    } finally {
      pt.dispose();
    }
  }
  const d = s.distance(p, x);
  const n = p.shape[0];
  if (d.rank !== 2 || d.shape[0] !== n || d.shape[1] !== n) {
    throw new Error(
      `diffusionCurvature.distance: the distance function returned [${d.shape}], expected [${n}, ${n}]`,
    );
  }
  return d;
}

interface Curves {
  energy: Float64Array; // [m, T]
  trajectory: Float64Array; // [m, T]
}

/**
 * Energies and trajectory distances of the rows `start · P^t` (start = null: all rows), one matMul per step.
 * `dist` = rows of the W1 ground distance for the same points (w1 method), else null.
 */
function* diffuse(
  s: Settings,
  p: tf.Tensor2D,
  start: tf.Tensor2D | null,
  dist: tf.Tensor2D | null,
  label: string,
  keepPower: number,
  kept: { power: tf.Tensor2D | null },
): Generator<string, Curves, void> {
  const T = s.times.length;
  const m = start ? start.shape[0] : p.shape[0];
  const energy = new Float64Array(m * T);
  const trajectory = new Float64Array(m * T);
  let prev: tf.Tensor2D | null = null;
  let k = 0;
  try {
    for (const t of walkDiffusion(p, start, s.times, (t, rows) => {
      const e = tf.tidy(() => (dist ? wassersteinFromDirac(dist, rows) : diffusionEntropy(rows)));
      const ev = e.dataSync();
      e.dispose();
      let sv: Float32Array | null = null;
      if (prev) {
        const js = jensenShannonDistance(rows, prev);
        sv = js.dataSync() as Float32Array;
        js.dispose();
        prev.dispose();
      }
      for (let i = 0; i < m; i++) {
        energy[i * T + k] = ev[i];
        trajectory[i * T + k] = k === 0 ? 0 : trajectory[i * T + k - 1] + (sv as Float32Array)[i];
      }
      prev = rows.clone();
      if (t === keepPower) kept.power = rows.clone();
      k++;
    })) {
      yield `${label}t=${t}`;
    }
  } finally {
    (prev as tf.Tensor2D | null)?.dispose();
  }
  return { energy, trajectory };
}

function* steps(
  s: Settings,
  points: PointCloud,
  dimArg: number | ArrayLike<number>,
): Generator<string, DiffusionCurvatureResult, void> {
  const times = s.times;
  const T = times.length;
  if (s.method === 'w1' && !times.includes(s.w1Time)) {
    throw new Error(`diffusionCurvature: w1Time ${s.w1Time} is not one of the diffusion times`);
  }
  const owned: tf.Tensor[] = [];
  const own = <X extends tf.Tensor>(t: X): X => {
    owned.push(t);
    return t;
  };
  try {
    const x = own(pointTensor(points));
    const n = x.shape[0];
    const dims = checkDims(dimArg, n);
    const indices = s.indices ? checkIndices(s.indices, n) : Int32Array.from({ length: n }, (_, i) => i);
    const all = s.indices === null;
    const m = indices.length;

    // Kernel and diffusion operator of the cloud.
    const d2 = own(squaredDistances(x));
    let nu: number | null = null;
    let converged = true;
    if (s.kernel === 'curvature-agnostic') {
      if (s.nu !== null) nu = s.nu;
      else {
        yield 'tune';
        const tuned = tuneBandwidthFromSquaredDistances(d2, {
          graphKnn: s.graphKnn,
          tolerance: s.tolerance,
          alpha: s.alpha,
          threshold: s.threshold,
        });
        nu = tuned.nu;
        converged = tuned.converged;
      }
    }
    const kernel = kernelOf(s, d2, nu ?? 1);
    own(kernel.w);
    const p = own(diffusionOperator(kernel.w));
    const support = medianSupport(p);
    yield 'kernel';

    // Manifold curves.
    const start = all
      ? null
      : own(tf.tidy(() => tf.oneHot(tf.tensor1d(indices, 'int32'), n).toFloat() as tf.Tensor2D));
    let dist: tf.Tensor2D | null = null;
    if (s.method === 'w1') {
      const full = own(distanceMatrix(s, p, x));
      dist = all ? full : own(tf.tidy(() => tf.gather(full, tf.tensor1d(indices, 'int32')) as tf.Tensor2D));
      yield 'distance';
    }
    const smoothing = all && s.smoothing > 0 ? s.smoothing : 0;
    const kept: { power: tf.Tensor2D | null } = { power: null };
    const curves = yield* diffuse(
      s,
      p,
      start,
      dist,
      '',
      all && times.includes(smoothing) ? smoothing : -1,
      kept,
    );
    if (kept.power) own(kept.power);

    // Flat comparison spaces, one per distinct dimension.
    const rng = new Random(s.seed);
    const distinct = [...new Set(Array.from(indices, (i) => dims[i]))].sort((a, b) => a - b);
    const flat: FlatCurves[] = [];
    for (const d of distinct) {
      const energy = new Float64Array(T);
      const trajectory = new Float64Array(T);
      for (let trial = 0; trial < s.comparisonTrials; trial++) {
        const r = tf.tensor2d(plane(n, { dim: d, rng }).points);
        const rd2 = squaredDistances(r);
        const rk = kernelOf(s, rd2, nu ?? 1);
        const rp = diffusionOperator(rk.w);
        tf.dispose([rd2, rk.w]);
        const e0 = tf.tidy(() => tf.oneHot(tf.tensor1d([0], 'int32'), n).toFloat() as tf.Tensor2D);
        let rdist: tf.Tensor2D | null = null;
        try {
          if (s.method === 'w1') {
            const full = distanceMatrix(s, rp, r);
            rdist = tf.slice(full, [0, 0], [1, n]);
            full.dispose();
          }
          const c = yield* diffuse(
            s,
            rp,
            e0,
            rdist,
            `flat d=${d} trial ${trial + 1}/${s.comparisonTrials} `,
            -1,
            {
              power: null,
            },
          );
          for (let k = 0; k < T; k++) {
            energy[k] += c.energy[k] / s.comparisonTrials;
            trajectory[k] += c.trajectory[k] / s.comparisonTrials;
          }
        } finally {
          tf.dispose([r, rp, e0, ...(rdist ? [rdist] : [])]);
        }
      }
      flat.push({ dim: d, energy, trajectory, dStar: Number.NaN });
    }

    // Curvature.
    const raw = new Float64Array(m);
    const tw = times.indexOf(s.w1Time);
    for (const f of flat) {
      const group = [];
      for (let i = 0; i < m; i++) if (dims[indices[i]] === f.dim) group.push(i);
      if (s.method === 'w1') {
        for (const i of group) raw[i] = 1 - curves.energy[i * T + tw] / f.energy[tw];
        continue;
      }
      let meanFinal = 0;
      for (const i of group) meanFinal += curves.trajectory[i * T + T - 1] / group.length;
      const dStar = s.localityScale * Math.min(meanFinal, f.trajectory[T - 1]);
      f.dStar = dStar;
      const lE = interpolate(dStar, f.trajectory, f.energy);
      for (const i of group) {
        const lX = interpolate(
          dStar,
          curves.trajectory.subarray(i * T, (i + 1) * T),
          curves.energy.subarray(i * T, (i + 1) * T),
        );
        raw[i] = s.comparison === 'subtraction' ? lE - lX : 1 - lX / lE;
      }
    }
    let k = raw;
    if (smoothing > 0) {
      const sp = kept.power ?? own(matrixPower(p, smoothing));
      const ks = tf.tidy(() => tf.matMul(sp, tf.tensor2d(Float32Array.from(raw), [n, 1])));
      k = Float64Array.from(ks.dataSync());
      ks.dispose();
    }
    for (let i = 0; i < m; i++) {
      if (!Number.isFinite(k[i])) {
        throw new Error(
          `diffusionCurvature: non-finite curvature at point ${indices[i]} (check the input for duplicates)`,
        );
      }
    }
    return {
      k,
      unsmoothed: raw,
      indices,
      nu,
      sigma: kernel.sigma,
      support,
      converged,
      times: [...times],
      energy: Array.from({ length: m }, (_, i) => curves.energy.slice(i * T, (i + 1) * T)),
      trajectory: Array.from({ length: m }, (_, i) => curves.trajectory.slice(i * T, (i + 1) * T)),
      flat,
      method: s.method,
      comparison: s.comparison,
    };
  } finally {
    tf.dispose(owned);
  }
}

function checkDims(dim: number | ArrayLike<number>, n: number): Int32Array {
  const bad = (v: unknown) => !(typeof v === 'number' && Number.isInteger(v) && v >= 1);
  if (typeof dim === 'number') {
    if (bad(dim)) throw new CurvInputError(`dim: expected an integer ≥ 1, got ${dim}`, 'dim');
    return new Int32Array(n).fill(dim);
  }
  if (dim.length !== n)
    throw new CurvInputError(`dim: expected one dimension per point (${n}), got ${dim.length}`, 'dim');
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (bad(dim[i])) throw new CurvInputError(`dim: entry ${i} is ${dim[i]}; expected an integer ≥ 1`, 'dim');
    out[i] = dim[i];
  }
  return out;
}

function checkIndices(indices: number[], n: number): Int32Array {
  if (!indices.length) throw new Error('diffusionCurvature.points: expected at least one index');
  for (const i of indices) {
    if (!Number.isInteger(i) || i < 0 || i >= n) {
      throw new Error(`diffusionCurvature.points: index ${i} is outside 0…${n - 1}`);
    }
  }
  return Int32Array.from(indices);
}
