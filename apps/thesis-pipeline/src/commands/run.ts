import { join, resolve } from 'node:path';
import { CurvInputError } from '@curv/core';
import { parseConfigYaml } from '@curv/models';
import { parseBackend, parseCommandArgs, parseSteps, type StepId } from '../args.js';
import { experimentName, requirePipelineModel, validateConfig } from '../config.js';
import type { CliIO } from '../io.js';
import { checkExperimentName, pathInside } from '../outDir.js';
import type { PipelineParams } from '../params.js';
import { runPipeline } from '../pipeline.js';
import { parseSetArgs, resolvePipelineSettings, splitPipelineSection } from '../pipelineSettings.js';
import { CONFIG_DIR, getPreset } from '../presets.js';
import { createProgress } from '../progress.js';
import type { ExperimentPlan } from '../step.js';
import { deepMerge, readTextFile } from '../yamlFile.js';
import { RICCI_FLOW_PRESETS, ricciFlowPresetCommand } from './ricciFlow.js';

const ALL: StepId[] = [1, 2, 3, 4, 5, 6, 7, 8, 9];

export interface PlanOptions {
  preset?: string;
  configs?: string[];
  out?: string;
  /** `--set key=value` arguments, applied to every experiment after its YAML `pipeline:` section. */
  set?: string[];
}

/**
 * The experiments of a run: the preset's shipped configurations, or the user's `--config` files
 * (each runs all seven steps with the preset's step parameters). Every configuration is validated
 * before anything runs, so a typo fails in a second rather than after training.
 */
export function planExperiments(
  options: PlanOptions,
  warn: (message: string) => void = () => {},
): { plans: ExperimentPlan[]; preset: ReturnType<typeof getPreset> } {
  const preset = getPreset(options.preset ?? 'quick');
  const out = resolve(options.out ?? 'out');
  const sources: Array<{
    path: string;
    overrides?: Record<string, unknown>;
    steps: StepId[];
    label: string;
  }> =
    options.configs && options.configs.length > 0
      ? options.configs.map((p) => ({ path: resolve(p), steps: ALL, label: p }))
      : preset.experiments.map((e) => ({
          path: join(CONFIG_DIR, e.file),
          overrides: e.overrides,
          steps: e.steps,
          label: `preset ${preset.name}`,
        }));
  const plans: ExperimentPlan[] = [];
  const seen = new Set<string>();
  const set = parseSetArgs(options.set ?? []);
  for (const s of sources) {
    const raw = deepMerge(parseConfigYaml(readTextFile(s.path, 'config file'), s.path), s.overrides);
    const { section, rest } = splitPipelineSection(raw);
    const { params, overrides } = resolvePipelineSettings(preset.params, {
      yaml: section,
      yamlSource: s.path,
      set,
      warn,
    });
    const config = validateConfig(rest, s.path, warn);
    requirePipelineModel(config, s.path);
    const name = experimentName(config);
    checkExperimentName(name, s.path);
    if (seen.has(name))
      throw new CurvInputError(`${s.path}: experiment.name '${name}' is used twice in this run`, s.path);
    seen.add(name);
    // Without overrides the plan carries no params of its own, so a caller's `runPipeline({ params })` applies.
    const own = overrides.length > 0 ? { params, overrides } : {};
    plans.push({ name, dir: pathInside(out, name), config, source: s.label, steps: s.steps, ...own });
  }
  return { plans, preset };
}

export async function runCommand(argv: string[], io: CliIO, verbose: boolean): Promise<number> {
  const { values } = parseCommandArgs(
    'run',
    argv,
    {
      preset: { type: 'string' },
      config: { type: 'string', multiple: true },
      steps: { type: 'string' },
      out: { type: 'string' },
      backend: { type: 'string' },
      set: { type: 'string', multiple: true },
      'print-config': { type: 'boolean' },
      force: { type: 'boolean' },
      quiet: { type: 'boolean' },
    },
    { min: 0, max: 0, names: '' },
  );
  if (values.preset === 'lso') {
    // The Latent Space Oddity experiment is a self-contained module (src/lso/), not a step pipeline.
    const { lsoCommand } = await import('./lso.js');
    const pass = (flag: string) =>
      typeof values[flag] === 'string' ? [`--${flag}`, values[flag] as string] : [];
    return lsoCommand([...pass('out'), ...pass('backend'), ...(values.quiet ? ['--quiet'] : [])], io);
  }
  const steps = parseSteps((values.steps as string | undefined) ?? '1-9');
  const backend = parseBackend(values.backend as string | undefined);
  const out = resolve((values.out as string | undefined) ?? 'out');
  const progress = createProgress({ stream: io.stderr, verbose, quiet: Boolean(values.quiet) });
  const presetName = values.preset as string | undefined;
  if (presetName !== undefined && presetName in RICCI_FLOW_PRESETS && !values.config) {
    return ricciFlowPresetCommand(presetName, out, io, progress, backend);
  }
  const { plans, preset } = planExperiments(
    {
      preset: values.preset as string | undefined,
      configs: values.config as string[] | undefined,
      out,
      set: values.set as string[] | undefined,
    },
    (m) => progress.line(`warning: ${m}`),
  );
  if (values['print-config']) {
    io.stdout.write(`${JSON.stringify(resolvedConfig(preset, out, steps, plans), null, 2)}\n`);
    return 0;
  }
  const result = await runPipeline({
    experiments: plans,
    params: preset.params,
    preset: preset.name,
    steps,
    out,
    backend,
    force: Boolean(values.force),
    progress,
    signal: io.signal,
  });
  if (result.interrupted) return 130;
  return result.ok ? 0 : 1;
}

/** What `curv run --print-config` prints: per experiment the validated YAML and the resolved step settings. */
export function resolvedConfig(
  preset: { name: string; params: PipelineParams },
  out: string,
  steps: StepId[],
  plans: ExperimentPlan[],
) {
  return {
    preset: preset.name,
    out,
    steps,
    experiments: plans.map((p) => ({
      name: p.name,
      source: p.source,
      dir: p.dir,
      steps: p.steps.filter((s) => steps.includes(s)),
      config: p.config,
      pipeline: p.params ?? preset.params,
      overrides: p.overrides ?? [],
    })),
  };
}
