import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const pkgs = [
  'core',
  'datasets',
  'models',
  'geometry-autograd',
  'geometry-fd',
  'schauder',
  'kmeans',
  'plots',
  'vae',
];
const alias = Object.fromEntries(
  pkgs.map((p) => [`@curv/${p}`, fileURLToPath(new URL(`./packages/${p}/src/index.ts`, import.meta.url))]),
);

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
