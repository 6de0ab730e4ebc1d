import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { planExperiments } from '../src/commands/run.js';
import { main } from '../src/main.js';
import { parseIntList, resolvePipelineSettings, SETTINGS, settingKeys } from '../src/pipelineSettings.js';
import { CONFIG_DIR, PRESETS } from '../src/presets.js';
import { closest, editDistance } from '../src/suggest.js';
import { COMMANDS } from '../src/usage.js';

async function curv(args: string[]) {
  let stdout = '';
  let stderr = '';
  const sink = (add: (s: string) => void) =>
    new Writable({
      write(chunk, _enc, cb) {
        add(String(chunk));
        cb();
      },
    });
  const code = await main(args, { stdout: sink((s) => (stdout += s)), stderr: sink((s) => (stderr += s)) });
  return { code, stdout, stderr };
}

/** Exit code 2, exactly one non-empty stderr line matching `pattern`, no stack trace. */
function expectInputError(r: { code: number; stderr: string }, pattern: RegExp) {
  const lines = r.stderr.split('\n').filter((l) => l.trim() !== '');
  expect(r.code, r.stderr).toBe(2);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
}

const tmp = mkdtempSync(join(tmpdir(), 'curv-settings-'));
const quick = PRESETS.quick.params;

/** A copy of quick_curv.yaml with `extra` appended. */
function configWith(name: string, extra: string): string {
  const path = join(tmp, name);
  copyFileSync(join(CONFIG_DIR, 'quick_curv.yaml'), path);
  writeFileSync(path, `${readFileSync(path, 'utf8')}\n${extra}\n`);
  return path;
}

describe('pipeline settings: preset, YAML pipeline: section, --set', () => {
  it('every preset key is documented with bounds (no setting falls back to an inferred type)', () => {
    for (const preset of Object.values(PRESETS)) {
      for (const key of Object.keys(settingKeys(preset.params))) expect(SETTINGS, key).toHaveProperty([key]);
    }
  });

  it('parses seed lists and ranges', () => {
    expect(parseIntList('0-4')).toEqual([0, 1, 2, 3, 4]);
    expect(parseIntList('7, 0-2, 1')).toEqual([0, 1, 2, 7]);
    expect(parseIntList('3-1')).toBeUndefined();
    expect(parseIntList('a')).toBeUndefined();
  });

  it('applies YAML then --set (later wins), typed, without touching the preset', () => {
    const { params, overrides } = resolvePipelineSettings(quick, {
      yaml: { kmeans: { mode: 'decoded', outer: 12, seeds: '0-2' }, geodesics: { single: { from: [1, 2] } } },
      yamlSource: 'x.yaml',
      set: [
        { key: 'kmeans.outer', value: '7' },
        { key: 'kmeans.seeds', value: '0-9' },
        { key: 'chapter4.quick', value: 'true' },
        { key: 'kmeans.beta', value: 'auto' },
        { key: 'geodesics.single.to', value: '-1,0.5' },
      ],
    });
    expect(params.kmeans.mode).toBe('decoded');
    expect(params.kmeans.outer).toBe(7);
    expect(params.kmeans.seeds).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(params.chapter4.quick).toBe(true);
    expect(params.kmeans.beta).toBe('auto');
    expect(params.geodesics.single).toEqual({ from: [1, 2], to: [-1, 0.5] });
    expect(params.report).toEqual(quick.report);
    expect(quick.kmeans.outer).toBe(30); // the preset object is not mutated
    expect(overrides.map((o) => `${o.source}:${o.key}`)).toEqual([
      'x.yaml: pipeline:kmeans.mode',
      'x.yaml: pipeline:kmeans.outer',
      'x.yaml: pipeline:kmeans.seeds',
      'x.yaml: pipeline:geodesics.single.from',
      '--set:kmeans.outer',
      '--set:kmeans.seeds',
      '--set:chapter4.quick',
      '--set:kmeans.beta',
      '--set:geodesics.single.to',
    ]);
  });

  it.each([
    [['kmeans.mode=fast'], /^--set kmeans\.mode 'fast': expected one of metricGrid, decoded$/],
    [['kmeans.outer=2.5'], /^--set kmeans\.outer '2\.5': expected an integer ≥ 1$/],
    [['kmeans.outer=0'], /^--set kmeans\.outer '0': expected an integer ≥ 1$/],
    [['kmeans.beta=-1'], /^--set kmeans\.beta '-1': expected a number > 0 or auto$/],
    [['kmeans.seeds=5-1'], /^--set kmeans\.seeds '5-1': expected integers ≥ 0 as a list or ranges/],
    [['geodesics.single.from=1'], /^--set geodesics\.single\.from '1': expected two numbers 'z1,z2'$/],
    [['chapter4.quick=yes'], /^--set chapter4\.quick 'yes': expected true or false$/],
    [['chapter4.adfd=maybe'], /^--set chapter4\.adfd 'maybe': expected true or false$/],
    [['kmeans.mod=decoded'], /^--set kmeans\.mod: unknown setting; did you mean kmeans\.mode\?$/],
    [['frobnicate=1'], /^--set frobnicate: unknown setting \(curv run --print-config lists the keys\)$/],
    [['kmeans.mode'], /^--set 'kmeans\.mode': expected key=value/],
  ])('curv run --set %j → exit 2, one line', async (set, pattern) => {
    const r = await curv(['run', '--print-config', ...set.flatMap((s) => ['--set', s])]);
    expectInputError(r, new RegExp(pattern.source.replace(/^\^/, '^curv: ')));
  });

  it('a bad value in the YAML pipeline: section names the file and the key (exit 2, one line)', async () => {
    const file = configWith('bad.yaml', 'pipeline:\n  kmeans:\n    mode: fast');
    const r = await curv(['run', '--config', file, '--print-config']);
    expectInputError(r, /bad\.yaml: pipeline\.kmeans\.mode 'fast': expected one of metricGrid, decoded$/);
    const notMap = configWith('notmap.yaml', 'pipeline:\n  kmeans: 3');
    expectInputError(
      await curv(['run', '--config', notMap, '--print-config']),
      /notmap\.yaml: pipeline\.kmeans: expected a mapping/,
    );
  });

  it('an unknown YAML pipeline key is warned about (with a suggestion) and ignored, like unknown YAML keys', () => {
    const file = configWith('typo.yaml', 'pipeline:\n  kmeans:\n    outr: 3\n    outer: 4');
    const warnings: string[] = [];
    const { plans } = planExperiments({ configs: [file], out: tmp }, (m) => warnings.push(m));
    expect(warnings).toEqual([
      expect.stringMatching(
        /unknown key pipeline\.kmeans\.outr ignored; did you mean pipeline\.kmeans\.outer\?/,
      ),
    ]);
    expect(plans[0].params?.kmeans.outer).toBe(4);
    expect(plans[0].config).not.toHaveProperty('pipeline');
  });

  it('curv run --print-config prints the resolved settings (JSON) with their sources and exits 0', async () => {
    const file = configWith('ok.yaml', 'pipeline:\n  kmeans:\n    mode: decoded');
    const r = await curv([
      'run',
      '--config',
      file,
      '--steps',
      '6-7',
      '--set',
      'kmeans.seeds=0-9',
      '--print-config',
      '--out',
      tmp,
    ]);
    expect(r.code, r.stderr).toBe(0);
    const printed = JSON.parse(r.stdout);
    expect(printed.steps).toEqual([6, 7]);
    const [e] = printed.experiments;
    expect(e.name).toBe('quick_curv');
    expect(e.pipeline.kmeans).toMatchObject({
      mode: 'decoded',
      seeds: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
      outer: 30,
    });
    expect(e.overrides).toEqual([
      { key: 'kmeans.mode', value: 'decoded', source: `${file}: pipeline` },
      { key: 'kmeans.seeds', value: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9], source: '--set' },
    ]);
    expect(e.config.experiment.name).toBe('quick_curv');
  });

  it('the thesis preset clusters with the metric grid over several setups by default', () => {
    const k = PRESETS.thesis.params.kmeans;
    expect(k.mode).toBe('metricGrid');
    expect(k.seeds.length).toBeGreaterThanOrEqual(3);
  });
});

describe('CLI polish: --version, per-command --help, suggestions', () => {
  it('curv --version prints the package.json version and exits 0', async () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    const r = await curv(['--version']);
    expect(r.code).toBe(0);
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(pkg.bin).toEqual({ curv: './dist/cli.js' });
  });

  it('each command prints its own usage for --help', async () => {
    const seen = new Set<string>();
    for (const c of COMMANDS) {
      const r = await curv([c, '--help']);
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(new RegExp(`^Usage: curv ${c}\\b`));
      seen.add(r.stdout);
    }
    expect(seen.size).toBe(COMMANDS.length);
    expect((await curv(['run', '--help'])).stdout).toMatch(
      /--set key=value[\s\S]*--print-config[\s\S]*55–79 s per outer iteration[\s\S]*4–7 h per setup/,
    );
  });

  it('an unknown option or command within two edits gets a suggestion', async () => {
    expectInputError(
      await curv(['run', '--step', '1']),
      /^curv: curv run: Unknown option '--step'; did you mean --steps\?$/,
    );
    expectInputError(
      await curv(['geodesic', '--point', '3']),
      /Unknown option '--point'; did you mean --points\?$/,
    );
    expectInputError(
      await curv(['persistence', '--maxdin', '1']),
      /Unknown option '--maxdin'; did you mean --maxdim\?$/,
    );
    expectInputError(await curv(['run', '--frobnicate']), /Unknown option '--frobnicate'$/);
    expectInputError(
      await curv(['rnu']),
      /^curv: unknown command 'rnu'; did you mean run\? \(curv --help\)$/,
    );
    expectInputError(await curv(['frobnicate']), /unknown command 'frobnicate'; expected run, geometry/);
  });

  it('editDistance and closest', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(closest('--step', ['--out', '--steps'])).toBe('--steps');
    expect(closest('--xyz', ['--steps'])).toBeUndefined();
  });

  it('geodesic: --points and its deprecated alias --steps may not both be given', async () => {
    const r = await curv([
      'geodesic',
      '--weights',
      'w',
      '--from',
      '0,0',
      '--to',
      '1,1',
      '--points',
      '5',
      '--steps',
      '5',
    ]);
    expectInputError(r, /give --points only \(--steps is its deprecated alias\)/);
  });
});
