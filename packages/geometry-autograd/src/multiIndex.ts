/**
 * Symmetric multi-indices used to label jet blocks: pairs i ≤ j (second derivatives ∂_i∂_j) and
 * triples i ≤ j ≤ k (third derivatives), in lexicographic order. For d = 2: pairs (0,0), (0,1), (1,1);
 * triples (0,0,0), (0,0,1), (0,1,1), (1,1,1).
 */
export interface MultiIndices {
  d: number;
  pairs: [number, number][];
  triples: [number, number, number][];
  /** Position of the sorted pair (i, j) in `pairs`. */
  pair(i: number, j: number): number;
  /** Position of the sorted triple (i, j, k) in `triples`. */
  triple(i: number, j: number, k: number): number;
}

const cache = new Map<number, MultiIndices>();

export function multiIndices(d: number): MultiIndices {
  const hit = cache.get(d);
  if (hit) return hit;
  const pairs: [number, number][] = [];
  const triples: [number, number, number][] = [];
  const pairPos = new Map<string, number>();
  const triplePos = new Map<string, number>();
  for (let i = 0; i < d; i++)
    for (let j = i; j < d; j++) {
      pairPos.set(`${i},${j}`, pairs.length);
      pairs.push([i, j]);
      for (let k = j; k < d; k++) {
        triplePos.set(`${i},${j},${k}`, triples.length);
        triples.push([i, j, k]);
      }
    }
  const mi: MultiIndices = {
    d,
    pairs,
    triples,
    pair: (i, j) => pairPos.get(i <= j ? `${i},${j}` : `${j},${i}`)!,
    triple: (i, j, k) => triplePos.get([i, j, k].sort((a, b) => a - b).join(','))!,
  };
  cache.set(d, mi);
  return mi;
}

/**
 * One-hot expansion matrix [d^r, count] mapping a symmetric multi-index position to every ordered
 * index tuple (row-major over the tuple): full = E · packed.
 */
export function expansionMatrix(d: number, rank: 2 | 3): Float32Array {
  const mi = multiIndices(d);
  const count = rank === 2 ? mi.pairs.length : mi.triples.length;
  const rows = d ** rank;
  const m = new Float32Array(rows * count);
  for (let r = 0; r < rows; r++) {
    const i = Math.floor(r / d ** (rank - 1)) % d;
    const j = Math.floor(r / d ** (rank - 2)) % d;
    const col = rank === 2 ? mi.pair(i, j) : mi.triple(i, j, r % d);
    m[r * count + col] = 1;
  }
  return m;
}
