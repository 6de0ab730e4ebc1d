import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

describe('Ctrl-C on a real curv process', () => {
  it('SIGINT during training exits 130 leaving step 1 "running" with a checkpoint; the same command resumes and exits 0', async () => {
    const out = mkdtempSync(join(tmpdir(), 'curv-sigint-'));
    const args = ['--import', 'tsx', CLI, 'run', '--preset', 'tiny', '--steps', '1', '--out', out];
    const env = { ...process.env, CURV_BACKEND: 'wasm', CI: '1' };
    const child = spawn(process.execPath, args, { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let sent = false;
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
      // Plain progress lines ("training 3/9 (33%) …") appear once batches run: interrupt then.
      if (!sent && /training \d+\/\d+/.test(stderr)) {
        sent = true;
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    expect(sent, stderr).toBe(true);
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/stopping after the current checkpoint/);
    expect(stderr).toMatch(/interrupted after .*run the same command again to resume/);
    const manifest = JSON.parse(readFileSync(join(out, 'quick_curv', 'manifest.json'), 'utf8'));
    expect(manifest.steps['1'].status).toBe('running');
    expect(existsSync(join(out, 'quick_curv', 'checkpoint.safetensors'))).toBe(true);

    const again = spawnSync(process.execPath, args, { cwd: ROOT, env, encoding: 'utf8', timeout: 120_000 });
    expect(again.status, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/step 1 train the torus autoencoder: resuming/);
    const after = JSON.parse(readFileSync(join(out, 'quick_curv', 'manifest.json'), 'utf8'));
    expect(after.steps['1'].status).toBe('done');
    expect(existsSync(join(out, 'quick_curv', 'ae_weights.safetensors'))).toBe(true);
    rmSync(out, { recursive: true, force: true });
  });
});
