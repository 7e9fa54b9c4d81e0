// One character off: the checks behind the fuzzy matcher (plan.ts). The keys
// only bring candidates; these decide. Code points, not UTF-16 units, so a
// character outside the BMP counts once.
import { SURROGATE } from '../../domain/words.js';

/** two words at most one typo apart: a character inserted, deleted or replaced, or two neighbours swapped */
export function wordWithinOneEdit(a: string, b: string): boolean {
  // without surrogates a string's units are its code points: no copy (a search checks hundreds of words)
  const x: ArrayLike<string> = SURROGATE.test(a) ? [...a] : a;
  const y: ArrayLike<string> = SURROGATE.test(b) ? [...b] : b;
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

// the two rows of the table below, reused: a search checks a few hundred names, none should allocate
let rowA = new Int32Array(32);
let rowB = new Int32Array(32);

/**
 * Some substring of `text` is at most one edit from `pattern` (Sellers'
 * approximate matching: a match may start anywhere in the text). Only the
 * cost of the best alignment ending at each character is kept.
 */
export function containsWithinOneEdit(text: string, pattern: string): boolean {
  const p: number[] = [];
  for (const ch of pattern) p.push(ch.codePointAt(0)!);
  const m = p.length;
  // a pattern of one character is one deletion from the empty substring
  if (m <= 1) return true;
  if (rowA.length < m + 1) {
    rowA = new Int32Array(m + 1);
    rowB = new Int32Array(m + 1);
  }
  // prev[i]: the fewest edits turning p[0..i) into a substring ending before the current character
  let prev = rowA;
  let cur = rowB;
  for (let i = 0; i <= m; i += 1) prev[i] = i;
  for (let at = 0; at < text.length;) {
    const ch = text.codePointAt(at)!;
    at += ch > 0xffff ? 2 : 1;
    cur[0] = 0;
    for (let i = 1; i <= m; i += 1) {
      cur[i] = Math.min(prev[i - 1]! + (p[i - 1] === ch ? 0 : 1), prev[i]! + 1, cur[i - 1]! + 1);
    }
    if (cur[m]! <= 1) return true;
    const t = prev;
    prev = cur;
    cur = t;
  }
  return false;
}
