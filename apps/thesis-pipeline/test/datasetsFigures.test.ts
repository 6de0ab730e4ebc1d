import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../src/main.js';

async function curv(args: string[], signal?: AbortSignal, onErr?: (line: string) => void) {
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
    stderr: sink((s) => {
      stderr += s;
      onErr?.(s);
    }),
    signal,
  });
  return { code, stdout, stderr };
}

describe('curv datasets-figures', () => {
  it('writes 2-D PCA, 3-D PCA, t-SNE, UMAP and LLE figures of the Swiss roll (one circle per point) and views.json', async () => {
    const out = mkdtempSync(join(tmpdir(), 'curv-dsfig-'));
    const r = await curv([
      'datasets-figures',
      '--out',
      out,
      '--n',
      '150',
      '--datasets',
      'swissroll',
      '--quiet',
    ]);
    expect(r.code, r.stderr).toBe(0);
    const dir = join(out, 'datasets_visualization');
    const files = readdirSync(dir).sort();
    expect(files).toEqual(
      ['PCA', 'PCA3D', 'TSNE', 'UMAP', 'LLE']
        .flatMap((m) => [`Swissroll_${m}.png`, `Swissroll_${m}.svg`])
        .concat('views.json')
        .sort(),
    );
    const svg = readFileSync(join(dir, 'Swissroll_TSNE.svg'), 'utf8');
    expect(svg.match(/class="point"/g)).toHaveLength(150);
    const png = readFileSync(join(dir, 'Swissroll_PCA.png'));
    expect(Array.from(png.subarray(1, 4))).toEqual([0x50, 0x4e, 0x47]);
    const { views } = JSON.parse(readFileSync(join(dir, 'views.json'), 'utf8'));
    expect(views.map((v: { method: string }) => v.method)).toEqual(['pca', 'pca3d', 'tsne', 'umap', 'lle']);
    expect(readFileSync(join(dir, 'Swissroll_PCA3D.svg'), 'utf8').match(/class="point"/g)).toHaveLength(150);
    // t-SNE and UMAP keep the roll's 3-D neighbourhoods better than a linear projection (k = 10).
    const T = Object.fromEntries(
      views.map((v: { method: string; trustworthiness: number }) => [v.method, v.trustworthiness]),
    );
    expect(T.tsne).toBeGreaterThan(0.9);
    expect(T.umap).toBeGreaterThan(0.9);
    expect(readFileSync(join(dir, 'Swissroll_LLE.svg'), 'utf8').match(/class="point"/g)).toHaveLength(150);
    expect(JSON.parse(r.stdout).dir).toBe(dir);
  });

  it('bad --n, --datasets or --methods: exit 2 with one line naming the flag, nothing written', async () => {
    const out = mkdtempSync(join(tmpdir(), 'curv-dsfig-'));
    for (const [args, pattern] of [
      [['--n', '12'], /--n '12': expected an integer ≥ 100/],
      [
        ['--n', '3601', '--datasets', 'swissroll'],
        /--n 3601: the Swiss roll held-out split has only 3600 points/,
      ],
      [
        ['--datasets', 'mnist,cifar'],
        /--datasets 'mnist,cifar': unknown 'cifar'; expected a list of mnist, synthetic, swissroll/,
      ],
      [['--methods', 'isomap'], /--methods 'isomap': unknown 'isomap'/],
    ] as const) {
      const r = await curv(['datasets-figures', '--out', out, ...args]);
      const lines = r.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('datasets-figures:'));
      expect(r.code, r.stderr).toBe(2);
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(pattern);
    }
    expect(existsSync(join(out, 'datasets_visualization', 'views.json'))).toBe(false);
  });

  it('Ctrl-C during t-SNE exits 130 keeping the complete PCA figure and no partial file', async () => {
    const out = mkdtempSync(join(tmpdir(), 'curv-dsfig-'));
    const ctl = new AbortController();
    const r = await curv(
      ['datasets-figures', '--out', out, '--n', '300', '--datasets', 'swissroll'],
      ctl.signal,
      (line) => {
        if (line.includes('t-SNE')) ctl.abort();
      },
    );
    expect(r.code, r.stderr).toBe(130);
    expect(r.stderr).toMatch(/interrupted; the figures written so far are complete/);
    const files = readdirSync(join(out, 'datasets_visualization')).sort();
    expect(files).toEqual([
      'Swissroll_PCA.png',
      'Swissroll_PCA.svg',
      'Swissroll_PCA3D.png',
      'Swissroll_PCA3D.svg',
      'views.json',
    ]);
    expect(readFileSync(join(out, 'datasets_visualization', 'Swissroll_PCA.svg'), 'utf8')).toMatch(
      /<\/svg>\s*$/,
    );
  });
});

describe('Ctrl-C on a real curv datasets-figures process', () => {
  it('SIGINT during t-SNE stops the process promptly with exit 130', async () => {
    const { spawn } = await import('node:child_process');
    const { fileURLToPath } = await import('node:url');
    const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
    const CLI = fileURLToPath(new URL('../src/cli.ts', import.meta.url));
    const out = mkdtempSync(join(tmpdir(), 'curv-dsfig-sigint-'));
    const args = [
      '--import',
      'tsx',
      CLI,
      'datasets-figures',
      '--out',
      out,
      '--n',
      '2000',
      '--datasets',
      'swissroll',
      '--methods',
      'tsne',
    ];
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let sentAt = 0;
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
      if (!sentAt && /Swiss roll t-SNE/.test(stderr)) {
        // Let the optimisation start (affinities are computed first), then interrupt.
        setTimeout(() => {
          sentAt = performance.now();
          child.kill('SIGINT');
        }, 1500);
      }
    });
    const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
    const latency = performance.now() - sentAt;
    expect(sentAt, stderr).toBeGreaterThan(0);
    expect(code, stderr).toBe(130);
    expect(latency).toBeLessThan(10_000);
    expect(existsSync(join(out, 'datasets_visualization', 'Swissroll_TSNE.svg'))).toBe(false);
  });
});
