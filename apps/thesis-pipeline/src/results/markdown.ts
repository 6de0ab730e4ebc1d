/**
 * Markdown building blocks of the results page: numbers rounded to 4 significant digits (exponent
 * notation below 1e-3 and from 1e6), `—` for a value that is absent or not finite, and pipe tables.
 */

/** A number as the results page prints it; `—` when absent or not finite (no NaN reaches the page). */
export function num(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  if (Number.isInteger(v) && Math.abs(v) < 1e6) return String(v);
  if (v !== 0 && (Math.abs(v) < 1e-3 || Math.abs(v) >= 1e6)) {
    const [m, e] = v.toExponential(3).split('e');
    return `${Number(m)}e${Number(e)}`;
  }
  return String(Number(v.toPrecision(4)));
}

/** `mean ± std`. */
export function pm(mean: unknown, std: unknown): string {
  return `${num(mean)} ± ${num(std)}`;
}

/** Seconds: one decimal below 100 s, whole seconds from 100 s. */
export function seconds(v: unknown): string {
  if (typeof v !== 'number' || !Number.isFinite(v)) return '—';
  return v >= 100 ? String(Math.round(v)) : v.toFixed(1);
}

/** Escape a table cell (pipes and line breaks). */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

/** A Markdown pipe table. */
export function table(columns: string[], rows: string[][]): string {
  const lines = [
    `| ${columns.map(cell).join(' | ')} |`,
    `| ${columns.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`),
  ];
  return lines.join('\n');
}

/** Inline code span that survives backticks in the text. */
export function code(text: string): string {
  return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}
