// Text search over a tenant without a JavaScript loop per customer: the
// lower-cased codes, names, contact names and industries of all rows, each
// field joined into one string with a separator no query contains, so that
// `indexOf` (native) finds the matches and a binary search over the segment
// starts maps a match back to its row. Built lazily; rows appended or changed
// since the build are checked one by one until there are enough of them to
// make a rebuild worth it. Results are exactly those of a walk in code order
// that ranks each row and stops once `limit` rows matched by code or name
// prefix (the ranking the contract fixes; see searchRows below).
import type { Stored } from './copy.js';
import { SEARCH_RANK } from './ordering.js';
import type { Row } from './customer-book.js';

const SEP = '\u0001';
/** rows checked one by one before the index is rebuilt */
const MAX_DIRECT = 512;

interface Hay { text: string; starts: Int32Array }

type Field = (c: Stored) => string;
const codeText: Field = (c) => c.code.toLowerCase();
const nameText: Field = (c) => c.name.toLowerCase();
const contactNamesText: Field = (c) => c.contacts.map((k) => k.name ?? '').join(SEP).toLowerCase();
const industryText: Field = (c) => (c.industry ?? '').toLowerCase();
const contactDetailsText: Field = (c) => c.contacts.flatMap((k) => [k.phone ?? '', k.email ?? '', k.wechat ?? '']).join(SEP).toLowerCase();

/** the rank a walk gives a row, or -1: the rules of the per-row walk, verbatim */
export function rankOf(c: Stored, lower: string, details: string | undefined): number {
  if (c.archived) return -1;
  const code = codeText(c);
  if (code.startsWith(lower)) return code === lower ? SEARCH_RANK.codeExact : SEARCH_RANK.codePrefix;
  const name = nameText(c);
  if (name.includes(lower)) return name.startsWith(lower) ? SEARCH_RANK.namePrefix : SEARCH_RANK.name;
  if (contactNamesText(c).includes(lower)) return SEARCH_RANK.contactName;
  if (industryText(c).includes(lower)) return SEARCH_RANK.industry;
  if (details !== undefined && (details === 'all' || details === c.ownerId) && contactDetailsText(c).includes(lower)) {
    return SEARCH_RANK.contactDetail;
  }
  return -1;
}

/** whether a change can move a customer in or out of a search */
function searchedChanged(a: Stored, b: Stored): boolean {
  return a.code !== b.code || a.name !== b.name || a.industry !== b.industry || Boolean(a.archived) !== Boolean(b.archived)
    || contactNamesText(a) !== contactNamesText(b);
}

export class TextIndex {
  /** rows [0, built) are in the haystacks */
  private built = 0;
  private valid = false;
  /** rows below `built` whose searched text changed since the build */
  private readonly stale = new Set<Row>();
  private code: Hay = empty();
  private name: Hay = empty();
  private contactNames: Hay = empty();
  private industry: Hay = empty();

  constructor(private readonly rows: Row[]) {}

  /** a row was inserted before the end: positions moved */
  reordered(): void {
    this.valid = false;
    this.stale.clear();
  }

  changed(row: Row, before: Stored, after: Stored): void {
    if (this.valid && row.pos < this.built && searchedChanged(before, after)) this.stale.add(row);
  }

  private rebuild(): void {
    const rows = this.rows;
    for (let i = 0; i < rows.length; i += 1) rows[i]!.pos = i;
    this.code = hay(rows, codeText);
    this.name = hay(rows, nameText);
    this.contactNames = hay(rows, contactNamesText);
    this.industry = hay(rows, industryText);
    this.built = rows.length;
    this.valid = true;
    this.stale.clear();
  }

  /**
   * The rows a code-order walk would return: ranks as in rankOf; each rank
   * keeps its first `limit` rows; the walk stops at the row where `limit`
   * rows ranked namePrefix or better have been seen; then ranks best first.
   */
  search(lower: string, details: string | undefined, limit: number, ownerRows: (owner: string) => Iterable<Row>): Row[] {
    if (!(limit > 0)) return [];
    if (lower.includes(SEP)) return this.walk(lower, details, limit);
    if (!this.valid || this.stale.size + this.rows.length - this.built > MAX_DIRECT) this.rebuild();
    const cap = Math.ceil(limit);
    // rows not (or no longer) in the haystacks: ranked one by one, once
    const direct: { row: Row; rank: number }[] = [];
    for (const row of this.stale) direct.push({ row, rank: rankOf(row.c, lower, details) });
    for (let i = this.built; i < this.rows.length; i += 1) direct.push({ row: this.rows[i]!, rank: rankOf(this.rows[i]!.c, lower, details) });

    const rankIs = (rank: number) => (row: Row): boolean => rankOf(row.c, lower, details) === rank;
    const isGood = (row: Row): boolean => {
      const r = rankOf(row.c, lower, details);
      return r >= 0 && r <= SEARCH_RANK.namePrefix;
    };
    // where the walk stops: the cap-th row ranked namePrefix or better
    const good = mergeFirst([
      this.matches(this.code, SEP + lower, Infinity, isGood, cap),
      this.matches(this.name, SEP + lower, Infinity, isGood, cap),
      direct.filter((d) => d.rank >= 0 && d.rank <= SEARCH_RANK.namePrefix).map((d) => d.row),
    ], cap);
    const stop = good.length >= cap ? good[cap - 1]!.pos : Infinity;

    const out: Row[] = [];
    const fromDirect = (rank: number) => direct.filter((d) => d.rank === rank && d.row.pos <= stop).map((d) => d.row);
    for (let rank: number = SEARCH_RANK.codeExact; rank <= SEARCH_RANK.contactDetail && out.length < cap; rank += 1) {
      const need = cap - out.length;
      let found: Row[];
      if (rank <= SEARCH_RANK.namePrefix) found = good.filter(rankIs(rank));
      else if (rank === SEARCH_RANK.name) found = mergeFirst([this.matches(this.name, lower, stop, rankIs(rank), need), fromDirect(rank)], need);
      else if (rank === SEARCH_RANK.contactName) found = mergeFirst([this.matches(this.contactNames, lower, stop, rankIs(rank), need), fromDirect(rank)], need);
      else if (rank === SEARCH_RANK.industry) found = mergeFirst([this.matches(this.industry, lower, stop, rankIs(rank), need), fromDirect(rank)], need);
      else if (details === undefined) found = [];
      else if (details === 'all') found = this.walkRank(lower, details, rank, stop, need);
      else found = mergeFirst([[...ownerRows(details)].filter((r) => r.pos <= stop && rankIs(rank)(r)).sort(byPos)], need);
      for (const row of found.slice(0, need)) out.push(row);
    }
    return out;
  }

  /** haystack rows (in position order, not stale, at or before `stop`) passing `keep`, at most `max` */
  private matches(h: Hay, needle: string, stop: number, keep: (row: Row) => boolean, max: number): Row[] {
    const out: Row[] = [];
    const { text, starts } = h;
    let from = 0;
    while (out.length < max) {
      const m = text.indexOf(needle, from);
      if (m < 0) break;
      const i = segmentAt(starts, m);
      const row = this.rows[i]!;
      if (row.pos > stop) break;
      if (!this.stale.has(row) && keep(row)) out.push(row);
      from = starts[i + 1]!;
    }
    return out;
  }

  /** rows of one rank in code order, at or before `stop`, by walking every row */
  private walkRank(lower: string, details: string, rank: number, stop: number, max: number): Row[] {
    const out: Row[] = [];
    for (const row of this.rows) {
      if (row.pos > stop || out.length >= max) break;
      if (rankOf(row.c, lower, details) === rank) out.push(row);
    }
    return out;
  }

  /** the per-row walk itself, for text the haystacks cannot hold (it contains the separator) */
  private walk(lower: string, details: string | undefined, limit: number): Row[] {
    const buckets: Row[][] = Object.values(SEARCH_RANK).map(() => []);
    let good = 0;
    for (const row of this.rows) {
      const rank = rankOf(row.c, lower, details);
      if (rank < 0) continue;
      const bucket = buckets[rank]!;
      if (bucket.length < limit) bucket.push(row);
      if (rank <= SEARCH_RANK.namePrefix && ++good >= limit) break;
    }
    return buckets.flat();
  }
}

function empty(): Hay {
  return { text: SEP, starts: Int32Array.of(0) };
}

/** SEP seg0 SEP seg1 … SEP segN-1 SEP; starts[i] is the separator before segment i */
function hay(rows: Row[], field: Field): Hay {
  const segs = new Array<string>(rows.length);
  const starts = new Int32Array(rows.length + 1);
  let at = 0;
  for (let i = 0; i < rows.length; i += 1) {
    const c = rows[i]!.c;
    // an archived customer is never found: its segment stays empty
    const s = c.archived ? '' : field(c);
    segs[i] = s;
    starts[i] = at;
    at += s.length + 1;
  }
  starts[rows.length] = at;
  return { text: SEP + segs.join(SEP) + SEP, starts };
}

/** the segment holding a position: the last start at or before it */
function segmentAt(starts: Int32Array, m: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (starts[mid]! <= m) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

const byPos = (a: Row, b: Row): number => a.pos - b.pos;

/** the first `max` distinct rows of several lists, in position order */
function mergeFirst(lists: Row[][], max: number): Row[] {
  const all = [...new Set(lists.flat())].sort(byPos);
  return all.slice(0, max);
}
