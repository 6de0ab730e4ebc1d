import { el, escapeXml, text } from './svg.js';
import { FONT_FAMILY } from './theme.js';

/** Options every figure shares. */
export interface BaseOptions {
  /** Figure size in px, [width, height]. */
  size: [number, number];
  /** Figure title ('' for none); `\n` starts a new line. */
  title: string;
  /** Base font size in px. */
  fontSize: number;
  /** CSS font-family stack. */
  fontFamily: string;
}

/** Default {@link BaseOptions}. */
export function baseDefaults(size: [number, number], title = ''): BaseOptions {
  return { size, title, fontSize: 13, fontFamily: FONT_FAMILY };
}

/** Id placeholder made unique per figure by {@link finishFigure}. */
export function localId(name: string): string {
  return `__ID__${name}`;
}

function hash(s: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

/**
 * Wrap figure content into a standalone `<svg>` (white background, font settings, optional
 * `<text class="title">`) and replace id placeholders by ids derived from a hash of the figure, so the
 * output is deterministic yet two different figures inlined in one HTML page never share an id.
 */
export function finishFigure(o: BaseOptions, kind: string, body: string, titleY?: number): string {
  const [w, h] = o.size;
  const titleEl = o.title
    ? text(o.title, {
        class: 'title',
        x: w / 2,
        y: titleY ?? (o.title.includes('\n') ? 34 : 24),
        'text-anchor': 'middle',
        'font-size': o.fontSize * 1.25,
        'font-weight': 'bold',
      })
    : '';
  const svg = el(
    'svg',
    {
      xmlns: 'http://www.w3.org/2000/svg',
      class: `curv-figure curv-${kind}`,
      width: w,
      height: h,
      viewBox: `0 0 ${w} ${h}`,
      'font-family': o.fontFamily,
      'font-size': o.fontSize,
    },
    el('title', {}, escapeXml(o.title.replace(/\n/g, ' ') || kind)),
    el('rect', { class: 'background', width: w, height: h, fill: 'white' }),
    titleEl,
    body,
  );
  const prefix = `c${hash(svg)}`;
  return svg.replace(/__ID__/g, `${prefix}-`);
}

/** Top margin that leaves room for a (possibly two-line) title. */
export function titleSpace(o: BaseOptions): number {
  if (!o.title) return 0;
  return o.title.includes('\n') ? o.fontSize * 3.6 : o.fontSize * 2.2;
}
