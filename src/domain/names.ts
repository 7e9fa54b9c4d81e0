// Customer names and the duplicate check of SPEC §1: a name "normalises" to a
// key (case, width, spaces, punctuation and company suffixes ignored); two
// keys one edit apart, or apart by a half-typed suffix, are near-duplicates.
import { distance } from 'fastest-levenshtein';
import { UserError } from '../errors.js';
import { isVisible, stripControl } from './visible.js';
import { SURROGATE } from './words.js';

export const MAX_NAME = 100;

export function cleanName(raw: string): string {
  const name = stripControl(raw.normalize('NFC')).replace(/\s+/gu, ' ').trim();
  if (name === '' && raw.trim() === '') throw new UserError('domain.nameEmpty');
  if (!isVisible(name)) throw new UserError('domain.nameInvisible');
  const length = [...name].length;
  if (length > MAX_NAME) throw new UserError('domain.nameTooLong', { max: MAX_NAME, length });
  return name;
}

// Latin suffixes are whole words, stripped before spaces go, so that
// "Costco" keeps its "co" while "Acme Co., Ltd." loses both.
const LATIN_SUFFIXES = new Set([
  'co', 'company', 'ltd', 'limited', 'inc', 'incorporated', 'llc', 'llp', 'corp', 'corporation',
  'gmbh', 'plc', 'pte', 'pty', 'ag', 'group', 'holdings',
]);
// CJK has no word boundaries: these are stripped from the end of the joined key, longest first.
export const CJK_SUFFIXES = ['有限责任公司', '股份有限公司', '集团有限公司', '有限公司', '股份公司', '集团', '公司'];

const SEPARATORS = /[\p{P}\p{S}\p{Z}\s]+/gu;

export function normaliseName(name: string): string {
  const words = name.normalize('NFKC').toLowerCase().split(SEPARATORS).filter(Boolean);
  const unstripped = words.join('');
  if (unstripped === '') return name.normalize('NFKC').toLowerCase().replace(/\s+/gu, '');
  // Peel one suffix at a time off the end until none is left: "云栈科技有限公司 Co., Ltd." has both kinds.
  for (;;) {
    const last = words[words.length - 1];
    if (last === undefined) break;
    if (LATIN_SUFFIXES.has(last)) {
      words.pop();
      continue;
    }
    const suffix = CJK_SUFFIXES.find((s) => last.endsWith(s));
    if (!suffix) break;
    words[words.length - 1] = last.slice(0, -suffix.length);
    if (words[words.length - 1] === '') words.pop();
  }
  const key = words.join('');
  // "Limited Company" or "集团公司" alone: better an odd key than none
  return key === '' ? unstripped : key;
}

// A key that ends in a half-typed suffix ("有限公", "有限") also stands for the
// key without it: the classic typo 科技有限公 vs 科技有限公司, whose keys are
// three edits apart once the real suffix is stripped from the second.
const TRUNCATED_SUFFIXES = [...new Set(
  CJK_SUFFIXES.flatMap((s) => [...s].map((_, i) => s.slice(0, i)).filter((p) => p.length >= 2)),
)].sort((a, b) => b.length - a.length);

/** the key and the key without a trailing half-typed suffix */
export function nameStems(nameKey: string): string[] {
  const stems = [nameKey];
  for (const p of TRUNCATED_SUFFIXES) {
    if (nameKey.endsWith(p) && nameKey.length > p.length) stems.push(nameKey.slice(0, -p.length));
  }
  return [...new Set(stems)];
}

/** each one-character deletion, by code point, repeats included (name variants and search keys; no array per character) */
export function deletions(s: string): string[] {
  if (!SURROGATE.test(s)) {
    const out = new Array<string>(s.length);
    for (let i = 0; i < s.length; i += 1) out[i] = s.slice(0, i) + s.slice(i + 1);
    return out;
  }
  const chars = [...s];
  return chars.map((_, i) => [...chars.slice(0, i), ...chars.slice(i + 1)].join(''));
}

/**
 * The key, every one-deletion variant, and the same for its truncated-suffix
 * stem. Two names are candidates for "near-duplicate" iff their variant sets
 * intersect (symmetric-delete trick), so the store can find them with an
 * index; confirm each candidate with isNearDuplicate (short keys).
 */
export function nameVariants(nameKey: string): string[] {
  const out = new Set<string>();
  for (const stem of nameStems(nameKey)) {
    out.add(stem);
    for (const d of deletions(stem)) if (d !== '') out.add(d);
  }
  return [...out];
}

/**
 * What a customer stores as its nameVariants: the variants of its key and of
 * each of the key's stems, so that a probe with either kind of suffix meets it.
 */
export function indexVariants(nameKey: string): string[] {
  const out = new Set<string>();
  for (const key of nameStems(nameKey)) for (const v of nameVariants(key)) out.add(v);
  return [...out];
}

const MIN_FUZZY_LENGTH = 4;

export function isNearDuplicate(aKey: string, bKey: string): boolean {
  if (aKey === bKey) return true;
  for (const a of nameStems(aKey)) {
    for (const b of nameStems(bKey)) {
      if (a === b) return true;
      const shorter = Math.min([...a].length, [...b].length);
      // short names ("ab"/"ac", 华为/华伟) are too often one edit apart by chance
      if (shorter >= MIN_FUZZY_LENGTH && distance(a, b) <= 1) return true;
    }
  }
  return false;
}
