/**
 * H0 of a Vietoris–Rips filtration. Every class is born at 0. Finite pairs (0, death) come in
 * increasing death order; pairs of zero persistence (duplicate points) are dropped.
 */
export interface DiagramH0 {
  /** Deaths of the finite pairs, increasing. */
  deaths: Float64Array;
  /** Death edge of finite pair i: vertices (deathEdges[2i], deathEdges[2i+1]); death = their distance. */
  deathEdges: Int32Array;
  /** One vertex per connected component, each an infinite bar (0, ∞). */
  essential: Int32Array;
}

/**
 * H1 of a Vietoris–Rips filtration: pairs (birth, death) in increasing (birth, death) order,
 * zero-persistence pairs dropped. Infinite deaths (only with a distance threshold) are `Infinity`.
 */
export interface DiagramH1 {
  births: Float64Array;
  deaths: Float64Array;
  /** Birth edge of pair i: (birthEdges[2i], birthEdges[2i+1]); birth = their distance. */
  birthEdges: Int32Array;
  /**
   * Death edge of pair i: the longest edge of the triangle that kills the cycle, (deathEdges[2i],
   * deathEdges[2i+1]); (−1, −1) for an infinite pair.
   */
  deathEdges: Int32Array;
}

/** Persistence of a Vietoris–Rips filtration in dimensions 0 and (optionally) 1. */
export interface RipsPersistence {
  /** Number of points. */
  n: number;
  /** Distance threshold used (Infinity: the full filtration). */
  threshold: number;
  h0: DiagramH0;
  /** `null` when computed with `maxdim: 0`. */
  h1: DiagramH1 | null;
}

/** A persistence diagram as plain (birth, death) pairs; `death` may be Infinity. */
export type Diagram = readonly (readonly [number, number])[];
