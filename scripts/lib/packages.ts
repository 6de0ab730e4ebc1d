import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface WorkspacePackage {
  /** Folder name under packages/. */
  dir: string;
  /** Absolute folder. */
  path: string;
  /** package.json contents. */
  manifest: {
    name: string;
    version: string;
    private?: boolean;
    exports?: Record<string, unknown>;
    files?: string[];
    dependencies?: Record<string, string>;
    peerDependencies?: Record<string, string>;
    curv?: { nodeOnly?: string };
    [key: string]: unknown;
  };
}

/** Every package under packages/ (found on disk, so new packages are picked up automatically). */
export function workspacePackages(): WorkspacePackage[] {
  const dir = join(ROOT, 'packages');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'package.json')))
    .map((d) => ({
      dir: d.name,
      path: join(dir, d.name),
      manifest: JSON.parse(readFileSync(join(dir, d.name, 'package.json'), 'utf8')),
    }))
    .sort((a, b) => a.dir.localeCompare(b.dir));
}

/**
 * Apps under apps/ published to npm (not `private`): command-line programs such as the `curv` bin of
 * @curv/thesis-pipeline. Kept apart from {@link publishablePackages}: they are not libraries (no README
 * import example, no browser bundle).
 */
export function publishableApps(): WorkspacePackage[] {
  const dir = join(ROOT, 'apps');
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'package.json')))
    .map((d) => ({
      dir: d.name,
      path: join(dir, d.name),
      manifest: JSON.parse(readFileSync(join(dir, d.name, 'package.json'), 'utf8')),
    }))
    .filter((p) => !p.manifest.private)
    .sort((a, b) => a.dir.localeCompare(b.dir));
}

/** Packages published to npm (not `private`). */
export function publishablePackages(): WorkspacePackage[] {
  return workspacePackages().filter((p) => !p.manifest.private);
}

/**
 * Packages that must bundle for a browser: every publishable package unless its package.json says
 * `"curv": { "nodeOnly": "<why>" }`.
 */
export function browserPackages(): WorkspacePackage[] {
  return publishablePackages().filter((p) => !p.manifest.curv?.nodeOnly);
}

/** Source entry a browser bundler gets for `@curv/<dir>`: src/browser.ts when present, else src/index.ts. */
export function browserSourceEntry(p: WorkspacePackage): string {
  const browser = join(p.path, 'src', 'browser.ts');
  return existsSync(browser) ? browser : join(p.path, 'src', 'index.ts');
}
