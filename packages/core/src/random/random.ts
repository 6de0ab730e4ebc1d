/** Serializable state of a {@link Random} generator (checkpoints store it). */
export interface RandomState {
  s: [number, number, number, number];
  /** Second Box–Muller normal waiting to be returned, or null. */
  spare: number | null;
}

function splitmix32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x9e3779b9) >>> 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const rotl = (x: number, k: number) => ((x << k) | (x >>> (32 - k))) >>> 0;

/**
 * A small seeded pseudo-random generator (xoshiro128**, seeded by splitmix32) that gives the same
 * sequence on every platform for a given seed: all arithmetic is 32-bit integer (`Math.imul`).
 *
 * ```ts
 * const rng = new Random(0);
 * rng.uniform(); // 0.1745...
 * ```
 *
 * Used for datasets, weight initialisation, K-means initialisation and samplers, so that every
 * seeded result in curv is reproducible.
 */
export class Random {
  private s: [number, number, number, number];
  private spare: number | null = null;

  constructor(seed = 0) {
    if (!Number.isFinite(seed)) throw new Error(`Random: seed must be a finite number, got ${seed}`);
    const sm = splitmix32(Math.floor(seed) >>> 0);
    this.s = [sm(), sm(), sm(), sm()];
    if (this.s.every((v) => v === 0)) this.s[0] = 1;
  }

  /** Restore a generator from {@link Random.state}. */
  static fromState(state: RandomState): Random {
    const r = new Random(0);
    r.setState(state);
    return r;
  }

  /** A copy of the internal state (JSON-serializable). */
  state(): RandomState {
    return { s: [...this.s] as RandomState['s'], spare: this.spare };
  }

  setState(state: RandomState): void {
    this.s = [...state.s] as RandomState['s'];
    this.spare = state.spare;
  }

  /** Next raw 32-bit unsigned integer. */
  nextUint32(): number {
    const s = this.s;
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    s[0] >>>= 0;
    s[1] >>>= 0;
    s[2] >>>= 0;
    return result;
  }

  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Uniform on [lo, hi). */
  uniformIn(lo: number, hi: number): number {
    return lo + (hi - lo) * this.uniform();
  }

  /** Standard normal N(0, 1) by the Box–Muller transform (pairs; the spare is kept in the state). */
  normal(): number {
    if (this.spare !== null) {
      const v = this.spare;
      this.spare = null;
      return v;
    }
    let u = 0;
    while (u === 0) u = this.uniform();
    const v = this.uniform();
    const r = Math.sqrt(-2 * Math.log(u));
    this.spare = r * Math.sin(2 * Math.PI * v);
    return r * Math.cos(2 * Math.PI * v);
  }

  /** Integer uniform on {0, …, n−1} (rejection sampling, no modulo bias). */
  int(n: number): number {
    if (!Number.isInteger(n) || n <= 0) throw new Error(`Random.int: n must be a positive integer, got ${n}`);
    const limit = Math.floor(4294967296 / n) * n;
    let x = this.nextUint32();
    while (x >= limit) x = this.nextUint32();
    return x % n;
  }

  /** A uniformly random permutation of 0..n−1 (Fisher–Yates). */
  permutation(n: number): Int32Array {
    const p = new Int32Array(n);
    for (let i = 0; i < n; i++) p[i] = i;
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(i + 1);
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
    return p;
  }

  /** A sample of Dirichlet(1, …, 1) on k categories (normalised standard exponentials). */
  dirichlet(k: number): Float64Array {
    const w = new Float64Array(k);
    let sum = 0;
    for (let i = 0; i < k; i++) {
      let u = 0;
      while (u === 0) u = this.uniform();
      w[i] = -Math.log(u);
      sum += w[i];
    }
    for (let i = 0; i < k; i++) w[i] /= sum;
    return w;
  }

  /** `n` uniform values on [lo, hi) as float32. */
  uniformArray(n: number, lo = 0, hi = 1): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * this.uniform();
    return out;
  }

  /** `n` normal values N(mean, std²) as float32. */
  normalArray(n: number, mean = 0, std = 1): Float32Array {
    const out = new Float32Array(n);
    for (let i = 0; i < n; i++) out[i] = mean + std * this.normal();
    return out;
  }
}
