// One tenant's customers with the indexes the memory engine answers from:
// by id, code, nameKey, lower-cased name, name variant and owner, the rows in
// code order (kept sorted on insert: codes mostly arrive in order, so the
// insert is usually an append), running counts for stats and the search keys
// (key-index.ts). A row's keys are not kept: they are computed again from the
// stored customer when a change to a searched field takes them out.
import { DERIVED, hasVariant, VARIANT_SEP, variantsOf, type Stored } from './copy.js';
import { FieldCounts } from './field-counts.js';
import { MultiMap } from './multi-map.js';
import { codeSortKey, compareText } from './ordering.js';
import { searchKeysOf, SEARCHED_FIELDS } from '../search/keys.js';
import { KeyIndex } from './key-index.js';
import { hashVariant, VariantIndex } from './variant-index.js';

/** one stored customer with what the book keeps beside it */
export interface Row {
  /** code sort key */
  readonly key: string;
  /** insertion sequence: the order a walk of the tenant meets customers */
  readonly seq: number;
  /** the stored customer; replaced, never mutated, on update */
  c: Stored;
}

export class CustomerBook {
  /** by id, in insertion order */
  readonly byId = new Map<string, Row>();
  readonly byNameKey = new MultiMap<Row>();
  readonly byNameLower = new MultiMap<Row>();
  /** name variant hashes → row sequence numbers */
  private readonly byVariant = new VariantIndex();
  /** rows by insertion sequence (rows are never removed) */
  private readonly bySeq: Row[] = [];
  readonly byOwner = new Map<string, Set<Row>>();
  /** rows in code order */
  readonly ordered: Row[] = [];
  readonly counts = new FieldCounts();
  readonly search = new KeyIndex((seq) => this.bySeq[seq]!);
  private seq = 0;
  private readonly pool = new Map<string, string>();

  /** one shared copy of each low-variety string (tier, owner, industry…) */
  readonly intern = (s: string): string => {
    const got = this.pool.get(s);
    if (got !== undefined) return got;
    this.pool.set(s, s);
    return s;
  };

  add(c: Stored): void {
    const row: Row = { key: codeSortKey(c.code), seq: this.seq, c };
    this.seq += 1;
    this.bySeq.push(row);
    this.byId.set(c.id, row);
    this.index(row);
    this.search.add(row, searchKeysOf(c));
    const i = this.lowerBound(row.key);
    if (i === this.ordered.length) this.ordered.push(row);
    else this.ordered.splice(i, 0, row);
  }

  /** replace a stored customer, re-indexing the fields that may change */
  replace(row: Row, after: Stored): void {
    const before = row.c;
    // most updates (a log entry) leave the name alone: keep its index entries
    const renamed = !sameVariants(before, after);
    this.unindex(row, renamed);
    row.c = after;
    this.index(row, renamed);
    if (searchedChanged(before, after)) {
      const was = searchKeysOf(before);
      const now = searchKeysOf(after);
      if (was.length !== now.length || was.some((k, i) => k !== now[i])) {
        this.search.remove(row, was);
        this.search.add(row, now);
      }
    }
  }

  /** position of the first code key >= the given one */
  lowerBound(key: string): number {
    let lo = 0;
    let hi = this.ordered.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compareText(this.ordered[mid]!.key, key) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** the row of a code, found in the code-ordered rows (a code never changes; no Map of 100,000 codes kept beside them) */
  byCode(code: string): Row | undefined {
    const key = codeSortKey(code);
    for (let i = this.lowerBound(key); i < this.ordered.length && this.ordered[i]!.key === key; i += 1) {
      if (this.ordered[i]!.c.code === code) return this.ordered[i];
    }
    return undefined;
  }

  ownerRows(ownerId: string): Iterable<Row> {
    return this.byOwner.get(ownerId) ?? [];
  }

  /** the rows holding any of the variants, each once, in no particular order */
  rowsWithVariants(variants: readonly string[]): Set<Row> {
    const rows = new Set<Row>();
    const seqs: number[] = [];
    for (const v of variants) {
      seqs.length = 0;
      this.byVariant.find(hashVariant(v), seqs);
      for (const seq of seqs) {
        const row = this.bySeq[seq]!;
        if (!rows.has(row) && hasVariant(row.c, v)) rows.add(row);
      }
    }
    return rows;
  }

  private index(row: Row, variants = true): void {
    const c = row.c;
    this.byNameKey.add(c.nameKey, row);
    this.byNameLower.add(lowerName(c), row);
    if (variants) for (const h of variantHashes(c)) this.byVariant.add(h, row.seq);
    let owned = this.byOwner.get(c.ownerId);
    if (!owned) {
      owned = new Set();
      this.byOwner.set(c.ownerId, owned);
    }
    owned.add(row);
    this.counts.add(c, row.seq);
  }

  private unindex(row: Row, variants = true): void {
    const c = row.c;
    this.byNameKey.remove(c.nameKey, row);
    this.byNameLower.remove(lowerName(c), row);
    if (variants) for (const h of variantHashes(c)) this.byVariant.remove(h, row.seq);
    const owned = this.byOwner.get(c.ownerId);
    if (owned) {
      owned.delete(row);
      if (owned.size === 0) this.byOwner.delete(c.ownerId);
    }
    this.counts.remove(c, row.seq);
  }
}

/** the lower-cased name, the name (or its key) itself when they are the same text (one string kept, not two) */
function lowerName(c: Stored): string {
  const lower = c.name.toLowerCase();
  return lower === c.name ? c.name : lower === c.nameKey ? c.nameKey : lower;
}

/** whether a change can change the search keys (contacts are a fresh array on every update: compared by value) */
function searchedChanged(a: Stored, b: Stored): boolean {
  if (SEARCHED_FIELDS.some((f) => f !== 'contacts' && a[f] !== b[f])) return true;
  const x = a.contacts;
  const y = b.contacts;
  return x.length !== y.length
    || x.some((k, i) => k.name !== y[i]!.name || k.phone !== y[i]!.phone || k.email !== y[i]!.email || k.wechat !== y[i]!.wechat);
}

function sameVariants(a: Stored, b: Stored): boolean {
  const x = a.nameVariants;
  const y = b.nameVariants;
  if (x === DERIVED || y === DERIVED) return x === y && a.nameKey === b.nameKey;
  if (typeof x === 'string' || typeof y === 'string') return x === y;
  return x.length === y.length && x.every((v, i) => v === y[i]);
}

/** the distinct hashes of a customer's variants, read off the joined string without splitting it */
function variantHashes(c: Stored): number[] {
  const out: number[] = [];
  const push = (h: number): void => {
    if (!out.includes(h)) out.push(h);
  };
  const v = c.nameVariants;
  if (typeof v !== 'string') {
    for (const s of variantsOf(c)) push(hashVariant(s));
    return out;
  }
  if (v === '') return out;
  let from = 0;
  for (;;) {
    const to = v.indexOf(VARIANT_SEP, from);
    push(hashVariant(v, from, to < 0 ? v.length : to));
    if (to < 0) return out;
    from = to + 1;
  }
}
