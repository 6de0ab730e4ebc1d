// Types of tfjs-core's chained tensor methods (`x.reshape()`, …), registered at run time by `initBackend`;
// the reference is kept in the emitted .d.ts so that packages built on @curv/core see them too.
/// <reference types="@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops" resolution-mode="require" preserve="true" />

export type { BackendInfo, BackendName, InitBackendOptions } from './backend/initBackend.js';
export { BACKEND_NAMES, backendInfo, initBackend } from './backend/initBackend.js';
export * from './common.js';
export { writeFileAtomic, writeJsonAtomic } from './io/atomic.js';
export { readInputFile } from './io/readInputFile.js';
export { readSafetensors, writeSafetensors } from './safetensors/file.js';
