// Worker entry of `curv geodesic` (see interruptible.ts): computes one geodesic off the main thread.
import { parentPort, workerData } from 'node:worker_threads';
import { type BackendName, initBackend, isInputError } from '@curv/core';
import { computeGeodesic, type GeodesicOptions } from './commands/geodesic.js';
import type { WorkerReply } from './interruptible.js';

const { options, backend } = workerData as { options: GeodesicOptions; backend?: BackendName };
let reply: WorkerReply;
try {
  await initBackend({ backend, log: null });
  reply = { ok: true, result: await computeGeodesic(options) };
} catch (e) {
  const err = e instanceof Error ? e : new Error(String(e));
  reply = {
    ok: false,
    input: isInputError(e),
    message: err.message,
    subject: (e as { subject?: string }).subject,
    name: err.name,
    stack: err.stack,
  };
}
parentPort?.postMessage(reply);
