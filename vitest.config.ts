import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// Every workspace package under packages/ is resolved to its sources, so tests never need a build.
const packagesDir = fileURLToPath(new URL('./packages/', import.meta.url));
// `@curv/x` → src/index.ts and a subpath `@curv/x/sub` → src/sub.ts (e.g. `@curv/core/node`).
const alias = readdirSync(packagesDir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => [
    { find: new RegExp(`^@curv/${d.name}$`), replacement: `${packagesDir}${d.name}/src/index.ts` },
    { find: new RegExp(`^@curv/${d.name}/([a-z-]+)$`), replacement: `${packagesDir}${d.name}/src/$1.ts` },
  ]);

export default defineConfig({
  resolve: { alias },
  test: {
    include: ['packages/*/test/**/*.test.ts', 'apps/*/test/**/*.test.ts', 'test/**/*.test.ts'],
    pool: 'forks',
    maxWorkers: 2,
    testTimeout: 120_000,
    hookTimeout: 120_000,
    reporters: ['default'],
  },
});
