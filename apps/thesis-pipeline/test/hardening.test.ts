import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { encodeSafetensors, initBackend } from '@curv/core';
import { TorusAE } from '@curv/models';
import { beforeAll, describe, expect, it } from 'vitest';
import { BOUNDS, geodesicMemoryEstimate } from '../src/bounds.js';
import { acquireRunLock, LOCK_FILE } from '../src/lock.js';
import { main } from '../src/main.js';
import { readManifest, staleReason } from '../src/manifest.js';
import { checkExperimentName, cleanOrphanTempFiles, isTempFile, pathInside } from '../src/outDir.js';
import { checkPoints } from '../src/points.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const QUICK = readFileSync(fileURLToPath(new URL('../configs/quick_curv.yaml', import.meta.url)), 'utf8');
const ENV = { ...process.env, CURV_BACKEND: 'wasm', CI: '1' };
const tmp = mkdtempSync(join(tmpdir(), 'curv-hardening-'));

/** The real CLI in a child process (tsx resolves @curv/* to sources). */
function curv(args: string[], timeout = 120_000) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: ENV,
    timeout,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** main() in-process. */
async function curvInProcess(args: string[]) {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, cb) {
        add(String(chunk));
        cb();
      },
    });
  const code = await main(args, { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)) });
  return { code, stdout, stderr };
}

function expectInputError(r: { code: number | null; stderr: string }, pattern: RegExp) {
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  expect(r.code, r.stderr).toBe(2);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

/** A small one-experiment config (16-8 hidden units, 20 images per digit, 2 epochs). */
function smallConfig(name: string, edits: Array<[RegExp, string]> = []): string {
  let text = QUICK.replace('hidden_dims: [512, 256]', 'hidden_dims: [16, 8]')
    .replace('num_points_per_label: 300', 'num_points_per_label: 20')
    .replace('num_epochs: 20', 'num_epochs: 2')
    .replace('name: quick_curv', `name: '${name}'`);
  for (const [re, by] of edits) text = text.replace(re, by);
  const file = join(
    tmp,
    `${name.replace(/[^a-z0-9]/gi, '_') || 'empty'}-${Math.random().toString(36).slice(2)}.yaml`,
  );
  writeFileSync(file, text);
  return file;
}

beforeAll(async () => {
  await initBackend({ backend: 'wasm', log: null });
});

describe('paths stay inside --out', () => {
  it("experiment names '.', '..', '' and over-long names are refused; nothing is written next to --out", async () => {
    const parent = join(tmp, 'parent');
    const out = join(parent, 'out');
    mkdirSync(out, { recursive: true });
    writeFileSync(join(parent, 'report.html'), 'keep');
    writeFileSync(join(parent, 'results.json'), '[1]');
    for (const [name, why] of [
      ['..', /must not be '\.' or '\.\.'/],
      ['.', /must not be '\.' or '\.\.'/],
      ['a'.repeat(101), /is longer than 100 characters/],
      ['a/b', /must contain only letters/],
    ] as const) {
      expectInputError(await curvInProcess(['run', '--config', smallConfig(name), '--out', out]), why);
    }
    expectInputError(
      await curvInProcess(['run', '--config', smallConfig(''), '--out', out]),
      /experiment\.name/,
    );
    expect(readFileSync(join(parent, 'report.html'), 'utf8')).toBe('keep');
    expect(readFileSync(join(parent, 'results.json'), 'utf8')).toBe('[1]');
    expect(readdirSync(out)).toEqual([]);
  });

  it('pathInside refuses everything that resolves outside the root or onto it', () => {
    expect(pathInside('/a/out', 'x/y.json')).toBe('/a/out/x/y.json');
    for (const rel of ['..', '../x', 'x/../../y', '/etc/passwd', '.', '']) {
      expect(() => pathInside('/a/out', rel)).toThrow(/not inside \/a\/out/);
    }
    expect(() => checkExperimentName('ok_name-1.2', 'c.yaml')).not.toThrow();
    expect(() => checkExperimentName('...', 'c.yaml')).toThrow(/must not be/);
  });

  it('a read-only, blocked or impossible --out is one line naming the folder', async () => {
    const file = join(tmp, 'a-file');
    writeFileSync(file, 'x');
    expectInputError(
      await curvInProcess(['run', '--config', smallConfig('x'), '--out', file]),
      /--out .*a-file: cannot create the output folder \(EEXIST: a file is in the way\)/,
    );
    expectInputError(
      await curvInProcess(['run', '--config', smallConfig('x'), '--out', join(file, 'sub')]),
      /cannot create the output folder \(ENOTDIR: a parent is not a folder\)/,
    );
    // Node's recursive mkdir loops forever here; the one-level-at-a-time version fails at once.
    if (existsSync('/proc/self')) {
      expectInputError(
        await curvInProcess(['run', '--config', smallConfig('x'), '--out', '/proc/curv-test-out']),
        /--out \/proc\/curv-test-out: cannot create the output folder/,
      );
    }
  });
});

describe('one run per output folder', () => {
  it('acquireRunLock: a second lock is refused while the first is held; a lock of a dead process is taken over', () => {
    const dir = mkdtempSync(join(tmp, 'lock-'));
    const a = acquireRunLock(dir);
    expect(() => acquireRunLock(dir)).toThrow(
      new RegExp(`another curv run is using this folder \\(process ${process.pid} on`),
    );
    a.release();
    const b = acquireRunLock(dir);
    b.release();
    expect(existsSync(join(dir, LOCK_FILE))).toBe(false);
    // A run killed with SIGKILL leaves its lock: same host, pid gone → stale.
    const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], {
      encoding: 'utf8',
    });
    writeFileSync(
      join(dir, LOCK_FILE),
      JSON.stringify({ pid: Number(dead.stdout), host: hostname(), startedAt: 'then', command: 'curv run' }),
    );
    const c = acquireRunLock(dir);
    expect(JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')).pid).toBe(process.pid);
    c.release();
  });

  it('two curv run processes on the same --out: one runs, the other exits 2 at once; results.json has one row', async () => {
    const out = mkdtempSync(join(tmp, 'two-'));
    const cfg = smallConfig('pair');
    const start = () =>
      new Promise<{ code: number | null; stderr: string }>((resolve) => {
        const child = spawn(
          process.execPath,
          ['--import', 'tsx', CLI, 'run', '--config', cfg, '--steps', '1', '--out', out],
          {
            cwd: ROOT,
            env: ENV,
          },
        );
        let stderr = '';
        child.stderr.on('data', (c) => (stderr += String(c)));
        child.on('close', (code) => resolve({ code, stderr }));
      });
    const [a, b] = await Promise.all([start(), start()]);
    const codes = [a.code, b.code].sort();
    expect(codes, a.stderr + b.stderr).toEqual([0, 2]);
    const loser = a.code === 2 ? a : b;
    expectInputError(loser, /another curv run is using this folder/);
    expect(JSON.parse(readFileSync(join(out, 'pair', 'results.json'), 'utf8'))).toHaveLength(1);
    expect(existsSync(join(out, LOCK_FILE))).toBe(false);
  });
});

describe('manifest and kill points', () => {
  it('a step entry lacking fields is dropped with a notice and the step counts as never run', () => {
    const dir = mkdtempSync(join(tmp, 'manifest-'));
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        format: 'curv-manifest',
        version: 1,
        experiment: 'x',
        steps: { 1: { status: 'done' } },
      }),
    );
    const notices: string[] = [];
    const m = readManifest(dir, (n) => notices.push(n));
    expect(m?.steps[1]).toBeUndefined();
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatch(/step 1 entry lacks 'step'; treating the step as stale/);
    expect(staleReason(dir, m?.steps[1], 'h', [])).toBe('never run');
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ format: 'curv-manifest', steps: [1] }));
    expect(() => readManifest(dir)).toThrow(/not a curv manifest/);
  });

  it('--force replaces an unreadable manifest (with a notice) instead of failing', () => {
    const out = mkdtempSync(join(tmp, 'force-'));
    mkdirSync(join(out, 'forced'));
    writeFileSync(join(out, 'forced', 'manifest.json'), '{{{');
    const cfg = smallConfig('forced');
    const plain = curv(['run', '--config', cfg, '--steps', '1', '--out', out]);
    expect(plain.code).toBe(2);
    expect(plain.stderr).toMatch(/manifest\.json: malformed JSON/);
    const forced = curv(['run', '--config', cfg, '--steps', '1', '--force', '--out', out]);
    expect(forced.code, forced.stderr).toBe(0);
    expect(forced.stderr).toMatch(/notice: .*manifest\.json: malformed JSON .*--force starts a new one/);
    expect(JSON.parse(readFileSync(join(out, 'forced', 'manifest.json'), 'utf8')).experiment).toBe('forced');
  });

  it('orphan temp files are recognised and cleaned; other dot-files are kept', () => {
    const dir = mkdtempSync(join(tmp, 'orphans-'));
    mkdirSync(join(dir, 'e/figures/latent_space_history'), { recursive: true });
    const orphan = 'e/figures/latent_space_history/.latent_space_at_batch_9.svg.4242.3.tmp';
    writeFileSync(join(dir, orphan), '<svg');
    writeFileSync(join(dir, 'e/.keep'), '');
    writeFileSync(join(dir, 'e/data.tmp'), '');
    expect(isTempFile(orphan)).toBe(true);
    expect(isTempFile('e/data.tmp')).toBe(false);
    expect(cleanOrphanTempFiles(dir)).toEqual([orphan]);
    expect(existsSync(join(dir, 'e/.keep')) && existsSync(join(dir, 'e/data.tmp'))).toBe(true);
  });

  it('resume after a kill during the last snapshot write: the snapshot is redrawn, the orphan .tmp removed and not recorded, results.json keeps one row', () => {
    const out = mkdtempSync(join(tmp, 'kill-'));
    const cfg = smallConfig('killed');
    expect(curv(['run', '--config', cfg, '--steps', '1', '--out', out]).code).toBe(0);
    const dir = join(out, 'killed');
    const hist = join(dir, 'figures/latent_space_history');
    const snaps = readdirSync(hist).filter((f) => f.endsWith('.svg'));
    const last = snaps
      .sort((x, y) => Number(/(\d+)\.svg/.exec(x)?.[1]) - Number(/(\d+)\.svg/.exec(y)?.[1]))
      .at(-1) as string;
    // The state a kill during that write leaves: the step 'running', the final snapshot only as a temp file.
    const before = readFileSync(join(hist, last), 'utf8');
    rmSync(join(hist, last));
    rmSync(join(hist, last.replace('.svg', '.png')));
    const orphan = `.${last}.99999.0.tmp`;
    writeFileSync(join(hist, orphan), before.slice(0, 100));
    const manifestPath = join(dir, 'manifest.json');
    const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
    manifest.steps['1'].status = 'running';
    writeFileSync(manifestPath, JSON.stringify(manifest));

    const r = curv(['run', '--config', cfg, '--steps', '1', '--out', out]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/removed 1 temporary file/);
    expect(r.stderr).toMatch(/step 1 train the torus autoencoder: resuming/);
    expect(readFileSync(join(hist, last), 'utf8')).toBe(before);
    expect(existsSync(join(hist, orphan))).toBe(false);
    const after = JSON.parse(readFileSync(manifestPath, 'utf8'));
    const outputs: string[] = after.steps['1'].outputs.map((o: { path: string }) => o.path);
    expect(outputs).toContain(`figures/latent_space_history/${last}`);
    expect(outputs.some((p) => p.endsWith('.tmp'))).toBe(false);
    expect(JSON.parse(readFileSync(join(dir, 'results.json'), 'utf8'))).toHaveLength(1);
  });

  it('a training run with lr 1e300 fails step 1 with the NaN guard: exit 1, step not done, no results.json', () => {
    const out = mkdtempSync(join(tmp, 'lr-'));
    const cfg = smallConfig('diverged', [
      [/lr: 0\.001/, 'lr: 1e300'],
      [/num_epochs: 2/, 'num_epochs: 1'],
      [/batch_size: 64/, 'batch_size: 4096'],
    ]);
    const r = curv(['run', '--config', cfg, '--steps', '1', '--out', out]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stderr).toMatch(/NaN in the final evaluation after epoch 1; training stopped/);
    const manifest = JSON.parse(readFileSync(join(out, 'diverged', 'manifest.json'), 'utf8'));
    expect(manifest.steps['1'].status).toBe('failed');
    expect(existsSync(join(out, 'diverged', 'results.json'))).toBe(false);
  });
});

describe('bounded arguments and finite results', () => {
  const weights = join(tmp, 'small.safetensors');
  const nanWeights = join(tmp, 'nan.safetensors');
  const points = join(tmp, 'points.json');
  beforeAll(() => {
    const ae = new TorusAE({ inputDim: 5, hidden: [7, 6], seed: 3 });
    ae.save(weights);
    const t = ae.toTensors();
    t['fc4.bias'].data[1] = Number.NaN;
    writeFileSync(nanWeights, encodeSafetensors(t));
    ae.dispose();
    writeFileSync(points, '[[0, 1], [0.5, -2]]');
  });

  it.each([
    [['--iters', '1e20'], /--iters '1e20': expected an integer from 0 to 1000000/],
    [['--points', '100000'], /--points '100000': expected an integer from 3 to 20000/],
    [['--points', '1e7'], /--points '1e7': expected an integer from 3 to 20000/],
    [['--nmax', '40'], /--nmax '40': expected an integer from 1 to 16/],
    [['--iters', ''], /--iters '': expected an integer from 0 to 1000000/],
    [
      ['--from', '1e308,0'],
      /--from 1e\+308,0 has coordinate 1e\+308; expected a finite number with \|z\| ≤ 1000000/,
    ],
  ])('curv geodesic %j is refused in one line', async (extra, message) => {
    const args = ['geodesic', '--weights', weights, '--from', '0,0', '--to', '1,1', ...extra];
    expectInputError(await curvInProcess(args), message);
  });

  it('the geodesic memory estimate refuses what would not fit (784-512-256 at S = 20000, n_max 14)', () => {
    expect(geodesicMemoryEstimate(20000, 14, [784, 512, 256])).toBeGreaterThan(4 * 1024 ** 3);
    expect(geodesicMemoryEstimate(100, 7, [784, 512, 256])).toBeLessThan(0.3 * 1024 ** 3);
  });

  it('NaN weights and out-of-range points are refused naming the file; geometry results are never null', async () => {
    expectInputError(
      await curvInProcess(['geometry', '--weights', nanWeights, '--points', points]),
      /nan\.safetensors: tensor 'fc4\.bias' has a non-finite value NaN at index 1/,
    );
    const far = join(tmp, 'far.json');
    writeFileSync(far, '[[0, 0], [1e39, 0]]');
    expectInputError(
      await curvInProcess(['geometry', '--weights', weights, '--points', far]),
      /far\.json: point 1 has coordinate 1e\+39; expected a finite number/,
    );
    const r = await curvInProcess(['geometry', '--weights', weights, '--points', points]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).not.toMatch(/null/);
    expect(JSON.parse(r.stdout).R).toHaveLength(2);
  });

  it('geometry --out into a missing or blocked folder is one line naming the file', async () => {
    const blocked = join(tmp, 'blocker');
    writeFileSync(blocked, 'x');
    expectInputError(
      await curvInProcess([
        'geometry',
        '--weights',
        weights,
        '--points',
        points,
        '--out',
        join(blocked, 'r.json'),
      ]),
      /--out .*blocker\/r\.json: cannot write the result \(EEXIST: a file is in the way\)/,
    );
  });

  it('a 200 000-deep points array gives a one-line error, not a stack overflow', async () => {
    const deep = join(tmp, 'deep.json');
    writeFileSync(deep, `${'['.repeat(200_000)}1${']'.repeat(200_000)}`);
    expectInputError(
      await curvInProcess(['geometry', '--weights', weights, '--points', deep]),
      /deep\.json: point 0 has a non-finite or non-numeric coordinate \[\[\[\[…\]\]\]\]/,
    );
    expect(() => checkPoints(Array(BOUNDS.geometryPoints + 1).fill([0, 0]), 'many.json')).toThrow(
      /many\.json: 1000001 points, more than the limit 1000000/,
    );
  });

  it('curv geodesic through the worker returns finite numbers and reports worker errors as one line', () => {
    const ok = curv([
      'geodesic',
      '--weights',
      weights,
      '--from',
      '0,0',
      '--to',
      '1,1',
      '--steps',
      '9',
      '--nmax',
      '3',
      '--iters',
      '5',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    const g = JSON.parse(ok.stdout);
    expect(g.curve).toHaveLength(9);
    expect(Number.isFinite(g.energy)).toBe(true);
    expectInputError(
      curv(['geodesic', '--weights', nanWeights, '--from', '0,0', '--to', '1,1', '--iters', '5']),
      /nan\.safetensors: tensor 'fc4\.bias' has a non-finite value NaN/,
    );
  });
});

describe('Ctrl-C in long commands', () => {
  const big = join(tmp, 'big.safetensors');
  const many = join(tmp, 'many.json');
  beforeAll(() => {
    const ae = new TorusAE({ inputDim: 784, hidden: [512, 256], seed: 1 });
    ae.save(big);
    ae.dispose();
    const pts = Array.from({ length: 100_000 }, (_, i) => [Math.sin(i) * 3, Math.cos(1.7 * i) * 3]);
    writeFileSync(many, JSON.stringify(pts));
  });

  /** Start a command, send SIGINT after `delay` ms, return exit code and the seconds it took to stop. */
  async function interrupt(args: string[], delay: number) {
    const child = spawn(process.execPath, ['--import', 'tsx', CLI, ...args], { cwd: ROOT, env: ENV });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += String(c)));
    const closed = new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    // Wait until the process handles SIGINT (Linux: bit 2 of SigCgt), then let it work for `delay` ms.
    const caught = () => {
      try {
        const m = /SigCgt:\s*([0-9a-f]+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return m !== null && (BigInt(`0x${m[1]}`) & 2n) !== 0n;
      } catch {
        return false;
      }
    };
    for (let t = 0; t < 600 && existsSync('/proc/self/status') && !caught(); t++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    await new Promise((r) => setTimeout(r, delay));
    const t0 = performance.now();
    child.kill('SIGINT');
    const code = await closed;
    return { code, seconds: (performance.now() - t0) / 1000, stderr };
  }

  it.each([
    [
      'geometry on 10^5 points',
      ['geometry', '--weights', big, '--points', many, '--out', join(tmp, 'geo-out.json')],
      'geo-out.json',
    ],
    [
      'geodesic with 10^6 iterations',
      [
        'geodesic',
        '--weights',
        big,
        '--from',
        '0,0',
        '--to',
        '2,1',
        '--iters',
        '1000000',
        '--out',
        join(tmp, 'geod-out.json'),
      ],
      'geod-out.json',
    ],
  ])('%s stops within about a second with exit 130 and writes nothing', async (_name, args, outFile) => {
    const r = await interrupt(args as string[], 4000);
    expect(r.code, r.stderr).toBe(130);
    expect(r.seconds).toBeLessThan(3);
    expect(existsSync(join(tmp, outFile as string))).toBe(false);
    expect(readdirSync(tmp).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
