import { initBackend } from '@curv/core';

export async function init(): Promise<void> {
  await initBackend({ backend: 'wasm', log: null });
}
