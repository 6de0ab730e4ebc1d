import { type NumericArray, wrapAngle } from './input.js';

/**
 * Split a curve (row-major S×2, starting at row `offset`) into drawable runs. With `wrap`, points are
 * wrapped into [−π, π) and the curve is cut wherever a coordinate jumps by more than π (it crossed the
 * seam of the torus chart), so no segment is drawn across the whole plot.
 */
export function torusPolyline(
  curve: NumericArray,
  count: number,
  wrap: boolean,
  offset = 0,
): { x: number[]; y: number[] }[] {
  const runs: { x: number[]; y: number[] }[] = [];
  let cur = { x: [] as number[], y: [] as number[] };
  let px = Number.NaN;
  let py = Number.NaN;
  for (let s = 0; s < count; s++) {
    let x = curve[2 * (offset + s)];
    let y = curve[2 * (offset + s) + 1];
    if (!Number.isFinite(x) || !Number.isFinite(y)) {
      if (cur.x.length > 0) runs.push(cur);
      cur = { x: [], y: [] };
      px = Number.NaN;
      continue;
    }
    if (wrap) {
      x = wrapAngle(x);
      y = wrapAngle(y);
      if (cur.x.length > 0 && (Math.abs(x - px) > Math.PI || Math.abs(y - py) > Math.PI)) {
        runs.push(cur);
        cur = { x: [], y: [] };
      }
    }
    cur.x.push(x);
    cur.y.push(y);
    px = x;
    py = y;
  }
  if (cur.x.length > 0) runs.push(cur);
  return runs;
}
