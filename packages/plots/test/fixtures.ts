/** Deterministic fixtures for the figure tests (mathematical fields, seeded pseudo-random samples). */

/** Tiny seeded generator (mulberry32) — test data only. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Standard normal via Box–Muller. */
export function normal(r: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
}

/** Three Gaussian clusters in the latent chart: 3·perLabel points (row-major N×2), labels 0, 1, 2. */
export function clusters(perLabel = 40, seed = 1) {
  const r = rng(seed);
  const centres = [
    [-1.5, -1],
    [1.5, -0.5],
    [0, 1.8],
  ];
  const points = new Float32Array(6 * perLabel);
  const labels = new Int32Array(3 * perLabel);
  for (let l = 0; l < 3; l++) {
    for (let i = 0; i < perLabel; i++) {
      const p = l * perLabel + i;
      points[2 * p] = centres[l][0] + 0.45 * normal(r);
      points[2 * p + 1] = centres[l][1] + 0.45 * normal(r);
      labels[p] = l;
    }
  }
  return { points, labels, centres };
}

/**
 * Torus of revolution with radii a = 2, b = 1 parametrised by the latent angles (u, v):
 * g = diag((a + b cos v)², b²), √det g = b(a + b cos v), ½ tr g = ½((a + b cos v)² + b²),
 * R = 2 cos v / (b(a + b cos v)). Values on the n×n grid linspace(−π, π, n)², x fastest.
 */
export function torusFields(n: number, a = 2, b = 1) {
  const R = new Float32Array(n * n);
  const sqrtDet = new Float32Array(n * n);
  const halfTrace = new Float32Array(n * n);
  for (let j = 0; j < n; j++) {
    const v = -Math.PI + (2 * Math.PI * j) / (n - 1);
    for (let i = 0; i < n; i++) {
      const k = j * n + i;
      const rho = a + b * Math.cos(v);
      R[k] = (2 * Math.cos(v)) / (b * rho);
      sqrtDet[k] = b * rho;
      halfTrace[k] = 0.5 * (rho * rho + b * b);
    }
  }
  const absR = R.map(Math.abs);
  return { R, absR, sqrtDet, halfTrace };
}

/** Nearest-centre labels (periodic distance) on the g×g grid linspace(−π, π, g)², x fastest. */
export function nearestCentreGrid(g: number, centres: number[][]): Int32Array {
  const out = new Int32Array(g * g);
  const per = (d: number) => Math.min(Math.abs(d), 2 * Math.PI - Math.abs(d));
  for (let j = 0; j < g; j++) {
    const y = -Math.PI + (2 * Math.PI * j) / (g - 1);
    for (let i = 0; i < g; i++) {
      const x = -Math.PI + (2 * Math.PI * i) / (g - 1);
      let best = 0;
      let bd = Number.POSITIVE_INFINITY;
      centres.forEach((c, l) => {
        const dd = Math.hypot(per(x - c[0]), per(y - c[1]));
        if (dd < bd) {
          bd = dd;
          best = l;
        }
      });
      out[j * g + i] = best;
    }
  }
  return out;
}

/** Straight segment from p to q with s points (row-major s×2). */
export function segment(p: number[], q: number[], s: number): Float32Array {
  const c = new Float32Array(2 * s);
  for (let k = 0; k < s; k++) {
    const t = k / (s - 1);
    c[2 * k] = p[0] + t * (q[0] - p[0]);
    c[2 * k + 1] = p[1] + t * (q[1] - p[1]);
  }
  return c;
}

/** Octopus fixture: N points, K centroids, periodic straight segments (shortest representative), N×K×S×2. */
export function octopusFixture(perLabel = 8, s = 12) {
  const { points, labels, centres } = clusters(perLabel, 3);
  const n = labels.length;
  const k = centres.length;
  const curves = new Float32Array(n * k * s * 2);
  const assign = new Int32Array(n);
  const per = (d: number) => d - 2 * Math.PI * Math.round(d / (2 * Math.PI));
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bd = Number.POSITIVE_INFINITY;
    for (let c = 0; c < k; c++) {
      const dx = per(centres[c][0] - points[2 * i]);
      const dy = per(centres[c][1] - points[2 * i + 1]);
      if (Math.hypot(dx, dy) < bd) {
        bd = Math.hypot(dx, dy);
        best = c;
      }
      const seg = segment(
        [points[2 * i], points[2 * i + 1]],
        [points[2 * i] + dx, points[2 * i + 1] + dy],
        s,
      );
      curves.set(seg, (i * k + c) * s * 2);
    }
    assign[i] = best;
  }
  return { curves, n, k, s, labels: assign, truth: labels, centres };
}

/** Embedded 10×10 grid: a flat square with a smooth bump, z = 0.25 sin(x) cos(y), nu×nv×3. */
export function bumpSurface(nu = 10, nv = 10) {
  const v = new Float32Array(nu * nv * 3);
  for (let i = 0; i < nu; i++) {
    for (let j = 0; j < nv; j++) {
      const x = -2 + (4 * i) / (nu - 1);
      const y = -2 + (4 * j) / (nv - 1);
      v.set([x, y, 0.25 * Math.sin(x) * Math.cos(y)], (i * nv + j) * 3);
    }
  }
  return { vertices: v, nu, nv };
}

/** Loss histories: exponential decay with multiplicative noise (train 200 batches, test 50). */
export function lossHistories() {
  const r = rng(7);
  const mk = (n: number, scale: number, rate: number) =>
    Float32Array.from({ length: n }, (_, i) => scale * Math.exp(-rate * i) * (1 + 0.3 * (r() - 0.5)) + 1e-3);
  return {
    train: { MSE: mk(200, 0.1, 0.02), L_equi: mk(200, 2, 0.01), L_curv: mk(200, 30, 0.015) },
    test: { MSE: mk(50, 0.1, 0.08), L_equi: mk(50, 2, 0.04), L_curv: mk(50, 30, 0.06) },
  };
}

/** FD relative errors per step size: log-normal around c·h² (the rhombus scheme is second order). */
export function fdErrors(steps: number[], count = 200) {
  const r = rng(11);
  return steps.map((h) => Float64Array.from({ length: count }, () => 0.5 * h * h * 10 ** (0.4 * normal(r))));
}

/** K-means history over T outer iterations, K = 3. */
export function kmeansFixture(t = 20, k = 3) {
  const lengthsByCluster = new Float64Array(t * k);
  const varianceByCluster = new Float64Array(t * k);
  const lengthsTotal = new Float64Array(t);
  const varianceTotal = new Float64Array(t);
  const normGradient = new Float64Array(t);
  for (let i = 0; i < t; i++) {
    for (let c = 0; c < k; c++) {
      lengthsByCluster[i * k + c] = (10 + 3 * c) * (0.6 + 0.4 * Math.exp(-i / 5));
      varianceByCluster[i * k + c] = (1 + 0.5 * c) * (0.5 + 0.5 * Math.exp(-i / 4));
      lengthsTotal[i] += lengthsByCluster[i * k + c];
      varianceTotal[i] += varianceByCluster[i * k + c];
    }
    normGradient[i] = 5 * Math.exp(-i / 3) + 0.1;
  }
  return { k, normGradient, lengthsByCluster, lengthsTotal, varianceByCluster, varianceTotal };
}

/** MNIST-like 8×8 images: digit-ish strokes and their blurred "reconstructions". */
export function tinyImages(count = 3, size = 8) {
  const originals: Float32Array[] = [];
  const recons: Float32Array[] = [];
  for (let c = 0; c < count; c++) {
    const img = new Float32Array(size * size);
    for (let y = 0; y < size; y++)
      for (let x = 0; x < size; x++) img[y * size + x] = (x + c) % 3 === 0 || y === c + 2 ? 1 : 0;
    originals.push(img);
    recons.push(img.map((v) => 0.15 + 0.7 * v));
  }
  return { originals, recons };
}
