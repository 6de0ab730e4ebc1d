import { createRequire } from 'node:module';
import * as tf from '@tensorflow/tfjs-core';
import { CurvInputError } from '../errors.js';
import { installFastMatMulGrad } from './fastMatMulGrad.js';
import { type NativeStatus, nativeStatus, useNativeKernels } from './native.js';

/** Backends curv knows how to start. `auto` picks the fastest one available. */
export type BackendName = 'auto' | 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

export const BACKEND_NAMES: readonly BackendName[] = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export interface InitBackendOptions {
  /** Which backend to use (default `'auto'`, or the `CURV_BACKEND` environment variable). */
  backend?: BackendName;
  /** Where to report the chosen backend (once per process). Default: `console.error`. `null` silences it. */
  log?: ((message: string) => void) | null;
  /** Install the fast BatchMatMul gradient (default true; it is a no-op change in results). */
  fastMatMulGrad?: boolean;
  /**
   * Use the native accelerator `@curv/native` on the wasm backend when it is installed and built
   * (OpenBLAS matMul, fused Adam). Default true unless the environment variable `CURV_NATIVE=0`.
   */
  native?: boolean;
}

export interface BackendInfo {
  /** tfjs' name of the active backend: `tensorflow`, `wasm` or `cpu`. */
  backend: string;
  /** What was asked for. */
  requested: BackendName;
  /** True when tfjs-node-gpu is active. */
  gpu: boolean;
  /** Kernels served by the native accelerator (wasm backend only), and why none are when none are. */
  native: NativeStatus;
}

const require = createRequire(import.meta.url);
let current: BackendInfo | undefined;
let logged = false;

function installed(pkg: string): boolean {
  try {
    require.resolve(pkg);
    return true;
  } catch {
    return false;
  }
}

const INSTALL_HINT: Record<string, string> = {
  'tensorflow-gpu':
    'install it with `pnpm add @tensorflow/tfjs-node-gpu@4.22.0` (needs CUDA and network access to download libtensorflow)',
  tensorflow:
    'install it with `pnpm add @tensorflow/tfjs-node@4.22.0` (needs network access to download libtensorflow; offline: scripts/build-tfjs-node-offline.sh)',
};

async function tryNode(gpu: boolean): Promise<boolean> {
  const pkg = gpu ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
  if (!installed(pkg)) return false;
  try {
    await import(pkg);
  } catch {
    return false;
  }
  const ok = await tf.setBackend('tensorflow');
  if (!ok) return false;
  if (gpu) {
    // tfjs-node-gpu silently falls back to CPU kernels when CUDA finds no device.
    const backend = tf.backend() as unknown as { isUsingGpuDevice?: boolean };
    if (backend.isUsingGpuDevice === false) return false;
  }
  return true;
}

async function tryWasm(): Promise<boolean> {
  await import('@tensorflow/tfjs-backend-wasm');
  return tf.setBackend('wasm');
}

async function tryCpu(): Promise<boolean> {
  await import('@tensorflow/tfjs-backend-cpu');
  return tf.setBackend('cpu');
}

/**
 * Start a TensorFlow.js backend and return which one is active.
 *
 * ```ts
 * const { backend } = await initBackend(); // 'wasm' on a machine without tfjs-node
 * ```
 *
 * `auto` order: tfjs-node-gpu (installed and sees a GPU) → tfjs-node (installed) → wasm (the embedded
 * default) → cpu. An explicitly requested backend that cannot start is an error that says how to
 * install it. On every backend the fast BatchMatMul gradient is installed (see `fastMatMulGrad.ts`).
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const envBackend = process.env.CURV_BACKEND as BackendName | undefined;
  const requested: BackendName = options.backend ?? envBackend ?? 'auto';
  if (!BACKEND_NAMES.includes(requested)) {
    throw new CurvInputError(
      `unknown backend '${requested}': expected one of ${BACKEND_NAMES.join(', ')}`,
      'backend',
    );
  }
  if (current && (current.requested === requested || requested === 'auto')) return current;
  // tfjs-core's Node (CommonJS) bundle registers no gradients and no chained tensor methods, and its ESM
  // build cannot be loaded by Node (directory imports). The union package's Node bundle registers both
  // into the shared (global) registries; it is loaded here, on first use, so that importing @curv/core
  // (for `Random`, say) does not load all of TensorFlow.js.
  await import('@tensorflow/tfjs');

  let gpu = false;
  let ok = false;
  switch (requested) {
    case 'tensorflow-gpu':
    case 'tensorflow':
      ok = await tryNode(requested === 'tensorflow-gpu');
      if (!ok) {
        throw new CurvInputError(
          `backend '${requested}' is not available: ${INSTALL_HINT[requested]}; or use --backend wasm`,
          'backend',
        );
      }
      gpu = requested === 'tensorflow-gpu';
      break;
    case 'wasm':
      ok = await tryWasm();
      if (!ok) throw new CurvInputError("backend 'wasm' failed to start", 'backend');
      break;
    case 'cpu':
      ok = await tryCpu();
      break;
    case 'auto':
      if (await tryNode(true)) {
        gpu = true;
      } else if (!(await tryNode(false)) && !(await tryWasm())) {
        await tryCpu();
      }
      break;
  }
  await tf.ready();
  if (options.fastMatMulGrad !== false) installFastMatMulGrad();
  const wantNative = options.native ?? process.env.CURV_NATIVE !== '0';
  if (tf.getBackend() === 'wasm' || tf.findBackend('wasm')) await useNativeKernels(wantNative);
  current = { backend: tf.getBackend(), requested, gpu, native: nativeStatus() };
  const log = options.log === undefined ? (m: string) => console.error(m) : options.log;
  if (!logged && log) {
    log(`[curv] tensor backend: ${current.backend}${gpu ? ' (GPU)' : ''}${describeNative(current)}`);
    logged = true;
  }
  return current;
}

function describeNative(info: BackendInfo): string {
  if (info.backend !== 'wasm') return '';
  const n = info.native;
  if (n.kernels.length)
    return `; native kernels: ${n.kernels.join(', ')} (${n.blas?.split(' ').slice(0, 2).join(' ')}, ${n.threads} threads)`;
  return `; native kernels: none (${n.reason})`;
}

/** The backend started by {@link initBackend}, if any (native status as of now). */
export function backendInfo(): BackendInfo | undefined {
  return current && { ...current, native: nativeStatus() };
}
