/** Levenshtein distance, bounded for speed on long strings. */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
    }
    prev = row;
  }
  return prev[b.length] ?? 0;
}

/** Past this length a name is not a typo of anything, and the quadratic distance would stall on it. */
const MAX_SUGGESTABLE = 256;

/** The candidate closest to `name` when it is close enough to be a likely typo. */
export function closest(name: string, candidates: readonly string[]): string | undefined {
  if (name.length > MAX_SUGGESTABLE) return undefined;
  let best: string | undefined;
  let bestDistance = Infinity;
  const limit = Math.max(2, Math.floor(name.length / 3));
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - name.length) > limit) continue;
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= limit ? best : undefined;
}

/** `did you mean "X"?` for the closest candidate, or undefined when none is a likely typo. */
export function didYouMean(name: string, candidates: readonly string[]): string | undefined {
  const near = closest(name, candidates);
  return near === undefined ? undefined : `did you mean "${near}"?`;
}
