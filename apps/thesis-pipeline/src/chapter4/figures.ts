import { join } from 'node:path';
import { writeFileAtomic } from '@curv/core';
import { errorBoxPlot, histogram, seriesPlot, stepLabel, toPng } from '@curv/plots';
import { normalQuantile } from '@curv/stats';
import { type AdFdEvaluation, FLOAT32_ERROR_LEVEL, type TimingRow } from './adFd.js';
import type { StraightLineEvaluation } from './straightLines.js';

/** Write `<base>.svg` and `<base>.png` (PNG at twice the SVG width) into `dir`; returns the two file names. */
export function writeFigure(dir: string, base: string, svg: string): string[] {
  writeFileAtomic(join(dir, `${base}.svg`), svg);
  const width = Number(/<svg[^>]*\swidth="([\d.]+)"/.exec(svg)?.[1] ?? 0);
  writeFileAtomic(join(dir, `${base}.png`), toPng(svg, width > 0 ? { width: 2 * width } : {}));
  return [`${base}.svg`, `${base}.png`];
}

/**
 * Histograms of the straight-line evaluation: Ẽ (30 bins), E (30 bins), A (Sturges bins), and the
 * geodesic/straight energy ratio (Sturges bins), each with the mean/std box. Returns file names.
 */
export function straightLineFigures(dir: string, tag: string, r: StraightLineEvaluation): string[] {
  const files: string[] = [];
  const one = (base: string, values: number[], bins: number | 'sturges', title: string, xLabel: string) => {
    files.push(
      ...writeFigure(
        dir,
        `${base}_${tag}`,
        histogram().bins(bins).statsBox(true).title(title).xLabel(xLabel)({ values }),
      ),
    );
  };
  const k = r.pairs.length;
  one(
    'Histogram_E_tilde_ij',
    r.eTilde,
    30,
    `Ẽ of ${k} straight lines (${tag})`,
    'Ẽ (second-difference energy)',
  );
  one('Histogram_E_ij', r.energy, 30, `E of ${k} straight lines (${tag})`, 'E (central-difference energy)');
  one(
    'Histogram_A_ij',
    r.acceleration,
    'sturges',
    `A of ${k} straight lines (${tag})`,
    'A (tangential acceleration)',
  );
  if (r.ratio.length > 0) {
    one(
      'Histogram_Naive_energy_ratio_ij',
      r.ratio,
      'sturges',
      `Geodesic / straight-line energy (${tag})`,
      'energy ratio β/α',
    );
  }
  return files;
}

/** AD vs FD figures: box plot, histogram at the 3rd step, mean relative error vs h, MSE/MAE/|R| vs h. */
export function adFdFigures(
  dir: string,
  r: AdFdEvaluation,
  normalSample: number[],
  annotations: string[] = [],
): string[] {
  const hs = r.steps.map((s) => s.h);
  const fpLabel = `FP32 error (${FLOAT32_ERROR_LEVEL})`;
  const files = [
    ...writeFigure(
      dir,
      'fd_float32_relative_error_boxplot_R',
      errorBoxPlot()
        .yLabel('Log of relative error of R')
        .title(`float32: FD vs AD scalar curvature, ${r.centres} centres`)({
        steps: hs,
        errors: r.relativeErrors,
        fpLevel: FLOAT32_ERROR_LEVEL,
        fpLabel,
      }),
    ),
  ];
  const third = Math.min(2, r.relativeErrors.length - 1);
  const logs = r.relativeErrors[third].filter((e) => e > 0).map((e) => Math.log10(e));
  files.push(
    ...writeFigure(
      dir,
      'fd_float32_relative_error_histogram_R',
      histogram()
        .bins(100)
        .density(true)
        .opacity(0.5)
        .annotations(annotations)
        .title(`log10 relative error of R at h = ${stepLabel(hs[third])}`)
        .xLabel('log10 relative error')
        .yLabel('Density')({
        series: [
          { label: 'FD vs AD', values: logs },
          { label: 'normal, same mean and std', values: normalSample },
        ],
      }),
    ),
  );
  files.push(
    ...writeFigure(
      dir,
      'fd_float32_relative_error_R',
      seriesPlot()
        .xScale('log')
        .yScale('log')
        .xLabel('Step size (h)')
        .yLabel('Relative error of |R|')
        .legend('lower right')
        .title('float32: mean relative error of R vs h')({
        series: [
          { x: hs, y: r.steps.map((s) => s.meanRelativeError), label: 'mean', marker: 'circle' },
          {
            x: hs,
            y: r.steps.map((s) => s.medianRelativeError),
            label: 'median',
            marker: 'square',
            dashed: true,
          },
        ],
        hlines: [{ y: FLOAT32_ERROR_LEVEL, color: '#d62728', label: fpLabel, dashed: true }],
      }),
    ),
  );
  files.push(
    ...writeFigure(
      dir,
      'fd_float32_error',
      seriesPlot()
        .xScale('log')
        .yScale('log')
        .xLabel('Step size (h)')
        .legend('lower right')
        .title('float32: Errors vs. Step Size for f.d. on minigrid for scalar curvature R')({
        series: [
          { x: hs, y: r.steps.map((s) => s.mse), label: 'MSE', marker: 'circle' },
          { x: hs, y: r.steps.map((s) => s.mae), label: 'MAE', marker: 'square' },
          { x: hs, y: r.steps.map((s) => s.meanAbsR), label: 'mean |R|', marker: 'star', dashed: true },
        ],
      }),
    ),
  );
  return files;
}

/** AD vs FD timing figure: time vs batch size (batch 16 omitted when there are other sizes). */
export function timingFigure(dir: string, rows: TimingRow[]): string[] {
  const shown = rows.length > 1 ? rows.filter((r) => r.batch_size !== 16) : rows;
  const x = shown.map((r) => r.batch_size);
  return writeFigure(
    dir,
    'timing_AD_FD',
    seriesPlot()
      .xLabel('Batch size')
      .yLabel('Time per curvature loss (s, median)')
      .xTicks(x)
      .legend('upper left')
      .title('Curvature loss: finite differences vs exact jets')({
      series: [
        { x, y: shown.map((r) => r.Sc_fd_rhombus_median_time), label: 'FD', marker: 'circle' },
        {
          x,
          y: shown.map((r) => r.Sc_gauss_jets_median_time),
          label: 'AD (Gauss-route jets)',
          marker: 'square',
        },
      ],
    }),
  );
}

/**
 * Normal probability plot of a sample: ordered values against the normal scores
 * Φ⁻¹((i + 1 − 3/8)/(n + 1/4)) (Blom), with the least-squares line through them.
 */
export function normalProbabilityFigure(
  dir: string,
  base: string,
  sample: number[],
  title: string,
): string[] {
  const y = [...sample].sort((a, b) => a - b);
  const n = y.length;
  const x = y.map((_, i) => normalQuantile((i + 1 - 0.375) / (n + 0.25)));
  const mx = x.reduce((s, v) => s + v, 0) / n;
  const my = y.reduce((s, v) => s + v, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < n; i++) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) ** 2;
  }
  const slope = sxy / sxx;
  const ends = [x[0], x[n - 1]];
  return writeFigure(
    dir,
    base,
    seriesPlot()
      .xLabel('Theoretical quantiles (normal scores)')
      .yLabel('Ordered values')
      .legend('lower right')
      .title(title)({
      series: [
        { x, y, label: 'sample', marker: 'circle', line: false },
        { x: ends, y: ends.map((v) => my + slope * (v - mx)), label: 'least-squares line', dashed: true },
      ],
    }),
  );
}
