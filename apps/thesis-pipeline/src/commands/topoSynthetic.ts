import { join, resolve } from 'node:path';
import { CurvInputError, initBackend, writeFileAtomic, writeJsonAtomic } from '@curv/core';
import { barcode, latentScatter, persistenceDiagram, seriesPlot } from '@curv/plots';
import {
  type RipsPersistence,
  runSyntheticExperiment,
  type SyntheticRunResult,
  syntheticSetup,
  topologySummary,
} from '@curv/topology';
import type { CliIO } from '../io.js';
import { parseTopologyArgs } from './persistence.js';

/** Scale separating clusters in the summaries (the clusters of the experiments are ≥ 5 apart). */
const CLUSTER_SCALE = 2;

/** Flat (birth, death) arrays per dimension for the plots (infinite deaths stay Infinity). */
function diagramPairs(p: RipsPersistence): number[][] {
  const h0 = [...Array.from(p.h0.deaths, (d) => [0, d]).flat()];
  for (let i = 0; i < p.h0.essential.length; i++) h0.push(0, Number.POSITIVE_INFINITY);
  const h1 = p.h1 ? Array.from(p.h1.births, (b, i) => [b, p.h1!.deaths[i]]).flat() : [];
  return [h0, h1];
}

const jsonPairs = (p: RipsPersistence) =>
  diagramPairs(p).map((flat) => {
    const out: [number, number | null][] = [];
    for (let i = 0; i < flat.length; i += 2)
      out.push([flat[i], Number.isFinite(flat[i + 1]) ? flat[i + 1] : null]);
    return out;
  });

/** Square plot window holding every frame and the target. */
function windowOf(r: SyntheticRunResult): [number, number] {
  let lo = Number.POSITIVE_INFINITY;
  let hi = Number.NEGATIVE_INFINITY;
  const see = (v: number) => {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  };
  for (const f of r.frames) f.points.forEach(see);
  for (const p of r.setup.target) p.forEach(see);
  const pad = 0.05 * (hi - lo || 1);
  return [lo - pad, hi + pad];
}

/** Self-contained HTML page: one inline SVG per frame, a slider and a play button. */
export function framesPage(title: string, frames: { step: number; svg: string }[]): string {
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const divs = frames
    .map((f, i) => `<div class="frame${i === 0 ? ' on' : ''}" data-step="${f.step}">${f.svg}</div>`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<style>body{font-family:sans-serif;margin:1.5em}.frame{display:none}.frame.on{display:block}#bar{margin:.6em 0}</style>
</head><body>
<h1>${esc(title)}</h1>
<div id="bar"><button id="play" type="button">Play</button>
<input id="slider" type="range" min="0" max="${frames.length - 1}" value="0" style="width:360px">
<span id="label">step ${frames[0]?.step ?? 0}</span></div>
<div id="frames">
${divs}
</div>
<script>
const frames = Array.from(document.querySelectorAll('.frame'));
const slider = document.getElementById('slider');
const label = document.getElementById('label');
const play = document.getElementById('play');
let current = 0;
let timer = null;
function show(i) {
  frames[current].classList.remove('on');
  current = i;
  frames[current].classList.add('on');
  slider.value = String(i);
  label.textContent = 'step ' + frames[i].dataset.step;
}
slider.addEventListener('input', () => show(Number(slider.value)));
play.addEventListener('click', () => {
  if (timer) { clearInterval(timer); timer = null; play.textContent = 'Play'; return; }
  play.textContent = 'Pause';
  timer = setInterval(() => show((current + 1) % frames.length), 80);
});
</script>
</body></html>
`;
}

/** Write the figures, the animated page and result.json of one experiment into `dir`. */
export function writeSyntheticOutputs(dir: string, r: SyntheticRunResult, seed: number): string[] {
  const ext = windowOf(r);
  const flat = (pts: number[][]) => pts.flat();
  const scatter = (title: string) =>
    latentScatter().extent(ext).axisLabels(['x', 'y']).size([480, 440]).title(title);
  const files: Record<string, string> = {
    'target_pointcloud.svg': scatter('Ground-truth point cloud')({ points: flat(r.setup.target) }),
    'target_diagram.svg': persistenceDiagram().title('Ground-truth diagram')({
      pairs: diagramPairs(r.target),
    }),
    'initial_pointcloud.svg': scatter('Initial point cloud')({ points: r.frames[0].points }),
    'initial_diagram.svg': persistenceDiagram().title('Initial diagram')({ pairs: diagramPairs(r.initial) }),
    'initial_barcode.svg': barcode().title('Initial barcode')({ pairs: diagramPairs(r.initial) }),
    'final_pointcloud.svg': scatter(`Point cloud after ${r.steps} steps`)({
      points: r.frames.at(-1)!.points,
    }),
    'final_diagram.svg': persistenceDiagram().title('Final diagram')({ pairs: diagramPairs(r.final) }),
    'final_barcode.svg': barcode().title('Final barcode')({ pairs: diagramPairs(r.final) }),
    'loss.svg': seriesPlot().title('Topological loss').xLabel('step').yLabel('loss').legend('none')({
      series: [{ label: 'loss', x: r.losses.map((l) => l.step), y: r.losses.map((l) => l.loss) }],
    }),
    'evolution.html': framesPage(
      `${r.setup.title}: point cloud every ${r.frames[1] ? r.frames[1].step - r.frames[0].step : 0} steps`,
      r.frames.map((f) => ({ step: f.step, svg: scatter(`step ${f.step}`)({ points: f.points }) })),
    ),
  };
  for (const [name, content] of Object.entries(files)) writeFileAtomic(join(dir, name), content);
  const summary = (p: RipsPersistence) => topologySummary(p, CLUSTER_SCALE);
  writeJsonAtomic(join(dir, 'result.json'), {
    test: r.setup.test,
    title: r.setup.title,
    seed,
    steps: r.steps,
    lr: r.setup.lr,
    clusterScale: CLUSTER_SCALE,
    target: summary(r.target),
    initial: summary(r.initial),
    final: summary(r.final),
    diagrams: { target: jsonPairs(r.target), initial: jsonPairs(r.initial), final: jsonPairs(r.final) },
    losses: r.losses.map((l) => [l.step, l.loss]),
    finalPoints: Array.from({ length: r.frames.at(-1)!.points.length / 2 }, (_, i) => [
      r.frames.at(-1)!.points[2 * i],
      r.frames.at(-1)!.points[2 * i + 1],
    ]),
  });
  return [...Object.keys(files), 'result.json'];
}

/**
 * `curv topo-synthetic [--test 1|2|3] [--out DIR] [--steps N] [--seed S] [--quiet]`: the synthetic
 * experiments of topology-informed point clouds (five clusters learn three, two learn four, two
 * segments learn a circle), with figures, an animated page and result.json in DIR/test<k>/.
 */
export async function topoSyntheticCommand(argv: string[], io: CliIO): Promise<number> {
  const v = parseTopologyArgs('topo-synthetic', argv, {
    test: { type: 'string' },
    out: { type: 'string' },
    steps: { type: 'string' },
    seed: { type: 'string' },
    quiet: { type: 'boolean' },
  });
  const tests = v.test === undefined ? [1, 2, 3] : [Number(v.test)];
  if (!tests.every((t) => t === 1 || t === 2 || t === 3)) {
    throw new CurvInputError(`--test '${v.test}': expected 1, 2 or 3`, '--test');
  }
  const steps = v.steps === undefined ? undefined : Number(v.steps);
  if (steps !== undefined && !(Number.isInteger(steps) && steps >= 1)) {
    throw new CurvInputError(`--steps '${v.steps}': expected an integer ≥ 1`, '--steps');
  }
  const seed = v.seed === undefined ? 0 : Number(v.seed);
  if (!Number.isInteger(seed) || seed < 0) {
    throw new CurvInputError(`--seed '${v.seed}': expected an integer ≥ 0`, '--seed');
  }
  const out = resolve(typeof v.out === 'string' ? v.out : join('out', 'topo-synthetic'));
  await initBackend({ backend: 'wasm', log: null });
  const log = v.quiet ? () => {} : (line: string) => io.stderr.write(`${line}\n`);
  const written: Record<string, unknown> = {};
  for (const test of tests) {
    const setup = syntheticSetup(test, seed);
    const total = steps ?? setup.steps;
    log(`topo-synthetic test ${test} (${setup.title}): ${total} steps, lr ${setup.lr}`);
    let decile = 0;
    const r = await runSyntheticExperiment(setup, {
      steps: total,
      signal: io.signal,
      onProgress: (step, loss) => {
        if (Math.floor((10 * step) / total) > decile) {
          decile = Math.floor((10 * step) / total);
          log(`  step ${step}/${total} (${Math.round((100 * step) / total)}%) loss ${loss.toPrecision(4)}`);
        }
      },
    });
    if (r.interrupted) {
      io.stderr.write(
        `curv topo-synthetic: interrupted at step ${r.steps} of test ${test}; nothing written for it\n`,
      );
      return 130;
    }
    const dir = join(out, `test${test}`);
    const files = writeSyntheticOutputs(dir, r, seed);
    const s = topologySummary(r.final, CLUSTER_SCALE);
    written[`test${test}`] = { dir, files, clusters: s.clusters, loops: s.loops.slice(0, 3) };
    log(
      `  final: ${s.clusters} clusters (gaps > ${CLUSTER_SCALE}), H1 persistences ${
        s.loops
          .slice(0, 3)
          .map((x) => x.toFixed(3))
          .join(', ') || 'none'
      }`,
    );
  }
  io.stdout.write(`${JSON.stringify(written)}\n`);
  return 0;
}
