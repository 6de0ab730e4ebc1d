/**
 * `pnpm bench [filter]` — run every package's benchmarks (packages/* /bench/*.bench.ts and
 * apps/* /bench/*.bench.ts) and write bench/results.json:
 *
 *   { "machine": { "cpus", "cpuModel", "node" }, "results": [ { "name", "unit", "median", "min", "max", "runs", "backend", "meta"? } ] }
 *
 * With a filter, only benchmarks whose name contains it run, and only their entries are replaced.
 * Benchmarks are never unit tests: they measure, they do not assert.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { type Benchmark, backendInfo, initBackend, writeJsonAtomic } from '@curv/core';

interface Result {
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number;
  backend: string;
  meta?: Record<string, unknown>;
}

const root = resolve(import.meta.dirname, '..');
const filter = process.argv[2] ?? '';
const outPath = join(root, 'bench', 'results.json');

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

async function runOne(b: Benchmark): Promise<Result> {
  const ctx = b.setup ? await b.setup() : undefined;
  const values: number[] = [];
  let unit = b.unit ?? 'ms';
  try {
    for (let i = 0; i < (b.warmup ?? 1); i++) await b.run(ctx);
    for (let i = 0; i < (b.runs ?? 5); i++) {
      const t0 = performance.now();
      const own: unknown = await b.run(ctx);
      const elapsed = performance.now() - t0;
      if (typeof own === 'number') values.push(own);
      else {
        values.push(unit === 's' ? elapsed / 1000 : elapsed);
        if (unit !== 's') unit = 'ms';
      }
    }
  } finally {
    if (b.teardown) await b.teardown(ctx);
  }
  return {
    name: b.name,
    unit,
    median: median(values),
    min: Math.min(...values),
    max: Math.max(...values),
    runs: values.length,
    backend: backendInfo()?.backend ?? 'none',
    ...(b.meta ? { meta: b.meta } : {}),
  };
}

async function main() {
  await initBackend({ log: (m) => console.error(m) });
  const previous: Result[] = existsSync(outPath)
    ? (JSON.parse(readFileSync(outPath, 'utf8')).results ?? [])
    : [];
  const fresh: Result[] = [];
  for (const file of benchFiles()) {
    const mod = (await import(pathToFileURL(file).href)) as { benchmarks?: Benchmark[] };
    for (const b of mod.benchmarks ?? []) {
      if (filter && !b.name.includes(filter)) continue;
      process.stderr.write(`bench ${b.name} ... `);
      const r = await runOne(b as Benchmark);
      fresh.push(r);
      process.stderr.write(
        `median ${r.median.toPrecision(4)} ${r.unit} (min ${r.min.toPrecision(4)}, max ${r.max.toPrecision(4)}, ${r.runs} runs)\n`,
      );
      // Write after every benchmark so a long run that is interrupted keeps what it measured.
      const names = new Set(fresh.map((x) => x.name));
      const merged = [...previous.filter((x) => !names.has(x.name)), ...fresh].sort((a, b) =>
        a.name.localeCompare(b.name),
      );
      writeJsonAtomic(outPath, {
        machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version },
        results: merged,
      });
    }
  }
  if (!fresh.length) {
    console.error(filter ? `no benchmark name contains '${filter}'` : 'no benchmarks found');
    process.exitCode = 1;
  }
}

await main();
