// Follow-up log, deals, audit trail and once-markers of the mongo engine.
// Interactions are append-only: nothing here updates or deletes one.
import type { AuditEntry, Deal, Interaction } from '../../domain/types.js';
import type { AuditRepo, DealRepo, InteractionRepo, OnceRepo } from '../ports.js';
import { str } from './escape.js';
import { defined, isDuplicateKey, objectId, toDomain } from './mapping.js';
import { filterFor, sortFor, type QueryName } from './queries.js';
import type { Doc, Models } from './schemas.js';

async function insertOne<T>(model: Models[keyof Models], value: object): Promise<T> {
  // create(): cast and validated by the schema, unlike a lean insert
  const created = await model.create(defined(value));
  return toDomain<T>(created.toObject() as Doc);
}

export function createMongoInteractions(m: Models): InteractionRepo {
  return {
    append: (entry) => insertOne<Interaction>(m.interactions, entry),
    async retract(tenantId, id) {
      const _id = objectId(id);
      if (_id) await m.interactions.deleteOne(filterFor('interactions.byId', { _id, tenantId: str(tenantId) }));
    },
    async recent(tenantId, customerId, limit) {
      if (limit <= 0) return [];
      const docs = await m.interactions.find(filterFor('interactions.recent', { tenantId: str(tenantId), customerId: str(customerId) }))
        .sort(sortFor('interactions.recent')).limit(limit).lean<Doc[]>();
      return docs.map((d) => toDomain<Interaction>(d));
    },
    countSince(tenantId, customerId, since) {
      return m.interactions.countDocuments(filterFor('interactions.countSince', {
        tenantId: str(tenantId), customerId: str(customerId), at: { $gte: new Date(since) },
      }));
    },
  };
}

/** customer ids per read: keeps each `$in` small */
const DEAL_BATCH = 1000;

export function createMongoDeals(m: Models): DealRepo {
  return {
    add: (deal) => insertOne<Deal>(m.deals, deal),
    async retract(tenantId, id) {
      const _id = objectId(id);
      if (_id) await m.deals.deleteOne(filterFor('deals.byId', { _id, tenantId: str(tenantId) }));
    },
    async forCustomer(tenantId, customerId) {
      const docs = await m.deals.find(filterFor('deals.forCustomer', { tenantId: str(tenantId), customerId: str(customerId) }))
        .sort(sortFor('deals.forCustomer')).lean<Doc[]>();
      return docs.map((d) => toDomain<Deal>(d));
    },
    async forCustomers(tenantId, customerIds) {
      const out = new Map<string, Deal[]>();
      const ids = [...new Set(customerIds.map(str))];
      for (let i = 0; i < ids.length; i += DEAL_BATCH) {
        const docs = await m.deals.find(filterFor('deals.forCustomers', {
          tenantId: str(tenantId), customerId: { $in: ids.slice(i, i + DEAL_BATCH) },
        })).lean<Doc[]>();
        for (const deal of docs.map((d) => toDomain<Deal>(d))) {
          const list = out.get(deal.customerId) ?? [];
          list.push(deal);
          out.set(deal.customerId, list);
        }
      }
      for (const list of out.values()) list.sort((a, b) => a.date.getTime() - b.date.getTime() || a.id.localeCompare(b.id));
      return out;
    },
  };
}

export function createMongoAudit(m: Models): AuditRepo {
  return {
    append: (entry) => insertOne<AuditEntry>(m.audit, entry),
    async list(tenantId, f, limit) {
      if (limit <= 0) return [];
      const filter: Doc = { tenantId: str(tenantId) };
      let name: QueryName = 'audit.list';
      if (f.customerId !== undefined) {
        name = 'audit.list.customer';
        filter.customerId = str(f.customerId);
        if (f.action !== undefined) filter.action = str(f.action);
      } else if (f.action !== undefined) {
        name = 'audit.list.action';
        filter.action = str(f.action);
      }
      if (f.since !== undefined) filter.at = { $gte: new Date(f.since) };
      const docs = await m.audit.find(filterFor(name, filter)).sort(sortFor(name)).limit(limit).lean<Doc[]>();
      return docs.map((d) => toDomain<AuditEntry>(d));
    },
  };
}

export function createMongoOnce(m: Models): OnceRepo {
  return {
    async claim(key, ttlMs, now) {
      const _id = str(key);
      const expiresAt = new Date(now.getTime() + ttlMs);
      // one atomic upsert: no marker, or an expired one the TTL monitor (once a
      // minute) has not removed yet, is taken; a live one makes the upsert's
      // insert collide on _id. Nothing the monitor deletes in between can drop an event.
      try {
        await m.once.updateOne(
          filterFor('once.claim', { _id, expiresAt: { $lte: new Date(now) } }),
          { $set: { expiresAt } },
          { upsert: true },
        );
        return true;
      } catch (e) {
        if (isDuplicateKey(e)) return false;
        throw e;
      }
    },
  };
}
