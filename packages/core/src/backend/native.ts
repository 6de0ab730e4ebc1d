import type { loadFailure, loadNative, NativeAddon } from '@curv/native';
import * as tf from '@tensorflow/tfjs-core';

/**
 * The optional native accelerator (`@curv/native`) for the wasm backend: OpenBLAS products for the
 * BatchMatMul kernel and a fused in-place Adam update, both reading and writing the wasm heap where
 * the tensors live (no copies). Loaded with a dynamic import so that @curv/core works (and bundles)
 * without it.
 */

/** The compiled addon's functions (a type-only import: nothing of @curv/native loads until `loadAddon`). */
type Addon = NativeAddon;

/** What the accelerator does in this process. */
export interface NativeStatus {
  /** Kernels served natively (empty when the accelerator is off or absent). */
  kernels: string[];
  /** OpenBLAS threads used by the products. */
  threads?: number;
  /** OpenBLAS build description. */
  blas?: string;
  /** Why the accelerator is not active, when it is not. */
  reason?: string;
}

/** The wasm backend's internals that its own kernels use. */
interface WasmBackend {
  wasm: { HEAPF32: Float32Array };
  dataIdMap: { get(dataId: object): { memoryOffset: number; refCount: number } | undefined };
  makeOutput(shape: number[], dtype: tf.DataType): tf.TensorInfo;
}

const WASM = 'wasm';
let addon: Addon | null | undefined;
let loadReason: string | undefined;
/** The wasm backend's own BatchMatMul, kept on globalThis like tfjs' kernel registry itself. */
const STOCK = Symbol.for('curv.native.stockBatchMatMul');
const globals = globalThis as unknown as Record<symbol, tf.KernelConfig | undefined>;
let status: NativeStatus = { kernels: [], reason: 'not initialised' };
let adamOn = false;

async function loadAddon(): Promise<Addon | null> {
  if (addon !== undefined) return addon;
  try {
    // A variable specifier: bundlers leave it alone, and browsers never reach this line.
    const name = '@curv/native';
    const mod = (await import(/* @vite-ignore */ name)) as {
      loadNative: typeof loadNative;
      loadFailure: typeof loadFailure;
    };
    addon = mod.loadNative();
    if (!addon) loadReason = mod.loadFailure() ?? 'addon not built';
  } catch (e) {
    addon = null;
    loadReason = `@curv/native is not installed (${(e as Error).message.split('\n')[0]})`;
  }
  return addon;
}

const offsetOf = (backend: WasmBackend, t: tf.TensorInfo): number => {
  const data = backend.dataIdMap.get(t.dataId);
  if (!data) throw new Error('curv native: tensor data not found on the wasm backend');
  return data.memoryOffset >>> 2;
};

const sizeOf = (shape: number[]): number => shape.reduce((x, y) => x * y, 1);

const broadcastIndexCache = new Map<string, Int32Array | null>();

/**
 * For each batch entry of the broadcast output shape, the index of the matrix of an operand with
 * batch dims `dims`; `null` when it is the identity (same batch shape as the output).
 */
function batchIndex(dims: number[], out: number[]): Int32Array | null {
  const key = `${dims.join(',')}|${out.join(',')}`;
  const hit = broadcastIndexCache.get(key);
  if (hit !== undefined) return hit;
  const total = sizeOf(out);
  let idx: Int32Array | null = null;
  if (!(dims.length === out.length && dims.every((d, i) => d === out[i]))) {
    idx = new Int32Array(total);
    const lead = out.length - dims.length;
    for (let flat = 0; flat < total; flat++) {
      let rem = flat;
      let j = 0;
      let stride = 1;
      for (let ax = out.length - 1; ax >= 0; ax--) {
        const coord = rem % out[ax];
        rem = Math.floor(rem / out[ax]);
        if (ax >= lead) {
          const d = dims[ax - lead];
          if (d !== 1) j += coord * stride;
          stride *= d;
        }
      }
      idx[flat] = j;
    }
  }
  if (broadcastIndexCache.size > 256) broadcastIndexCache.clear();
  broadcastIndexCache.set(key, idx);
  return idx;
}

function broadcastShape(a: number[], b: number[]): number[] {
  const n = Math.max(a.length, b.length);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const x = a[a.length - n + i] ?? 1;
    const y = b[b.length - n + i] ?? 1;
    if (x !== y && x !== 1 && y !== 1) {
      throw new Error(`matMul: batch dimensions [${a}] and [${b}] do not broadcast`);
    }
    out.push(x === 1 ? y : x);
  }
  return out;
}

/** BatchMatMul on the wasm heap through OpenBLAS sgemm (any transpose flags, broadcast batch dims). */
function nativeBatchMatMul(args: {
  inputs: tf.NamedTensorInfoMap;
  backend: unknown;
  attrs?: tf.NamedAttrMap;
}): tf.TensorInfo {
  const { a, b } = args.inputs as { a: tf.TensorInfo; b: tf.TensorInfo };
  const { transposeA, transposeB } = args.attrs as unknown as { transposeA: boolean; transposeB: boolean };
  const lib = addon;
  if (!lib || a.dtype !== 'float32' || b.dtype !== 'float32') {
    return (globals[STOCK] as tf.KernelConfig).kernelFunc(args as never) as tf.TensorInfo;
  }
  const backend = args.backend as WasmBackend;
  const ra = a.shape.length;
  const rb = b.shape.length;
  const k = transposeA ? a.shape[ra - 2] : a.shape[ra - 1];
  const kb = transposeB ? b.shape[rb - 1] : b.shape[rb - 2];
  const m = transposeA ? a.shape[ra - 1] : a.shape[ra - 2];
  const n = transposeB ? b.shape[rb - 2] : b.shape[rb - 1];
  if (k !== kb) {
    throw new Error(
      `Error in matMul: inner shapes (${k}) and (${kb}) of Tensors with shapes ${a.shape} and ${b.shape} and transposeA=${transposeA} and transposeB=${transposeB} must match.`,
    );
  }
  const outerA = a.shape.slice(0, -2);
  const outerB = b.shape.slice(0, -2);
  const outer = broadcastShape(outerA, outerB);
  const batch = sizeOf(outer);
  const out = backend.makeOutput([...outer, m, n], 'float32');
  // makeOutput may grow the wasm memory: fetch the heap view only now.
  const heap = backend.wasm.HEAPF32;
  lib.gemm(
    heap,
    batch,
    m,
    n,
    k,
    transposeA,
    transposeB,
    offsetOf(backend, a),
    offsetOf(backend, b),
    offsetOf(backend, out),
    batchIndex(outerA, outer),
    batchIndex(outerB, outer),
  );
  return out;
}
nativeBatchMatMul.curvNative = true;

/**
 * Turn the accelerator on or off for the wasm backend (call after the wasm backend is registered).
 * `enabled: true` loads `@curv/native` if it is installed and built; when it is not, the stock
 * kernels stay and `reason` says why. Threads: `threads`, else `CURV_NATIVE_THREADS`, else OpenBLAS'
 * default (all cores).
 */
export async function useNativeKernels(
  enabled: boolean,
  options: { threads?: number } = {},
): Promise<NativeStatus> {
  if (!globals[STOCK]) {
    const registered = tf.getKernel(tf.BatchMatMul, WASM);
    if (registered && !(registered.kernelFunc as { curvNative?: boolean }).curvNative) {
      globals[STOCK] = registered;
    }
  }
  const stockBatchMatMul = globals[STOCK];
  if (!enabled) {
    if (stockBatchMatMul) withoutOverrideWarning(() => tf.registerKernel(stockBatchMatMul));
    adamOn = false;
    status = { kernels: [], reason: 'disabled' };
    return status;
  }
  const lib = await loadAddon();
  if (!lib) {
    status = { kernels: [], reason: loadReason };
    return status;
  }
  if (!stockBatchMatMul) {
    status = { kernels: [], reason: 'the wasm backend is not registered' };
    return status;
  }
  const envThreads = Number(process.env.CURV_NATIVE_THREADS);
  const threads =
    options.threads ?? (Number.isInteger(envThreads) && envThreads > 0 ? envThreads : undefined);
  if (threads !== undefined) lib.setThreads(threads);
  withoutOverrideWarning(() =>
    tf.registerKernel({ kernelName: tf.BatchMatMul, backendName: WASM, kernelFunc: nativeBatchMatMul }),
  );
  adamOn = true;
  status = {
    kernels: ['BatchMatMul', 'Adam'],
    threads: lib.getThreads(),
    blas: lib.blasConfig().trim(),
  };
  return status;
}

function withoutOverrideWarning(f: () => void): void {
  const warn = console.warn;
  console.warn = (...args: unknown[]) => {
    if (typeof args[0] === 'string' && args[0].includes('is already registered')) return;
    warn(...args);
  };
  try {
    f();
  } finally {
    console.warn = warn;
  }
}

/** What the accelerator does now (kernels empty when it is off, absent or the backend is not wasm). */
export function nativeStatus(): NativeStatus {
  if (status.kernels.length && tf.getBackend() !== WASM) {
    return { kernels: [], reason: `backend is ${tf.getBackend()}` };
  }
  return status;
}

/** True when BatchMatMul on the active backend is the native kernel (transpose flags are free). */
export function nativeMatMulActive(): boolean {
  if (tf.getBackend() !== WASM) return false;
  // The kernel registry is global (shared by every copy of this module), so ask it.
  const k = tf.getKernel(tf.BatchMatMul, WASM);
  return (k?.kernelFunc as { curvNative?: boolean } | undefined)?.curvNative === true;
}

/**
 * Fused Adam update of one parameter on the wasm heap: m and v in place, and the parameter in place
 * when nothing else shares its data (else a new tensor is returned for the caller to assign).
 * Returns `false` when the accelerator cannot serve this update (caller falls back to tensor ops).
 */
export function nativeAdamUpdate(
  p: tf.Tensor,
  g: tf.Tensor,
  m: tf.Tensor,
  v: tf.Tensor,
  h: { beta1: number; beta2: number; stepSize: number; epsHat: number; weightDecay: number },
): false | tf.Tensor | true {
  const lib = addon;
  if (!adamOn || !lib || tf.getBackend() !== WASM) return false;
  if (p.dtype !== 'float32' || g.dtype !== 'float32' || g.size !== p.size) return false;
  const backend = tf.backend() as unknown as WasmBackend;
  const md = backend.dataIdMap.get(m.dataId);
  const vd = backend.dataIdMap.get(v.dataId);
  const pd = backend.dataIdMap.get(p.dataId);
  // Moments are private to the optimiser; refuse to write through shared data.
  if (!md || !vd || !pd || md.refCount !== 1 || vd.refCount !== 1) return false;
  const inPlace = pd.refCount === 1;
  const out = inPlace ? undefined : backend.makeOutput(p.shape, 'float32');
  const heap = backend.wasm.HEAPF32;
  const pOff = offsetOf(backend, p);
  lib.adam(
    heap,
    pOff,
    offsetOf(backend, g),
    offsetOf(backend, m),
    offsetOf(backend, v),
    p.size,
    h.beta1,
    h.beta2,
    h.stepSize,
    h.epsHat,
    h.weightDecay,
    out ? offsetOf(backend, out) : pOff,
  );
  if (!out) return true;
  return tf.engine().makeTensorFromTensorInfo(out);
}
