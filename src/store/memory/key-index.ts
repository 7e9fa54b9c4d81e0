// The memory engine's search-key index: what `{tenantId, searchKeys, codeSort}`
// is on MongoDB. Each key holds its customers in code order (one row held
// bare, more in an array); the distinct keys are kept sorted in chunks, so a
// key or an anchored prefix is a binary search (and a short walk). A scan reads what the
// MongoDB query would: exact keys merged in code order, a prefix in (key,
// code) order, each customer once, at most `limit`.
import type { Scan } from '../search/plan.js';
import type { Row } from './customer-book.js';
import { compareText } from './ordering.js';

const CHUNK = 512;

type Posting = Row | Row[];

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

function withRow(got: Posting, row: Row): Posting {
  if (!Array.isArray(got)) return byCode(got, row) <= 0 ? [got, row] : [row, got];
  if (got.length === 0 || byCode(got[got.length - 1]!, row) <= 0) got.push(row);
  else {
    let lo = 0;
    let hi = got.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (byCode(got[mid]!, row) <= 0) lo = mid + 1;
      else hi = mid;
    }
    got.splice(lo, 0, row);
  }
  return got;
}

/**
 * The distinct keys in code-unit order, in chunks of at most CHUNK, each
 * with its posting beside it (no hash map: a 100,000-customer tenant has
 * several hundred thousand keys, and a Map's table would cost tens of MB).
 */
export class KeyIndex {
  private keys: string[][] = [[]];
  private rows: Posting[][] = [[]];

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
      const c = this.chunkFor(k);
      const ks = this.keys[c]!;
      const rs = this.rows[c]!;
      const i = lowerBound(ks, k);
      if (ks[i] === k) {
        rs[i] = withRow(rs[i]!, row);
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
      const c = this.chunkFor(k);
      const ks = this.keys[c]!;
      const rs = this.rows[c]!;
      const i = lowerBound(ks, k);
      if (ks[i] !== k) continue;
      const got = rs[i]!;
      let empty = false;
      if (!Array.isArray(got)) empty = got === row;
      else {
        const at = got.indexOf(row);
        if (at >= 0) got.splice(at, 1);
        if (got.length === 1) rs[i] = got[0]!;
        empty = got.length === 0;
      }
      if (!empty) continue;
      ks.splice(i, 1);
      rs.splice(i, 1);
      if (ks.length === 0 && this.keys.length > 1) {
        this.keys.splice(c, 1);
        this.rows.splice(c, 1);
      }
    }
  }

  private posting(k: string): readonly Row[] {
    const c = this.chunkFor(k);
    const ks = this.keys[c]!;
    const i = lowerBound(ks, k);
    if (ks[i] !== k) return [];
    const got = this.rows[c]![i]!;
    return Array.isArray(got) ? got : [got];
  }

  /** the postings of the keys starting with `prefix`, in key order */
  private *withPrefix(prefix: string): Generator<readonly Row[]> {
    let c = this.chunkFor(prefix);
    let i = lowerBound(this.keys[c]!, prefix);
    for (; c < this.keys.length; c += 1, i = 0) {
      const ks = this.keys[c]!;
      const rs = this.rows[c]!;
      for (; i < ks.length; i += 1) {
        if (!ks[i]!.startsWith(prefix)) return;
        const got = rs[i]!;
        yield Array.isArray(got) ? got : [got];
      }
    }
  }

  /** the distinct rows a scan reaches, no more than `cap` + 1 */
  count(scan: Scan, cap: number): number {
    if ('keys' in scan && scan.keys.length === 1) return Math.min(this.posting(scan.keys[0]!).length, cap + 1);
    return this.scan(scan, cap + 1).length;
  }

  scan(scan: Scan, limit: number): Row[] {
    if (!(limit > 0)) return [];
    if ('prefix' in scan) {
      const out = new Set<Row>();
      for (const posting of this.withPrefix(scan.prefix)) {
        for (const row of posting) {
          out.add(row);
          if (out.size >= limit) return [...out];
        }
      }
      return [...out];
    }
    if (scan.keys.length === 1) return this.posting(scan.keys[0]!).slice(0, limit);
    // each posting is in code order: its first `limit` rows are all a merge can take from it
    const all = new Set<Row>();
    for (const k of scan.keys) for (const row of this.posting(k).slice(0, limit)) all.add(row);
    return [...all].sort(byCode).slice(0, limit);
  }
}
