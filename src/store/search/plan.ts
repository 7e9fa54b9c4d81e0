// Search, written once for both engines over the search keys (keys.ts). A
// query becomes matchers in rank order; each matcher is groups of key scans
// that every customer it accepts must meet (one group per word, say). Only
// the smallest group is read — each scan an exact or anchored-prefix match on
// the keys, with a limit — and its customers are checked against the rest in
// code. So every read is index-served and bounded: at most SCAN_LIMIT
// customers per scan, a few scans per matcher, and the search stops as soon
// as `limit` customers are found (later matchers only find worse ranks).
import type { Customer } from '../../domain/types.js';
import { codeSortKey, compareText } from '../memory/ordering.js';
import type { SearchQuery } from '../ports.js';
import { containsWithinOneEdit, wordWithinOneEdit } from './fuzzy.js';
import { SEPARATORS } from '../../domain/words.js';
import {
  deletions, detailForm, foldText, FUZZY_MIN, isHan, isLatinWord, OWNER_SEP, PINYIN_KEY_MAX, INITIALS_KEY_MAX,
  pinyinSuffixes, syllablesOf, wordsOf, wordsWithoutSuffix,
} from './keys.js';
import { CJK_SUFFIXES } from '../../domain/names.js';

/** search ranks, best first; results are ordered by rank, then code */
export const SEARCH_RANK = {
  codeExact: 0, codePrefix: 1, nameExact: 2, namePrefix: 3, nameWord: 4, nameGram: 5,
  contactName: 6, industry: 7, contactDetail: 8, nameFuzzy: 9,
} as const;
export type SearchRank = (typeof SEARCH_RANK)[keyof typeof SEARCH_RANK];

/** exact keys (merged in code order) or one key prefix (in key, then code order) */
export type Scan = { keys: string[] } | { prefix: string };

/** what the checks read of a customer (the memory engine hands its stored rows, copying only the results) */
export type Hit = Pick<Customer, 'id' | 'code' | 'name' | 'archived'>;

/** what an engine answers: both over the `{tenantId, searchKeys, codeSort}` index, archived customers have no keys */
export interface KeyScanner<T extends Hit = Customer> {
  /** how many distinct customers the scan reaches, counting no further than `cap` + 1 */
  count(scan: Scan, cap: number): Promise<number>;
  /** the customers the scan reaches, each once, at most `limit` */
  scan(scan: Scan, limit: number): Promise<T[]>;
  /** the customer's code sort key when the engine keeps it (codeSortKey otherwise): a search orders up to a few hundred candidates */
  sortKey?(c: T): string;
}

/** the most customers one scan reads (the registry's bound for the search queries) */
export const SCAN_LIMIT = 200;
/** the most a caller may ask for at once: find asks for ten pages of ten and one more */
export const SEARCH_LIMIT_MAX = 200;

type Verify = (c: Hit, v: View) => SearchRank | undefined;
const ALL_SEPARATORS = new RegExp(SEPARATORS.source, 'gu');
// (matchers are written out whole, not spread from a helper: V8 builds a spread object literal on a slow path, ~3 µs a matcher, most of a plan)
/**
 * `rank`..`last`: the ranks the matcher gives (the search may stop after it only when the next one's are worse).
 * `keyed`: a customer its only group reaches is a match by its key alone (at `rank`): no check needed.
 */
interface Matcher { rank: SearchRank; last: SearchRank; groups: Scan[][]; verify: Verify; keyed?: boolean }

/** what the checks read off a candidate, computed once per search (a candidate often meets several matchers) */
class View {
  private all?: string[];
  private w?: string[];
  private joined?: string;
  private compactName?: string;
  constructor(readonly c: Hit) {}
  /** the whole name, compact: what n: keys hold (the words joined: the name folded, without separators) */
  get full(): string {
    this.compactName ??= this.all ? this.all.join('') : foldText(this.c.name).replace(ALL_SEPARATORS, '');
    return this.compactName;
  }
  /** the words without the company suffix: what w, g, y and j keys come from */
  get words(): string[] {
    this.all ??= wordsOf(this.c.name);
    this.w ??= wordsWithoutSuffix(this.all);
    return this.w;
  }
  get compact(): string {
    this.joined ??= this.words.join('');
    return this.joined;
  }
}

const hasWordStarting = (v: View, w: string): boolean => v.words.some((x) => x.startsWith(w));
const bigramsOf = (han: string): string[] => {
  const chars = [...han];
  return [...new Set(chars.slice(0, -1).map((ch, i) => `g:${ch}${chars[i + 1]}`))];
};
const prefix = (p: string): Scan[] => [{ prefix: p }];
const exactGroups = (keys: string[]): Scan[][] => keys.map((k) => [{ keys: [k] }]);

/** the matchers of a query, best rank first */
export function planSearch(q: SearchQuery): Matcher[] {
  const text = String(q.text);
  const all = wordsOf(text);
  const compact = all.join('');
  // as in the keys: 云栈科技有限公司 looks for 云栈科技
  const words = wordsWithoutSuffix(all);
  const codeText = foldText(text).replace(/\s+/gu, '');
  const out: Matcher[] = [];
  if (codeText !== '') {
    out.push({
      rank: SEARCH_RANK.codeExact, last: SEARCH_RANK.codePrefix, groups: [prefix(`c:${codeText}`)],
      verify: (c) => (foldText(c.code) === codeText ? SEARCH_RANK.codeExact : SEARCH_RANK.codePrefix),
    });
  }
  if (compact === '') return out;
  out.push({ rank: SEARCH_RANK.nameExact, last: SEARCH_RANK.namePrefix, groups: [prefix(`n:${compact}`)], verify: (_, v) => (v.full === compact ? SEARCH_RANK.nameExact : SEARCH_RANK.namePrefix) });
  out.push({
    rank: SEARCH_RANK.nameWord, last: SEARCH_RANK.nameWord, groups: words.map((w) => prefix(`w:${w}`)),
    verify: (_, v) => (words.every((w) => hasWordStarting(v, w)) ? SEARCH_RANK.nameWord : undefined),
    // a w: key is a word of the name, made as View.words makes them: one word's key proves it
    keyed: words.length === 1,
  });
  const han = words.filter(isHan);
  const other = words.filter((w) => !isHan(w));
  const inName = (v: View): boolean => han.every((h) => v.compact.includes(h)) && other.every((w) => hasWordStarting(v, w));
  if (han.length > 0) {
    const groups = han.flatMap((h) => ([...h].length > 1 ? exactGroups(bigramsOf(h)) : [prefix(`g:${h}`)]));
    out.push({ rank: SEARCH_RANK.nameGram, last: SEARCH_RANK.nameGram, groups: [...groups, ...other.map((w) => prefix(`w:${w}`))], verify: (_, v) => (inName(v) ? SEARCH_RANK.nameGram : undefined) });
  }
  if (/^[a-z]{2,}$/u.test(compact)) {
    const py = pinyinWithoutSuffix(compact);
    const long = py.length > PINYIN_KEY_MAX;
    out.push({
      rank: SEARCH_RANK.nameGram, last: SEARCH_RANK.nameGram, groups: [prefix(`y:${py.slice(0, PINYIN_KEY_MAX)}`)],
      // a key holds the first 20 letters: a longer query is checked on the whole pinyin
      verify: (_, v) => (!long || v.words.filter(isHan).some((h) => pinyinSuffixes(h).some((p) => p.startsWith(py)))
        ? SEARCH_RANK.nameGram : undefined),
    });
    if (compact.length <= INITIALS_KEY_MAX) out.push({ rank: SEARCH_RANK.nameGram, last: SEARCH_RANK.nameGram, groups: [prefix(`j:${compact}`)], verify: () => SEARCH_RANK.nameGram });
  }
  out.push({ rank: SEARCH_RANK.contactName, last: SEARCH_RANK.contactName, groups: [prefix(`k:${compact}`)], verify: () => SEARCH_RANK.contactName });
  out.push({ rank: SEARCH_RANK.industry, last: SEARCH_RANK.industry, groups: [prefix(`i:${compact}`)], verify: () => SEARCH_RANK.industry });
  const detail = detailForm(text.trim());
  if (q.contactDetailsOf !== undefined && detail !== '') {
    const key = q.contactDetailsOf === 'all' ? `p:${detail}` : `o:${String(q.contactDetailsOf).replaceAll(OWNER_SEP, '')}${OWNER_SEP}${detail}`;
    out.push({ rank: SEARCH_RANK.contactDetail, last: SEARCH_RANK.contactDetail, groups: [prefix(key)], verify: () => SEARCH_RANK.contactDetail });
  }
  const fuzzy = fuzzyMatcher(words);
  if (fuzzy) out.push(fuzzy);
  return out;
}

/** the pinyin of the company suffixes, longest first: shanghaiyunfanyouxiangongsi looks for shanghaiyunfan */
let suffixPinyin: string[] | undefined;
function pinyinWithoutSuffix(py: string): string {
  suffixPinyin ??= CJK_SUFFIXES.map((x) => syllablesOf(x).join('')).sort((a, b) => b.length - a.length);
  const suffix = suffixPinyin.find((x) => py.endsWith(x) && py.length - x.length >= 2);
  return suffix ? py.slice(0, -suffix.length) : py;
}

const long = (w: string): boolean => [...w].length >= FUZZY_MIN;

/** every word found, at least one of the long ones one character off (Latin: a word; Han: within the name) */
function fuzzyMatcher(words: string[]): Matcher | undefined {
  if (!words.some((w) => long(w) && (isHan(w) || isLatinWord(w)))) return undefined;
  const groups: Scan[][] = [];
  for (const w of words) {
    if (isHan(w)) {
      if (long(w)) groups.push([{ keys: bigramsOf(w) }]);
      else if ([...w].length > 1) groups.push(...exactGroups(bigramsOf(w)));
      else groups.push(prefix(`g:${w}`));
    } else if (isLatinWord(w) && long(w)) {
      const keys = new Set([`d:${w}`]);
      for (const d of deletions(w)) keys.add(`w:${d}`).add(`d:${d}`);
      groups.push([{ prefix: `w:${w}` }, { keys: [...keys] }]);
    } else groups.push(prefix(`w:${w}`));
  }
  const matches = (v: View, w: string): boolean => {
    if (isHan(w)) return long(w) ? containsWithinOneEdit(v.compact, w) : v.compact.includes(w);
    if (isLatinWord(w) && long(w)) return v.words.some((x) => x.startsWith(w) || wordWithinOneEdit(x, w));
    return hasWordStarting(v, w);
  };
  return { rank: SEARCH_RANK.nameFuzzy, last: SEARCH_RANK.nameFuzzy, groups, verify: (_, v) => (words.every((w) => matches(v, w)) ? SEARCH_RANK.nameFuzzy : undefined) };
}

async function groupSize<T extends Hit>(scanner: KeyScanner<T>, group: Scan[], cap: number): Promise<number> {
  let n = 0;
  for (const scan of group) n += await scanner.count(scan, cap);
  return n;
}

/** the customers of a search, best first; reads only through the scanner */
export async function runSearch<T extends Hit>(scanner: KeyScanner<T>, q: SearchQuery): Promise<T[]> {
  const limit = Math.min(Math.floor(Number(q.limit)), SEARCH_LIMIT_MAX);
  if (!(limit > 0) || String(q.text).trim() === '') return [];
  const found = new Map<string, { c: T; rank: SearchRank }>();
  const views = new Map<string, View>();
  const matchers = planSearch(q);
  for (const [at, m] of matchers.entries()) {
    let group = m.groups[0]!;
    // one group: nothing to choose, and a group that reaches nobody reads nothing anyway
    if (m.groups.length > 1) {
      // read the group that reaches the fewest customers: the others are checked in code
      let best = Infinity;
      for (const g of m.groups) {
        const size = await groupSize(scanner, g, SCAN_LIMIT);
        if (size < best) {
          best = size;
          group = g;
        }
        if (size === 0) break;
      }
      if (best === 0) continue;
    }
    const keyed = m.keyed === true && m.groups.length === 1 && group.length === 1;
    for (const scan of group) {
      for (const c of await scanner.scan(scan, SCAN_LIMIT)) {
        if (c.archived) continue;
        const had = found.get(c.id);
        // ranks only get worse within a matcher: one found at least as well is not checked again
        if (had && had.rank <= m.rank) continue;
        let rank: SearchRank | undefined = m.rank;
        if (!keyed) {
          let v = views.get(c.id);
          if (!v || v.c !== c) views.set(c.id, (v = new View(c)));
          rank = m.verify(c, v);
        }
        if (rank === undefined) continue;
        if (!had || rank < had.rank) found.set(c.id, { c, rank });
      }
    }
    const next = matchers[at + 1];
    if (found.size >= limit && (!next || next.rank > m.last)) break;
  }
  const keyOf = scanner.sortKey ? scanner.sortKey.bind(scanner) : (c: T) => codeSortKey(c.code);
  const ranked: { c: T; rank: SearchRank; key: string }[] = [];
  for (const { c, rank } of found.values()) ranked.push({ c, rank, key: keyOf(c) });
  ranked.sort((a, b) => a.rank - b.rank || compareText(a.key, b.key));
  if (ranked.length > limit) ranked.length = limit;
  return ranked.map((f) => f.c);
}
