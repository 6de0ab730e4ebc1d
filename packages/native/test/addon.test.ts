import { describe, expect, it } from 'vitest';
import { loadFailure, loadNative } from '../src/index.js';

const addon = loadNative();
if (!addon) console.warn(`[addon.test] native addon absent, tests skipped: ${loadFailure()}`);

describe.runIf(addon !== null)('@curv/native addon', () => {
  const lib = addon as NonNullable<typeof addon>;

  it('gemm computes op(A)·op(B) at the given offsets with broadcast indices', () => {
    // A: two 2×3 matrices at 0; B: one 3×2 matrix at 12 (shared); C: two 2×2 at 20.
    const heap = new Float32Array(32);
    heap.set([1, 2, 3, 4, 5, 6, -1, 0, 1, 2, 0, -2], 0);
    heap.set([1, 0, 0, 1, 1, 1], 12);
    lib.gemm(heap, 2, 2, 2, 3, false, false, 0, 12, 20, null, new Int32Array([0, 0]));
    expect(Array.from(heap.subarray(20, 28))).toEqual([4, 5, 10, 11, 0, 1, 0, -2]);
    // Aᵀ stored 3×2: op(A) = (stored)ᵀ; same product for the first A read transposed.
    heap.fill(0, 20);
    heap.set([1, 4, 2, 5, 3, 6], 0);
    lib.gemm(heap, 1, 2, 2, 3, true, false, 0, 12, 20, null, null);
    expect(Array.from(heap.subarray(20, 24))).toEqual([4, 5, 10, 11]);
  });

  it('rejects ranges outside the array instead of touching memory', () => {
    const heap = new Float32Array(16);
    expect(() => lib.gemm(heap, 1, 4, 4, 4, false, false, 0, 0, 4, null, null)).toThrow(/outside the heap/);
    expect(() => lib.gemm(heap, 2, 2, 2, 2, false, false, 0, 0, 8, new Int32Array([0, 9]), null)).toThrow(
      /outside the heap/,
    );
    expect(() => lib.adam(heap, 0, 4, 8, 12, 5, 0.9, 0.999, 1e-3, 1e-8, 0, 0)).toThrow(/outside the heap/);
    // Moments that overlap the gradient would be read after being written.
    expect(() => lib.adam(heap, 0, 4, 6, 12, 4, 0.9, 0.999, 1e-3, 1e-8, 0, 0)).toThrow(/overlap/);
    expect(() =>
      lib.gemm(new Float64Array(4) as never, 1, 1, 1, 1, false, false, 0, 0, 0, null, null),
    ).toThrow(/Float32Array/);
  });

  it('adam updates m, v and the parameters in place (PyTorch rule, first step)', () => {
    const heap = new Float32Array([0.5, -1, 0.2, 0.4, 0, 0, 0, 0]); // p, g, m, v
    lib.adam(
      heap,
      0,
      2,
      4,
      6,
      2,
      0.9,
      0.999,
      (0.1 * Math.sqrt(1 - 0.999)) / (1 - 0.9),
      1e-8 * Math.sqrt(1 - 0.999),
      0,
      0,
    );
    // First step: θ − lr·sign(g) (up to ε).
    expect(heap[0]).toBeCloseTo(0.4, 6);
    expect(heap[1]).toBeCloseTo(-1.1, 6);
    expect(heap[4]).toBeCloseTo(0.02, 7);
    expect(heap[7]).toBeCloseTo(0.001 * 0.16, 9);
  });

  it('reports its BLAS and thread count, and the count can be set', () => {
    expect(lib.blasConfig()).toMatch(/OpenBLAS/);
    const before = lib.getThreads();
    lib.setThreads(1);
    expect(lib.getThreads()).toBe(1);
    lib.setThreads(before);
    expect(() => lib.setThreads(0)).toThrow(/integer/);
  });
});
