import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { hostname } from 'node:os';
import { join, resolve } from 'node:path';
import { CurvInputError } from '@curv/core';
import { LOCK_FILE } from '../lock.js';
import { MANIFEST_FILE, type Manifest, readManifest } from '../manifest.js';

/** One experiment folder of a finished (or partial) run. */
export interface ExperimentRun {
  /** Absolute folder. */
  dir: string;
  /** The folder as the page shows it: the run folder as given, joined with the experiment's name. */
  rel: string;
  manifest: Manifest;
  /**
   * A JSON file of the experiment (relative path), or undefined when it does not exist. Malformed or
   * unreadable JSON is an input error naming the file.
   */
  json<T = unknown>(rel: string): T | undefined;
  /** True when the file exists. */
  has(rel: string): boolean;
}

/**
 * The start time recorded in the run folder's lock file when a `curv run` holds it (its process is
 * still alive on this host), else undefined.
 */
export function runInProgress(given: string): string | undefined {
  const path = join(resolve(given), LOCK_FILE);
  if (!existsSync(path)) return undefined;
  try {
    const info = JSON.parse(readFileSync(path, 'utf8')) as {
      pid?: unknown;
      host?: unknown;
      startedAt?: unknown;
    };
    if (typeof info.pid !== 'number' || typeof info.startedAt !== 'string') return undefined;
    if (info.host === hostname()) {
      try {
        process.kill(info.pid, 0);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code !== 'EPERM') return undefined; // a stale lock of a killed run
      }
    }
    return info.startedAt;
  } catch {
    return undefined;
  }
}

/** Parse a JSON file; an unreadable or malformed file is a {@link CurvInputError} naming it. */
export function readJsonFile<T = unknown>(path: string): T {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new CurvInputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? e})`, path);
  }
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new CurvInputError(`${path}: malformed JSON (${(e as Error).message})`, path);
  }
}

function experiment(dir: string, rel: string): ExperimentRun {
  const manifest = readManifest(dir) as Manifest;
  const cache = new Map<string, unknown>();
  return {
    dir,
    rel,
    manifest,
    json<T>(file: string): T | undefined {
      if (!cache.has(file)) {
        const path = join(dir, file);
        cache.set(file, existsSync(path) ? readJsonFile(path) : undefined);
      }
      return cache.get(file) as T | undefined;
    },
    has: (file) => existsSync(join(dir, file)),
  };
}

/**
 * The experiments of a run folder written by `curv run`: its subfolders with a manifest.json, in the
 * order of the last run's summary.json (then by name), or the folder itself when it is one
 * experiment. Anything else is an input error naming the folder.
 */
export function readRun(given: string): ExperimentRun[] {
  const runDir = resolve(given);
  if (!existsSync(runDir) || !statSync(runDir).isDirectory()) {
    throw new CurvInputError(`${given}: no such run folder (expected a folder written by 'curv run')`, given);
  }
  if (existsSync(join(runDir, MANIFEST_FILE))) return [experiment(runDir, given)];
  const names = readdirSync(runDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(runDir, d.name, MANIFEST_FILE)))
    .map((d) => d.name)
    .sort();
  if (names.length === 0) {
    throw new CurvInputError(
      `${given}: not a run folder (no ${MANIFEST_FILE} in it or in its subfolders); expected a folder written by 'curv run'`,
      given,
    );
  }
  const order: string[] = [];
  const summaryPath = join(runDir, 'summary.json');
  if (existsSync(summaryPath)) {
    const summary = readJsonFile<{ outcomes?: { experiment?: unknown }[] }>(summaryPath);
    for (const o of Array.isArray(summary?.outcomes) ? summary.outcomes : []) {
      const name = o?.experiment;
      if (typeof name === 'string' && names.includes(name) && !order.includes(name)) order.push(name);
    }
  }
  for (const n of names) if (!order.includes(n)) order.push(n);
  return order.map((n) => experiment(join(runDir, n), join(given, n)));
}
