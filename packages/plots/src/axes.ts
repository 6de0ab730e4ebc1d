import { el, text } from './svg.js';

/** One axis: tick values and labels along a pixel range. */
export interface AxisSpec {
  /** 'bottom' draws below y = `at`; 'left' draws left of x = `at`; 'right' draws right of x = `at`. */
  orient: 'bottom' | 'left' | 'right';
  /** Pixel position of the axis line (y for bottom, x for left/right). */
  at: number;
  /** Pixel extent of the axis line [start, end]. */
  range: [number, number];
  /** Tick pixel positions and labels. */
  ticks: { pos: number; label: string }[];
  /** Axis title. */
  label?: string;
  fontSize: number;
  /** Pixel distance of the axis title from the axis line. */
  labelOffset?: number;
}

/**
 * Render an axis as `<g class="axis axis-{orient}">` with a domain line, one `<g class="tick">` per tick
 * (a 5 px tick line and a label) and an optional `<text class="axis-label">`.
 */
export function renderAxis(spec: AxisSpec): string {
  const parts: string[] = [];
  const tickLen = 5;
  const fs = spec.fontSize * 0.85;
  const a = { ...spec, ticks: thinTicks(spec.ticks, spec.orient === 'bottom', fs) };
  if (a.orient === 'bottom') {
    parts.push(
      el('line', { class: 'domain', x1: a.range[0], x2: a.range[1], y1: a.at, y2: a.at, stroke: '#333' }),
    );
    for (const t of a.ticks) {
      parts.push(
        el(
          'g',
          { class: 'tick' },
          el('line', { x1: t.pos, x2: t.pos, y1: a.at, y2: a.at + tickLen, stroke: '#333' }),
          text(t.label, { x: t.pos, y: a.at + tickLen + fs, 'text-anchor': 'middle', 'font-size': fs }),
        ),
      );
    }
    if (a.label) {
      parts.push(
        text(a.label, {
          class: 'axis-label',
          x: (a.range[0] + a.range[1]) / 2,
          y: a.at + (a.labelOffset ?? tickLen + fs * 2.4),
          'text-anchor': 'middle',
        }),
      );
    }
  } else {
    const s = a.orient === 'left' ? -1 : 1;
    parts.push(
      el('line', { class: 'domain', x1: a.at, x2: a.at, y1: a.range[0], y2: a.range[1], stroke: '#333' }),
    );
    let maxLabel = 0;
    for (const t of a.ticks) {
      maxLabel = Math.max(maxLabel, t.label.length);
      parts.push(
        el(
          'g',
          { class: 'tick' },
          el('line', { x1: a.at, x2: a.at + s * tickLen, y1: t.pos, y2: t.pos, stroke: '#333' }),
          text(t.label, {
            x: a.at + s * (tickLen + 3),
            y: t.pos,
            dy: '0.32em',
            'text-anchor': s < 0 ? 'end' : 'start',
            'font-size': fs,
          }),
        ),
      );
    }
    if (a.label) {
      const off = a.labelOffset ?? tickLen + 8 + maxLabel * fs * 0.6 + fs * 0.6;
      const x = a.at + s * off;
      const y = (a.range[0] + a.range[1]) / 2;
      parts.push(
        text(a.label, {
          class: 'axis-label',
          x,
          y,
          'text-anchor': 'middle',
          transform: `rotate(${s < 0 ? -90 : 90} ${x} ${y})`,
        }),
      );
    }
  }
  return el('g', { class: `axis axis-${a.orient}` }, ...parts);
}

/**
 * Drop ticks whose labels would overlap: "0" is kept first, then ticks farthest from the axis centre,
 * each kept only if it is at least one label height (vertical) or label width (horizontal) from every kept tick.
 */
export function thinTicks(ticks: { pos: number; label: string }[], horizontal: boolean, fs: number) {
  if (ticks.length < 2) return ticks;
  const centre = ticks.reduce((s, t) => s + t.pos, 0) / ticks.length;
  const prio = [...ticks].sort((p, q) => {
    if ((p.label === '0') !== (q.label === '0')) return p.label === '0' ? -1 : 1;
    return Math.abs(q.pos - centre) - Math.abs(p.pos - centre);
  });
  const need = (p: { label: string }, q: { label: string }) =>
    horizontal ? ((p.label.length + q.label.length) / 2) * fs * 0.62 + 6 : fs * 1.15;
  const kept: { pos: number; label: string }[] = [];
  for (const t of prio) if (kept.every((k) => Math.abs(k.pos - t.pos) >= need(k, t))) kept.push(t);
  return kept.sort((p, q) => p.pos - q.pos);
}
