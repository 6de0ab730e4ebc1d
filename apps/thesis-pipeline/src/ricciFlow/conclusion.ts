import type { CurvatureFunctionalName, NicerRow } from './nicerTable.js';

/** A criterion of the table: how to read it from a row and which direction is better. */
export interface Criterion {
  id: string;
  label: string;
  better: 'higher' | 'lower';
  value(row: NicerRow): number;
}

/** The criteria of the comparison, in the order of the written conclusion. */
export function criteria(ks: readonly number[]): Criterion[] {
  return [
    ...ks.flatMap((k): Criterion[] => [
      {
        id: `trustworthiness@${k}`,
        label: `trustworthiness (k = ${k})`,
        better: 'higher',
        value: (r) => r.neighborhoods.find((q) => q.k === k)?.trustworthiness ?? Number.NaN,
      },
      {
        id: `continuity@${k}`,
        label: `continuity (k = ${k})`,
        better: 'higher',
        value: (r) => r.neighborhoods.find((q) => q.k === k)?.continuity ?? Number.NaN,
      },
    ]),
    {
      id: 'distanceSpearman',
      label: 'Spearman correlation with ground-truth distances',
      better: 'higher',
      value: (r) => r.distanceSpearman,
    },
    { id: 'tearing', label: 'tearing', better: 'lower', value: (r) => r.tearing },
    {
      id: 'conditionNumber',
      label: 'median condition number of g',
      better: 'lower',
      value: (r) => r.conditionNumber.median,
    },
    { id: 'sqrtDetCv', label: 'spread (CV) of √det g', better: 'lower', value: (r) => r.sqrtDet.cv },
    { id: 'meanR2AtData', label: 'mean R² at the data', better: 'lower', value: (r) => r.meanR2AtData },
    {
      id: 'meanR2OnGrid',
      label: 'mean R² on the latent grid',
      better: 'lower',
      value: (r) => r.meanR2OnGrid,
    },
    {
      id: 'reconstructionR2',
      label: 'reconstruction R²',
      better: 'higher',
      value: (r) => r.reconstructionR2,
    },
  ];
}

/** The winner(s) of one criterion. */
export interface CriterionResult {
  criterion: string;
  label: string;
  /** Names of the best rows (several on a tie); empty when no row has a finite value. */
  best: string[];
  value: number;
  /** Value of the first row trained without a curvature term, if any. */
  baseline: number | null;
}

const FUNCTIONAL_LABEL: Record<CurvatureFunctionalName, string> = {
  none: 'no curvature term',
  R2: '∫R²',
  F: 'Perelman F',
  W: 'Perelman W',
};

const fmt = (v: number) =>
  Math.abs(v) >= 1e4 || (Math.abs(v) < 1e-3 && v !== 0) ? v.toExponential(3) : v.toPrecision(4);

/** Best rows per criterion (ties: values equal to 1e-9 relative). Criteria without any finite value are skipped. */
export function bestPerCriterion(rows: readonly NicerRow[], ks: readonly number[]): CriterionResult[] {
  const baselineRow = rows.find((r) => r.functional === 'none');
  const out: CriterionResult[] = [];
  for (const c of criteria(ks)) {
    const scored = rows.map((r) => ({ r, v: c.value(r) })).filter((s) => Number.isFinite(s.v));
    if (scored.length === 0) continue;
    const pick = c.better === 'higher' ? Math.max : Math.min;
    const value = pick(...scored.map((s) => s.v));
    const tol = 1e-9 * Math.max(Math.abs(value), 1e-300);
    const best = scored.filter((s) => Math.abs(s.v - value) <= tol).map((s) => s.r.name);
    const b = baselineRow ? c.value(baselineRow) : Number.NaN;
    out.push({ criterion: c.id, label: c.label, best, value, baseline: Number.isFinite(b) ? b : null });
  }
  return out;
}

/**
 * A short written conclusion generated from the numbers only: for each criterion which model did best
 * (with its value and the no-curvature baseline), then how many criteria each curvature functional won.
 * `title` names the dataset and latent type, e.g. "Swiss roll, torus latent".
 */
export function writtenConclusion(title: string, rows: readonly NicerRow[], ks: readonly number[]): string {
  const results = bestPerCriterion(rows, ks);
  const lines = [`${title}: ${rows.length} models (${rows.map((r) => r.name).join(', ')}).`];
  for (const r of results) {
    const base = r.baseline === null ? '' : `; without a curvature term ${fmt(r.baseline)}`;
    const who = r.best.length > 1 ? `tie between ${r.best.join(' and ')}` : r.best[0];
    lines.push(`- ${r.label}: best ${who} (${fmt(r.value)}${base}).`);
  }
  const functionalOf = new Map(rows.map((r) => [r.name, r.functional]));
  const wins = new Map<CurvatureFunctionalName, number>();
  for (const r of results) {
    for (const f of new Set(r.best.map((name) => functionalOf.get(name)!)))
      wins.set(f, (wins.get(f) ?? 0) + 1);
  }
  const ranking = [...wins.entries()].sort((a, b) => b[1] - a[1]);
  if (ranking.length > 0) {
    lines.push(
      `Criteria won (of ${results.length}): ${ranking.map(([f, w]) => `${FUNCTIONAL_LABEL[f]} ${w}`).join(', ')}.`,
    );
  }
  return `${lines.join('\n')}\n`;
}

/**
 * What the λ_curv sweep shows, from the numbers only: for each curvature functional trained at several λ, how
 * many criteria each λ wins among that functional's models, on how many criteria each λ beats the model
 * without a curvature term (strictly), and how reconstruction R² and the Spearman correlation move with λ.
 * Empty when no functional was trained at more than one λ.
 */
export function sweepConclusion(rows: readonly NicerRow[], ks: readonly number[]): string {
  const all = criteria(ks);
  const baseline = rows.find((r) => r.functional === 'none');
  const lines: string[] = [];
  for (const f of ['R2', 'F', 'W'] as const) {
    const group = rows.filter((r) => r.functional === f).sort((a, b) => a.lambda - b.lambda);
    if (new Set(group.map((r) => r.lambda)).size < 2) continue;
    const wins = new Map<number, number>(group.map((r) => [r.lambda, 0]));
    let counted = 0;
    for (const c of all) {
      const scored = group.map((r) => ({ r, v: c.value(r) })).filter((s) => Number.isFinite(s.v));
      if (scored.length === 0) continue;
      counted++;
      const best = (c.better === 'higher' ? Math.max : Math.min)(...scored.map((s) => s.v));
      for (const s of scored) if (s.v === best) wins.set(s.r.lambda, (wins.get(s.r.lambda) ?? 0) + 1);
    }
    const beats = (r: NicerRow) =>
      baseline
        ? all.filter((c) => {
            const v = c.value(r);
            const b = c.value(baseline);
            return Number.isFinite(v) && Number.isFinite(b) && (c.better === 'higher' ? v > b : v < b);
          }).length
        : null;
    const trend = (label: string, value: (r: NicerRow) => number) =>
      `${label} ${group.map((r) => `${fmt(value(r))} (λ=${r.lambda})`).join(' → ')}`;
    const beatText = baseline
      ? `; beats the model without a curvature term on ${group.map((r) => `${beats(r)} (λ=${r.lambda})`).join(', ')} of ${all.length} criteria`
      : '';
    lines.push(
      `- λ sweep, ${FUNCTIONAL_LABEL[f]}: criteria won among its λ (of ${counted}): ${[...wins.entries()]
        .map(([l, w]) => `λ=${l} ${w}`)
        .join(', ')}${beatText}; ${trend('reconstruction R²', (r) => r.reconstructionR2)}; ${trend(
        'Spearman',
        (r) => r.distanceSpearman,
      )}.`,
    );
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
