import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Benchmark, defineBenchmark } from '@curv/core';
import { lsoSettings } from '../src/lso/lsoSettings.js';
import { runLso } from '../src/lso/runLso.js';

const meta: Record<string, unknown> = {
  note: 'wall time of `curv lso` (full settings) from scratch (seconds)',
  target: '≤ 600 s',
};

/** `lso-preset`: the whole Latent Space Oddity experiment with its default (full) settings, in a temporary directory. */
export const benchmarks: Benchmark[] = [
  defineBenchmark<{ out: string }>({
    name: 'lso-preset',
    unit: 's',
    warmup: 0,
    runs: 1,
    meta,
    setup: () => ({ out: mkdtempSync(join(tmpdir(), 'curv-lso-bench-')) }),
    async run({ out }) {
      const t0 = performance.now();
      const r = await runLso(out, lsoSettings(false));
      meta.files = r.files.length;
      meta.results = r.results;
      return (performance.now() - t0) / 1000;
    },
    teardown: ({ out }) => rmSync(out, { recursive: true, force: true }),
  }),
];
