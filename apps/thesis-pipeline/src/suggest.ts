/** Levenshtein edit distance (insertions, deletions, substitutions each cost 1). */
export function editDistance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    prev = cur;
  }
  return prev[b.length];
}

/**
 * The candidate closest to `word` when it is within `maxDistance` edits (ties: the first in
 * `candidates` order), else undefined. Case-insensitive.
 */
export function closest(word: string, candidates: readonly string[], maxDistance = 2): string | undefined {
  let best: string | undefined;
  let bestD = maxDistance + 1;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestD) {
      best = c;
      bestD = d;
    }
  }
  return best;
}

/** `"; did you mean X?"` or the empty string. */
export function didYouMean(word: string, candidates: readonly string[], maxDistance = 2): string {
  const c = closest(word, candidates, maxDistance);
  return c === undefined ? '' : `; did you mean ${c}?`;
}

/**
 * For a `node:util` parseArgs error ("Unknown option '--step'. To specify…"), the first sentence
 * plus a suggestion among the command's `options` (e.g. "Unknown option '--step'; did you mean --steps?").
 */
export function parseArgsErrorLine(message: string, options: Record<string, unknown>): string {
  const first = message.split('\n')[0];
  const m = /^Unknown option '(-{1,2})([^'=]+)'/.exec(first);
  if (!m) return first;
  const names = Object.keys(options).map((k) => `--${k}`);
  return `Unknown option '${m[1]}${m[2]}'${didYouMean(`--${m[2]}`, names)}`;
}
