import { closeSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { CurvInputError } from '@curv/core';
import { describeErrno } from './outDir.js';

/** The lock file in an output folder while a `curv run` uses it. */
export const LOCK_FILE = '.curv-run.lock';

/** What the lock file records. */
export interface LockInfo {
  pid: number;
  host: string;
  startedAt: string;
  command: string;
}

/** A held lock; `release()` removes the lock file (idempotent). */
export interface RunLock {
  path: string;
  release(): void;
}

/** True when a process with this pid exists on this machine. */
function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readLock(path: string): LockInfo | undefined {
  try {
    const v = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockInfo>;
    if (typeof v.pid === 'number' && typeof v.host === 'string') return v as LockInfo;
  } catch {
    // unreadable or half-written: treated as stale below
  }
  return undefined;
}

/**
 * Take the exclusive lock of an output folder: one `curv run` per folder. The lock file
 * (`DIR/.curv-run.lock`, created with O_EXCL) records pid, host and start time. A lock left by a
 * process that no longer runs on this host (killed, crashed) is stale and taken over; a lock held
 * by a live process, or by another host (which this host cannot check), is a one-line input error.
 */
export function acquireRunLock(dir: string, command = 'curv run'): RunLock {
  const path = join(dir, LOCK_FILE);
  const info: LockInfo = { pid: process.pid, host: hostname(), startedAt: new Date().toISOString(), command };
  for (let attempt = 0; attempt < 3; attempt++) {
    let fd: number;
    try {
      fd = openSync(path, 'wx');
    } catch (e) {
      const err = e as NodeJS.ErrnoException;
      if (err.code !== 'EEXIST') {
        throw new CurvInputError(
          `--out ${dir}: cannot create the lock file (${describeErrno(err)})`,
          '--out',
        );
      }
      const holder = readLock(path);
      const stale =
        holder === undefined
          ? lockAgeMs(path) > 10_000
          : holder.host === info.host && !processAlive(holder.pid);
      if (!stale) {
        const who = holder
          ? `process ${holder.pid} on ${holder.host} since ${holder.startedAt}`
          : 'another process';
        throw new CurvInputError(
          `--out ${dir}: another curv run is using this folder (${who}); wait for it or remove ${path} if it is not running`,
          '--out',
        );
      }
      rmSync(path, { force: true });
      continue;
    }
    try {
      writeSync(fd, `${JSON.stringify(info)}\n`);
    } finally {
      closeSync(fd);
    }
    let released = false;
    return {
      path,
      release() {
        if (released) return;
        released = true;
        const holder = readLock(path);
        if (holder?.pid === info.pid && holder.host === info.host) rmSync(path, { force: true });
      },
    };
  }
  throw new CurvInputError(`--out ${dir}: could not take the lock ${path}`, '--out');
}

/** Age of a file in ms (Infinity when it is gone). */
function lockAgeMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}
