import { DIAGNOSTIC_NAMES, LOSS_NAMES } from '@curv/models';
import { figureGrid, lossCurves, seriesPlot } from '@curv/plots';

/** Readable names of the per-batch diagnostics (panel titles of the diagnostic history). */
export const DIAGNOSTIC_LABELS: Record<string, string> = {
  curv_squared_mean: 'R² (mean)',
  curv_squared_max: 'R² (max)',
  Curvature: 'curvature functional mean R²√det g',
  g_inv_norm_mean: '‖(g + εI)⁻¹‖_F (mean)',
  g_inv_norm_max: '‖(g + εI)⁻¹‖_F (max)',
  g_det_mean: 'det g (mean)',
  g_det_max: 'det g (max)',
  g_det_min: 'det g (min)',
  decoder_jac_norm_mean: 'tr g = ‖∇Ψ‖²_F (mean)',
  decoder_jac_norm_max: 'tr g = ‖∇Ψ‖²_F (max)',
  decoder_contractive_loss: 'decoder contractive loss max tr g',
  Contractive: 'contractive loss max ReLU(‖∇Φ‖_F − δ)',
  encoder_jac_norm_mean: '‖∇Φ‖_F (mean)',
  encoder_jac_norm_max: '‖∇Φ‖_F (max)',
};

/**
 * The diagnostic history: one semilog panel per recorded quantity against the optimiser step
 * ("Batches"), three panels per row. Non-positive values (e.g. a contractive loss of 0) are left out
 * of a log axis. Returns undefined when no diagnostics were recorded.
 */
export function diagnosticHistorySvg(
  diagnostics: Record<string, number[]>,
  title: string,
): string | undefined {
  const keys = DIAGNOSTIC_NAMES.filter((k) => diagnostics[k]?.length);
  if (keys.length === 0) return undefined;
  const panels = keys.map((k) => {
    const y = diagnostics[k];
    return seriesPlot()
      .size([440, 300])
      .title(DIAGNOSTIC_LABELS[k] ?? k)
      .yScale('log')
      .xLabel('Batches')
      .yLabel(k)
      .legend('none')({ series: [{ label: k, x: y.map((_, i) => i), y }] });
  });
  return figureGrid().columns(3).title(title)(panels);
}

/** Loss rows of the losses figure, in order, when recorded. */
const LOSS_ROWS = [
  LOSS_NAMES.mse,
  LOSS_NAMES.equidistribution,
  LOSS_NAMES.contractive,
  LOSS_NAMES.curvature,
  LOSS_NAMES.perelmanF,
  LOSS_NAMES.perelmanW,
  LOSS_NAMES.topological,
];

const LOSS_LABELS: Record<string, string> = {
  [LOSS_NAMES.mse]: 'MSE',
  [LOSS_NAMES.equidistribution]: 'L_equi',
  [LOSS_NAMES.contractive]: 'L_contractive',
  [LOSS_NAMES.curvature]: 'L_curv',
  [LOSS_NAMES.topological]: 'L_topo',
};

/** Diagnostic rows added to the losses figure: row label → diagnostics drawn together. */
export const DIAGNOSTIC_ROWS: [string, string[]][] = [
  ['det(g)', ['g_det_mean', 'g_det_max', 'g_det_min']],
  ['‖g_reg⁻¹‖_F with ε', ['g_inv_norm_mean', 'g_inv_norm_max']],
  ['‖∇Ψ‖²_F = tr(g)', ['decoder_jac_norm_mean', 'decoder_jac_norm_max']],
  ['‖∇Φ‖_F', ['encoder_jac_norm_mean', 'encoder_jac_norm_max']],
  ['R²', ['curv_squared_mean', 'curv_squared_max']],
];

/** Prefix of diagnostics in the losses figure's histories (`Curvature`, `Contractive` are also loss names). */
const DIAG = 'diagnostic:';

/**
 * The losses figure: one row per recorded loss (MSE, L_equi, L_contractive, L_curv, …; train and test)
 * and, when diagnostics were recorded, the rows det(g) (mean/max/min), ‖(g + εI)⁻¹‖_F, tr g, ‖∇Φ‖_F and R²
 * (mean/max, train only); columns are Hann windows 1, 10, 50 (those not longer than the history).
 */
export function lossesSvg(
  history: { train: Record<string, number[]>; test: Record<string, number[]> },
  diagnostics: Record<string, number[]>,
  title: string,
): string {
  const keys: string[] = LOSS_ROWS.filter((k) => history.train[k]?.length);
  const steps = history.train[LOSS_NAMES.mse]?.length ?? 0;
  const train: Record<string, number[]> = { ...history.train };
  const groups: Record<string, string[]> = {};
  const groupLabels: Record<string, string> = {};
  const yLabels: Record<string, string> = { ...LOSS_LABELS };
  for (const [row, members] of DIAGNOSTIC_ROWS) {
    if (!members.every((m) => diagnostics[m]?.length)) continue;
    groups[row] = members.map((m) => `${DIAG}${m}`);
    for (const m of members) {
      train[`${DIAG}${m}`] = diagnostics[m];
      groupLabels[`${DIAG}${m}`] = m.slice(m.lastIndexOf('_') + 1);
    }
    keys.push(row);
  }
  return lossCurves()
    .keys(keys)
    .windows([1, 10, 50].filter((w) => w === 1 || w <= steps))
    .yLabels(yLabels)
    .groups(groups)
    .groupLabels(groupLabels)
    .title(title)({ train, test: history.test });
}
