// One tenant's customers with the indexes the memory engine answers from:
// by id, code, nameKey, lower-cased name, name variant and owner, the rows in
// code order (kept sorted on insert: codes mostly arrive in order, so the
// insert is usually an append), running counts for stats and the text index
// for search.
import type { Customer } from '../../domain/types.js';
import { FieldCounts } from './field-counts.js';
import { MultiMap } from './multi-map.js';
import { codeSortKey, compareText } from './ordering.js';
import { TextIndex } from './search-index.js';

/** one stored customer with what the book keeps beside it */
export interface Row {
  /** code sort key */
  readonly key: string;
  /** insertion sequence: the order a walk of the tenant meets customers */
  readonly seq: number;
  /** position in `ordered`, as of the text index's last build (appends set it at once) */
  pos: number;
  /** the stored customer; replaced, never mutated, on update */
  c: Customer;
}

export class CustomerBook {
  /** by id, in insertion order */
  readonly byId = new Map<string, Row>();
  readonly byCode = new Map<string, Row>();
  readonly byNameKey = new MultiMap<Row>();
  readonly byNameLower = new MultiMap<Row>();
  readonly byVariant = new MultiMap<Row>();
  readonly byOwner = new Map<string, Set<Row>>();
  /** rows in code order */
  readonly ordered: Row[] = [];
  readonly counts = new FieldCounts();
  readonly text = new TextIndex(this.ordered);
  private seq = 0;
  private readonly pool = new Map<string, string>();

  /** one shared copy of each low-variety string (tier, owner, industry…) */
  readonly intern = (s: string): string => {
    const got = this.pool.get(s);
    if (got !== undefined) return got;
    this.pool.set(s, s);
    return s;
  };

  add(c: Customer): void {
    const row: Row = { key: codeSortKey(c.code), seq: this.seq, pos: 0, c };
    this.seq += 1;
    this.byId.set(c.id, row);
    this.byCode.set(c.code, row);
    this.index(row);
    const i = this.lowerBound(row.key);
    row.pos = i;
    if (i === this.ordered.length) this.ordered.push(row);
    else {
      this.ordered.splice(i, 0, row);
      this.text.reordered();
    }
  }

  /** replace a stored customer, re-indexing the fields that may change */
  replace(row: Row, after: Customer): void {
    const before = row.c;
    this.unindex(row);
    row.c = after;
    this.index(row);
    this.text.changed(row, before, after);
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

  ownerRows(ownerId: string): Iterable<Row> {
    return this.byOwner.get(ownerId) ?? [];
  }

  private index(row: Row): void {
    const c = row.c;
    this.byNameKey.add(c.nameKey, row);
    this.byNameLower.add(c.name.toLowerCase(), row);
    for (const v of c.nameVariants) this.byVariant.add(v, row);
    let owned = this.byOwner.get(c.ownerId);
    if (!owned) {
      owned = new Set();
      this.byOwner.set(c.ownerId, owned);
    }
    owned.add(row);
    this.counts.add(c, row.seq);
  }

  private unindex(row: Row): void {
    const c = row.c;
    this.byNameKey.remove(c.nameKey, row);
    this.byNameLower.remove(c.name.toLowerCase(), row);
    for (const v of c.nameVariants) this.byVariant.remove(v, row);
    const owned = this.byOwner.get(c.ownerId);
    if (owned) {
      owned.delete(row);
      if (owned.size === 0) this.byOwner.delete(c.ownerId);
    }
    this.counts.remove(c, row.seq);
  }
}
