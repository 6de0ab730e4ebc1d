import { resolve } from 'node:path';
import { CurvInputError, writeFileAtomic } from '@curv/core';
import { parseCommandArgs } from '../args.js';
import type { CliIO } from '../io.js';
import { describeErrno } from '../outDir.js';
import { readRun, runInProgress } from '../results/readRun.js';
import { resultsPage } from '../results/resultsPage.js';
import { sourceCommit } from '../runEnvironment.js';
import { APP_VERSION } from '../versions.js';

/**
 * `curv results DIR [--out FILE.md] [--note TEXT ...]`: the Markdown results page of a run folder written
 * by `curv run` (stdout without --out; an atomic write with it). Each --note is a paragraph at the top,
 * marked as given on the command line (e.g. run conditions the manifest cannot know).
 */
export async function resultsCommand(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseCommandArgs(
    'results',
    argv,
    { out: { type: 'string' }, note: { type: 'string', multiple: true } },
    { min: 1, max: 1, names: "one run folder written by 'curv run' (e.g. out)" },
  );
  const runDir = positionals[0];
  const runs = readRun(runDir);
  const out = values.out as string | undefined;
  const page = resultsPage(runs, {
    // The notes are on the page already: the command line shows them as '…'.
    command: [
      'curv',
      'results',
      ...argv.map((a, i) => (argv[i - 1] === '--note' ? '…' : a.startsWith('--note=') ? '--note=…' : a)),
    ].join(' '),
    version: APP_VERSION,
    ...sourceCommit(),
    runDir,
    date: new Date().toISOString().slice(0, 10),
    runningSince: runInProgress(runDir),
    notes: (values.note as string[] | undefined) ?? [],
  });
  if (out === undefined) {
    io.stdout.write(page);
    return 0;
  }
  try {
    writeFileAtomic(resolve(out), page);
  } catch (e) {
    const err = e as NodeJS.ErrnoException;
    if (!err.code) throw e;
    throw new CurvInputError(`--out ${out}: cannot write the page (${describeErrno(err)})`, '--out');
  }
  io.stderr.write(`curv results: ${runs.length} experiment(s) → ${out}\n`);
  return 0;
}
