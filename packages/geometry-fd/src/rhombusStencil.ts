/**
 * Index bookkeeping of the rhombus minigrid. Grid point (a, b), a, b ∈ 0..6, sits at
 * centre + ((a − 3)h, (b − 3)h); `a` moves the first latent coordinate ("x"). A rhombus of radius r
 * holds the points with |a − 3| + |b − 3| ≤ r, numbered in row-major order of (a, b).
 */
export interface RhombusStencil {
  /** Offsets (a − 3, b − 3) of the 25 radius-3 points, in units of h. */
  offsets: [number, number][];
  /** Neighbour lists for the radius-2 points, indices into the radius-3 numbering. */
  size7: NeighbourLists;
  /** Neighbour lists for the radius-1 points, indices into the radius-2 numbering. */
  size5: NeighbourLists;
  /** Neighbour lists for the centre, indices into the radius-1 numbering. */
  size3: NeighbourLists;
}

/** For each point of the inner rhombus: its x-/y-neighbours and itself, in the outer numbering. */
export interface NeighbourLists {
  xNext: number[];
  xPrev: number[];
  yNext: number[];
  yPrev: number[];
  central: number[];
}

function rhombusPoints(r: number): [number, number][] {
  const pts: [number, number][] = [];
  for (let a = -r; a <= r; a++)
    for (let b = -r; b <= r; b++) if (Math.abs(a) + Math.abs(b) <= r) pts.push([a, b]);
  return pts;
}

function lists(outerRadius: number): NeighbourLists {
  const outer = rhombusPoints(outerRadius);
  const inner = rhombusPoints(outerRadius - 1);
  const at = (a: number, b: number): number => outer.findIndex(([x, y]) => x === a && y === b);
  return {
    xNext: inner.map(([a, b]) => at(a + 1, b)),
    xPrev: inner.map(([a, b]) => at(a - 1, b)),
    yNext: inner.map(([a, b]) => at(a, b + 1)),
    yPrev: inner.map(([a, b]) => at(a, b - 1)),
    central: inner.map(([a, b]) => at(a, b)),
  };
}

/** The stencil (computed, and checked against the spec's lists in the tests). */
export function rhombusStencil(): RhombusStencil {
  return { offsets: rhombusPoints(3), size7: lists(3), size5: lists(2), size3: lists(1) };
}
