// The search keys of a customer: short strings, each tagged with what it
// stands for, that one multikey index (`{tenantId, searchKeys, codeSort}` on
// MongoDB, key-index.ts in memory) answers by exact or anchored-prefix match.
// Search (plan.ts) never reads a customer it did not reach through a key.
//
//   c:<code>            code, lower-cased
//   n:<compact name>    the name without spaces or punctuation, lower-cased
//   w:<word>            each word (Han runs and other runs are separate words); w, g, y and j
//                       leave out a trailing company suffix (有限公司, 集团…), as queries do
//   d:<deletion>        a Latin word of 4+ letters with one letter deleted (typos)
//   g:<bigram>          each Han bigram of the name, and the last Han character of a run
//   y:<pinyin>          the pinyin of a Han run from each character but the last on (at most 20 letters)
//   j:<initials>        the pinyin initials likewise (at most 10 letters)
//   k:<contact name>    a contact's compact name and its words
//   i:<industry>        the industry's compact form and its words
//   p:<detail>          a contact's phone digits, e-mail or WeChat id (searchable by managers)
//   o:<owner>␁<detail>  the same, for the owner (the only member who may see it)
//
// An archived customer has no keys: it is never found.
import { createRequire } from 'node:module';
import type { pinyin as Pinyin } from 'pinyin-pro';
import type { Contact } from '../../domain/types.js';
import { boundedMemo } from '../../memo.js';
import { CJK_SUFFIXES, deletions } from '../../domain/names.js';
import { foldText, isHan, isLatinWord, SEPARATORS, wordsOf } from '../../domain/words.js';

export { deletions, foldText, isHan, isLatinWord, wordsOf };

/** bump when the keys a customer gets change: stores rebuild the keys of older documents */
export const SEARCH_KEYS_VERSION = 1;

export const PINYIN_KEY_MAX = 20;
export const INITIALS_KEY_MAX = 10;
/** words this long or longer get deletion keys, and query words this long are matched one letter off */
export const FUZZY_MIN = 4;
const FUZZY_MAX = 24;
/** separates the owner from the detail in o: keys; text never holds it (stripped below) */
export const OWNER_SEP = '\u0001';


// loaded on first use: its dictionary costs a few hundred milliseconds that a start (or a CLI) need not pay
let pinyin: typeof Pinyin | undefined;

/** the toneless pinyin syllables of a Han run, ü written v (pinyin-pro costs ~50 µs a call; names share most of their Han runs) */
export const syllablesOf = boundedMemo(20_000, (run: string): string[] => {
  pinyin ??= (createRequire(import.meta.url)('pinyin-pro') as { pinyin: typeof Pinyin }).pinyin;
  return pinyin(run, { toneType: 'none', type: 'array', v: true }).map((s) => s.toLowerCase());
});

/** the pinyin of a Han run from each character but the last on, whole (for queries longer than the key) */
export function pinyinSuffixes(run: string): string[] {
  const syl = syllablesOf(run);
  return syl.slice(0, -1).map((_, i) => syl.slice(i).join(''));
}

/** the name's words without a trailing company suffix (有限公司…): every name has one, no search needs it */
export function wordsWithoutSuffix(words: string[]): string[] {
  const last = words[words.length - 1];
  if (last === undefined || !isHan(last)) return words;
  const suffix = CJK_SUFFIXES.find((x) => last.endsWith(x) && last.length > x.length);
  if (suffix) return [...words.slice(0, -1), last.slice(0, -suffix.length)];
  return words.length > 1 && CJK_SUFFIXES.includes(last) ? words.slice(0, -1) : words;
}

/** the keys one name word gives (w, g, y, j, d) */
function wordKeys(w: string): string[] {
  const out = [`w:${w}`];
  if (isHan(w)) {
    const chars = [...w];
    for (let i = 0; i < chars.length; i += 1) out.push(`g:${chars[i]}${chars[i + 1] ?? ''}`);
    const syl = syllablesOf(w);
    // from every character but the last: a query is two letters or more
    for (let i = 0; i < syl.length - 1; i += 1) {
      out.push(`y:${syl.slice(i).join('').slice(0, PINYIN_KEY_MAX)}`);
      out.push(`j:${syl.slice(i).map((x) => x[0] ?? '').join('').slice(0, INITIALS_KEY_MAX)}`);
    }
  } else if (isLatinWord(w) && [...w].length >= FUZZY_MIN && [...w].length <= FUZZY_MAX) {
    for (const d of deletions(w)) out.push(`d:${d}`);
  }
  return out;
}

// names share most words (cities, 科技, brand names): one set of key strings per word, computed
// once and shared by every customer holding it (fewer strings kept, no pinyin call per customer)
const cachedWordKeys = boundedMemo(50_000, wordKeys);

function nameKeys(name: string, out: Set<string>): void {
  const all = wordsOf(name);
  if (all.length === 0) return;
  out.add(`n:${all.join('')}`);
  for (const w of wordsWithoutSuffix(all)) for (const k of cachedWordKeys(w)) out.add(k);
}

/** a contact name or an industry: its compact form and its words (split at spaces and punctuation only: 联系人12 is one word) */
function tagged(tag: string, text: string | undefined, out: Set<string>): void {
  if (!text) return;
  const words = foldText(text).split(SEPARATORS).filter(Boolean);
  if (words.length === 0) return;
  out.add(`${tag}:${words.join('')}`);
  if (words.length > 1) for (const w of words) out.add(`${tag}:${w}`);
}

/** a phone as its digits (when it has a few), anything else folded and without spaces */
export function detailForm(text: string): string {
  const folded = foldText(text).replace(/[\s\p{Cc}]+/gu, '');
  if (/^[\d+\-().]+$/u.test(folded)) {
    const digits = folded.replace(/\D+/gu, '');
    if (digits.length >= 3) return digits;
  }
  return folded;
}

export interface Searchable {
  code: string;
  name: string;
  industry?: string;
  contacts: Contact[];
  ownerId: string;
  archived: boolean;
}

/** the fields whose change changes the keys */
export const SEARCHED_FIELDS = ['code', 'name', 'industry', 'contacts', 'ownerId', 'archived'] as const;

export function searchKeysOf(c: Searchable): string[] {
  if (c.archived) return [];
  const out = new Set<string>();
  out.add(`c:${foldText(c.code).trim()}`);
  nameKeys(String(c.name ?? ''), out);
  tagged('i', c.industry, out);
  for (const k of c.contacts ?? []) {
    tagged('k', k.name, out);
    for (const v of [k.phone, k.email, k.wechat]) {
      if (typeof v !== 'string') continue;
      const d = detailForm(v);
      if (d === '') continue;
      out.add(`p:${d}`);
      out.add(`o:${String(c.ownerId).replaceAll(OWNER_SEP, '')}${OWNER_SEP}${d}`);
    }
  }
  return [...out];
}
