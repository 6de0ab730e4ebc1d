import { readFileSync, statSync } from 'node:fs';
import { CurvInputError } from '@curv/core';
import { parse as parseYaml } from 'yaml';

/** Read a text file; a missing file or a directory is an input error naming the path. */
export function readTextFile(path: string, what: string): string {
  let st: ReturnType<typeof statSync>;
  try {
    st = statSync(path);
  } catch {
    throw new CurvInputError(`${path}: ${what} not found`, path);
  }
  if (!st.isFile()) throw new CurvInputError(`${path}: ${what} is not a file`, path);
  return readFileSync(path, 'utf8');
}

const BOOL = 'tag:yaml.org,2002:bool';

/**
 * PyYAML's booleans: yes/no, true/false, on/off in three casings — but not the single letters y/n
 * that the YAML 1.1 schema of the `yaml` package also reads as booleans (which would turn the key
 * `n:` of the Swiss roll and Synthetic configs into `false:`).
 */
const PYYAML_BOOLS = [
  { value: true, test: /^(?:yes|Yes|YES|true|True|TRUE|on|On|ON)$/ },
  { value: false, test: /^(?:no|No|NO|false|False|FALSE|off|Off|OFF)$/ },
].map(({ value, test }) => ({
  tag: BOOL,
  default: true as const,
  test,
  identify: (v: unknown) => v === value,
  resolve: () => value,
}));

/**
 * Parse YAML with PyYAML's semantics (YAML 1.1: `1.e-3` and `0.` are floats, `False` is a boolean,
 * `n` is a string); errors name the file and line.
 */
export function parseYamlText(text: string, path: string): unknown {
  try {
    return parseYaml(text, {
      version: '1.1',
      customTags: (tags) => [...tags.filter((t) => (t as { tag?: string }).tag !== BOOL), ...PYYAML_BOOLS],
    });
  } catch (e) {
    const first = (e as Error).message.split('\n')[0];
    throw new CurvInputError(`${path}: malformed YAML (${first})`, path);
  }
}

/** Parse JSON; errors name the file. */
export function parseJsonText(text: string, path: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new CurvInputError(`${path}: malformed JSON (${(e as Error).message.split('\n')[0]})`, path);
  }
}

/** Recursively merge plain objects (`over` wins; arrays and scalars are replaced). */
export function deepMerge(base: unknown, over: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(over)) return over === undefined ? base : over;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) out[k] = deepMerge(base[k], v);
  return out;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
