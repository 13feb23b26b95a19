import { must } from './must';

/** Edit distance (insertions, deletions, substitutions) between two short strings. */
export function editDistance(a: string, b: string): number {
  // prev[j] / cur[j]: distance between a's first i-1 / i characters and b's first j; every row holds b.length + 1 cells.
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const [up = j, diag = j - 1, left = i] = [prev[j], prev[j - 1], cur[j - 1]];
      cur.push(Math.min(up + 1, left + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1)));
    }
    prev = cur;
  }
  return must(prev[b.length], 'edit distance cell');
}

/** The candidate closest to `word` (case-insensitive) when it is a plausible typo of it, else null. */
export function closestWord(word: string, candidates: readonly string[]): string | null {
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const c of candidates) {
    const d = editDistance(word.toLowerCase(), c.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [c, d];
  }
  return best !== null && bestDistance <= Math.max(2, Math.floor(word.length / 3)) ? best : null;
}

/** ` (did you mean "x"?)` for a message, or the empty string. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const c = closestWord(word, candidates);
  return c ? ` (did you mean "${c}"?)` : '';
}
