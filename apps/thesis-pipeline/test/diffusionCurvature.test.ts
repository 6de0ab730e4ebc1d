import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { sphere } from '@curv/diffusion-curvature';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
const tmp = mkdtempSync(join(tmpdir(), 'curv-dc-'));

async function curv(args: string[]) {
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

function expectInputError(r: { code: number; stderr: string }, pattern: RegExp) {
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  expect(r.code, r.stderr).toBe(2);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

const write = (name: string, text: string) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

describe('curv diffusion-curvature', () => {
  it('curv diffusion-curvature --points X.json --out K.json writes { k, nu, support } with one finite k per point', async () => {
    const pts = write('sphere.json', JSON.stringify(sphere(200, { seed: 1 }).points));
    const out = join(tmp, 'K.json');
    const r = await curv([
      'diffusion-curvature',
      '--points',
      pts,
      '--graph-knn',
      '30',
      '--out',
      out,
      '--backend',
      'wasm',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const K = JSON.parse(readFileSync(out, 'utf8'));
    expect(K.k).toHaveLength(200);
    expect(K.k.every(Number.isFinite)).toBe(true);
    expect(K.nu).toBeGreaterThan(0);
    expect(Math.abs(K.support - 30)).toBeLessThanOrEqual(5);
    expect(K.converged).toBe(true);
    // The sphere is positively curved on average.
    expect(K.k.reduce((s: number, v: number) => s + v, 0) / 200).toBeGreaterThan(0);
    expect(readdirSync(tmp).filter((f) => f.includes('.tmp'))).toEqual([]);
  });

  it('bad input exits 2 with one line naming the file or option', async () => {
    const missing = join(tmp, 'nope.json');
    expectInputError(
      await curv(['diffusion-curvature', '--points', missing]),
      /nope\.json: no such points file/,
    );
    expectInputError(await curv(['diffusion-curvature']), /missing --points/);
    const bad = write('bad.json', '{"x": 1');
    expectInputError(await curv(['diffusion-curvature', '--points', bad]), /bad\.json: not valid JSON/);
    const obj = write('obj.json', '{"x": 1}');
    expectInputError(
      await curv(['diffusion-curvature', '--points', obj]),
      /obj\.json: expected a JSON array of at least 2 points/,
    );
    const ragged = write('ragged.json', '[[0, 1, 2], [1, 2], [3, 4, 5]]');
    expectInputError(
      await curv(['diffusion-curvature', '--points', ragged]),
      /ragged\.json: point 1 .* 3 numbers/,
    );
    const nan = write('nan.json', '[[0, 1], [1, "x"]]');
    expectInputError(
      await curv(['diffusion-curvature', '--points', nan]),
      /nan\.json: point 1 has a non-finite/,
    );
    const ok = write('ok.json', '[[0, 1], [1, 0], [1, 1]]');
    expectInputError(
      await curv(['diffusion-curvature', '--points', ok, '--dim', '3']),
      /--dim 3: larger than the ambient/,
    );
    expectInputError(await curv(['diffusion-curvature', '--points', ok, '--dim', '0']), /--dim '0'/);
    expectInputError(
      await curv(['diffusion-curvature', '--points', ok, '--graph-knn', 'x']),
      /--graph-knn 'x'/,
    );
    expectInputError(
      await curv(['diffusion-curvature', '--points', ok, '--method', 'ricci']),
      /--method 'ricci'/,
    );
    expectInputError(
      await curv(['diffusion-curvature', '--points', ok, '--bogus']),
      /Unknown option '--bogus'/,
    );
  });

  it('Ctrl-C during the computation exits 130 and writes nothing', async () => {
    const pts = write('big.json', JSON.stringify(sphere(1500, { seed: 2 }).points));
    const out = join(tmp, 'big-K.json');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, 'diffusion-curvature', '--points', pts, '--out', out],
      { cwd: ROOT, env: { ...process.env, CURV_BACKEND: 'wasm' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (c) => {
      stderr += String(c);
      // A 1500-point run takes tens of seconds; interrupt it once it has started.
      if (!sent && /1500 points in R\^3/.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(sent, stderr).toBe(true);
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/interrupted; nothing written/);
    expect(existsSync(out)).toBe(false);
  });
});
