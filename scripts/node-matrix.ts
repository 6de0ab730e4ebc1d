/**
 * Node version matrix: the oldest Node the packages accept (engines ">=20.11" → 20.11.0) and the current
 * LTS line (26), each run on:
 *  1. `curv --version` (the built CLI, apps/thesis-pipeline/dist/cli.js);
 *  2. the native accelerator @curv/native: the N-API addon loads, or is cleanly absent with a reason
 *     (with CURV_REQUIRE_NATIVE=1, as on CI, absent is a failure);
 *  3. a tiny end-to-end run, `curv run --preset tiny --steps 1-2` then `curv results` on it: exit 0, the
 *     manifest records that Node version, the page has the test R²;
 *  4. the unit tests of core packages (core, geometry, geometry-fd, stats, native) with vitest, whose
 *     workers run on that Node (vitest 4 itself needs Node ≥ 20.19, so its main process stays on the
 *     default Node: scripts/lib/fork-on-node.mjs).
 * The Node binaries come from the npm registry (the official builds published as `node-<os>-<arch>`),
 * installed with `npm pack` into a cache folder (node_modules/.cache/curv-node-matrix, or
 * $CURV_NODE_CACHE) and reused. The build must have run (turbo run build). CURV_NODE_MATRIX=0 skips.
 * Usage: tsx scripts/node-matrix.ts [version ...]
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { ROOT } from './lib/packages.js';

/** The versions tested: keep the first at the engines floor, the second at the newest release of the current LTS line. */
const NODE_VERSIONS = [
  { version: '20.11.0', why: 'the engines floor (>=20.11)' },
  { version: '26.12.1', why: 'the current LTS line (26)' },
] as const;

/** Core packages whose unit tests run on every version (substring filters: a trailing slash keeps geometry/ apart). */
const UNIT_TESTS = [
  'packages/core/',
  'packages/geometry/',
  'packages/geometry-fd/',
  'packages/stats/',
  'packages/native/',
];

const CLI = join(ROOT, 'apps/thesis-pipeline/dist/cli.js');
const NATIVE = join(ROOT, 'packages/native/dist/index.js');
const PRELOAD = join(ROOT, 'scripts/lib/fork-on-node.mjs');
const VITEST = join(ROOT, 'node_modules/vitest/vitest.mjs');

function versionOf(bin: string): string | undefined {
  try {
    return execFileSync(bin, ['--version'], { encoding: 'utf8', timeout: 20_000 }).trim();
  } catch {
    return undefined;
  }
}

/** The Node binary of `version` from the cache folder, installed there from the npm registry when missing. */
function installNode(version: string, cache: string): string {
  const dir = join(cache, version);
  const bin = join(dir, 'bin', 'node');
  if (versionOf(bin) === `v${version}`) return bin;
  const os = (['linux', 'darwin'] as string[]).includes(process.platform) ? process.platform : undefined;
  const arch = (['x64', 'arm64'] as string[]).includes(process.arch) ? process.arch : undefined;
  if (!os || !arch)
    throw new Error(`no official Node package for ${process.platform}-${process.arch} on npm`);
  mkdirSync(cache, { recursive: true });
  const tmp = mkdtempSync(join(cache, `.${version}-`));
  try {
    const spec = `node-${os}-${arch}@${version}`;
    const tgz = execFileSync('npm', ['pack', spec, '--pack-destination', tmp, '--silent'], {
      cwd: tmp,
      encoding: 'utf8',
      timeout: 300_000,
      stdio: ['ignore', 'pipe', 'pipe'],
    })
      .trim()
      .split('\n')
      .pop() as string;
    execFileSync('tar', ['-xzf', join(tmp, tgz), '-C', tmp], { timeout: 120_000 });
    rmSync(dir, { recursive: true, force: true });
    renameSync(join(tmp, 'package'), dir);
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
  const got = versionOf(bin);
  if (got !== `v${version}`) throw new Error(`${bin}: reports ${got ?? 'nothing'}, expected v${version}`);
  return bin;
}

interface Check {
  name: string;
  ok: boolean;
  detail: string;
  seconds: number;
}

function timed(name: string, fn: () => { ok: boolean; detail: string }): Check {
  const t0 = performance.now();
  let r: { ok: boolean; detail: string };
  try {
    r = fn();
  } catch (e) {
    r = { ok: false, detail: (e as Error).message };
  }
  return { name, ...r, seconds: (performance.now() - t0) / 1000 };
}

/** Environment of the child runs: the caller's, without settings that would change what is tested. */
function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['CURV_BACKEND', 'NODE_OPTIONS'].includes(k)),
  );
  return { ...env, ...extra };
}

function runVersion(version: string, bin: string): Check[] {
  const run = (args: string[], env = childEnv(), timeout = 300_000) =>
    spawnSync(bin, args, { cwd: ROOT, encoding: 'utf8', timeout, env });
  const appVersion = JSON.parse(
    readFileSync(join(ROOT, 'apps/thesis-pipeline/package.json'), 'utf8'),
  ).version;
  const checks: Check[] = [];
  checks.push(
    timed('curv --version', () => {
      const r = run([CLI, '--version']);
      return {
        ok: r.status === 0 && r.stdout.trim() === appVersion,
        detail: r.stdout.trim() || r.stderr.trim(),
      };
    }),
  );
  checks.push(
    timed('native addon', () => {
      const code = `const m = await import(${JSON.stringify(`file://${NATIVE}`)}); const a = m.loadNative();
console.log(JSON.stringify(a ? { loaded: true, blas: a.blasConfig() } : { loaded: false, reason: m.loadFailure() }));`;
      const r = run(['--input-type=module', '-e', code]);
      if (r.status !== 0) return { ok: false, detail: r.stderr.trim().split('\n')[0] };
      const s = JSON.parse(r.stdout.trim().split('\n').pop() as string);
      if (s.loaded) return { ok: true, detail: `loads (${s.blas})` };
      const required = process.env.CURV_REQUIRE_NATIVE === '1';
      return {
        ok: !required,
        detail: `not loaded, curv uses the plain wasm kernels: ${s.reason}${required ? ' (CURV_REQUIRE_NATIVE=1)' : ''}`,
      };
    }),
  );
  const out = mkdtempSync(join(tmpdir(), `curv-node-${version}-`));
  try {
    checks.push(
      timed('curv run --preset tiny --steps 1-2, curv results', () => {
        const r = run([
          CLI,
          'run',
          '--preset',
          'tiny',
          '--steps',
          '1-2',
          '--out',
          join(out, 'run'),
          '--quiet',
        ]);
        if (r.status !== 0)
          return {
            ok: false,
            detail: `curv run: exit ${r.status}: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`,
          };
        const manifest = JSON.parse(readFileSync(join(out, 'run', 'quick_curv', 'manifest.json'), 'utf8'));
        const env = manifest.steps[1]?.environment;
        if (env?.node !== `v${version}`)
          return { ok: false, detail: `manifest records Node ${env?.node}, expected v${version}` };
        const page = run([CLI, 'results', join(out, 'run'), '--out', join(out, 'results.md')]);
        if (page.status !== 0)
          return { ok: false, detail: `curv results: exit ${page.status}: ${page.stderr.trim()}` };
        const md = readFileSync(join(out, 'results.md'), 'utf8');
        const r2 = /\| test R² \| (-?\d[^ |]*) \|/.exec(md)?.[1];
        if (!r2 || !Number.isFinite(Number(r2)))
          return { ok: false, detail: 'the results page has no test R²' };
        return { ok: true, detail: `test R² ${r2}, backend ${env.backend}` };
      }),
    );
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
  checks.push(
    timed(`vitest ${UNIT_TESTS.map((p) => p.replace(/^packages\/|\/$/g, '')).join(', ')}`, () => {
      const r = spawnSync(
        process.execPath,
        ['--import', PRELOAD, VITEST, 'run', '--reporter=dot', ...UNIT_TESTS],
        { cwd: ROOT, encoding: 'utf8', timeout: 300_000, env: childEnv({ CURV_WORKER_NODE: bin }) },
      );
      const text = stripVTControlCharacters(`${r.stdout}\n${r.stderr}`);
      const tests = /Tests\s+([^\n]+)/.exec(text)?.[1]?.trim() ?? '?';
      const forks = Number(/\[node-matrix\] (\d+) vitest worker/.exec(text)?.[1] ?? 0);
      if (r.status !== 0) return { ok: false, detail: `exit ${r.status}: ${tests}\n${text.slice(-3000)}` };
      if (forks === 0) return { ok: false, detail: 'no vitest worker was forked on this Node' };
      return { ok: true, detail: `${tests} (${forks} workers on v${version})` };
    }),
  );
  return checks;
}

function main(): void {
  if (process.env.CURV_NODE_MATRIX === '0') {
    console.log('node matrix: skipped (CURV_NODE_MATRIX=0)');
    return;
  }
  for (const f of [CLI, NATIVE]) {
    if (!existsSync(f)) throw new Error(`${f} is missing: run turbo run build first`);
  }
  const cache = process.env.CURV_NODE_CACHE ?? join(ROOT, 'node_modules', '.cache', 'curv-node-matrix');
  const wanted = process.argv.slice(2);
  const versions = wanted.length ? wanted.map((version) => ({ version, why: 'requested' })) : NODE_VERSIONS;
  const t0 = performance.now();
  let failed = 0;
  for (const { version, why } of versions) {
    const ti = performance.now();
    const bin = installNode(version, cache);
    const install = (performance.now() - ti) / 1000;
    console.log(
      `Node v${version} (${why}; ${install > 1 ? `installed from npm in ${install.toFixed(1)} s` : 'cached'}):`,
    );
    for (const c of runVersion(version, bin)) {
      if (!c.ok) failed++;
      console.log(`  ${c.ok ? '✓' : '✗'} ${c.name} (${c.seconds.toFixed(1)} s): ${c.detail}`);
    }
  }
  console.log(
    `node matrix: ${failed ? `${failed} check(s) failed` : 'all checks passed'} in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  if (failed) process.exit(1);
}

main();
