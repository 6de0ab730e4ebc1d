/**
 * A named benchmark run by `pnpm bench` (scripts/bench.ts). Benchmarks live in
 * `packages/<pkg>/bench/*.bench.ts` and export `benchmarks: Benchmark[]`.
 *
 * The harness calls `setup` once, then `run` `warmup` times unmeasured and `runs` times measured.
 * By default the wall time of each `run` is recorded (unit `ms`); a `run` that returns a number
 * reports its own measurement instead, in `unit` (e.g. seconds for a whole epoch, MB for memory).
 * Methods (not function properties) keep `Benchmark<Ctx>` assignable to `Benchmark`, so one
 * `benchmarks` array can mix contexts.
 */
export interface Benchmark<C = unknown> {
  name: string;
  unit?: string;
  runs?: number;
  warmup?: number;
  setup?(): Promise<C> | C;
  /** One measured iteration. Return a number to report your own measurement in `unit`. */
  run(ctx: C): unknown;
  teardown?(ctx: C): Promise<void> | void;
  /** Extra facts recorded with the result (e.g. configuration). */
  meta?: Record<string, unknown>;
}

/** Identity helper that keeps the context type of a benchmark. */
export function defineBenchmark<C>(b: Benchmark<C>): Benchmark<C> {
  return b;
}
