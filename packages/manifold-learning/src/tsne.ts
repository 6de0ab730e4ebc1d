import { ManifoldInputError } from './errors.js';
import { neighborRow, neighborRowBuffers } from './neighborRows.js';
import { type PointSet, pointCount } from './pointSet.js';
import { normalFrom, seededUniform } from './random.js';

/** Options of {@link tsne}. */
export interface TsneOptions {
  /** Perplexity, the effective number of neighbours (default 30). */
  perplexity?: number;
  /** Gradient-descent iterations (default 1000). */
  iterations?: number;
  /** Factor on the affinities during the first `exaggerationIterations` (default 12). */
  earlyExaggeration?: number;
  /** Iterations with early exaggeration and momentum 0.5 (default 250); momentum 0.8 afterwards. */
  exaggerationIterations?: number;
  /** Step size (default max(n / earlyExaggeration / 4, 50)). */
  learningRate?: number;
  /** Seed of the initial layout (default 0). */
  seed?: number;
  /** Uniform [0, 1) generator for the initial layout (wins over `seed`). */
  random?: () => number;
  /** Checked every 25 iterations: when aborted, `tsne` throws the signal's reason. */
  signal?: AbortSignal;
}

/** Result of {@link tsne}. */
export interface TsneResult {
  /** Row-major [n, 2] layout. */
  embedding: Float64Array;
  /** Final Kullback–Leibler divergence KL(P ‖ Q) of the (unexaggerated) affinities. */
  kl: number;
}

/** Sparse symmetric affinities P (rows in CSR form), Σ P = 1. */
interface Affinities {
  start: Int32Array;
  index: Int32Array;
  value: Float64Array;
}

/**
 * Conditional affinities p_{j|i} ∝ exp(−β_i d²_ij) over the ⌊3·perplexity⌋ nearest neighbours of i, with β_i
 * found by bisection so that the entropy equals log(perplexity); then P = (p_{j|i} + p_{i|j}) / 2n.
 */
function affinities(points: PointSet, n: number, perplexity: number): Affinities {
  const K = Math.min(n - 1, Math.floor(3 * perplexity));
  const target = Math.log(perplexity);
  const row = neighborRowBuffers(n);
  const rows: Map<number, number>[] = Array.from({ length: n }, () => new Map());
  const d = new Float64Array(K);
  const w = new Float64Array(K);
  for (let i = 0; i < n; i++) {
    neighborRow(points, i, K, row);
    for (let t = 0; t < K; t++) d[t] = row.dist[row.nearest[t]];
    const d0 = d[0];
    let beta = 1;
    let lo = 0;
    let hi = Number.POSITIVE_INFINITY;
    let sum = 0;
    for (let iter = 0; iter < 200; iter++) {
      sum = 0;
      let dw = 0;
      for (let t = 0; t < K; t++) {
        w[t] = Math.exp(-beta * (d[t] - d0));
        sum += w[t];
        dw += w[t] * (d[t] - d0);
      }
      const h = Math.log(sum) + (beta * dw) / sum;
      if (Math.abs(h - target) < 1e-6) break;
      if (h > target) {
        lo = beta;
        beta = hi === Number.POSITIVE_INFINITY ? beta * 2 : (beta + hi) / 2;
      } else {
        hi = beta;
        beta = (beta + lo) / 2;
      }
    }
    for (let t = 0; t < K; t++) {
      const j = row.nearest[t];
      const p = w[t] / sum / (2 * n);
      rows[i].set(j, (rows[i].get(j) ?? 0) + p);
      rows[j].set(i, (rows[j].get(i) ?? 0) + p);
    }
  }
  const start = new Int32Array(n + 1);
  for (let i = 0; i < n; i++) start[i + 1] = start[i] + rows[i].size;
  const index = new Int32Array(start[n]);
  const value = new Float64Array(start[n]);
  for (let i = 0; i < n; i++) {
    let t = start[i];
    for (const [j, p] of rows[i]) {
      index[t] = j;
      value[t++] = p;
    }
  }
  return { start, index, value };
}

/**
 * Gradient of KL(exag·P ‖ Q) for the Student-t kernel q̃_ij = 1/(1 + |y_i − y_j|²), Q = q̃/Z:
 * ∂/∂y_i = 4 Σ_j (exag·P_ij − q̃_ij/Z) q̃_ij (y_i − y_j). Repulsion is summed exactly over all pairs
 * (O(n²), no tree approximation); attraction over the sparse P. Returns Z.
 */
function gradient(
  y: Float64Array,
  P: Affinities,
  exag: number,
  grad: Float64Array,
  rep: Float64Array,
): number {
  const n = y.length / 2;
  rep.fill(0);
  let z = 0;
  for (let i = 0; i < n; i++) {
    const xi = y[2 * i];
    const yi = y[2 * i + 1];
    let rx = 0;
    let ry = 0;
    for (let j = i + 1; j < n; j++) {
      const dx = xi - y[2 * j];
      const dy = yi - y[2 * j + 1];
      const q = 1 / (1 + dx * dx + dy * dy);
      z += q;
      const q2 = q * q;
      rx += q2 * dx;
      ry += q2 * dy;
      rep[2 * j] -= q2 * dx;
      rep[2 * j + 1] -= q2 * dy;
    }
    rep[2 * i] += rx;
    rep[2 * i + 1] += ry;
  }
  z *= 2;
  for (let i = 0; i < n; i++) {
    const xi = y[2 * i];
    const yi = y[2 * i + 1];
    let ax = 0;
    let ay = 0;
    for (let t = P.start[i]; t < P.start[i + 1]; t++) {
      const j = P.index[t];
      const dx = xi - y[2 * j];
      const dy = yi - y[2 * j + 1];
      const pq = P.value[t] / (1 + dx * dx + dy * dy);
      ax += pq * dx;
      ay += pq * dy;
    }
    grad[2 * i] = 4 * (exag * ax - rep[2 * i] / z);
    grad[2 * i + 1] = 4 * (exag * ay - rep[2 * i + 1] / z);
  }
  return z;
}

/** A macrotask boundary: lets timers, I/O and signal handlers (Ctrl-C) run between iterations. */
export function nextMacrotask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** Validated settings, affinities and optimiser state of one t-SNE run. */
class TsneRun {
  readonly iterations: number;
  private readonly exaggeration: number;
  private readonly exIters: number;
  private readonly lr: number;
  private readonly P: Affinities;
  private readonly y: Float64Array;
  private readonly grad: Float64Array;
  private readonly rep: Float64Array;
  private readonly update: Float64Array;
  private readonly gains: Float64Array;
  iteration = 0;

  constructor(points: PointSet, options: TsneOptions) {
    const n = pointCount(points, 'tsne: points');
    const perplexity = options.perplexity ?? 30;
    if (!(perplexity >= 1 && perplexity < n - 1)) {
      throw new ManifoldInputError(
        `tsne: perplexity = ${perplexity}; expected a number with 1 ≤ perplexity < n − 1 = ${n - 1}`,
        'tsne: perplexity',
      );
    }
    this.iterations = options.iterations ?? 1000;
    this.exaggeration = options.earlyExaggeration ?? 12;
    this.exIters = options.exaggerationIterations ?? 250;
    this.lr = options.learningRate ?? Math.max(n / this.exaggeration / 4, 50);
    for (const [key, v, min] of [
      ['iterations', this.iterations, 1],
      ['exaggerationIterations', this.exIters, 0],
    ] as const) {
      if (!Number.isInteger(v) || v < min) {
        throw new ManifoldInputError(`tsne: ${key} = ${v}; expected an integer ≥ ${min}`, `tsne: ${key}`);
      }
    }
    for (const [key, v] of [
      ['earlyExaggeration', this.exaggeration],
      ['learningRate', this.lr],
    ] as const) {
      if (!(v > 0 && Number.isFinite(v))) {
        throw new ManifoldInputError(`tsne: ${key} = ${v}; expected a positive number`, `tsne: ${key}`);
      }
    }
    this.P = affinities(points, n, perplexity);
    const normal = normalFrom(options.random ?? seededUniform(options.seed ?? 0));
    this.y = new Float64Array(2 * n);
    for (let i = 0; i < this.y.length; i++) this.y[i] = 1e-4 * normal();
    this.grad = new Float64Array(2 * n);
    this.rep = new Float64Array(2 * n);
    this.update = new Float64Array(2 * n);
    this.gains = new Float64Array(2 * n).fill(1);
  }

  get done(): boolean {
    return this.iteration >= this.iterations;
  }

  /** One gradient step with momentum and gains. */
  step(): void {
    const { y, grad, update, gains, lr } = this;
    const early = this.iteration < this.exIters;
    gradient(y, this.P, early ? this.exaggeration : 1, grad, this.rep);
    const momentum = early ? 0.5 : 0.8;
    for (let c = 0; c < y.length; c++) {
      const g = grad[c];
      gains[c] = update[c] * g < 0 ? gains[c] + 0.2 : Math.max(gains[c] * 0.8, 0.01);
      update[c] = momentum * update[c] - lr * gains[c] * g;
      y[c] += update[c];
    }
    this.iteration++;
  }

  /** The layout and its KL divergence. */
  result(): TsneResult {
    const { y, P } = this;
    const n = y.length / 2;
    const z = gradient(y, P, 1, this.grad, this.rep);
    let kl = 0;
    for (let i = 0; i < n; i++) {
      for (let t = P.start[i]; t < P.start[i + 1]; t++) {
        const j = P.index[t];
        const dx = y[2 * i] - y[2 * j];
        const dy = y[2 * i + 1] - y[2 * j + 1];
        const q = 1 / (1 + dx * dx + dy * dy) / z;
        const p = P.value[t];
        if (p > 0) kl += p * Math.log(p / Math.max(q, 1e-300));
      }
    }
    return { embedding: Float64Array.from(y), kl };
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new Error('tsne: aborted');
}

/**
 * t-SNE (van der Maaten and Hinton) to 2-D, seeded: sparse input affinities over the ⌊3·perplexity⌋ exact
 * nearest neighbours, exact O(n²) Student-t repulsion, gradient descent with early exaggeration, momentum
 * and per-coordinate gains, and scikit-learn's defaults (perplexity 30, exaggeration 12 for 250 of 1000
 * iterations, learning rate max(n/48, 50), initial layout N(0, 10⁻⁴ I)). Written here rather than taken
 * from npm: the t-SNE packages there draw from the global `Math.random` (no seed) and run 1000 iterations
 * on 2000 points in minutes; this one takes seconds. See {@link tsneAsync} to keep an event loop responsive.
 *
 * ```ts
 * const { embedding, kl } = tsne(pointSet(data, 784), { perplexity: 30, seed: 0 });
 * ```
 */
export function tsne(points: PointSet, options: TsneOptions = {}): TsneResult {
  const run = new TsneRun(points, options);
  while (!run.done) {
    if (run.iteration % 25 === 0 && options.signal?.aborted) throw abortReason(options.signal);
    run.step();
  }
  return run.result();
}

/**
 * {@link tsne} that yields to the event loop every 10 iterations, so that timers and signal handlers (a
 * Ctrl-C that aborts `options.signal`) run during the optimisation. Same result as `tsne` for the same seed.
 */
export async function tsneAsync(points: PointSet, options: TsneOptions = {}): Promise<TsneResult> {
  await nextMacrotask();
  if (options.signal?.aborted) throw abortReason(options.signal);
  const run = new TsneRun(points, options);
  while (!run.done) {
    if (run.iteration % 10 === 0) {
      await nextMacrotask();
      if (options.signal?.aborted) throw abortReason(options.signal);
    }
    run.step();
  }
  return run.result();
}
