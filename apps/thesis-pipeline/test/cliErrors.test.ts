import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSteps } from '../src/args.js';
import { main } from '../src/main.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

/** Run the real CLI in a child process (tsx resolves @curv/* to sources via the root tsconfig paths). */
function curv(args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', CLI, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, CURV_BACKEND: 'wasm' },
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** The same CLI in-process (main() is what cli.ts calls), for the cheaper cases. */
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

/** Exit code 2, exactly one non-empty stderr line mentioning `pattern`, no stack trace. */
function expectInputError(r: { code: number | null; stderr: string }, pattern: RegExp) {
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  expect(r.code, r.stderr).toBe(2);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(r.stderr).not.toMatch(/\n\s+at /);
}

const tmp = mkdtempSync(join(tmpdir(), 'curv-cli-'));

describe('parseSteps', () => {
  it("parseSteps('1-8') is every step, parseSteps('6-7,1,3') is sorted and de-duplicated", () => {
    expect(parseSteps('1-8')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(parseSteps('1-7')).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(parseSteps('6-7,1,3,6')).toEqual([1, 3, 6, 7]);
    expect(parseSteps(' 2 ')).toEqual([2]);
  });

  it('parseSteps rejects unknown steps, decreasing ranges and junk', () => {
    expect(() => parseSteps('10')).toThrow(/unknown step 10/);
    expect(() => parseSteps('0-3')).toThrow(/unknown step 0/);
    expect(() => parseSteps('5-2')).toThrow(/decreasing/);
    expect(() => parseSteps('1,,2')).toThrow(/empty element/);
    expect(() => parseSteps('train')).toThrow(/not a step number/);
  });
});

describe('curv CLI error paths (exit 2, one line, no stack trace)', () => {
  it('curv run --steps 10 names the unknown step', () => {
    expectInputError(curv(['run', '--steps', '10', '--out', tmp]), /--steps '10': unknown step 10/);
  });

  it('curv run --config missing.yaml names the missing file', async () => {
    expectInputError(
      await curvInProcess(['run', '--config', join(tmp, 'missing.yaml'), '--out', tmp]),
      /missing\.yaml: config file not found/,
    );
  });

  it('curv run --config with malformed YAML names the file', () => {
    const bad = join(tmp, 'bad.yaml');
    writeFileSync(bad, 'architecture:\n  latent_dim: [2\n  type: "TorusAE\n');
    expectInputError(curv(['run', '--config', bad, '--out', tmp]), /bad\.yaml: invalid YAML/);
  });

  it('curv run --config with a wrongly typed key names the key', async () => {
    const bad = join(tmp, 'wrongtype.yaml');
    writeFileSync(bad, 'architecture:\n  latent_dim: two\ndataset:\n  name: MNIST\nexperiment:\n  name: x\n');
    expectInputError(
      await curvInProcess(['run', '--config', bad, '--out', tmp]),
      /wrongtype\.yaml: .*latent_dim/,
    );
  });

  it('curv run --config with architecture.type TorusConvAE is refused naming the key (steps read TorusAE weights)', async () => {
    const conv = join(tmp, 'conv.yaml');
    writeFileSync(
      conv,
      'architecture:\n  type: TorusConvAE\n  latent_dim: 2\ndataset:\n  name: MNIST\nexperiment:\n  name: conv\n',
    );
    expectInputError(
      await curvInProcess(['run', '--config', conv, '--out', tmp]),
      /conv\.yaml: architecture\.type: the pipeline runs TorusAE only .*got TorusConvAE/,
    );
    const flat = join(tmp, 'flat.yaml');
    writeFileSync(
      flat,
      'architecture:\n  type: EuclideanAE\n  latent_dim: 2\ndataset:\n  name: MNIST\nexperiment:\n  name: flat\n',
    );
    expectInputError(
      await curvInProcess(['run', '--config', flat, '--out', tmp]),
      /flat\.yaml: architecture\.type: .*got EuclideanAE; EuclideanAE models are trained by the ricci-flow preset$/,
    );
  });

  it('curv run with an unknown preset (suggested when close) and an unknown option are one-line errors', async () => {
    expectInputError(
      await curvInProcess(['run', '--preset', 'spherical', '--out', tmp]),
      /--preset 'spherical': unknown preset; expected quick, thesis, topo, lso, ricci-flow$/,
    );
    expectInputError(
      await curvInProcess(['run', '--preset', 'ricci-flw', '--out', tmp]),
      /--preset 'ricci-flw': unknown preset; did you mean ricci-flow\?/,
    );
    expectInputError(await curvInProcess(['run', '--frobnicate']), /curv run: Unknown option '--frobnicate'/);
  });

  it('curv geometry with a missing weights file names it', () => {
    const pts = join(tmp, 'p.json');
    writeFileSync(pts, '[[0, 0]]');
    expectInputError(
      curv(['geometry', '--weights', join(tmp, 'nope.safetensors'), '--points', pts]),
      /nope\.safetensors/,
    );
  });

  it('curv geometry with malformed points JSON or wrong point shapes names the file', async () => {
    const w = join(tmp, 'w.safetensors');
    writeFileSync(w, new Uint8Array(16)); // checked after the points
    const bad = join(tmp, 'bad.json');
    writeFileSync(bad, '[[0, 0], [1, ');
    expectInputError(
      await curvInProcess(['geometry', '--weights', w, '--points', bad]),
      /bad\.json: malformed JSON/,
    );
    const wrong = join(tmp, 'wrong.json');
    writeFileSync(wrong, '[[0, 0], [1, 2, 3]]');
    expectInputError(
      await curvInProcess(['geometry', '--weights', w, '--points', wrong]),
      /wrong\.json: point 1 is \[1,2,3\]; expected an array of 2 numbers/,
    );
  });

  it('curv geometry with a truncated weights file names the file', async () => {
    const w = join(tmp, 'trunc.safetensors');
    writeFileSync(w, new Uint8Array(4));
    const pts = join(tmp, 'p2.json');
    writeFileSync(pts, '[[0, 0]]');
    expectInputError(
      await curvInProcess(['geometry', '--weights', w, '--points', pts]),
      /trunc\.safetensors: truncated/,
    );
  });

  it('curv geodesic --from 1 names the malformed point', async () => {
    const w = join(tmp, 'w2.safetensors');
    writeFileSync(w, new Uint8Array(16));
    expectInputError(
      await curvInProcess(['geodesic', '--weights', w, '--from', '1', '--to', '0,0']),
      /--from '1': expected two numbers/,
    );
  });

  it('curv report on a directory without a manifest names it', async () => {
    expectInputError(await curvInProcess(['report', join(tmp, 'no-such-experiment')]), /no-such-experiment/);
  });

  it('an unknown command exits 2 with a one-line hint', async () => {
    const r = await curvInProcess(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/unknown command 'frobnicate'/);
  });

  it('--verbose adds the stack trace to the one-line message', async () => {
    const r = await curvInProcess(['run', '--steps', '10', '--verbose']);
    expect(r.code).toBe(2);
    expect(r.stderr.split('\n')[0]).toMatch(/--steps '10': unknown step 10/);
    expect(r.stderr).toMatch(/\n\s+at /);
  });

  it('curv run --help prints the usage on stdout and exits 0; bare curv exits 2', async () => {
    const help = await curvInProcess(['run', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/curv run \[--preset quick\|thesis\|topo\|lso\|ricci-flow\]/);
    expect((await curvInProcess([])).code).toBe(2);
  });
});
