// The memory engine's search-key index: what `{tenantId, searchKeys, codeSort}`
// is on MongoDB. Each key holds its customers in code order (one row held
// bare, more in an array); the distinct keys are kept sorted in chunks, so an
// anchored prefix is a binary search and a short walk. A scan reads what the
// MongoDB query would: exact keys merged in code order, a prefix in (key,
// code) order, each customer once, at most `limit`.
import type { Scan } from '../search/plan.js';
import type { Row } from './customer-book.js';
import { compareText } from './ordering.js';

const CHUNK = 512;

/** distinct strings in code-unit order, in chunks of at most CHUNK */
class SortedStrings {
  private chunks: string[][] = [[]];

  private chunkFor(s: string): number {
    let lo = 0;
    let hi = this.chunks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (compareText(this.chunks[mid]![0]!, s) <= 0) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  insert(s: string): void {
    const c = this.chunkFor(s);
    const chunk = this.chunks[c]!;
    chunk.splice(lowerBound(chunk, s), 0, s);
    if (chunk.length > CHUNK) this.chunks.splice(c + 1, 0, chunk.splice(CHUNK >> 1));
  }

  remove(s: string): void {
    const c = this.chunkFor(s);
    const chunk = this.chunks[c]!;
    const i = lowerBound(chunk, s);
    if (chunk[i] !== s) return;
    chunk.splice(i, 1);
    if (chunk.length === 0 && this.chunks.length > 1) this.chunks.splice(c, 1);
  }

  /** the strings starting with `prefix`, in order */
  *withPrefix(prefix: string): Generator<string> {
    let c = this.chunkFor(prefix);
    let i = lowerBound(this.chunks[c]!, prefix);
    for (; c < this.chunks.length; c += 1, i = 0) {
      const chunk = this.chunks[c]!;
      for (; i < chunk.length; i += 1) {
        if (!chunk[i]!.startsWith(prefix)) return;
        yield chunk[i]!;
      }
    }
  }
}

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

export class KeyIndex {
  private readonly postings = new Map<string, Row | Row[]>();
  private readonly keys = new SortedStrings();

  add(row: Row, keys: readonly string[]): void {
    for (const k of keys) {
      const got = this.postings.get(k);
      if (got === undefined) {
        this.postings.set(k, row);
        this.keys.insert(k);
      } else if (!Array.isArray(got)) {
        this.postings.set(k, byCode(got, row) <= 0 ? [got, row] : [row, got]);
      } else if (got.length === 0 || byCode(got[got.length - 1]!, row) <= 0) {
        got.push(row);
      } else {
        let lo = 0;
        let hi = got.length;
        while (lo < hi) {
          const mid = (lo + hi) >>> 1;
          if (byCode(got[mid]!, row) <= 0) lo = mid + 1;
          else hi = mid;
        }
        got.splice(lo, 0, row);
      }
    }
  }

  remove(row: Row, keys: readonly string[]): void {
    for (const k of keys) {
      const got = this.postings.get(k);
      if (got === undefined) continue;
      if (!Array.isArray(got)) {
        if (got === row) this.drop(k);
        continue;
      }
      const i = got.indexOf(row);
      if (i >= 0) got.splice(i, 1);
      if (got.length === 1) this.postings.set(k, got[0]!);
      else if (got.length === 0) this.drop(k);
    }
  }

  private drop(k: string): void {
    this.postings.delete(k);
    this.keys.remove(k);
  }

  private posting(k: string): readonly Row[] {
    const got = this.postings.get(k);
    return got === undefined ? [] : Array.isArray(got) ? got : [got];
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
      for (const k of this.keys.withPrefix(scan.prefix)) {
        for (const row of this.posting(k)) {
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
