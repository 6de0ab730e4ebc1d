/**
 * Is there a matching of the bipartite graph rows × columns (edge (r, c) when w[rows[i]·stride + c] ≤
 * limit) that covers every listed row? Augmenting paths by depth-first search from each row (Kuhn's
 * algorithm): the rows to cover are few in practice.
 */
export function coversRows(
  rows: Int32Array,
  nCols: number,
  w: Float64Array,
  stride: number,
  limit: number,
): boolean {
  const matchCol = new Int32Array(nCols).fill(-1);
  const visited = new Int32Array(nCols).fill(-1);
  const augment = (i: number, stamp: number): boolean => {
    const base = rows[i] * stride;
    for (let c = 0; c < nCols; c++) {
      if (w[base + c] > limit || visited[c] === stamp) continue;
      visited[c] = stamp;
      if (matchCol[c] < 0 || augment(matchCol[c], stamp)) {
        matchCol[c] = i;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < rows.length; i++) if (!augment(i, i)) return false;
  return true;
}
