import { CurvInputError } from '@curv/core';
import type { PipelineParams } from './params.js';
import { didYouMean } from './suggest.js';

/**
 * The step parameters a user may change without editing source: by a `pipeline:` section in the
 * experiment YAML or by `--set key=value` on the command line. Keys are dotted paths into
 * {@link PipelineParams} (`kmeans.mode`, `geodesics.single.from`). The resolved values go into
 * manifest.json and, through each step's `params()`, into that step's config hash, so a change
 * re-runs exactly the steps that read it.
 */
export type SettingKind =
  | { type: 'int'; min: number; max?: number }
  | { type: 'number'; min: number; exclusive?: boolean; auto?: boolean }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'boolean' }
  | { type: 'intList'; min: number }
  | { type: 'point' };

export interface SettingSpec {
  kind: SettingKind;
  /** One line for the README table and `--print-config`. */
  doc: string;
}

/** Upper bound of `kmeans.frames` (each snapshot holds N·K curves of 25 points; each frame is rasterised). */
export const MAX_ANIMATION_FRAMES = 200;

const int = (min: number, doc: string): SettingSpec => ({ kind: { type: 'int', min }, doc });
const pos = (doc: string): SettingSpec => ({ kind: { type: 'number', min: 0, exclusive: true }, doc });

/** Bounds and meaning of every known key. Keys of a preset that are not listed here are still settable (type taken from the preset's value). */
export const SETTINGS: Record<string, SettingSpec> = {
  'train.topology.batch': int(
    2,
    'step 1 (topo preset): test images whose persistence diagrams are compared after every epoch',
  ),
  'train.snapshots': int(1, 'step 1: latent scatter snapshots during training'),
  'report.grid': int(2, 'step 2: latent grid side n (n × n points over [−π, π]²)'),
  'report.bins': int(1, 'step 2: histogram bins'),
  'report.route': {
    kind: { type: 'enum', values: ['gauss', 'intrinsic'] },
    doc: 'step 2: curvature route (gauss: 2nd-order jets; intrinsic: 3rd-order)',
  },
  'geodesics.nMax': int(1, 'step 3: Schauder levels'),
  'geodesics.steps': int(3, 'step 3: points per geodesic curve'),
  'geodesics.epochs': int(0, 'step 3: Adam iterations per solve'),
  'geodesics.lr': pos('step 3: Adam learning rate'),
  'geodesics.single.from': { kind: { type: 'point' }, doc: 'step 3: start of the single geodesic (z1,z2)' },
  'geodesics.single.to': { kind: { type: 'point' }, doc: 'step 3: end of the single geodesic (z1,z2)' },
  'geodesics.half': pos('step 3: half side of the square grid of geodesics'),
  'geodesics.lines': int(1, 'step 3: vertical and horizontal interior geodesics each'),
  'embedding.nodes': int(2, 'step 4: grid nodes per side'),
  'embedding.half': pos('step 4: half side of the embedded square'),
  'embedding.nMax': int(1, 'step 4: Schauder levels'),
  'embedding.steps': int(3, 'step 4: points per geodesic'),
  'embedding.epochs': int(0, 'step 4: Adam iterations per geodesic'),
  'embedding.lr': pos('step 4: Adam learning rate (geodesics)'),
  'embedding.rounds': int(1, 'step 4: embedding optimisation rounds'),
  'embedding.iterations': int(1, 'step 4: SGD iterations per round'),
  'embedding.sgdLr': pos('step 4: SGD learning rate'),
  'embedding.weight': { kind: { type: 'number', min: 0 }, doc: 'step 4: weight of the edge-length loss' },
  'embedding.seed': int(0, 'step 4: random seed'),
  'kmeans.n': int(2, 'step 6: points to cluster (⌊N/K⌋ per label)'),
  'kmeans.nMax': int(1, 'step 6: Schauder levels of the geodesics'),
  'kmeans.steps': int(3, 'step 6: points per geodesic'),
  'kmeans.beta': {
    kind: { type: 'number', min: 0, exclusive: true, auto: true },
    doc: "step 6: centroid step β, or auto (Lloyd's step on a flat metric, independent of N)",
  },
  'kmeans.lr': pos('step 6: geodesic optimiser (SGD) learning rate'),
  'kmeans.outer': int(1, 'step 6: outer (assignment + centroid) iterations'),
  'kmeans.inner': int(1, 'step 6: geodesic iterations per outer iteration'),
  'kmeans.seeds': {
    kind: { type: 'intList', min: 0 },
    doc: 'steps 6–7: setups (point-picking seeds), e.g. 0-4 or 0,3,7; F-measures are reported as mean ± std over them',
  },
  'kmeans.mode': {
    kind: { type: 'enum', values: ['metricGrid', 'decoded'] },
    doc: 'step 6: geodesic energies from an interpolated metric grid (fast) or through the decoder (slow, like the original)',
  },
  'kmeans.metricGrid': int(2, 'step 6: metric grid side (metricGrid mode)'),
  'kmeans.legacy': {
    kind: { type: 'boolean' },
    doc: 'step 6: the original K-means as shipped (frozen straight geodesics, weight L_i0, fixed β, empty clusters not re-seeded)',
  },
  'kmeans.frames': {
    kind: { type: 'int', min: 0, max: MAX_ANIMATION_FRAMES },
    doc: `steps 6–7: K-means snapshots for the octopus animation (evenly spaced outer iterations, at most ${MAX_ANIMATION_FRAMES}; 0: none)`,
  },
  'clustering.knn': int(1, 'step 7: neighbours of the k-NN decision maps'),
  'clustering.grid': int(2, 'step 7: background grid side of the figures'),
  'chapter4.points': int(2, 'step 8: random latent points (K(K−1)/2 pairs)'),
  'chapter4.quick': {
    kind: { type: 'boolean' },
    doc: 'step 8: 20 instead of 100 geodesic solver steps (and 128 instead of 1024 AD vs FD centres)',
  },
  'chapter4.adfd': {
    kind: { type: 'boolean' },
    doc: 'step 8: also compare AD and FD scalar curvature (accuracy over 7 step sizes, timing per batch size)',
  },
  'diffusion.n': int(10, 'step 9: latent points whose decoded images form the cloud (cost grows as n³)'),
  'diffusion.sampling': {
    kind: { type: 'enum', values: ['mixed', 'area'] },
    doc: 'step 9: mixed = half uniform on the torus, half data encodings; area = uniform by decoded area',
  },
  'diffusion.graphKnn': int(2, 'step 9: target median support of the diffusion operator (below n)'),
  'diffusion.times': {
    kind: { type: 'intList', min: 1 },
    doc: 'step 9: first and last diffusion time, e.g. 1,39',
  },
  'diffusion.seed': int(0, 'step 9: seed of the latent sample and of the flat comparison samples'),
  'diffusion.grid': int(2, 'step 9: side of the exact-curvature heat map grid'),
};

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** A leaf is anything that is not a plain object (numbers, strings, booleans, arrays such as points and seeds). */
function flatten(value: unknown, prefix = '', out: Record<string, unknown> = {}): Record<string, unknown> {
  if (!isPlainObject(value)) {
    out[prefix] = value;
    return out;
  }
  for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  return out;
}

/** Every settable key of `params` (dotted) with its current value. */
export function settingKeys(params: PipelineParams): Record<string, unknown> {
  return flatten(params);
}

/** The kind of a key: from {@link SETTINGS}, else inferred from the preset's value. */
function kindOf(key: string, current: unknown): SettingKind {
  const spec = SETTINGS[key];
  if (spec) return spec.kind;
  if (typeof current === 'boolean') return { type: 'boolean' };
  if (typeof current === 'number') return { type: 'number', min: -Infinity };
  if (Array.isArray(current) && current.length === 2 && current.every((x) => typeof x === 'number'))
    return { type: 'point' };
  if (Array.isArray(current)) return { type: 'intList', min: -Infinity };
  return { type: 'enum', values: typeof current === 'string' ? [current] : [] };
}

/** Parse `"0-4"`, `"0,3,7"`, `"0-2,5"` into sorted, de-duplicated integers. */
export function parseIntList(text: string): number[] | undefined {
  const out = new Set<number>();
  for (const part of text.split(',').map((s) => s.trim())) {
    const m = /^(-?\d+)(?:\s*-\s*(-?\d+))?$/.exec(part);
    if (!m) return undefined;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (b < a || b - a > 10_000) return undefined;
    for (let i = a; i <= b; i++) out.add(i);
  }
  return [...out].sort((x, y) => x - y);
}

function describeKind(kind: SettingKind): string {
  switch (kind.type) {
    case 'int':
      return `an integer ≥ ${kind.min}${kind.max === undefined ? '' : ` and ≤ ${kind.max}`}`;
    case 'number':
      return `${kind.min === -Infinity ? 'a number' : `a number ${kind.exclusive ? '>' : '≥'} ${kind.min}`}${kind.auto ? ' or auto' : ''}`;
    case 'enum':
      return `one of ${kind.values.join(', ')}`;
    case 'boolean':
      return 'true or false';
    case 'intList':
      return `integers${kind.min === -Infinity ? '' : ` ≥ ${kind.min}`} as a list or ranges (e.g. 0-4 or 0,3,7)`;
    case 'point':
      return "two numbers 'z1,z2'";
  }
}

/**
 * Convert a value (a `--set` string or a YAML value) to the key's type. Returns undefined when it
 * does not fit; the caller turns that into a one-line error.
 */
export function coerceSetting(kind: SettingKind, value: unknown): unknown {
  switch (kind.type) {
    case 'int':
    case 'number': {
      if (kind.type === 'number' && kind.auto && value === 'auto') return 'auto';
      const v = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
      if (typeof v !== 'number' || !Number.isFinite(v)) return undefined;
      if (kind.type === 'int' && !Number.isInteger(v)) return undefined;
      if (kind.type === 'int' && kind.max !== undefined && v > kind.max) return undefined;
      if (kind.type === 'number' && kind.exclusive ? v <= kind.min : v < kind.min) return undefined;
      return v;
    }
    case 'enum':
      return typeof value === 'string' && kind.values.includes(value) ? value : undefined;
    case 'boolean':
      if (typeof value === 'boolean') return value;
      if (value === 'true') return true;
      if (value === 'false') return false;
      return undefined;
    case 'intList': {
      let list: number[] | undefined;
      if (typeof value === 'number') list = [value];
      else if (typeof value === 'string') list = parseIntList(value);
      else if (Array.isArray(value) && value.length > 0 && value.every((x) => typeof x === 'number'))
        list = [...new Set(value as number[])].sort((a, b) => a - b);
      if (!list || list.length === 0) return undefined;
      if (!list.every((x) => Number.isInteger(x) && x >= kind.min)) return undefined;
      return list;
    }
    case 'point': {
      const parts =
        typeof value === 'string'
          ? value.split(',').map((s) => (s.trim() === '' ? Number.NaN : Number(s)))
          : value;
      if (!Array.isArray(parts) || parts.length !== 2) return undefined;
      if (!parts.every((x) => typeof x === 'number' && Number.isFinite(x))) return undefined;
      return [parts[0], parts[1]];
    }
  }
}

/** One applied override, as recorded in manifest.json. */
export interface SettingOverride {
  key: string;
  value: unknown;
  /** `--set` or the YAML file (`FILE: pipeline`). */
  source: string;
}

function setPath(target: Record<string, unknown>, key: string, value: unknown): void {
  const parts = key.split('.');
  let obj = target;
  for (const p of parts.slice(0, -1)) obj = obj[p] as Record<string, unknown>;
  obj[parts[parts.length - 1]] = value;
}

/** Parse `--set key=value` arguments (value parsing happens in {@link resolvePipelineSettings}). */
export function parseSetArgs(args: readonly string[]): Array<{ key: string; value: string }> {
  return args.map((a) => {
    const eq = a.indexOf('=');
    if (eq <= 0) {
      throw new CurvInputError(
        `--set '${a}': expected key=value, e.g. --set kmeans.mode=decoded (curv run --print-config lists the keys)`,
        '--set',
      );
    }
    return { key: a.slice(0, eq).trim(), value: a.slice(eq + 1).trim() };
  });
}

export interface ResolveOptions {
  /** The YAML `pipeline:` section (nested like {@link PipelineParams}), if any. */
  yaml?: unknown;
  /** The YAML file, for messages. */
  yamlSource?: string;
  /** `--set` pairs, applied after the YAML section. */
  set?: Array<{ key: string; value: string }>;
  /** Unknown keys in the YAML section (ignored, like the rest of the schema's unknown keys). */
  warn?: (message: string) => void;
}

/**
 * The step parameters of one experiment: the preset's values, then the YAML `pipeline:` section,
 * then `--set` (later wins). Bad values are input errors naming the key and what was expected;
 * unknown keys are warned about in YAML (like unknown YAML keys elsewhere) and refused on the
 * command line (like unknown options), with a suggestion when one is within two edits.
 */
export function resolvePipelineSettings(
  base: PipelineParams,
  options: ResolveOptions = {},
): { params: PipelineParams; overrides: SettingOverride[] } {
  const params = structuredClone(base);
  const known = settingKeys(base);
  const keys = Object.keys(known);
  const overrides: SettingOverride[] = [];
  const apply = (key: string, value: unknown, source: string, where: string) => {
    const v = coerceSetting(kindOf(key, known[key]), value);
    if (v === undefined) {
      const shown = typeof value === 'string' ? value : JSON.stringify(value);
      throw new CurvInputError(
        `${where} '${shown}': expected ${describeKind(kindOf(key, known[key]))}`,
        source === '--set' ? '--set' : source,
      );
    }
    setPath(params as unknown as Record<string, unknown>, key, v);
    overrides.push({ key, value: v, source });
  };

  if (options.yaml !== undefined && options.yaml !== null) {
    const file = options.yamlSource ?? 'config';
    if (!isPlainObject(options.yaml)) {
      throw new CurvInputError(
        `${file}: pipeline: expected a mapping of step settings (e.g. kmeans: {mode: decoded})`,
        file,
      );
    }
    for (const [key, value] of Object.entries(flatten(options.yaml))) {
      if (!(key in known)) {
        // An object where a value is expected (or vice versa) is a wrong type, not an unknown key.
        const prefix = keys.find((k) => k.startsWith(`${key}.`));
        if (prefix) {
          throw new CurvInputError(
            `${file}: pipeline.${key}: expected a mapping (e.g. pipeline.${prefix})`,
            file,
          );
        }
        options.warn?.(
          `${file}: unknown key pipeline.${key} ignored${didYouMean(key, keys).replace('mean ', 'mean pipeline.')}`,
        );
        continue;
      }
      apply(key, value, `${file}: pipeline`, `${file}: pipeline.${key}`);
    }
  }
  for (const { key, value } of options.set ?? []) {
    if (!(key in known)) {
      const hint = didYouMean(key, keys) || ' (curv run --print-config lists the keys)';
      throw new CurvInputError(`--set ${key}: unknown setting${hint}`, '--set');
    }
    apply(key, value, '--set', `--set ${key}`);
  }
  return { params, overrides };
}

/** Take the `pipeline:` section out of a parsed experiment YAML (the rest goes to the experiment schema). */
export function splitPipelineSection(raw: unknown): { section: unknown; rest: unknown } {
  if (!isPlainObject(raw) || !('pipeline' in raw)) return { section: undefined, rest: raw };
  const { pipeline, ...rest } = raw;
  return { section: pipeline, rest };
}
