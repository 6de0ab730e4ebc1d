/**
 * `tsx scripts/bench-from-run.ts RUN_DIR --name pipeline-thesis [--note TEXT] [--backend B] [--native K1,K2]
 *  [--threads N] [--out FILE]` — record the wall times of a finished `curv run` (too long to re-run as a benchmark) in
 * bench/results.json, in the format of scripts/bench.ts: `median` = the run's wall time from
 * RUN_DIR/summary.json, `meta.steps` = each step's recorded seconds (manifest.json), `meta.perStepSeconds`
 * = per step number summed over experiments. The backend comes from the manifests' recorded environment;
 * for runs written before curv recorded it, pass --backend (and --native/--threads) and say how it is
 * known in --note. Replaces the entry with the same name and backend (in --out, default bench/results.json).
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { writeJsonAtomic } from '@curv/core';

const root = resolve(import.meta.dirname, '..');

const { values, positionals } = parseArgs({
  args: process.argv.slice(2),
  allowPositionals: true,
  options: {
    name: { type: 'string' },
    note: { type: 'string' },
    backend: { type: 'string' },
    native: { type: 'string' },
    threads: { type: 'string' },
    out: { type: 'string' },
  },
});
const outPath = resolve(values.out ?? join(root, 'bench', 'results.json'));
const fail = (message: string): never => {
  console.error(`bench-from-run: ${message}`);
  process.exit(2);
};
const runDir = positionals[0] ?? fail('expected RUN_DIR (a folder written by curv run)');
const name = values.name ?? fail('expected --name (e.g. pipeline-thesis)');

interface StepRecord {
  step: number;
  name: string;
  status: string;
  seconds?: number;
  startedAt: string;
  finishedAt?: string;
  environment?: { backend: string; node: string; machine: { cpu: string; cores: number; memoryGiB: number } };
}
const summaryPath = join(runDir, 'summary.json');
if (!existsSync(summaryPath)) fail(`${summaryPath}: missing; expected a finished run folder`);
const summary = JSON.parse(readFileSync(summaryPath, 'utf8')) as {
  preset: string;
  seconds: number;
  ok: boolean;
  outcomes: { experiment: string }[];
};
const experiments = [...new Set(summary.outcomes.map((o) => o.experiment))].filter((e) =>
  existsSync(join(runDir, e, 'manifest.json')),
);
const steps: { experiment: string; step: number; name: string; status: string; seconds: number }[] = [];
const environments = new Set<string>();
let first = '';
let last = '';
for (const experiment of experiments) {
  const manifest = JSON.parse(readFileSync(join(runDir, experiment, 'manifest.json'), 'utf8')) as {
    steps: Record<string, StepRecord>;
  };
  for (const rec of Object.values(manifest.steps).sort((a, b) => a.step - b.step)) {
    steps.push({
      experiment,
      step: rec.step,
      name: rec.name,
      status: rec.status,
      seconds: Number((rec.seconds ?? 0).toFixed(2)),
    });
    if (rec.environment) environments.add(rec.environment.backend);
    if (!first || rec.startedAt < first) first = rec.startedAt;
    if (rec.finishedAt && rec.finishedAt > last) last = rec.finishedAt;
  }
}
if (!steps.length) fail(`${runDir}: no manifest with steps`);
const perStepSeconds: Record<string, number> = {};
for (const s of steps)
  perStepSeconds[`step${s.step}`] = Number(((perStepSeconds[`step${s.step}`] ?? 0) + s.seconds).toFixed(2));

// The backend as scripts/bench.ts names it: wasm, wasm+native/<threads>t, cpu, tensorflow.
const recorded = [...environments];
let backend = values.backend;
let native = values.native ? values.native.split(',') : [];
let threads = values.threads ? Number(values.threads) : undefined;
if (!backend) {
  if (recorded.length !== 1)
    fail(`${runDir}: the manifests record ${recorded.length} backends; pass --backend`);
  const m = /^wasm \(native kernels: ([^;)]+)(?:; (\d+) OpenBLAS threads)?\)$/.exec(recorded[0]);
  if (m) {
    native = m[1].split(', ');
    threads = m[2] ? Number(m[2]) : undefined;
    backend = `wasm+native/${threads ?? '?'}t`;
  } else backend = recorded[0].replace(/ \(no native kernels\)$/, '');
}

const entry = {
  name,
  unit: 's',
  median: summary.seconds,
  min: summary.seconds,
  max: summary.seconds,
  runs: 1,
  backend,
  native,
  ...(threads ? { nativeThreads: threads } : {}),
  meta: {
    preset: summary.preset,
    note:
      values.note ??
      `wall time of \`curv run --preset ${summary.preset}\` (seconds), recorded from its run folder`,
    ok: summary.ok,
    started: first,
    finished: last,
    steps,
    perStepSeconds,
  },
};

const results = existsSync(outPath)
  ? (JSON.parse(readFileSync(outPath, 'utf8')) as {
      machine?: unknown;
      results: { name: string; backend: string }[];
    })
  : { results: [] };
const kept = results.results.filter((r) => !(r.name === name && r.backend === backend));
const machine = results.machine ?? {
  cpus: cpus().length,
  cpuModel: cpus()[0]?.model ?? 'unknown',
  node: process.version,
};
writeJsonAtomic(outPath, { machine, results: [...kept, entry] });
console.log(
  `${name} (${backend}): ${summary.seconds.toFixed(0)} s over ${steps.length} steps of ${experiments.length} experiment(s) → ${outPath}`,
);
// Report the per-step table for the README.
for (const s of steps)
  console.log(`  ${s.experiment} step ${s.step} ${s.name}: ${s.seconds} s (${s.status})`);
