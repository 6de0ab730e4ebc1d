/** Attribute values accepted by {@link el}; `undefined`/`null`/`false` attributes are omitted. */
export type AttrValue = string | number | boolean | null | undefined;

/** Escape text for use in SVG/HTML text content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) =>
    c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;',
  );
}

/** Format a coordinate with at most 2 decimals (keeps SVG output small and deterministic). */
export function fmt(v: number): string {
  if (!Number.isFinite(v)) return '0';
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

/**
 * Build one SVG element as a string: `el('circle', { cx: 1, r: 2 })` → `<circle cx="1" r="2"/>`.
 * Numbers are formatted with {@link fmt}; children are raw (already serialised) markup.
 */
export function el(tag: string, attrs: Record<string, AttrValue>, ...children: string[]): string {
  let s = `<${tag}`;
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    const value = typeof v === 'number' ? fmt(v) : v === true ? k : escapeXml(v);
    s += ` ${k}="${value}"`;
  }
  const body = children.join('');
  return body.length > 0 ? `${s}>${body}</${tag}>` : `${s}/>`;
}

/** A `<text>` element with escaped content; multi-line text (`\n`) becomes `<tspan>` lines. */
export function text(content: string, attrs: Record<string, AttrValue>): string {
  const lines = content.split('\n');
  if (lines.length === 1) return el('text', attrs, escapeXml(content));
  const x = attrs.x ?? 0;
  const spans = lines.map((line, i) =>
    el('tspan', { x, dy: i === 0 ? `${-(lines.length - 1) * 0.6}em` : '1.2em' }, escapeXml(line)),
  );
  return el('text', attrs, ...spans);
}

/** Polyline path data `M x0 y0 L x1 y1 …` from pixel coordinates. */
export function pathData(xs: ArrayLike<number>, ys: ArrayLike<number>): string {
  let d = '';
  for (let i = 0; i < xs.length; i++) d += `${i === 0 ? 'M' : 'L'}${fmt(xs[i])},${fmt(ys[i])}`;
  return d;
}
