// Types of tfjs-core's chained tensor methods (`x.reshape()`, …), registered at run time by `initBackend`;
// the reference is kept in the emitted .d.ts so that packages built on @curv/core see them too.
/// <reference types="@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops" resolution-mode="require" preserve="true" />
export { fastBatchMatMulGradConfig, installFastMatMulGrad } from './backend/fastMatMulGrad.js';
export type { BackendInfo, BackendName, InitBackendOptions } from './backend/initBackend.js';
export { BACKEND_NAMES, backendInfo, initBackend } from './backend/initBackend.js';
export type { NativeStatus } from './backend/native.js';
export { nativeStatus, useNativeKernels } from './backend/native.js';
export type { Benchmark } from './bench.js';
export { defineBenchmark } from './bench.js';
export { CurvInputError, isInputError } from './errors.js';
export { writeFileAtomic, writeJsonAtomic } from './io/atomic.js';
export { readInputFile } from './io/readInputFile.js';
export type { AdamOptions, AdamState } from './optim/adam.js';
export { Adam, adam } from './optim/adam.js';
export { Sgd, sgd } from './optim/sgd.js';
export type { RandomState } from './random/random.js';
export { Random } from './random/random.js';
export type { SafetensorsDType } from './safetensors/dtype.js';
export { halfToFloat } from './safetensors/dtype.js';
export { readSafetensors, writeSafetensors } from './safetensors/file.js';
export type { NamedTensor, Safetensors } from './safetensors/read.js';
export { MAX_SAFETENSORS_BYTES, parseSafetensors, requireTensor } from './safetensors/read.js';
export { encodeSafetensors } from './safetensors/write.js';
