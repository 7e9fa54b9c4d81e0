// One character off: the checks behind the fuzzy matcher (plan.ts). The keys
// only bring candidates; these decide. Code points, not UTF-16 units, so a
// character outside the BMP counts once.
/** two words at most one typo apart: a character inserted, deleted or replaced, or two neighbours swapped */
export function wordWithinOneEdit(a: string, b: string): boolean {
  const x = [...a];
  const y = [...b];
  if (x.length === y.length) {
    const diff: number[] = [];
    for (let i = 0; i < x.length && diff.length <= 2; i += 1) if (x[i] !== y[i]) diff.push(i);
    if (diff.length <= 1) return true;
    const [i, j] = diff as [number, number];
    return diff.length === 2 && j === i + 1 && x[i] === y[j] && x[j] === y[i];
  }
  if (Math.abs(x.length - y.length) !== 1) return false;
  const [long, short] = x.length > y.length ? [x, y] : [y, x];
  let i = 0;
  while (i < short.length && long[i] === short[i]) i += 1;
  for (let j = i; j < short.length; j += 1) if (long[j + 1] !== short[j]) return false;
  return true;
}

/**
 * Some substring of `text` is at most one edit from `pattern` (Sellers'
 * approximate matching: a match may start anywhere in the text). Only the
 * cost of the best alignment ending at each character is kept.
 */
export function containsWithinOneEdit(text: string, pattern: string): boolean {
  const p = [...pattern];
  const t = [...text];
  if (p.length === 0) return true;
  // prev[i]: the fewest edits turning p[0..i) into a substring ending before the current character
  let prev = p.map((_, i) => i + 1);
  prev.unshift(0);
  if (prev[p.length]! <= 1) return true;
  for (const ch of t) {
    const cur = [0];
    for (let i = 1; i <= p.length; i += 1) {
      cur[i] = Math.min(prev[i - 1]! + (p[i - 1] === ch ? 0 : 1), prev[i]! + 1, cur[i - 1]! + 1);
    }
    if (cur[p.length]! <= 1) return true;
    prev = cur;
  }
  return false;
}
