// Search on MongoDB: the key scans of plan.ts as registered queries on the
// `{tenantId, searchKeys, codeSort}` index (hinted, so the plan cannot drift
// to a collection scan), the keys written with every change to a searched
// field, and the backfill that gives older documents their keys.
import type { Model } from 'mongoose';
import type { Customer } from '../../domain/types.js';
import type { CustomerPatch } from '../ports.js';
import { SEARCH_KEYS_VERSION, SEARCHED_FIELDS, searchKeysOf, type Searchable } from '../search/keys.js';
import type { KeyScanner, Scan } from '../search/plan.js';
import { str } from './escape.js';
import { filterFor, SEARCH_INDEX, sortFor } from './queries.js';
import type { Doc } from './schemas.js';

/** the first string after every string that starts with `prefix`, or undefined when there is none */
export function prefixEnd(prefix: string): string | undefined {
  const cps = [...prefix];
  const last = cps.pop()?.codePointAt(0);
  if (last === undefined || last >= 0x10ffff) return undefined;
  // never a lone surrogate: BSON strings are UTF-8
  const next = last === 0xd7ff ? 0xe000 : last + 1;
  return cps.join('') + String.fromCodePoint(next);
}

/** the filter of one scan; an `$elemMatch` keeps both bounds of the range on the multikey index */
function scanFilter(tenantId: string, scan: Scan): { name: 'customers.search.keys' | 'customers.search.prefix'; filter: Doc } | undefined {
  if ('keys' in scan) {
    const keys = scan.keys.map(str);
    return { name: 'customers.search.keys', filter: { tenantId, searchKeys: keys.length === 1 ? keys[0] : { $in: keys } } };
  }
  const end = prefixEnd(str(scan.prefix));
  if (end === undefined) return undefined;
  return { name: 'customers.search.prefix', filter: { tenantId, searchKeys: { $elemMatch: { $gte: str(scan.prefix), $lt: end } } } };
}

export function mongoKeyScanner(M: Model<Doc>, tenantId: string, toCustomer: (d: Doc) => Customer): KeyScanner {
  const t = str(tenantId);
  return {
    async count(scan, cap) {
      const q = scanFilter(t, scan);
      if (!q) return 0;
      return M.countDocuments(filterFor(q.name, q.filter), { limit: cap + 1, hint: SEARCH_INDEX });
    },
    async scan(scan, limit) {
      const q = scanFilter(t, scan);
      if (!q || !(limit > 0)) return [];
      const find = M.find(filterFor(q.name, q.filter)).hint(SEARCH_INDEX).limit(limit);
      // exact keys: the index gives code order per key, merged; a prefix: (key, code) order, as the index walks
      if (q.name === 'customers.search.keys') find.sort(sortFor(q.name));
      return (await find.lean<Doc[]>()).map(toCustomer);
    },
  };
}

/** the fields to write beside a new or changed customer */
export function searchFields(c: Searchable): { searchKeys: string[]; searchKeysV: number } {
  return { searchKeys: searchKeysOf(c), searchKeysV: SEARCH_KEYS_VERSION };
}

export function touchesSearch(patch: CustomerPatch): boolean {
  return SEARCHED_FIELDS.some((f) => f in patch);
}

/** the customer a patch would leave (a key given as undefined clears the field) */
export function patched(current: Customer, patch: CustomerPatch): Customer {
  const out: Record<string, unknown> = { ...current };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else out[k] = v;
  }
  return out as unknown as Customer;
}

const BACKFILL_BATCH = 500;

/**
 * Documents written before the keys (or with an older key version) get them:
 * idempotent, in batches, each write guarded by the version it read so a
 * concurrent change (which writes its own keys) wins. Returns how many were written.
 */
export async function backfillSearchKeys(M: Model<Doc>, toCustomer: (d: Doc) => Customer): Promise<number> {
  let written = 0;
  for (;;) {
    // each batch leaves the stale set: no paging needed
    const docs = await M.find(filterFor('customers.searchKeys.stale', { searchKeysV: { $ne: SEARCH_KEYS_VERSION } }))
      .limit(BACKFILL_BATCH).lean<Doc[]>();
    if (docs.length === 0) return written;
    let batch = 0;
    await Promise.all(docs.map(async (d) => {
      const res = await M.updateOne(filterFor('customers.update', { _id: d._id, tenantId: d.tenantId, version: d.version }), {
        $set: searchFields(toCustomer(d)),
      });
      batch += res.modifiedCount;
    }));
    written += batch;
    // every write of the batch lost to a concurrent change: the next start finishes the job
    if (batch === 0) return written;
  }
}
