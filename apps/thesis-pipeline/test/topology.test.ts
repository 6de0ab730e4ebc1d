import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

const tmp = mkdtempSync(join(tmpdir(), 'curv-topology-'));
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

async function curv(args: string[], signal?: AbortSignal) {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, cb) {
        add(String(chunk));
        cb();
      },
    });
  const code = await main(args, {
    stdout: sink((s) => (stdout += s)),
    stderr: sink((s) => (stderr += s)),
    signal,
  });
  return { code, stdout, stderr };
}

const file = (name: string, content: string) => {
  const p = join(tmp, name);
  writeFileSync(p, content);
  return p;
};

describe('curv persistence', () => {
  it('curv persistence --points square.json prints H0 (three (0,1) and one infinite) and H1 {(1, √2)}', async () => {
    const r = await curv(['persistence', '--points', file('square.json', '[[0,0],[1,0],[1,1],[0,1]]')]);
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.h0).toEqual([
      [0, 1],
      [0, 1],
      [0, 1],
      [0, null],
    ]);
    expect(out.h1).toHaveLength(1);
    expect(out.h1[0][0]).toBeCloseTo(1, 12);
    expect(out.h1[0][1]).toBeCloseTo(Math.SQRT2, 12);
  });

  it('curv persistence --periodic --maxdim 1 --out D.json sees the loop of a torus meridian and writes the file', async () => {
    const pts = Array.from({ length: 12 }, (_, i) => [-Math.PI + (2 * Math.PI * i) / 12, 1]);
    const out = join(tmp, 'd.json');
    const r = await curv([
      'persistence',
      '--points',
      file('meridian.json', JSON.stringify(pts)),
      '--periodic',
      '--out',
      out,
    ]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe('');
    const d = JSON.parse(readFileSync(out, 'utf8'));
    expect(d.h1).toHaveLength(1);
    expect(d.h1[0][1]).toBeCloseTo((8 * Math.PI) / 12, 10);
    const flat = JSON.parse((await curv(['persistence', '--points', join(tmp, 'meridian.json')])).stdout);
    expect(flat.h1).toHaveLength(0);
    const h0only = JSON.parse(
      (await curv(['persistence', '--points', join(tmp, 'meridian.json'), '--maxdim', '0'])).stdout,
    );
    expect(h0only.h1).toBeUndefined();
  });

  it.each([
    [['persistence'], /missing --points/],
    [['persistence', '--points', '/nonexistent/x.json'], /x\.json: no such points file/],
    [['persistence', '--points', 'BAD_JSON'], /malformed JSON/],
    [['persistence', '--points', 'RAGGED'], /row 1 has 1 coordinates; expected 2/],
    [['persistence', '--points', 'NAN'], /point 0 is \["a",1\]; expected an array of numbers/],
    [['persistence', '--points', 'SQUARE', '--maxdim', '2'], /--maxdim '2': expected 0 or 1/],
    [['persistence', '--points', 'SQUARE', '--threshold=-1'], /--threshold '-1': expected a number > 0/],
    [['persistence', '--frobnicate'], /curv persistence: Unknown option '--frobnicate'/],
    [['topo-synthetic', '--test', '4'], /--test '4': expected 1, 2 or 3/],
    [['topo-synthetic', '--steps', '0'], /--steps '0': expected an integer ≥ 1/],
  ])('curv %j exits 2 with one line', async (args, pattern) => {
    const subst: Record<string, string> = {
      BAD_JSON: file('bad.json', '[[0, 0],'),
      RAGGED: file('ragged.json', '[[0, 0], [1]]'),
      NAN: file('nan.json', '[["a", 1]]'),
      SQUARE: file('sq.json', '[[0,0],[1,0],[1,1],[0,1]]'),
    };
    const r = await curv(args.map((a) => subst[a] ?? a));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(pattern);
  });
});

describe('curv topo-synthetic', () => {
  it('curv topo-synthetic --test 2 --steps 40 writes figures, the animated page and result.json under --out only', async () => {
    const out = join(tmp, 'synthetic');
    const r = await curv(['topo-synthetic', '--test', '2', '--steps', '40', '--out', out, '--quiet']);
    expect(r.code, r.stderr).toBe(0);
    expect(readdirSync(out)).toEqual(['test2']);
    const files = readdirSync(join(out, 'test2')).sort();
    expect(files).toEqual(
      [
        'evolution.html',
        'final_barcode.svg',
        'final_diagram.svg',
        'final_pointcloud.svg',
        'initial_barcode.svg',
        'initial_diagram.svg',
        'initial_pointcloud.svg',
        'loss.svg',
        'result.json',
        'target_diagram.svg',
        'target_pointcloud.svg',
      ].sort(),
    );
    const res = JSON.parse(readFileSync(join(out, 'test2', 'result.json'), 'utf8'));
    expect(res.steps).toBe(40);
    expect(res.target.clusters).toBe(4);
    expect(res.initial.clusters).toBe(2);
    expect(res.losses).toHaveLength(8);
    expect(res.finalPoints).toHaveLength(64);
    const html = readFileSync(join(out, 'test2', 'evolution.html'), 'utf8');
    // frames at steps 0, 25 and the final one (40), each an inline SVG, with a slider over them
    expect(html.match(/<div class="frame/g)).toHaveLength(3);
    expect(html).toMatch(/<input id="slider" type="range" min="0" max="2"/);
    const diagram = readFileSync(join(out, 'test2', 'target_diagram.svg'), 'utf8');
    expect(diagram.match(/class="pd-point"/g)!.length).toBeGreaterThan(127);
    expect(JSON.parse(r.stdout).test2.files).toContain('evolution.html');
  });

  it('curv topo-synthetic with Ctrl-C (aborted signal) exits 130 and writes nothing', async () => {
    const out = join(tmp, 'interrupted');
    const controller = new AbortController();
    controller.abort();
    const r = await curv(['topo-synthetic', '--test', '1', '--steps', '50', '--out', out], controller.signal);
    expect(r.code).toBe(130);
    expect(r.stderr).toMatch(/interrupted at step 0 of test 1; nothing written/);
    expect(existsSync(out)).toBe(false);
  });

  it('Ctrl-C on a real curv topo-synthetic process exits 130 and leaves the output folder absent', async () => {
    const out = join(tmp, 'sigint');
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, 'topo-synthetic', '--test', '1', '--out', out],
      {
        cwd: ROOT,
        env: { ...process.env, CURV_BACKEND: 'wasm' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
      if (!sent && /15000 steps, lr 0\.01/.test(stderr)) {
        sent = true;
        setTimeout(() => child.kill('SIGINT'), 500);
      }
    });
    const code = await new Promise<number | null>((done) => child.on('close', (c) => done(c)));
    expect(sent, stderr).toBe(true);
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/interrupted at step \d+ of test 1; nothing written for it/);
    expect(existsSync(out)).toBe(false);
  });
});
