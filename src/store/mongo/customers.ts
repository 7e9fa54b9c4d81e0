// The mongo engine's customers. Every filter comes from filterFor() and every
// sort from sortFor() (queries.ts): the index test covers each one.
import type { Customer } from '../../domain/types.js';
import {
  DuplicateCodeError, VersionConflictError,
  type CountField, type CustomerFilter, type CustomerPatch, type CustomerRepo, type SearchQuery,
} from '../ports.js';
import { codeSortKey, compareUrgency, formatCode } from '../memory/ordering.js';
import { runSearch } from '../search/plan.js';
import { str } from './escape.js';
import { defined, isDuplicateKey, objectId, toDomain } from './mapping.js';
import { filterFor, sortFor, type QueryName } from './queries.js';
import type { Doc, Models } from './schemas.js';
import { mongoKeyScanner, patched, searchFields, touchesSearch } from './search.js';

/** a customer document as the domain sees it */
export const toCustomer = (d: Doc): Customer => {
  const c = toDomain<Customer>(d);
  return { ...c, contacts: (c.contacts ?? []).map((k) => defined(k)), needs: c.needs ?? [], nameVariants: c.nameVariants ?? [] };
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

    async insert(input) {
      const doc = { ...defined(input), codeSort: codeSortKey(input.code), nameLower: input.name.toLowerCase(), ...searchFields(input), version: 1 };
      try {
        // create(): cast and validated by the schema, unlike a lean insert
        const created = await M.create(doc);
        return toCustomer(created.toObject() as Doc);
      } catch (e) {
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
      return counts;
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
      const $set: Doc = {};
      const $unset: Record<string, ''> = {};
      for (const [k, v] of Object.entries(patch)) {
        // a key given as undefined clears the field, as in the memory engine
        if (v === undefined) $unset[k] = '';
        else $set[k] = v;
      }
      if (typeof patch.name === 'string') $set.nameLower = patch.name.toLowerCase();
      const filter = expectedVersion === undefined
        ? { _id, tenantId: str(tenantId) }
        : { _id, tenantId: str(tenantId), version: Number(expectedVersion) };
      const update: Doc = { $inc: { version: 1 } };
      if (Object.keys($set).length > 0) update.$set = $set;
      if (Object.keys($unset).length > 0) update.$unset = $unset;
      const d = await M.findOneAndUpdate(filterFor('customers.update', filter), update, { returnDocument: 'after' }).lean<Doc>();
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

function uniqueInCodeOrder(list: Customer[]): Customer[] {
  const byId = new Map(list.map((c) => [c.id, c]));
  return [...byId.values()].sort((a, b) => (codeSortKey(a.code) < codeSortKey(b.code) ? -1 : codeSortKey(a.code) > codeSortKey(b.code) ? 1 : 0));
}
