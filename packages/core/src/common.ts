// Exports shared by the Node entry (index.ts) and the browser entry (browser.ts): everything that
// needs neither file I/O nor a platform-specific backend starter.
export { fastBatchMatMulGradConfig, installFastMatMulGrad } from './backend/fastMatMulGrad.js';
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
