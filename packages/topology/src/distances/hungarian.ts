/**
 * Minimum-cost perfect matching of a dense K×K cost matrix (Hungarian algorithm with potentials,
 * O(K³)); Infinity marks forbidden entries. Returns `match[row] = column`.
 */
export function hungarian(K: number, cost: Float64Array): Int32Array {
  const u = new Float64Array(K + 1);
  const v = new Float64Array(K + 1);
  const p = new Int32Array(K + 1); // p[col] = row matched to col (1-based, 0 = none)
  const way = new Int32Array(K + 1);
  const minv = new Float64Array(K + 1);
  const used = new Uint8Array(K + 1);
  for (let i = 1; i <= K; i++) {
    p[0] = i;
    let j0 = 0;
    minv.fill(Number.POSITIVE_INFINITY);
    used.fill(0);
    do {
      used[j0] = 1;
      const i0 = p[j0];
      let delta = Number.POSITIVE_INFINITY;
      let j1 = -1;
      const row = (i0 - 1) * K;
      for (let j = 1; j <= K; j++) {
        if (used[j]) continue;
        const cur = cost[row + j - 1] - u[i0] - v[j];
        if (cur < minv[j]) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j] < delta) {
          delta = minv[j];
          j1 = j;
        }
      }
      if (j1 < 0 || !Number.isFinite(delta)) throw new Error('hungarian: no perfect matching of finite cost');
      for (let j = 0; j <= K; j++) {
        if (used[j]) {
          u[p[j]] += delta;
          v[j] -= delta;
        } else minv[j] -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0];
      p[j0] = p[j1];
      j0 = j1;
    } while (j0 !== 0);
  }
  const match = new Int32Array(K);
  for (let j = 1; j <= K; j++) match[p[j] - 1] = j - 1;
  return match;
}
