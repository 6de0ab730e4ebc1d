import { resolve } from 'node:path';
import { parseCommandArgs } from '../args.js';
import type { CliIO } from '../io.js';
import { buildReport } from '../report.js';

/** `curv report DIR/<experiment>`: rebuild report.html from the experiment's manifest and files. */
export async function reportCommand(argv: string[], io: CliIO): Promise<number> {
  const { positionals } = parseCommandArgs(
    'report',
    argv,
    {},
    { min: 1, max: 1, names: 'one experiment directory (DIR/<experiment>)' },
  );
  const file = await buildReport(resolve(positionals[0]));
  io.stdout.write(`${file}\n`);
  return 0;
}
