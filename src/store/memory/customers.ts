// The memory engine's customers: per-tenant books with Map indexes, so that a
// tenant of 100,000 customers answers `find` and a follow-up well inside the
// benchmark goals. Everything returned is a copy.
import { POOL_OWNER } from '../../domain/pool.js';
import type { Customer, Tier } from '../../domain/types.js';
import {
  DuplicateCodeError, DuplicateNameError, VersionConflictError,
  type CountField, type CustomerFilter, type CustomerPatch, type CustomerRepo, type NewCustomer,
  type Page, type Paged, type SearchQuery,
} from '../ports.js';
import { runSearch } from '../search/plan.js';
import { CustomerBook, type Row } from './customer-book.js';
import { adoptCustomer, copyCustomer, fixedVariants, ms, newId, storedVariants, tenantMap } from './copy.js';
import { codeSortKey, compareText, compareUrgency, formatCode, inKeyOrder, isDue, matchesFilter } from './ordering.js';

export function createMemoryCustomers(): CustomerRepo {
  const books = new Map<string, CustomerBook>();
  const counters = new Map<string, number>();
  /** per tenant: nameKey → id of the customer holding it (InsertOptions.uniqueName) */
  const nameHolds = new Map<string, Map<string, string>>();
  const holds = (tenantId: string): Map<string, string> => tenantMap(nameHolds, tenantId, () => new Map());
  const book = (tenantId: string): CustomerBook => tenantMap(books, tenantId, () => new CustomerBook());
  const peek = (tenantId: string): CustomerBook | undefined => books.get(tenantId);

  /** the candidates a filter can be answered from: the owner's rows when given */
  function candidates(b: CustomerBook, f: CustomerFilter): Iterable<Row> {
    if (f.ownerId !== undefined) return b.ownerRows(f.ownerId);
    return b.byId.values();
  }

  const copies = (rows: Row[]): Customer[] => rows.map((r) => copyCustomer(r.c));
  /** per-person allowances (a day's claims); a day's keys are few and small */
  const quotas = new Map<string, number>();

  return {
    async nextCode(tenantId, day) {
      // synchronous read-increment-write: atomic in one process
      const key = `${tenantId}:${day}`;
      const seq = (counters.get(key) ?? 0) + 1;
      counters.set(key, seq);
      return formatCode(day, seq);
    },

    async insert(input: NewCustomer, opts = {}) {
      const b = book(input.tenantId);
      if (b.byCode(String(input.code))) throw new DuplicateCodeError(input.code);
      const held = holds(input.tenantId);
      if (opts.uniqueName && held.has(input.nameKey)) throw new DuplicateNameError(input.nameKey);
      const c = adoptCustomer({ ...input, id: newId(), version: 1 }, storedVariants(input.nameKey, input.nameVariants), b.intern);
      b.add(c);
      if (opts.uniqueName) held.set(input.nameKey, c.id);
      return copyCustomer(c);
    },

    async get(tenantId, id) {
      const row = peek(tenantId)?.byId.get(id);
      return row ? copyCustomer(row.c) : null;
    },

    async getByCode(tenantId, code) {
      const row = peek(tenantId)?.byCode(String(code));
      return row ? copyCustomer(row.c) : null;
    },

    async findByName(tenantId, name, nameKey) {
      const b = peek(tenantId);
      if (!b) return [];
      const rows = new Set([...b.byNameLower.get(String(name).trim().toLowerCase()), ...b.byNameKey.get(String(nameKey))]);
      return copies(byCode([...rows].filter((r) => !r.c.archived)));
    },

    async findByNameVariants(tenantId, variants) {
      const b = peek(tenantId);
      if (!b) return [];
      const rows = b.rowsWithVariants(variants.map(String));
      return copies(byCode([...rows].filter((r) => !r.c.archived)));
    },

    async search(tenantId, q: SearchQuery) {
      const b = peek(tenantId);
      if (!b) return [];
      // candidates are checked on the stored rows: only the results are copied
      const rows = await runSearch({
        count: async (scan, cap) => b.search.count(scan, cap),
        scan: async (scan, limit) => b.search.scan(scan, limit).map((r) => r.c),
        // the row keeps it: no key built per candidate
        sortKey: (c) => {
          const row = b.byId.get(c.id);
          return row && row.c === c ? row.key : codeSortKey(c.code);
        },
      }, q);
      return rows.map(copyCustomer);
    },

    async list(tenantId, filter, page: Page): Promise<Paged<Customer>> {
      const b = peek(tenantId);
      if (!b) return { items: [], total: 0 };
      if (filter.ownerId === undefined && filter.dueBefore === undefined) {
        // code order is the book's own order: count and cut the page in one walk, no sort
        const items: Customer[] = [];
        let total = 0;
        const end = page.offset + page.limit;
        for (const row of b.ordered) {
          if (!matchesFilter(row.c, filter)) continue;
          if (total >= page.offset && total < end) items.push(copyCustomer(row.c));
          total += 1;
        }
        return { items, total };
      }
      const all: Row[] = [];
      for (const r of candidates(b, filter)) if (matchesFilter(r.c, filter)) all.push(r);
      sortRows(all, filter.dueBefore !== undefined);
      return { items: copies(all.slice(page.offset, page.offset + page.limit)), total: all.length };
    },

    async dueFor(tenantId, ownerId, before) {
      const b = peek(tenantId);
      if (!b) return [];
      const due: Customer[] = [];
      for (const r of b.ownerRows(ownerId)) if (isDue(r.c, before)) due.push(copyCustomer(r.c));
      return due.sort(compareUrgency);
    },

    async ownersWithDue(tenantId, before) {
      const b = peek(tenantId);
      if (!b) return [];
      const owners: string[] = [];
      for (const [owner, rows] of b.byOwner) {
        for (const r of rows) {
          if (isDue(r.c, before)) {
            owners.push(owner);
            break;
          }
        }
      }
      return owners.sort();
    },

    async inactiveSince(tenantId, before) {
      const b = peek(tenantId);
      if (!b) return [];
      const out: Row[] = [];
      for (const r of b.byId.values()) {
        const c = r.c;
        if (c.archived || c.status === 'lost' || c.status === 'dormant') continue;
        if (ms(c.lastInteractionAt ?? c.createdAt) < before.getTime()) out.push(r);
      }
      return copies(sortRows(out, false));
    },

    async countBy(tenantId, field: CountField, filter: CustomerFilter = {}) {
      const b = peek(tenantId);
      if (!b) return {};
      if (isEmptyFilter(filter)) return inKeyOrder(b.counts.counts(field, () => b.byId.values()));
      const counts: Record<string, number> = {};
      for (const r of candidates(b, filter)) {
        if (!matchesFilter(r.c, filter)) continue;
        const value = r.c[field];
        // a customer without the field is not counted: there is no bucket to put it in
        if (value === undefined || value === '') continue;
        counts[value] = (counts[value] ?? 0) + 1;
      }
      return inKeyOrder(counts);
    },

    async idleOwned(tenantId, tier, before, ownerId) {
      const b = peek(tenantId);
      if (!b) return [];
      const rows = ownerId === undefined ? b.byId.values() : b.ownerRows(ownerId);
      const out: Row[] = [];
      for (const r of rows) if (isIdleOwned(r.c, tier, before.getTime())) out.push(r);
      return copies(byCode(out));
    },

    async ownersIdleBefore(tenantId, tier, before) {
      const b = peek(tenantId);
      if (!b) return [];
      const owners: string[] = [];
      const t = before.getTime();
      for (const [owner, rows] of b.byOwner) {
        for (const r of rows) {
          if (isIdleOwned(r.c, tier, t)) {
            owners.push(owner);
            break;
          }
        }
      }
      return owners.sort(compareText);
    },

    async updateIf(tenantId, id, when, patch) {
      const b = peek(tenantId);
      const row = b?.byId.get(id);
      // read, compare and write with no await between: atomic in one process
      if (!b || !row || row.c.ownerId !== when.ownerId) return null;
      if (when.version !== undefined && row.c.version !== when.version) return null;
      return apply(b, row, patch);
    },

    async takeQuota(tenantId, key, limit) {
      const k = `quota:${tenantId}:${key}`;
      const used = quotas.get(k) ?? 0;
      if (used >= limit) return false;
      quotas.set(k, used + 1);
      return true;
    },

    async returnQuota(tenantId, key) {
      const k = `quota:${tenantId}:${key}`;
      quotas.set(k, Math.max(0, (quotas.get(k) ?? 0) - 1));
    },

    async update(tenantId, id, patch: CustomerPatch, expectedVersion) {
      const b = peek(tenantId);
      const row = b?.byId.get(id);
      if (!b || !row) throw new Error(`customer ${id} not found in tenant ${tenantId}`);
      const before = row.c;
      if (expectedVersion !== undefined && before.version !== expectedVersion) throw new VersionConflictError(id);
      const after = apply(b, row, patch);
      // a renamed or archived customer no longer holds its old name
      if (patch.nameKey !== undefined || patch.archived === true) {
        const held = nameHolds.get(tenantId);
        if (held?.get(before.nameKey) === id) held.delete(before.nameKey);
      }
      return after;
    },

    async *iterate(tenantId, batchSize = 500) {
      const b = peek(tenantId);
      if (!b) return;
      // walk by code key so customers added meanwhile neither repeat nor break the walk
      let from = '';
      for (;;) {
        let start = from === '' ? 0 : b.lowerBound(from);
        if (b.ordered[start]?.key === from) start += 1;
        const rows = b.ordered.slice(start, start + Math.max(1, batchSize));
        if (rows.length === 0) return;
        for (const r of rows) yield copyCustomer(r.c);
        from = rows[rows.length - 1]!.key;
      }
    },
  };
}

/** a stored row patched: a full copy patched, then stored again in the row's shape */
function apply(b: CustomerBook, row: Row, patch: CustomerPatch): Customer {
  const before = row.c;
  const merged: Customer = copyCustomer(before);
  merged.version = before.version + 1;
  const fields = merged as unknown as Record<string, unknown>;
  for (const [key, value] of Object.entries(patch)) {
    if (key === 'nameVariants') continue;
    // a key given as undefined clears the field (e.g. nextFollowUpAt)
    if (value === undefined) delete fields[key];
    else fields[key] = value;
  }
  // variants given are stored as given; kept ones stay what they were, also when the key alone changes
  const variants = 'nameVariants' in patch ? storedVariants(merged.nameKey, patch.nameVariants)
    : merged.nameKey === before.nameKey ? before.nameVariants : fixedVariants(before);
  // adopt copies the patch's values, so the caller keeps no handle on what is stored
  const after = adoptCustomer(merged, variants, b.intern);
  b.replace(row, after);
  return copyCustomer(after);
}

/** CustomerRepo.idleOwned's rule on a stored row (instants as epoch ms) */
function isIdleOwned(c: Row['c'], tier: Tier, before: number): boolean {
  if (c.tier !== tier || c.ownerId === POOL_OWNER || c.status === 'lost' || c.archived) return false;
  const base = ms(c.lastInteractionAt ?? c.createdAt);
  const owned = ms(c.ownedSince);
  return (owned !== undefined && owned > base ? owned : base) < before;
}

function isEmptyFilter(f: CustomerFilter): boolean {
  return !f.includeArchived && f.ownerId === undefined && f.tier === undefined && f.status === undefined
    && f.industry === undefined && f.dueBefore === undefined;
}

/** code order from the cached keys (stable: equal keys keep the order given) */
function byCode(rows: Row[]): Row[] {
  return rows.sort((x, y) => compareText(x.key, y.key));
}

/**
 * Sort by code (or by next follow-up, then code) using the rows' cached code
 * keys: computing a key per comparison would dominate a 100,000-customer sort.
 */
function sortRows(rows: Row[], byNextFollowUp: boolean): Row[] {
  if (!byNextFollowUp) return byCode(rows);
  const keyed = rows.map((r) => ({ r, t: ms(r.c.nextFollowUpAt) ?? Infinity }));
  keyed.sort((x, y) => x.t - y.t || compareText(x.r.key, y.r.key));
  for (let i = 0; i < keyed.length; i += 1) rows[i] = keyed[i]!.r;
  return rows;
}
