import { accessSync, constants, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { CurvInputError, writeJsonAtomic } from '@curv/core';

/** Longest experiment name (it becomes a folder name). */
export const MAX_EXPERIMENT_NAME = 100;

/**
 * Check an experiment name before it becomes the folder `DIR/<name>`: letters, digits, `.`, `_`,
 * `-`, at most {@link MAX_EXPERIMENT_NAME} characters, and not `.`, `..` or empty (which would write
 * into `DIR` itself or its parent). `source` names the config file in the message.
 */
export function checkExperimentName(name: string, source: string): void {
  const fail = (what: string) =>
    new CurvInputError(`${source}: experiment.name '${name.slice(0, 120)}' ${what}`, source);
  if (name.length === 0) throw fail('is empty');
  if (name.length > MAX_EXPERIMENT_NAME) throw fail(`is longer than ${MAX_EXPERIMENT_NAME} characters`);
  if (!/^[A-Za-z0-9._-]+$/.test(name)) throw fail("must contain only letters, digits, '.', '_' and '-'");
  if (/^\.+$/.test(name)) throw fail("must not be '.' or '..' (it names a folder inside --out)");
}

/**
 * `root/rel` resolved, refusing any path that is not strictly inside `root` (`..` segments,
 * absolute `rel`). Every file the pipeline writes goes through this.
 */
export function pathInside(root: string, rel: string): string {
  const base = resolve(root);
  const abs = resolve(base, rel);
  const r = relative(base, abs);
  if (r === '' || r === '..' || r.startsWith(`..${sep}`) || isAbsolute(r)) {
    throw new Error(`refusing to write '${rel}': it is not inside ${base}`);
  }
  return abs;
}

/**
 * Create the output folder (and parents) and check that it is a writable directory. Failures
 * (read-only file system, a file in the way, no permission) are one-line input errors naming it.
 */
export function prepareOutDir(out: string, flag = '--out'): string {
  const dir = resolve(out);
  const fail = (what: string) => new CurvInputError(`${flag} ${dir}: ${what}`, flag);
  try {
    makeDirs(dir);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    throw fail(`cannot create the output folder (${describeErrno(err)})`);
  }
  if (!statSync(dir).isDirectory()) throw fail('is not a folder');
  try {
    accessSync(dir, constants.W_OK);
  } catch (e) {
    throw fail(`the output folder is not writable (${describeErrno(e as NodeJS.ErrnoException)})`);
  }
  return dir;
}

/**
 * `mkdir -p` one level at a time. (Node's recursive mkdir loops forever on some virtual file
 * systems, e.g. under /proc, where mkdir fails with ENOENT although the parent exists.)
 */
function makeDirs(dir: string): void {
  const missing: string[] = [];
  let d = dir;
  for (;;) {
    try {
      if (statSync(d).isDirectory()) break;
      throw Object.assign(new Error(`${d} is not a folder`), { code: d === dir ? 'EEXIST' : 'ENOTDIR' });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    missing.push(d);
    const parent = dirname(d);
    if (parent === d) break;
    d = parent;
  }
  for (const m of missing.reverse()) {
    try {
      mkdirSync(m);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST' || !statSync(m).isDirectory()) throw e;
    }
  }
}

/** `EROFS: read-only file system` etc. from a Node fs error, without the call and path. */
export function describeErrno(e: NodeJS.ErrnoException): string {
  const known: Record<string, string> = {
    EROFS: 'read-only file system',
    ENOENT: 'no such file or directory',
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ENOTDIR: 'a parent is not a folder',
    EEXIST: 'a file is in the way',
    ENOSPC: 'no space left on the device',
    ENAMETOOLONG: 'name too long',
  };
  return e.code ? `${e.code}: ${known[e.code] ?? e.message.split(',')[0]}` : e.message.split('\n')[0];
}

/**
 * Temporary files of this program's atomic writes (`.<name>.<pid>.<counter>.tmp`, see @curv/core's
 * writeFileAtomic). A process killed between writing and renaming one leaves it behind.
 */
export const TEMP_FILE = /(^|\/)\.[^/]+\.\d+\.\d+\.tmp$/;

/** True when `rel` is one of this program's temporary files. */
export function isTempFile(rel: string): boolean {
  return TEMP_FILE.test(rel.split(sep).join('/'));
}

/**
 * Delete orphan temporary files of this program under `dir` (recursively, at most `maxDepth`
 * levels). Call it while holding the run lock, so that no live run is writing them. Returns the
 * deleted paths (relative to `dir`).
 */
export function cleanOrphanTempFiles(dir: string, maxDepth = 4): string[] {
  const removed: string[] = [];
  const walk = (rel: string, depth: number) => {
    let entries: import('node:fs').Dirent[];
    try {
      entries = readdirSync(join(dir, rel), { withFileTypes: true });
    } catch {
      return;
    }
    for (const e of entries) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (depth < maxDepth) walk(r, depth + 1);
      } else if (e.isFile() && isTempFile(r)) {
        rmSync(join(dir, r), { force: true });
        removed.push(r);
      }
    }
  };
  walk('', 0);
  return removed;
}

/**
 * Write a command's JSON result to `--out FILE` atomically; a folder that is missing, read-only or
 * not a folder is a one-line input error naming the file.
 */
export function writeResultFile(path: string, value: unknown): void {
  try {
    writeJsonAtomic(path, value);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (!err.code) throw e;
    throw new CurvInputError(`--out ${path}: cannot write the result (${describeErrno(err)})`, '--out');
  }
}
