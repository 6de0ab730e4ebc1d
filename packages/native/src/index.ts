import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The compiled addon. Every function works on one Float32Array (`heap`) addressed by element
 * offsets, and checks that the ranges it touches lie inside it.
 */
export interface NativeAddon {
  /**
   * Row-major batched product: for i < batch, C_i = op(A_{aIdx[i]})·op(B_{bIdx[i]}) with op(A) m×k
   * (stored k×m when `transA`), op(B) k×n, A_j at `aOff + j·m·k`, B_j at `bOff + j·k·n`, C_i at
   * `cOff + i·m·n`. `aIdx`/`bIdx` (length batch) broadcast operands; `null` means j = i.
   */
  gemm(
    heap: Float32Array,
    batch: number,
    m: number,
    n: number,
    k: number,
    transA: boolean,
    transB: boolean,
    aOff: number,
    bOff: number,
    cOff: number,
    aIdx: Int32Array | null,
    bIdx: Int32Array | null,
  ): void;
  /**
   * One Adam update (PyTorch semantics, bias corrections folded into `stepSize` and `epsHat`): m and v
   * in place, new parameters written at `outOff` (may equal `pOff`).
   */
  adam(
    heap: Float32Array,
    pOff: number,
    gOff: number,
    mOff: number,
    vOff: number,
    size: number,
    beta1: number,
    beta2: number,
    stepSize: number,
    epsHat: number,
    weightDecay: number,
    outOff: number,
  ): void;
  /** Number of OpenBLAS threads. */
  setThreads(n: number): void;
  getThreads(): number;
  /** OpenBLAS build description (version, kernel family, thread limit). */
  blasConfig(): string;
}

/** Where the install script puts the addon. */
export const addonPath: string = join(
  dirname(fileURLToPath(import.meta.url)),
  '..',
  'build',
  'curv_native.node',
);

let cached: NativeAddon | null | undefined;
let failure: string | undefined;

/**
 * The native addon, or `null` when it was not built (no C compiler or OpenBLAS at install time) or
 * does not load. Never throws; {@link loadFailure} says why it is absent.
 *
 * ```ts
 * const addon = loadNative();
 * console.log(addon ? addon.blasConfig() : loadFailure());
 * ```
 */
export function loadNative(): NativeAddon | null {
  if (cached !== undefined) return cached;
  if (!existsSync(addonPath)) {
    failure = `${addonPath} not built (needs a C compiler and OpenBLAS at install time; then run \`pnpm --filter @curv/native rebuild-native\`)`;
    cached = null;
    return cached;
  }
  try {
    const require = createRequire(import.meta.url);
    cached = require(addonPath) as NativeAddon;
  } catch (e) {
    failure = `${addonPath} failed to load: ${(e as Error).message.split('\n')[0]}`;
    cached = null;
  }
  return cached;
}

/** Why {@link loadNative} returned `null` (undefined when the addon is loaded or not tried yet). */
export function loadFailure(): string | undefined {
  return failure;
}
