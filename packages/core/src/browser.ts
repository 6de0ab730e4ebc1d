// Types of tfjs-core's chained tensor methods (`x.reshape()`, …), registered at run time by `initBackend`;
// the reference is kept in the emitted .d.ts so that packages built on @curv/core see them too.
/// <reference types="@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops" resolution-mode="require" preserve="true" />
// Browser entry of @curv/core (export condition `browser`): everything in the main entry except file
// I/O, with a backend starter for browsers (wasm or cpu). Keep the two lists in step: a test compares them.
export { fastBatchMatMulGradConfig, installFastMatMulGrad } from './backend/fastMatMulGrad.js';
export type { BackendInfo, BackendName, InitBackendOptions } from './backend/initBackend.browser.js';
export { BACKEND_NAMES, backendInfo, initBackend } from './backend/initBackend.browser.js';
export type { NativeStatus } from './backend/native.js';
export { nativeStatus, useNativeKernels } from './backend/native.js';
export type { Benchmark } from './bench.js';
export { defineBenchmark } from './bench.js';
export { CurvInputError, isInputError } from './errors.js';
export type { AdamOptions, AdamState } from './optim/adam.js';
export { Adam, adam } from './optim/adam.js';
export { Sgd, sgd } from './optim/sgd.js';
export type { RandomState } from './random/random.js';
export { Random } from './random/random.js';
export type { SafetensorsDType } from './safetensors/dtype.js';
export { halfToFloat } from './safetensors/dtype.js';
export type { NamedTensor, Safetensors } from './safetensors/read.js';
export { MAX_SAFETENSORS_BYTES, parseSafetensors, requireTensor } from './safetensors/read.js';
export { encodeSafetensors } from './safetensors/write.js';
