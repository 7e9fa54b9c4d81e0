// The mongo engine's customers. Every filter comes from filterFor() and every
// sort from sortFor() (queries.ts): the index test covers each one.
import { idleSince, POOL_OWNER } from '../../domain/pool.js';
import type { Customer } from '../../domain/types.js';
import {
  DuplicateCodeError, DuplicateNameError, VersionConflictError,
  type CountField, type CustomerFilter, type CustomerPatch, type CustomerRepo, type SearchQuery,
} from '../ports.js';
import { codeSortKey, compareText, compareUrgency, formatCode } from '../memory/ordering.js';
import { runSearch } from '../search/plan.js';
import { str } from './escape.js';
import { defined, isDuplicateKey, objectId, toDomain } from './mapping.js';
import { filterFor, sortFor, type QueryName } from './queries.js';
import { inKeyOrder } from '../memory/ordering.js';
import type { Doc, Models } from './schemas.js';
import { mongoKeyScanner, patched, searchFields, touchesSearch } from './search.js';

/** a customer document as the domain sees it */
export const toCustomer = (d: Doc): Customer => {
  const c = toDomain<Customer>(d);
  return { ...c, contacts: (c.contacts ?? []).map((k) => defined(k)), needs: c.needs ?? [] };
};

export function createMongoCustomers(m: Models): CustomerRepo {
  const M = m.customers;

  /** the residual part of a list/count filter (the lead fields pick the query) */
  function listFilter(tenantId: string, f: CustomerFilter): { name: QueryName; filter: Doc } {
    const filter: Doc = { tenantId: str(tenantId) };
    if (f.ownerId !== undefined) filter.ownerId = str(f.ownerId);
    if (f.tier !== undefined) filter.tier = str(f.tier);
    if (f.industry !== undefined) filter.industry = str(f.industry);
    if (!f.includeArchived) filter.archived = { $ne: true };
    if (f.dueBefore !== undefined) {
      filter.nextFollowUpAt = { $lt: new Date(f.dueBefore) };
      filter.status = f.status !== undefined ? { $eq: str(f.status), $ne: 'lost' } : { $ne: 'lost' };
    } else if (f.status !== undefined) {
      filter.status = str(f.status);
    }
    const owner = f.ownerId !== undefined ? '.owner' : '';
    const due = f.dueBefore !== undefined ? '.due' : '';
    return { name: `customers.list${owner}${due}` as QueryName, filter };
  }

  const repo: CustomerRepo = {
    async nextCode(tenantId, day) {
      const _id = `${str(tenantId)}:${str(day)}`;
      for (let attempt = 0; ; attempt += 1) {
        try {
          const doc = await m.counters.findOneAndUpdate(filterFor('counters.next', { _id }), { $inc: { seq: 1 } }, {
            upsert: true, returnDocument: 'after',
          }).lean<Doc>();
          return formatCode(str(day), Number(doc?.seq));
        } catch (e) {
          // two first-of-the-day upserts can race on _id; the loser simply retries
          if (!isDuplicateKey(e) || attempt >= 2) throw e;
        }
      }
    },

    async insert(input, opts = {}) {
      const doc = {
        ...defined(input), codeSort: codeSortKey(input.code), nameLower: input.name.toLowerCase(), ...searchFields(input), version: 1,
        ...(opts.uniqueName ? { nameGuard: input.nameKey } : {}),
      };
      try {
        // create(): cast and validated by the schema, unlike a lean insert
        const created = await M.create(doc);
        return toCustomer(created.toObject() as Doc);
      } catch (e) {
        if (isDuplicateKey(e) && heldName(e)) throw new DuplicateNameError(input.nameKey);
        if (isDuplicateKey(e)) throw new DuplicateCodeError(input.code);
        throw e;
      }
    },

    async get(tenantId, id) {
      const _id = objectId(id);
      if (!_id) return null;
      const d = await M.findOne(filterFor('customers.byId', { _id, tenantId: str(tenantId) })).lean<Doc>();
      return d ? toCustomer(d) : null;
    },

    async getByCode(tenantId, code) {
      const d = await M.findOne(filterFor('customers.byCode', { tenantId: str(tenantId), code: str(code) })).lean<Doc>();
      return d ? toCustomer(d) : null;
    },

    async findByName(tenantId, name, nameKey) {
      const t = str(tenantId);
      const notArchived = { $ne: true };
      const [byName, byKey] = await Promise.all([
        M.find(filterFor('customers.byNameLower', { tenantId: t, nameLower: str(name).trim().toLowerCase(), archived: notArchived })).lean<Doc[]>(),
        M.find(filterFor('customers.byNameKey', { tenantId: t, nameKey: str(nameKey), archived: notArchived })).lean<Doc[]>(),
      ]);
      return uniqueInCodeOrder([...byName, ...byKey].map(toCustomer));
    },

    async findByNameVariants(tenantId, variants) {
      if (variants.length === 0) return [];
      const docs = await M.find(filterFor('customers.byNameVariants', {
        tenantId: str(tenantId), nameVariants: { $in: variants.map(str) }, archived: { $ne: true },
      })).lean<Doc[]>();
      return uniqueInCodeOrder(docs.map(toCustomer));
    },

    async search(tenantId, q: SearchQuery) {
      return runSearch(mongoKeyScanner(M, tenantId, toCustomer), q);
    },

    async list(tenantId, filter, page) {
      const { name, filter: f } = listFilter(tenantId, filter);
      const [items, total] = await Promise.all([
        M.find(filterFor(name, f)).sort(sortFor(name)).skip(Math.max(0, page.offset)).limit(Math.max(0, page.limit)).lean<Doc[]>(),
        M.countDocuments(filterFor(name, f)),
      ]);
      return { items: page.limit > 0 ? items.map(toCustomer) : [], total };
    },

    async dueFor(tenantId, ownerId, before) {
      const docs = await M.find(filterFor('customers.dueFor', {
        tenantId: str(tenantId), ownerId: str(ownerId), nextFollowUpAt: { $lt: new Date(before) },
        status: { $ne: 'lost' }, archived: { $ne: true },
      })).lean<Doc[]>();
      return docs.map(toCustomer).sort(compareUrgency);
    },

    async ownersWithDue(tenantId, before) {
      const owners = await M.distinct('ownerId', filterFor('customers.ownersWithDue', {
        tenantId: str(tenantId), nextFollowUpAt: { $lt: new Date(before) }, status: { $ne: 'lost' }, archived: { $ne: true },
      }));
      return owners.map(String).sort();
    },

    async inactiveSince(tenantId, before) {
      const t = str(tenantId);
      const residual = { status: { $nin: ['lost', 'dormant'] }, archived: { $ne: true } };
      const [interacted, never] = await Promise.all([
        M.find(filterFor('customers.inactive.interacted', { tenantId: t, lastInteractionAt: { $lt: new Date(before) }, ...residual })).lean<Doc[]>(),
        M.find(filterFor('customers.inactive.never', { tenantId: t, lastInteractionAt: null, createdAt: { $lt: new Date(before) }, ...residual })).lean<Doc[]>(),
      ]);
      return uniqueInCodeOrder([...interacted, ...never].map(toCustomer));
    },

    async countBy(tenantId, field: CountField, filter: CustomerFilter = {}) {
      const { name, filter: f } = listFilter(tenantId, filter);
      const rows = await M.aggregate<{ _id: unknown; n: number }>([
        { $match: filterFor(name, f) },
        { $group: { _id: `$${field}`, n: { $sum: 1 } } },
      ]);
      const counts: Record<string, number> = {};
      for (const r of rows) if (r._id !== null && r._id !== undefined && r._id !== '') counts[String(r._id)] = r.n;
      return inKeyOrder(counts);
    },

    async idleOwned(tenantId, tier, before, ownerId) {
      if (ownerId !== undefined) {
        const { idle } = idleFilter(tenantId, tier, before);
        // the owner's book, then the rule: an owner has a bounded number of customers
        const docs = await M.find(filterFor('customers.idle.owner', { ...idle, ownerId: str(ownerId), tier: str(tier) }))
          .sort(sortFor('customers.idle.owner')).lean<Doc[]>();
        return docs.map(toCustomer).filter((c) => idleBase(c) < before.getTime());
      }
      const [interacted, never] = await Promise.all(idleQueries(tenantId, tier, before).map(([name, f]) => M.find(filterFor(name, f)).lean<Doc[]>()));
      return uniqueInCodeOrder([...interacted!, ...never!].map(toCustomer));
    },

    async ownersIdleBefore(tenantId, tier, before) {
      const lists = await Promise.all(idleQueries(tenantId, tier, before).map(([name, f]) => M.distinct('ownerId', filterFor(name, f))));
      return [...new Set(lists.flat().map(String))].sort();
    },

    async updateIf(tenantId, id, when, patch) {
      const _id = objectId(id);
      if (!_id) return null;
      // an owner change moves the owner-scoped contact keys: the keys are written from the customer as
      // read, under its version, so a write in between is read again, never overwritten with stale keys
      for (let attempt = 0; attempt < 5; attempt += 1) {
        let full = patch;
        let version = when.version;
        if (touchesSearch(patch)) {
          const current = await repo.get(tenantId, id);
          if (!current || current.ownerId !== when.ownerId) return null;
          if (version !== undefined && current.version !== version) return null;
          version = current.version;
          full = { ...patch, ...searchFields(patched(current, patch)) } as CustomerPatch;
        }
        const filter: Doc = { _id, tenantId: str(tenantId), ownerId: str(when.ownerId) };
        if (version !== undefined) filter.version = Number(version);
        const d = await M.findOneAndUpdate(filterFor('customers.updateIf', filter), updateOf(full), { returnDocument: 'after' }).lean<Doc>();
        if (d) return toCustomer(d);
        if (when.version !== undefined || !touchesSearch(patch)) return null;
      }
      return null;
    },

    async takeQuota(tenantId, key, limit) {
      const _id = `quota:${str(tenantId)}:${str(key)}`;
      if (limit <= 0) return false;
      const take = (upsert: boolean) => m.counters.findOneAndUpdate(filterFor('counters.quota', { _id, seq: { $lt: Number(limit) } }), { $inc: { seq: 1 } }, {
        upsert, returnDocument: 'after',
      }).lean<Doc>();
      try {
        // counted up only below the limit; at the limit the filter misses and the upsert hits the existing _id
        return (await take(true)) !== null;
      } catch (e) {
        if (!isDuplicateKey(e)) throw e;
        // at the limit, or another first take of the day created the counter a moment ago: ask once more, without creating
        return (await take(false)) !== null;
      }
    },

    async returnQuota(tenantId, key) {
      const _id = `quota:${str(tenantId)}:${str(key)}`;
      await m.counters.updateOne(filterFor('counters.quota', { _id, seq: { $gt: 0 } }), { $inc: { seq: -1 } });
    },

    async update(tenantId, id, patch: CustomerPatch, expectedVersion) {
      const _id = objectId(id);
      if (!_id) throw new Error(`customer ${id} not found in tenant ${tenantId}`);
      // a change to a searched field rewrites the keys from the whole customer, read first
      if (touchesSearch(patch) && expectedVersion === undefined) return updateAtVersion(repo, tenantId, id, patch);
      if (touchesSearch(patch)) {
        const current = await repo.get(tenantId, id);
        if (current && current.version === expectedVersion) patch = { ...patch, ...searchFields(patched(current, patch)) } as CustomerPatch;
      }
      const filter = expectedVersion === undefined
        ? { _id, tenantId: str(tenantId) }
        : { _id, tenantId: str(tenantId), version: Number(expectedVersion) };
      const d = await M.findOneAndUpdate(filterFor('customers.update', filter), updateOf(patch), { returnDocument: 'after' }).lean<Doc>();
      if (d) return toCustomer(d);
      const exists = await M.findOne(filterFor('customers.byId', { _id, tenantId: str(tenantId) })).lean<Doc>();
      if (exists) throw new VersionConflictError(id);
      throw new Error(`customer ${id} not found in tenant ${tenantId}`);
    },

    async *iterate(tenantId, batchSize = 500) {
      let after: string | undefined;
      for (;;) {
        const filter = after === undefined
          ? { tenantId: str(tenantId) }
          : { tenantId: str(tenantId), codeSort: { $gt: after } };
        const docs = await M.find(filterFor('customers.iterate', filter)).sort(sortFor('customers.iterate'))
          .limit(Math.max(1, batchSize)).lean<Doc[]>();
        if (docs.length === 0) return;
        for (const d of docs) yield toCustomer(d);
        after = String(docs[docs.length - 1]!.codeSort);
      }
    },
  };
  return repo;
}

/** a searched-field change without an expected version: at the version read, again if someone else wrote first */
async function updateAtVersion(repo: CustomerRepo, tenantId: string, id: string, patch: CustomerPatch): Promise<Customer> {
  for (let attempt = 0; ; attempt += 1) {
    const current = await repo.get(tenantId, id);
    if (!current) throw new Error(`customer ${id} not found in tenant ${tenantId}`);
    try {
      return await repo.update(tenantId, id, patch, current.version);
    } catch (e) {
      if (!(e instanceof VersionConflictError) || attempt >= 4) throw e;
    }
  }
}

/** whether a duplicate-key error is the name hold's (not the code's) */
function heldName(e: unknown): boolean {
  const err = e as { keyPattern?: Record<string, unknown>; message?: unknown };
  return err.keyPattern ? 'nameGuard' in err.keyPattern : /nameGuard/.test(String(err.message));
}

/** $set / $unset / $inc version of a patch: a key given as undefined clears the field, as in the memory engine */
function updateOf(patch: CustomerPatch): Doc {
  const $set: Doc = {};
  const $unset: Record<string, ''> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) $unset[k] = '';
    else $set[k] = v;
  }
  if (typeof patch.name === 'string') $set.nameLower = patch.name.toLowerCase();
  // a renamed or archived customer no longer holds its old name
  if (patch.nameKey !== undefined || patch.archived === true) $unset.nameGuard = '';
  const update: Doc = { $inc: { version: 1 } };
  if (Object.keys($set).length > 0) update.$set = $set;
  if (Object.keys($unset).length > 0) update.$unset = $unset;
  return update;
}

/** the residual rule of CustomerRepo.idleOwned, and the bound every idle customer is below on its base instant */
function idleFilter(tenantId: string, tier: string, before: Date): { idle: Doc; bounds: Date } {
  const bounds = new Date(before);
  return {
    idle: {
      tenantId: str(tenantId), ownerId: { $ne: POOL_OWNER }, status: { $ne: 'lost' }, archived: { $ne: true },
      // taken from the pool after `before`: not idle long enough yet, whatever its last follow-up
      ownedSince: { $not: { $gte: bounds } },
    },
    bounds,
  };
}

function idleQueries(tenantId: string, tier: string, before: Date): [QueryName, Doc][] {
  const { idle, bounds } = idleFilter(tenantId, tier, before);
  return [
    ['customers.idle.interacted', { ...idle, tier: str(tier), lastInteractionAt: { $lt: bounds } }],
    ['customers.idle.never', { ...idle, tier: str(tier), lastInteractionAt: null, createdAt: { $lt: bounds } }],
  ];
}

/** the instant idle days count from (domain/pool.ts idleSince) */
function idleBase(c: Customer): number {
  return idleSince(c).getTime();
}

function uniqueInCodeOrder(list: Customer[]): Customer[] {
  const byId = new Map(list.map((c) => [c.id, c]));
  return [...byId.values()].sort((a, b) => compareText(codeSortKey(a.code), codeSortKey(b.code)));
}
