// One character off: the checks behind the fuzzy matcher (plan.ts). The keys
// only bring candidates; these decide. Code points, not UTF-16 units, so a
// character outside the BMP counts once.
import { distance } from 'fastest-levenshtein';

/** two words at most one edit apart (insert, delete or substitute a character) */
export function wordWithinOneEdit(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 2) return false;
  return distance(a, b) <= 1;
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
