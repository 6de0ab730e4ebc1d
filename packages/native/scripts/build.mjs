#!/usr/bin/env node
/**
 * Build the optional native addon (build/curv_native.node) from src/curv_native.c with the system C
 * compiler and OpenBLAS. Never fails the install: when a compiler, the Node headers or OpenBLAS are
 * missing, it prints one line saying what is missing and exits 0, and curv runs without the addon.
 *
 *   CURV_NATIVE_BUILD=0   skip the build
 *   CC, CFLAGS, LDFLAGS   as usual
 *   CURV_NATIVE_STRICT=1  exit 1 on failure (for CI jobs that require the addon)
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const pkg = join(here, '..');
const out = join(pkg, 'build', 'curv_native.node');
const strict = process.env.CURV_NATIVE_STRICT === '1';

function skip(reason) {
  console.log(`@curv/native: not built (${reason}); curv uses the plain wasm kernels.`);
  process.exit(strict ? 1 : 0);
}

if (process.env.CURV_NATIVE_BUILD === '0') skip('CURV_NATIVE_BUILD=0');
if (process.platform === 'win32') skip('Windows builds are not supported yet');

/** Directory holding node_api.h: next to the running node, or from the node-api-headers package. */
function nodeApiInclude() {
  const candidates = [
    join(dirname(process.execPath), '..', 'include', 'node'),
    process.env.npm_config_nodedir ? join(process.env.npm_config_nodedir, 'include', 'node') : '',
  ];
  try {
    const require = createRequire(import.meta.url);
    candidates.push(dirname(require.resolve('node-api-headers/include/node_api.h')));
  } catch {}
  return candidates.find((d) => d && existsSync(join(d, 'node_api.h')));
}

function run(cmd, args) {
  return execFileSync(cmd, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** Compiler and linker flags for OpenBLAS: pkg-config when available, else Debian/Ubuntu/Fedora paths. */
function openblasFlags() {
  try {
    const cflags = run('pkg-config', ['--cflags', 'openblas']).trim();
    const libs = run('pkg-config', ['--libs', 'openblas']).trim();
    if (libs) return { cflags: cflags ? cflags.split(/\s+/) : [], libs: libs.split(/\s+/) };
  } catch {}
  const incs = [
    '/usr/include/x86_64-linux-gnu/openblas-pthread',
    '/usr/include/aarch64-linux-gnu/openblas-pthread',
    '/usr/include/openblas',
    '/opt/homebrew/opt/openblas/include',
    '/usr/local/opt/openblas/include',
    '/usr/include',
  ];
  const inc = incs.find((d) => existsSync(join(d, 'cblas.h')));
  if (!inc) return null;
  const libDirs = ['/opt/homebrew/opt/openblas/lib', '/usr/local/opt/openblas/lib'].filter(existsSync);
  return { cflags: [`-I${inc}`], libs: [...libDirs.map((d) => `-L${d}`), '-lopenblas'] };
}

const include = nodeApiInclude();
if (!include) skip('Node-API headers not found');
const blas = openblasFlags();
if (!blas) skip('OpenBLAS headers not found (Debian/Ubuntu: apt-get install libopenblas-dev)');
const cc = process.env.CC || 'cc';
try {
  run(cc, ['--version']);
} catch {
  skip(`no C compiler (${cc})`);
}

mkdirSync(dirname(out), { recursive: true });
const tmp = join(dirname(out), `curv_native.tmp-${process.pid}.node`);
const args = [
  '-O3',
  '-std=c11',
  '-fPIC',
  '-shared',
  '-Wall',
  // Lets the compiler vectorise sqrtf (no errno to set); results are unchanged for finite inputs.
  '-fno-math-errno',
  ...(process.platform === 'darwin' ? ['-undefined', 'dynamic_lookup'] : []),
  ...(process.env.CFLAGS ? process.env.CFLAGS.split(/\s+/).filter(Boolean) : []),
  '-DNODE_GYP_MODULE_NAME=curv_native',
  '-DNAPI_VERSION=8',
  `-I${include}`,
  ...blas.cflags,
  join(pkg, 'src', 'curv_native.c'),
  '-o',
  tmp,
  ...(process.env.LDFLAGS ? process.env.LDFLAGS.split(/\s+/).filter(Boolean) : []),
  ...blas.libs,
  '-lm',
];
try {
  run(cc, args);
  // Load it once before publishing it: a library that links but does not load is worse than none.
  const require = createRequire(import.meta.url);
  const addon = require(tmp);
  if (typeof addon.gemm !== 'function') throw new Error('addon exports no gemm');
  renameSync(tmp, out);
  console.log(`@curv/native: built ${out} (${addon.blasConfig().trim()})`);
} catch (e) {
  rmSync(tmp, { force: true });
  const msg =
    String(e.stderr || e.message || e)
      .split('\n')
      .find((l) => l.trim()) ?? 'unknown error';
  skip(`compile failed: ${msg}`);
}
