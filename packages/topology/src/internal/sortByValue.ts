/**
 * Indices 0..m−1 ordered by increasing `values[i]` (all ≥ 0, finite), ties by index: an LSD radix sort
 * on the IEEE-754 bit patterns (monotone for non-negative doubles), 8 bits per pass, passes whose digit
 * is constant skipped. Stable, so equal values keep index order.
 */
export function sortByValue(values: Float64Array): Uint32Array {
  const m = values.length;
  const words = new Uint32Array(values.buffer, values.byteOffset, 2 * m); // little-endian: [lo, hi]
  let order = new Uint32Array(m);
  let next = new Uint32Array(m);
  for (let i = 0; i < m; i++) order[i] = i;
  const count = new Uint32Array(256);
  for (let pass = 0; pass < 8; pass++) {
    const word = pass < 4 ? 0 : 1;
    const shift = (pass % 4) * 8;
    count.fill(0);
    for (let i = 0; i < m; i++) count[(words[2 * i + word] >>> shift) & 255]++;
    let constant = false;
    for (let b = 0; b < 256; b++) {
      if (count[b] === m) constant = true;
    }
    if (constant) continue;
    let sum = 0;
    for (let b = 0; b < 256; b++) {
      const c = count[b];
      count[b] = sum;
      sum += c;
    }
    for (let i = 0; i < m; i++) {
      const k = order[i];
      next[count[(words[2 * k + word] >>> shift) & 255]++] = k;
    }
    const t = order;
    order = next;
    next = t;
  }
  return order;
}
