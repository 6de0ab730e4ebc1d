import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { readCheckpoint } from '@curv/models';
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

  it('SIGINT mid-epoch on an epoch of 240 batches stops within a few batches, exits 130 quickly, and the resumed run ends with the weights of an uninterrupted one', async () => {
    const root = mkdtempSync(join(tmpdir(), 'curv-sigint-batches-'));
    const config = join(root, 'many_batches.yaml');
    writeFileSync(
      config,
      [
        'architecture: { type: TorusAE, input_dim: 784, output_dim: 784, latent_dim: 2, weights_dtype: float32, hidden_dims: [256, 128] }',
        'dataset: { name: MNIST_subset, selected_labels: [0, 1], num_points_per_label: 300 }',
        'experiment: { name: many_batches, weights_loaded_from: false }',
        'training_mode: { diagnostic_mode: false, compute_curvature: false, curvature_computation_mode: gauss, compute_contractive_loss: false, OOD_regime: false, uniform_OOD_sampling_flag: false }',
        'loss_settings: { lambda_recon: 1.0, lambda_unif: 0.0005, lambda_curv: 0.0, num_moments: 4, eps: 0.0 }',
        'optimizer_settings: { lr: 0.001, num_epochs: 1, weight_decay: 0.0 }',
        'data_loader_settings: { batch_size: 2, split_ratio: 0.2, random_shuffling: true, random_seed: 0 }',
        '',
      ].join('\n'),
    );
    const batches = 240; // 480 training images / 2
    const run = (out: string) => [
      '--import',
      'tsx',
      CLI,
      'run',
      '--config',
      config,
      '--steps',
      '1',
      '--out',
      out,
    ];
    const env = { ...process.env, CURV_BACKEND: 'wasm', CI: '1' };
    const out = join(root, 'interrupted');
    const child = spawn(process.execPath, run(out), { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let sentAt = 0;
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
      if (!sentAt && /training \d+\/\d+/.test(stderr)) {
        sentAt = performance.now();
        child.kill('SIGINT');
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    const exitSeconds = (performance.now() - sentAt) / 1000;
    expect(sentAt, stderr).toBeGreaterThan(0);
    expect(code, stderr).toBe(130);
    // An epoch of 240 steps takes several seconds here; stopping after the running batch takes milliseconds.
    expect(exitSeconds, stderr).toBeLessThan(3);
    const ck = readCheckpoint(join(out, 'many_batches', 'checkpoint.safetensors'))!;
    // Stopped inside the first epoch, at a batch boundary shortly after the first progress line.
    expect(ck.state.epoch).toBe(0);
    expect(ck.state.batchInEpoch).toBeGreaterThan(0);
    expect(ck.state.batchInEpoch).toBeLessThan(batches / 4);
    expect(ck.state.step).toBe(ck.state.batchInEpoch);

    const resumed = spawnSync(process.execPath, run(out), {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(resumed.status, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/resuming/);
    const whole = join(root, 'whole');
    const straight = spawnSync(process.execPath, run(whole), {
      cwd: ROOT,
      env,
      encoding: 'utf8',
      timeout: 240_000,
    });
    expect(straight.status, straight.stderr).toBe(0);
    const a = readFileSync(join(out, 'many_batches', 'ae_weights.safetensors'));
    const b = readFileSync(join(whole, 'many_batches', 'ae_weights.safetensors'));
    expect(a.equals(b)).toBe(true);
    rmSync(root, { recursive: true, force: true });
  });
});
