import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, type Plugin } from 'esbuild';
import { browserSourceEntry, ROOT, workspacePackages } from './packages.js';

/**
 * esbuild plugin resolving `@curv/<dir>` to the package's browser source entry (what the `browser`
 * export condition selects once built) and `@curv/<dir>/<sub>` to src/<sub>.ts.
 */
export function workspaceSources(): Plugin {
  const pkgs = new Map(workspacePackages().map((p) => [p.manifest.name, p]));
  return {
    name: 'curv-workspace-sources',
    setup(b) {
      b.onResolve({ filter: /^@curv\// }, (args) => {
        const [scope, name, ...rest] = args.path.split('/');
        const p = pkgs.get(`${scope}/${name}`);
        if (!p) return undefined;
        if (rest.length === 0) return { path: browserSourceEntry(p) };
        const sub = join(p.path, 'src', `${rest.join('/')}.ts`);
        return existsSync(sub) ? { path: sub } : undefined;
      });
    },
  };
}

/**
 * Bundle ES module source for a browser (platform `browser`, so any `node:` import or Node-only
 * dependency is a build error naming the file that imports it). Returns the bundled code.
 */
export async function bundleForBrowser(contents: string, resolveDir = ROOT): Promise<string> {
  const result = await build({
    stdin: { contents, loader: 'ts', resolveDir, sourcefile: 'browser-entry.ts' },
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    logLevel: 'silent',
    plugins: [workspaceSources()],
  });
  return result.outputFiles[0].text;
}
