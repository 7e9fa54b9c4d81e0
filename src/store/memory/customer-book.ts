// One tenant's customers with the indexes the memory engine answers from:
// by id, code, nameKey, lower-cased name, name variant and owner, plus the ids
// in code order (kept sorted on insert: codes mostly arrive in order, so the
// insert is usually an append).
import type { Customer } from '../../domain/types.js';
import { codeSortKey, compareText } from './ordering.js';

export interface SearchRow {
  /** code sort key */
  key: string;
  id: string;
  codeLower: string;
  nameLower: string;
  /** contact names, lower-cased, joined by \u0001 (a separator no query contains) */
  contactNamesLower: string;
  industryLower: string;
  /** phones, emails, wechat ids, lower-cased, joined */
  contactDetailsLower: string;
  ownerId: string;
  archived: boolean;
}

export class CustomerBook {
  readonly byId = new Map<string, Customer>();
  readonly byCode = new Map<string, string>();
  readonly byNameKey = new Map<string, Set<string>>();
  readonly byNameLower = new Map<string, Set<string>>();
  readonly byVariant = new Map<string, Set<string>>();
  readonly byOwner = new Map<string, Set<string>>();
  /** one row per customer in code order, with the lower-cased text search scans */
  readonly ordered: SearchRow[] = [];
  readonly rows = new Map<string, SearchRow>();

  add(c: Customer): void {
    this.byId.set(c.id, c);
    this.byCode.set(c.code, c.id);
    const row: SearchRow = {
      key: codeSortKey(c.code), id: c.id, codeLower: c.code.toLowerCase(),
      nameLower: '', contactNamesLower: '', industryLower: '', contactDetailsLower: '', ownerId: '', archived: false,
    };
    this.rows.set(c.id, row);
    this.index(c);
    const i = this.lowerBound(row.key);
    if (i === this.ordered.length) this.ordered.push(row);
    else this.ordered.splice(i, 0, row);
  }

  /** replace a stored customer, re-indexing the fields that may change */
  replace(before: Customer, after: Customer): void {
    this.unindex(before);
    this.byId.set(after.id, after);
    this.index(after);
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

  private index(c: Customer): void {
    addTo(this.byNameKey, c.nameKey, c.id);
    addTo(this.byNameLower, c.name.toLowerCase(), c.id);
    for (const v of c.nameVariants) addTo(this.byVariant, v, c.id);
    addTo(this.byOwner, c.ownerId, c.id);
    const row = this.rows.get(c.id);
    if (row) {
      row.nameLower = c.name.toLowerCase();
      row.contactNamesLower = c.contacts.map((k) => k.name ?? '').join('\u0001').toLowerCase();
      row.industryLower = (c.industry ?? '').toLowerCase();
      row.contactDetailsLower = c.contacts.flatMap((k) => [k.phone ?? '', k.email ?? '', k.wechat ?? '']).join('\u0001').toLowerCase();
      row.ownerId = c.ownerId;
      row.archived = c.archived;
    }
  }

  private unindex(c: Customer): void {
    removeFrom(this.byNameKey, c.nameKey, c.id);
    removeFrom(this.byNameLower, c.name.toLowerCase(), c.id);
    for (const v of c.nameVariants) removeFrom(this.byVariant, v, c.id);
    removeFrom(this.byOwner, c.ownerId, c.id);
  }
}

function addTo(m: Map<string, Set<string>>, key: string, id: string): void {
  let s = m.get(key);
  if (!s) {
    s = new Set();
    m.set(key, s);
  }
  s.add(id);
}

function removeFrom(m: Map<string, Set<string>>, key: string, id: string): void {
  const s = m.get(key);
  if (!s) return;
  s.delete(id);
  if (s.size === 0) m.delete(key);
}
