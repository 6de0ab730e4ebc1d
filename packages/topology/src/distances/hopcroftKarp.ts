/**
 * Maximum bipartite matching (Hopcroft–Karp) on the K×K graph whose edges are the entries of a dense
 * cost matrix that are ≤ `limit`. Returns `match[row] = column` (−1 if unmatched) and its size.
 */
export function hopcroftKarp(
  K: number,
  cost: Float64Array,
  limit: number,
): { match: Int32Array; size: number } {
  const matchRow = new Int32Array(K).fill(-1);
  const matchCol = new Int32Array(K).fill(-1);
  const dist = new Int32Array(K);
  const queue = new Int32Array(K);
  const INF = 0x7fffffff;
  let size = 0;

  const bfs = (): boolean => {
    let head = 0;
    let tail = 0;
    for (let r = 0; r < K; r++) {
      if (matchRow[r] < 0) {
        dist[r] = 0;
        queue[tail++] = r;
      } else dist[r] = INF;
    }
    let found = false;
    while (head < tail) {
      const r = queue[head++];
      const row = r * K;
      for (let c = 0; c < K; c++) {
        if (cost[row + c] > limit) continue;
        const r2 = matchCol[c];
        if (r2 < 0) found = true;
        else if (dist[r2] === INF) {
          dist[r2] = dist[r] + 1;
          queue[tail++] = r2;
        }
      }
    }
    return found;
  };

  const dfs = (r: number): boolean => {
    const row = r * K;
    for (let c = 0; c < K; c++) {
      if (cost[row + c] > limit) continue;
      const r2 = matchCol[c];
      if (r2 < 0 || (dist[r2] === dist[r] + 1 && dfs(r2))) {
        matchRow[r] = c;
        matchCol[c] = r;
        return true;
      }
    }
    dist[r] = INF;
    return false;
  };

  while (bfs()) {
    for (let r = 0; r < K; r++) if (matchRow[r] < 0 && dfs(r)) size++;
  }
  return { match: matchRow, size };
}
