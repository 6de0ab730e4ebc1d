import * as tf from '@tensorflow/tfjs-core';
// The ESM build of tfjs-core registers neither gradients nor the chained tensor methods (`x.expandDims()`);
// both modules are side-effect files that tfjs-core's own `sideEffects` list keeps in any bundle.
import '@tensorflow/tfjs-core/dist/register_all_gradients.js';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops.js';
import { CurvInputError } from '../errors.js';
import { installFastMatMulGrad } from './fastMatMulGrad.js';
import type { BackendInfo, BackendName, InitBackendOptions } from './initBackend.js';

export type { BackendInfo, BackendName, InitBackendOptions };

export const BACKEND_NAMES: readonly BackendName[] = ['auto', 'tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

let current: BackendInfo | undefined;
let logged = false;

async function tryWasm(): Promise<boolean> {
  await import('@tensorflow/tfjs-backend-wasm');
  try {
    return await tf.setBackend('wasm');
  } catch {
    return false;
  }
}

async function tryCpu(): Promise<boolean> {
  await import('@tensorflow/tfjs-backend-cpu');
  return tf.setBackend('cpu');
}

/**
 * Start a TensorFlow.js backend in a browser and return which one is active.
 *
 * ```ts
 * const { backend } = await initBackend({ backend: 'cpu' });
 * ```
 *
 * `auto` tries wasm (its `.wasm` files must be served next to the page, or located with
 * `setWasmPaths` from `@tensorflow/tfjs-backend-wasm`) and falls back to cpu. The tfjs-node backends
 * do not exist in a browser: asking for them is an error.
 */
export async function initBackend(options: InitBackendOptions = {}): Promise<BackendInfo> {
  const requested: BackendName = options.backend ?? 'auto';
  if (!BACKEND_NAMES.includes(requested)) {
    throw new CurvInputError(
      `unknown backend '${requested}': expected one of ${BACKEND_NAMES.join(', ')}`,
      'backend',
    );
  }
  if (current && (current.requested === requested || requested === 'auto')) return current;
  switch (requested) {
    case 'tensorflow-gpu':
    case 'tensorflow':
      throw new CurvInputError(
        `backend '${requested}' needs Node (tfjs-node); in a browser use 'wasm' or 'cpu'`,
        'backend',
      );
    case 'wasm':
      if (!(await tryWasm())) throw new CurvInputError("backend 'wasm' failed to start", 'backend');
      break;
    case 'cpu':
      await tryCpu();
      break;
    case 'auto':
      if (!(await tryWasm())) await tryCpu();
      break;
  }
  await tf.ready();
  if (options.fastMatMulGrad !== false) installFastMatMulGrad();
  current = {
    backend: tf.getBackend(),
    requested,
    gpu: false,
    native: { kernels: [], reason: 'the native accelerator (@curv/native) is Node-only' },
  };
  const log = options.log === undefined ? (m: string) => console.info(m) : options.log;
  if (!logged && log) {
    log(`[curv] tensor backend: ${current.backend}`);
    logged = true;
  }
  return current;
}

/** The backend started by {@link initBackend}, if any. */
export function backendInfo(): BackendInfo | undefined {
  return current;
}
