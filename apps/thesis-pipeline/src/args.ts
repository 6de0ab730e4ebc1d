import { parseArgs } from 'node:util';
import { BACKEND_NAMES, type BackendName, CurvInputError } from '@curv/core';
import { parseArgsErrorLine } from './suggest.js';

/** The seven quick-start steps, step 8 (the Chapter 4 straight-line evaluation) and step 9 (diffusion curvature vs exact R/2). */
export const STEP_IDS = [1, 2, 3, 4, 5, 6, 7, 8, 9] as const;
export type StepId = (typeof STEP_IDS)[number];

/**
 * Parse a step selection: `"1-9"`, `"3"`, `"1,2,6-7"`. Returns the sorted, de-duplicated step ids.
 * Anything else (unknown step, empty range, junk) is a {@link CurvInputError} naming `--steps`.
 */
export function parseSteps(spec: string): StepId[] {
  const fail = (what: string) =>
    new CurvInputError(
      `--steps '${spec}': ${what}; expected step numbers 1-9 as a list or ranges, e.g. 1-9 or 1,3,6-7`,
      '--steps',
    );
  const out = new Set<StepId>();
  const parts = spec.split(',').map((s) => s.trim());
  if (parts.length === 0 || parts.some((p) => p === '')) throw fail('empty element');
  for (const part of parts) {
    const m = /^(\d+)(?:\s*-\s*(\d+))?$/.exec(part);
    if (!m) throw fail(`'${part}' is not a step number or range`);
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    for (const v of [a, b]) if (!STEP_IDS.includes(v as StepId)) throw fail(`unknown step ${v}`);
    if (b < a) throw fail(`range ${part} is decreasing`);
    for (let s = a; s <= b; s++) out.add(s as StepId);
  }
  return [...out].sort((x, y) => x - y);
}

/** Parse a latent point `"z1,z2"` (for `--from` / `--to`). */
export function parsePoint(text: string, flag: string): [number, number] {
  const parts = text.split(',').map((s) => s.trim());
  const nums = parts.map(Number);
  if (parts.length !== 2 || parts.some((p) => p === '') || !nums.every(Number.isFinite)) {
    throw new CurvInputError(`${flag} '${text}': expected two numbers 'z1,z2' (e.g. ${flag} 0,-2)`, flag);
  }
  return [nums[0], nums[1]];
}

/** Parse a positive integer option. */
export function parsePositiveInt(text: string | undefined, flag: string, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const v = Number(text);
  if (!Number.isInteger(v) || v < min) {
    throw new CurvInputError(`${flag} '${text}': expected an integer ≥ ${min}`, flag);
  }
  return v;
}

/** `--backend`; undefined when absent, so that `CURV_BACKEND` (read by initBackend) applies. */
export function parseBackend(text: string | undefined): BackendName | undefined {
  if (text === undefined) return undefined;
  const b = text as BackendName;
  if (!BACKEND_NAMES.includes(b)) {
    throw new CurvInputError(`--backend '${text}': expected one of ${BACKEND_NAMES.join(', ')}`, '--backend');
  }
  return b;
}

/**
 * `node:util` parseArgs with errors turned into one-line {@link CurvInputError}s
 * (unknown option, missing value, stray positional).
 */
export function parseCommandArgs<
  O extends Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>,
>(
  command: string,
  argv: string[],
  options: O,
  positionals: { min: number; max: number; names: string },
): { values: Record<string, string | boolean | string[] | boolean[] | undefined>; positionals: string[] } {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (e) {
    // Node's messages are one line already ("Unknown option '--foo'. ..."); keep the first sentence.
    const msg = parseArgsErrorLine((e as Error).message, options);
    throw new CurvInputError(`curv ${command}: ${msg}`, command);
  }
  const pos = parsed.positionals;
  if (pos.length < positionals.min) {
    throw new CurvInputError(`curv ${command}: missing argument; expected ${positionals.names}`, command);
  }
  if (pos.length > positionals.max) {
    const expected = positionals.max === 0 ? 'no positional arguments' : positionals.names;
    throw new CurvInputError(
      `curv ${command}: unexpected argument '${pos.slice(positionals.max).join(' ')}'; expected ${expected}`,
      command,
    );
  }
  return {
    values: parsed.values as Record<string, string | boolean | string[] | boolean[] | undefined>,
    positionals: pos,
  };
}
