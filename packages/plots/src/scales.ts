import * as d3 from 'd3';

/** Scale types used by axes and colour bars. */
export type ScaleType = 'linear' | 'log' | 'symlog';

/** A continuous d3 scale of one of the {@link ScaleType}s. */
export type ContinuousScale =
  | d3.ScaleLinear<number, number>
  | d3.ScaleLogarithmic<number, number>
  | d3.ScaleSymLog<number, number>;

/**
 * Create a d3 scale. `symlog` uses d3's sign(x)·log1p(|x|/c) with constant c = `linthresh`
 * (matplotlib's SymLogNorm is linear inside ±linthresh instead; both are linear near 0 and logarithmic far out).
 */
export function makeScale(
  type: ScaleType,
  domain: [number, number],
  range: [number, number],
  linthresh = 1,
): ContinuousScale {
  if (type === 'log') return d3.scaleLog().domain(domain).range(range);
  if (type === 'symlog') return d3.scaleSymlog().constant(linthresh).domain(domain).range(range);
  return d3.scaleLinear().domain(domain).range(range);
}

/** Pad a degenerate or zero-width domain so scales stay finite. */
export function safeDomain(d: [number, number] | undefined, type: ScaleType = 'linear'): [number, number] {
  if (d === undefined) return type === 'log' ? [1, 10] : [0, 1];
  let [lo, hi] = d;
  if (lo === hi) {
    if (type === 'log') return [lo / 10, hi * 10];
    const pad = lo === 0 ? 1 : Math.abs(lo) * 0.1;
    lo -= pad;
    hi += pad;
  }
  return [lo, hi];
}

/**
 * Tick values for a scale: d3's ticks for linear/log (log ticks thinned to powers of ten when there are
 * many decades), and for symlog 0 plus ±c·10^k inside the domain.
 */
export function scaleTicks(type: ScaleType, scale: ContinuousScale, count = 5, linthresh = 1): number[] {
  const [lo, hi] = scale.domain() as [number, number];
  if (type === 'symlog') {
    const ticks = new Set<number>();
    if (lo <= 0 && hi >= 0) ticks.add(0);
    const maxAbs = Math.max(Math.abs(lo), Math.abs(hi));
    const kTop = Math.floor(Math.log10(maxAbs));
    const kLow = Math.ceil(Math.log10(linthresh));
    const step = Math.max(1, Math.ceil((kTop - kLow + 1) / Math.max(1, Math.floor(count / 2))));
    // from the largest decade downwards, so the outermost powers of ten are always labelled
    for (let k = kTop; k >= kLow; k -= step) {
      for (const s of [-1, 1]) {
        const v = s * 10 ** k;
        if (v >= Math.min(lo, hi) && v <= Math.max(lo, hi)) ticks.add(v);
      }
    }
    return [...ticks].sort((a, b) => a - b);
  }
  if (type === 'log') {
    const a = Math.min(lo, hi);
    const b = Math.max(lo, hi);
    const k0 = Math.ceil(Math.log10(a) - 1e-9);
    const k1 = Math.floor(Math.log10(b) + 1e-9);
    if (k1 - k0 >= 1) {
      const step = Math.max(1, Math.ceil((k1 - k0 + 1) / count));
      const out: number[] = [];
      for (let k = k0; k <= k1; k += step) out.push(10 ** k);
      return out;
    }
    return (scale as d3.ScaleLogarithmic<number, number>)
      .ticks(count)
      .filter((_, i, all) => all.length <= 8 || i % 2 === 0);
  }
  return (scale as d3.ScaleLinear<number, number>).ticks(count);
}

/** Default tick label: compact decimals for linear, 10ⁿ-style exponent labels for log/symlog powers of ten. */
export function defaultTickFormat(type: ScaleType): (v: number) => string {
  const lin = d3.format('~g');
  if (type === 'linear') return (v) => lin(v).replace('-', '−');
  return (v) => {
    if (v === 0) return '0';
    const k = Math.log10(Math.abs(v));
    if (Math.abs(k - Math.round(k)) < 1e-9) return `${v < 0 ? '−' : ''}10${superscript(Math.round(k))}`;
    return d3.format('.2~g')(v).replace('-', '−');
  };
}

const SUP: Record<string, string> = {
  '-': '⁻',
  '0': '⁰',
  '1': '¹',
  '2': '²',
  '3': '³',
  '4': '⁴',
  '5': '⁵',
  '6': '⁶',
  '7': '⁷',
  '8': '⁸',
  '9': '⁹',
};

/** Integer as Unicode superscript digits (`-3` → `⁻³`). */
export function superscript(n: number): string {
  return String(n)
    .split('')
    .map((c) => SUP[c] ?? c)
    .join('');
}

/** Tick values and labels for an angle axis on [−π, π]: −π, −π/2, 0, π/2, π. */
export const TORUS_TICKS: readonly number[] = [-Math.PI, -Math.PI / 2, 0, Math.PI / 2, Math.PI];

/** Label of a multiple of π/2 (`−π`, `−π/2`, `0`, `π/2`, `π`), falling back to 2 decimals. */
export function piFormat(v: number): string {
  const q = v / (Math.PI / 2);
  const r = Math.round(q);
  if (Math.abs(q - r) > 1e-6) return d3.format('.2~f')(v).replace('-', '−');
  const sign = r < 0 ? '−' : '';
  const a = Math.abs(r);
  if (a === 0) return '0';
  if (a === 1) return `${sign}π/2`;
  if (a % 2 === 0) return `${sign}${a / 2 === 1 ? '' : a / 2}π`;
  return `${sign}${a}π/2`;
}
