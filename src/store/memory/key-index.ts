// The memory engine's search-key index: what `{tenantId, searchKeys, codeSort}`
// is on MongoDB. Each key holds its customers in code order (one row held
// bare, a few in an array, more as sequence numbers in an Int32Array); the distinct keys are kept sorted in chunks, so a
// key or an anchored prefix is a binary search (and a short walk). A scan reads what the
// MongoDB query would: exact keys merged in code order, a prefix in (key,
// code) order, each customer once, at most `limit`.
import type { Scan } from '../search/plan.js';
import type { Row } from './customer-book.js';
import { compareText } from './ordering.js';

const CHUNK = 512;

/**
 * A long posting (a word most names share, a common bigram): the rows'
 * sequence numbers in code order in a typed array, 4 bytes a row off the JS
 * heap instead of 8 on it, and growing without leaving old arrays behind in
 * the old generation (a 100,000-customer tenant holds ~2 million such entries).
 */
class SeqList {
  seqs: Int32Array;
  n: number;
  constructor(rows: readonly Row[]) {
    this.seqs = new Int32Array(rows.length * 2);
    for (let i = 0; i < rows.length; i += 1) this.seqs[i] = rows[i]!.seq;
    this.n = rows.length;
  }
}

type Posting = Row | Row[] | SeqList;

/** an array posting longer than this becomes a SeqList */
const SHORT = 32;

function lowerBound(list: string[], s: string): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareText(list[mid]!, s) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const byCode = (a: Row, b: Row): number => compareText(a.key, b.key);

/** where `row` goes among `n` rows in code order: after every row whose code key is not greater (appends mostly) */
function insertAt(n: number, rowAt: (j: number) => Row, row: Row): number {
  if (n === 0 || byCode(rowAt(n - 1), row) <= 0) return n;
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (byCode(rowAt(mid), row) <= 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

const sizeOf = (p: Posting): number => (p instanceof SeqList ? p.n : Array.isArray(p) ? p.length : 1);

/**
 * The distinct keys in code-unit order, in chunks of at most CHUNK, each
 * with its posting beside it (no hash map: a 100,000-customer tenant has
 * several hundred thousand keys, and a Map's table would cost tens of MB).
 */
export class KeyIndex {
  private keys: string[][] = [[]];
  private rows: Posting[][] = [[]];

  /** `rowAt`: the row of a sequence number (the book's rows are never removed) */
  constructor(private readonly rowAt: (seq: number) => Row) {}

  /** the j-th row of a posting */
  private rowIn(p: Posting, j: number): Row {
    return p instanceof SeqList ? this.rowAt(p.seqs[j]!) : Array.isArray(p) ? p[j]! : p;
  }

  /** the first `limit` rows of a posting */
  private rowsOf(p: Posting, limit: number): Row[] {
    const n = Math.min(sizeOf(p), limit);
    if (Array.isArray(p)) return p.slice(0, n);
    const out = new Array<Row>(n);
    for (let j = 0; j < n; j += 1) out[j] = this.rowIn(p, j);
    return out;
  }

  /** a posting with the row added in code order (after the rows of an equal code key) */
  private withRow(got: Posting, row: Row): Posting {
    if (!(got instanceof SeqList) && !Array.isArray(got)) return byCode(got, row) <= 0 ? [got, row] : [row, got];
    const at = insertAt(sizeOf(got), (j) => this.rowIn(got, j), row);
    if (Array.isArray(got)) {
      got.splice(at, 0, row);
      return got.length > SHORT ? new SeqList(got) : got;
    }
    if (got.n === got.seqs.length) {
      const grown = new Int32Array(got.seqs.length * 2);
      grown.set(got.seqs);
      got.seqs = grown;
    }
    got.seqs.copyWithin(at + 1, at, got.n);
    got.seqs[at] = row.seq;
    got.n += 1;
    return got;
  }

  /** a posting without the row (undefined when it held only that row) */
  private withoutRow(got: Posting, row: Row): Posting | undefined {
    if (got instanceof SeqList) {
      const at = got.seqs.subarray(0, got.n).indexOf(row.seq);
      if (at < 0) return got;
      got.seqs.copyWithin(at, at + 1, got.n);
      got.n -= 1;
      if (got.n > 1) return got;
      return got.n === 1 ? this.rowAt(got.seqs[0]!) : undefined;
    }
    if (!Array.isArray(got)) return got === row ? undefined : got;
    const at = got.indexOf(row);
    if (at >= 0) got.splice(at, 1);
    if (got.length === 1) return got[0]!;
    return got.length === 0 ? undefined : got;
  }

  /** the chunk a key belongs in, and the first slot of it whose key is >= the key */
  private locate(k: string): { c: number; ks: string[]; rs: Posting[]; i: number } {
    const c = this.chunkFor(k);
    const ks = this.keys[c]!;
    return { c, ks, rs: this.rows[c]!, i: lowerBound(ks, k) };
  }

  private chunkFor(s: string): number {
    let lo = 0;
    let hi = this.keys.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (compareText(this.keys[mid]![0]!, s) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  add(row: Row, keys: readonly string[]): void {
    for (const k of keys) {
      const { c, ks, rs, i } = this.locate(k);
      if (ks[i] === k) {
        rs[i] = this.withRow(rs[i]!, row);
        continue;
      }
      ks.splice(i, 0, k);
      rs.splice(i, 0, row);
      if (ks.length > CHUNK) this.split(c, i === ks.length - 1 ? ks.length - 1 : CHUNK >> 1);
    }
  }

  /**
   * Split a full chunk at `at` into two arrays of their exact size (an array
   * that grew one element at a time has half as much again spare). Keys that
   * arrive in order (codes, phone numbers, each owner's details) are added at
   * a chunk's end: that chunk is cut just before the new key and stays full,
   * where halves would leave every such chunk half empty for good.
   */
  private split(c: number, at: number): void {
    const ks = this.keys[c]!;
    const rs = this.rows[c]!;
    this.keys.splice(c, 1, ks.slice(0, at), ks.slice(at));
    this.rows.splice(c, 1, rs.slice(0, at), rs.slice(at));
  }

  remove(row: Row, keys: readonly string[]): void {
    for (const k of keys) {
      const { c, ks, rs, i } = this.locate(k);
      if (ks[i] !== k) continue;
      const left = this.withoutRow(rs[i]!, row);
      if (left !== undefined) {
        rs[i] = left;
        continue;
      }
      ks.splice(i, 1);
      rs.splice(i, 1);
      if (ks.length === 0 && this.keys.length > 1) {
        this.keys.splice(c, 1);
        this.rows.splice(c, 1);
      }
    }
  }

  private posting(k: string): Posting | undefined {
    const { ks, rs, i } = this.locate(k);
    return ks[i] === k ? rs[i] : undefined;
  }

  /** the postings of the keys starting with `prefix`, in key order */
  private *withPrefix(prefix: string): Generator<Posting> {
    let { c, i } = this.locate(prefix);
    for (; c < this.keys.length; c += 1, i = 0) {
      const ks = this.keys[c]!;
      const rs = this.rows[c]!;
      for (; i < ks.length; i += 1) {
        if (!ks[i]!.startsWith(prefix)) return;
        yield rs[i]!;
      }
    }
  }

  /** the distinct rows a scan reaches, no more than `cap` + 1 */
  count(scan: Scan, cap: number): number {
    if ('keys' in scan && scan.keys.length === 1) {
      const p = this.posting(scan.keys[0]!);
      return p === undefined ? 0 : Math.min(sizeOf(p), cap + 1);
    }
    return this.scan(scan, cap + 1).length;
  }

  scan(scan: Scan, limit: number): Row[] {
    if (!(limit > 0)) return [];
    if ('prefix' in scan) {
      const out = new Set<Row>();
      for (const posting of this.withPrefix(scan.prefix)) {
        const n = sizeOf(posting);
        for (let j = 0; j < n; j += 1) {
          out.add(this.rowIn(posting, j));
          if (out.size >= limit) return [...out];
        }
      }
      return [...out];
    }
    if (scan.keys.length === 1) {
      const p = this.posting(scan.keys[0]!);
      return p === undefined ? [] : this.rowsOf(p, limit);
    }
    // each posting is in code order: its first `limit` rows are all a merge can take from it
    const all = new Set<Row>();
    for (const k of scan.keys) {
      const p = this.posting(k);
      if (p !== undefined) for (const row of this.rowsOf(p, limit)) all.add(row);
    }
    return [...all].sort(byCode).slice(0, limit);
  }
}
