// Types of tfjs-core's chained tensor methods (`x.reshape()`, …), registered at run time by `initBackend`;
// the reference is kept in the emitted .d.ts so that packages built on @curv/core see them too.
/// <reference types="@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops" resolution-mode="require" preserve="true" />
// Browser entry of @curv/core (export condition `browser`): everything in the main entry except file
// I/O, with a backend starter for browsers (wasm or cpu).

export type { BackendInfo, BackendName, InitBackendOptions } from './backend/initBackend.browser.js';
export { BACKEND_NAMES, backendInfo, initBackend } from './backend/initBackend.browser.js';
export * from './common.js';
