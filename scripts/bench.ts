/**
 * `pnpm bench [filter] [--backend a,b,...]` — run every package's benchmarks (packages/* /bench/*.bench.ts
 * and apps/* /bench/*.bench.ts) and write bench/results.json:
 *
 *   { "machine": { "cpus", "cpuModel", "node" }, "results": [ { "name", "unit", "median", "min", "max", "runs",
 *     "cpuMs", "mainThreadCpuMs"?, "backend", "native", "nativeThreads"?, "meta"? } ] }
 *
 * `backend` is tfjs' backend name, with `+native/<threads>t` when the native accelerator served kernels;
 * `native` lists those kernels. `cpuMs` is the median process CPU time per run (all threads), which stays
 * meaningful when other jobs load the machine. An entry is identified by name and backend.
 *
 * With a filter, only benchmarks whose name contains it run, and only their entries are replaced.
 * `--backend` runs each benchmark on every listed backend in turn (interleaved, so they share machine
 * conditions) and prints a side-by-side table. Backends: auto (default), wasm (with the accelerator when
 * built), wasm-plain (accelerator off), wasm-native[:threads] (accelerator required), cpu, tensorflow,
 * tensorflow-gpu. A listed backend that cannot start is reported and skipped; if none starts, exit 1.
 * `pnpm bench --backend tensorflow-gpu` is the GPU check: it fails with how to install tfjs-node-gpu when
 * no GPU backend starts, and otherwise first compares a GPU matMul with the wasm backend.
 * Benchmarks are never unit tests: they measure, they do not assert.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import {
  type BackendName,
  type Benchmark,
  backendInfo,
  initBackend,
  useNativeKernels,
  writeJsonAtomic,
} from '@curv/core';
import { gpuCheck } from '../packages/core/bench/gpuCheck.js';

interface Result {
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number;
  /** Median CPU time (user + system, all threads) per run in ms: robust to other load on the machine. */
  cpuMs?: number;
  /**
   * Mean CPU time of the main thread per run in ms (Linux only): with helper threads (OpenBLAS) busy in
   * parallel, the closest measure of the idle-machine wall time on a loaded machine.
   */
  mainThreadCpuMs?: number;
  backend: string;
  native: string[];
  nativeThreads?: number;
  meta?: Record<string, unknown>;
}

const root = resolve(import.meta.dirname, '..');
const outPath = join(root, 'bench', 'results.json');

function parseArgs(argv: string[]): { filter: string; backends: string[] } {
  let filter = '';
  let backends = ['auto'];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--backend' || a.startsWith('--backend=')) {
      const v = a === '--backend' ? argv[++i] : a.slice('--backend='.length);
      if (!v) {
        console.error('--backend: expected a comma-separated list, e.g. --backend wasm,wasm-plain');
        process.exit(2);
      }
      backends = v.split(',').filter(Boolean);
    } else if (!filter) filter = a;
    else {
      console.error(`unexpected argument '${a}': usage: pnpm bench [filter] [--backend a,b]`);
      process.exit(2);
    }
  }
  return { filter, backends };
}

const { filter, backends } = parseArgs(process.argv.slice(2));

/** Start one benchmark backend; returns a reason string when it cannot start. */
async function startBackend(spec: string): Promise<string | undefined> {
  const [base, threadsText] = spec.split(':');
  const variants: Record<string, [BackendName, boolean | undefined]> = {
    auto: ['auto', undefined],
    wasm: ['wasm', true],
    'wasm-plain': ['wasm', false],
    'wasm-native': ['wasm', true],
    cpu: ['cpu', undefined],
    tensorflow: ['tensorflow', undefined],
    'tensorflow-gpu': ['tensorflow-gpu', undefined],
  };
  const v = variants[base];
  if (!v) return `unknown backend '${spec}': expected one of ${Object.keys(variants).join(', ')}`;
  const threads = threadsText ? Number(threadsText) : undefined;
  if (threads !== undefined && !(Number.isInteger(threads) && threads > 0)) {
    return `backend '${spec}': threads must be a positive integer`;
  }
  try {
    await initBackend({ backend: v[0], log: (m) => console.error(m) });
  } catch (e) {
    return (e as Error).message;
  }
  if (backendInfo()?.backend === 'wasm' && v[1] !== undefined) {
    const native = await useNativeKernels(v[1], { threads });
    if (base === 'wasm-native' && !native.kernels.length) {
      return `backend '${spec}': native accelerator not available (${native.reason})`;
    }
  }
  return undefined;
}

/** Label of the running backend: tfjs' name, `+native` when the accelerator serves kernels. */
function backendLabel(): { label: string; native: string[]; threads?: number } {
  const info = backendInfo();
  const native = info?.native.kernels ?? [];
  return {
    label: `${info?.backend ?? 'none'}${info?.gpu ? '-gpu' : ''}${native.length ? `+native/${info?.native.threads}t` : ''}`,
    native,
    ...(native.length ? { threads: info?.native.threads } : {}),
  };
}

function benchFiles(): string[] {
  const files: string[] = [];
  for (const top of ['packages', 'apps']) {
    const base = join(root, top);
    if (!existsSync(base)) continue;
    for (const pkg of readdirSync(base).sort()) {
      const dir = join(base, pkg, 'bench');
      if (!existsSync(dir)) continue;
      for (const f of readdirSync(dir).sort()) if (f.endsWith('.bench.ts')) files.push(join(dir, f));
    }
  }
  return files;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** CPU time of the main thread in ms (Linux /proc, 10 ms ticks), or NaN elsewhere. */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return Number.NaN;
  }
}

async function runOne(b: Benchmark): Promise<Result> {
  const label = backendLabel();
  const ctx = b.setup ? await b.setup() : undefined;
  const values: number[] = [];
  const cpuValues: number[] = [];
  let main0 = Number.NaN;
  let unit = b.unit ?? 'ms';
  try {
    for (let i = 0; i < (b.warmup ?? 1); i++) await b.run(ctx);
    main0 = mainThreadCpuMs();
    for (let i = 0; i < (b.runs ?? 5); i++) {
      const c0 = process.cpuUsage();
      const t0 = performance.now();
      const own: unknown = await b.run(ctx);
      const elapsed = performance.now() - t0;
      const c = process.cpuUsage(c0);
      cpuValues.push((c.user + c.system) / 1000);
      if (typeof own === 'number') values.push(own);
      else {
        values.push(unit === 's' ? elapsed / 1000 : elapsed);
        if (unit !== 's') unit = 'ms';
      }
    }
  } finally {
    if (b.teardown) await b.teardown(ctx);
  }
  const mainMs = (mainThreadCpuMs() - main0) / values.length;
  return {
    name: b.name,
    unit,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    runs: values.length,
    cpuMs: median(cpuValues),
    ...(Number.isFinite(mainMs) ? { mainThreadCpuMs: mainMs } : {}),
    backend: label.label,
    native: label.native,
    ...(label.threads !== undefined ? { nativeThreads: label.threads } : {}),
    ...(b.meta ? { meta: b.meta } : {}),
  };
}

const keyOf = (r: Result) => `${r.name}\u0000${r.backend}`;

function printTable(rows: Result[], labels: string[]): void {
  const names = [...new Set(rows.map((r) => r.name))];
  const cell = (n: string, l: string) => {
    const r = rows.find((x) => x.name === n && x.backend === l);
    return r
      ? `${r.median.toPrecision(4)} ${r.unit} (cpu ${r.cpuMs?.toPrecision(3)}, main ${r.mainThreadCpuMs?.toPrecision(3)} ms)`
      : '—';
  };
  const head = ['benchmark', ...labels, ...(labels.length > 1 ? [`${labels[0]} / ${labels[1]}`] : [])];
  const body = names.map((n) => {
    const a = rows.find((x) => x.name === n && x.backend === labels[0]);
    const b = rows.find((x) => x.name === n && x.backend === labels[1]);
    return [
      n,
      ...labels.map((l) => cell(n, l)),
      ...(labels.length > 1 ? [a && b ? `${(a.median / b.median).toFixed(2)}×` : '—'] : []),
    ];
  });
  const widths = head.map((h, i) => Math.max(h.length, ...body.map((r) => r[i].length)));
  const line = (r: string[]) => r.map((c, i) => c.padEnd(widths[i])).join('  ');
  console.log(line(head));
  for (const r of body) console.log(line(r));
}

async function main() {
  const previous: Result[] = existsSync(outPath)
    ? (JSON.parse(readFileSync(outPath, 'utf8')).results ?? [])
    : [];
  const usable: string[] = [];
  for (const spec of backends) {
    const why = await startBackend(spec);
    if (why) console.error(`[bench] backend ${spec}: skipped — ${why}`);
    else usable.push(spec);
  }
  if (!usable.length) {
    console.error('[bench] no requested backend could start');
    process.exitCode = 1;
    return;
  }
  if (usable.includes('tensorflow-gpu')) {
    await startBackend('tensorflow-gpu');
    const ok = await gpuCheck((m) => console.error(m));
    if (!ok) process.exitCode = 1;
  }
  const fresh: Result[] = [];
  const labels: string[] = [];
  for (const file of benchFiles()) {
    const mod = (await import(pathToFileURL(file).href)) as { benchmarks?: Benchmark[] };
    for (const b of mod.benchmarks ?? []) {
      if (filter && !b.name.includes(filter)) continue;
      for (const spec of usable) {
        if (usable.length > 1 || spec !== 'auto') await startBackend(spec);
        process.stderr.write(`bench ${b.name} [${backendLabel().label}] ... `);
        const r = await runOne(b as Benchmark);
        fresh.push(r);
        if (!labels.includes(r.backend)) labels.push(r.backend);
        process.stderr.write(
          `median ${r.median.toPrecision(4)} ${r.unit} (min ${r.min.toPrecision(4)}, max ${r.max.toPrecision(4)}, ${r.runs} runs; CPU ${r.cpuMs?.toPrecision(4)} ms/run, main thread ${r.mainThreadCpuMs?.toPrecision(4)} ms/run)\n`,
        );
        // Write after every benchmark so a long run that is interrupted keeps what it measured.
        const keys = new Set(fresh.map(keyOf));
        const merged = [...previous.filter((x) => !keys.has(keyOf(x))), ...fresh].sort(
          (x, y) => x.name.localeCompare(y.name) || x.backend.localeCompare(y.backend),
        );
        writeJsonAtomic(outPath, {
          machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
          results: merged,
        });
      }
    }
  }
  if (!fresh.length) {
    console.error(filter ? `no benchmark name contains '${filter}'` : 'no benchmarks found');
    process.exitCode = 1;
    return;
  }
  if (labels.length > 1) printTable(fresh, labels);
}

await main();
