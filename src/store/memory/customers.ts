// The memory engine's customers: per-tenant books with Map indexes, so that a
// tenant of 100,000 customers answers `find` and a follow-up well inside the
// benchmark goals. Everything returned is a copy.
import type { Customer } from '../../domain/types.js';
import {
  DuplicateCodeError, VersionConflictError,
  type CountField, type CustomerFilter, type CustomerPatch, type CustomerRepo, type NewCustomer,
  type Page, type Paged, type SearchQuery,
} from '../ports.js';
import { CustomerBook } from './customer-book.js';
import { copy, newId, tenantMap } from './copy.js';
import {
  SEARCH_RANK, compareByCode, compareText, compareUrgency, formatCode, isDue, matchesFilter,
} from './ordering.js';

export function createMemoryCustomers(): CustomerRepo {
  const books = new Map<string, CustomerBook>();
  const counters = new Map<string, number>();
  const book = (tenantId: string): CustomerBook => tenantMap(books, tenantId, () => new CustomerBook());
  const peek = (tenantId: string): CustomerBook | undefined => books.get(tenantId);

  function idsToCustomers(b: CustomerBook, ids: Iterable<string> | undefined): Customer[] {
    const out: Customer[] = [];
    if (!ids) return out;
    for (const id of ids) {
      const c = b.byId.get(id);
      if (c) out.push(c);
    }
    return out;
  }

  /** the candidates a filter can be answered from: the owner's set when given */
  function candidates(b: CustomerBook, f: CustomerFilter): Iterable<Customer> {
    if (f.ownerId !== undefined) return idsToCustomers(b, b.byOwner.get(f.ownerId));
    return b.byId.values();
  }

  return {
    async nextCode(tenantId, day) {
      // synchronous read-increment-write: atomic in one process
      const key = `${tenantId}:${day}`;
      const seq = (counters.get(key) ?? 0) + 1;
      counters.set(key, seq);
      return formatCode(day, seq);
    },

    async insert(input: NewCustomer) {
      const b = book(input.tenantId);
      if (b.byCode.has(input.code)) throw new DuplicateCodeError(input.code);
      const c: Customer = { ...copy(input), id: newId(), version: 1 };
      b.add(c);
      return copy(c);
    },

    async get(tenantId, id) {
      const c = peek(tenantId)?.byId.get(id);
      return c ? copy(c) : null;
    },

    async getByCode(tenantId, code) {
      const b = peek(tenantId);
      const id = b?.byCode.get(String(code));
      const c = id === undefined ? undefined : b?.byId.get(id);
      return c ? copy(c) : null;
    },

    async findByName(tenantId, name, nameKey) {
      const b = peek(tenantId);
      if (!b) return [];
      const ids = new Set([...(b.byNameLower.get(String(name).trim().toLowerCase()) ?? []), ...(b.byNameKey.get(String(nameKey)) ?? [])]);
      return idsToCustomers(b, ids).filter((c) => !c.archived).sort(compareByCode).map(copy);
    },

    async findByNameVariants(tenantId, variants) {
      const b = peek(tenantId);
      if (!b) return [];
      const ids = new Set<string>();
      for (const v of variants) for (const id of b.byVariant.get(String(v)) ?? []) ids.add(id);
      return idsToCustomers(b, ids).filter((c) => !c.archived).sort(compareByCode).map(copy);
    },

    async search(tenantId, q: SearchQuery) {
      const b = peek(tenantId);
      // String(): user text arrives typed, but never trust it to be a string
      const lower = String(q.text).trim().toLowerCase();
      if (!b || lower === '' || q.limit <= 0) return [];
      const buckets: Customer[][] = Object.values(SEARCH_RANK).map(() => []);
      // rows are in code order, so each bucket fills in code order and can stop at limit
      let good = 0;
      const details = q.contactDetailsOf;
      for (const row of b.ordered) {
        if (row.archived) continue;
        // only cached lower-cased strings here: this loop may cover a whole tenant
        let rank: number;
        if (row.codeLower.startsWith(lower)) rank = row.codeLower === lower ? SEARCH_RANK.codeExact : SEARCH_RANK.codePrefix;
        else if (row.nameLower.includes(lower)) rank = row.nameLower.startsWith(lower) ? SEARCH_RANK.namePrefix : SEARCH_RANK.name;
        else if (row.contactNamesLower.includes(lower)) rank = SEARCH_RANK.contactName;
        else if (row.industryLower.includes(lower)) rank = SEARCH_RANK.industry;
        else if (details !== undefined && (details === 'all' || details === row.ownerId) && row.contactDetailsLower.includes(lower)) {
          rank = SEARCH_RANK.contactDetail;
        } else continue;
        const bucket = buckets[rank]!;
        if (bucket.length < q.limit) bucket.push(b.byId.get(row.id)!);
        if (rank <= SEARCH_RANK.namePrefix && ++good >= q.limit) break;
      }
      return buckets.flat().slice(0, q.limit).map(copy);
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
          const c = b.byId.get(row.id)!;
          if (!matchesFilter(c, filter)) continue;
          if (total >= page.offset && total < end) items.push(copy(c));
          total += 1;
        }
        return { items, total };
      }
      const all: Customer[] = [];
      for (const c of candidates(b, filter)) if (matchesFilter(c, filter)) all.push(c);
      sortByKey(b, all, filter.dueBefore !== undefined);
      return { items: all.slice(page.offset, page.offset + page.limit).map(copy), total: all.length };
    },

    async dueFor(tenantId, ownerId, before) {
      const b = peek(tenantId);
      if (!b) return [];
      return idsToCustomers(b, b.byOwner.get(ownerId)).filter((c) => isDue(c, before)).sort(compareUrgency).map(copy);
    },

    async ownersWithDue(tenantId, before) {
      const b = peek(tenantId);
      if (!b) return [];
      const owners: string[] = [];
      for (const [owner, ids] of b.byOwner) {
        for (const id of ids) {
          const c = b.byId.get(id);
          if (c && isDue(c, before)) {
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
      const out: Customer[] = [];
      for (const c of b.byId.values()) {
        if (c.archived || c.status === 'lost' || c.status === 'dormant') continue;
        if ((c.lastInteractionAt ?? c.createdAt) < before) out.push(c);
      }
      return sortByKey(b, out, false).map(copy);
    },

    async countBy(tenantId, field: CountField, filter: CustomerFilter = {}) {
      const counts: Record<string, number> = {};
      const b = peek(tenantId);
      if (!b) return counts;
      for (const c of candidates(b, filter)) {
        if (!matchesFilter(c, filter)) continue;
        const value = c[field];
        // a customer without the field is not counted: there is no bucket to put it in
        if (value === undefined || value === '') continue;
        counts[value] = (counts[value] ?? 0) + 1;
      }
      return counts;
    },

    async update(tenantId, id, patch: CustomerPatch, expectedVersion) {
      const b = peek(tenantId);
      const before = b?.byId.get(id);
      if (!b || !before) throw new Error(`customer ${id} not found in tenant ${tenantId}`);
      if (expectedVersion !== undefined && before.version !== expectedVersion) throw new VersionConflictError(id);
      const after: Customer = { ...before, version: before.version + 1 };
      const fields = after as unknown as Record<string, unknown>;
      for (const [key, value] of Object.entries(patch)) {
        // a key given as undefined clears the field (e.g. nextFollowUpAt)
        if (value === undefined) delete fields[key];
        else fields[key] = copy(value);
      }
      b.replace(before, after);
      return copy(after);
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
        for (const r of rows) {
          const c = b.byId.get(r.id);
          if (c) yield copy(c);
        }
        from = rows[rows.length - 1]!.key;
      }
    },
  };
}

/**
 * Sort by code (or by next follow-up, then code) using the book's cached code
 * keys: computing a key per comparison would dominate a 100,000-customer sort.
 */
function sortByKey(b: CustomerBook, list: Customer[], byNextFollowUp: boolean): Customer[] {
  const keyed = list.map((c) => ({ c, key: b.rows.get(c.id)?.key ?? '', t: c.nextFollowUpAt?.getTime() ?? Infinity }));
  keyed.sort(byNextFollowUp
    ? (x, y) => x.t - y.t || compareText(x.key, y.key)
    : (x, y) => compareText(x.key, y.key));
  for (let i = 0; i < keyed.length; i += 1) list[i] = keyed[i]!.c;
  return list;
}
