// The MongoDB engine of the delivery records. The claim is one conditional
// findOneAndUpdate on a unique key, so replicas racing for the same message
// get exactly one winner; the lease lets the next claimer take over from a
// replica that died. Every filter comes from the query registry (queries.ts),
// which also lists the indexes that serve them.
import mongoose, { type Connection } from 'mongoose';
import {
  DELIVERY_STATES, deliveryId, emptyCounts,
  type ClaimResult, type Delivery, type DeliveryCounts, type DeliveryJob, type DeliveryKey,
  type DeliveryRepo, type DeliveryState,
} from '../deliveries.js';
import { INDEXES, filterFor, sortFor } from './queries.js';
import { isDuplicateKey } from './mapping.js';
import { declareIndexes } from './schemas.js';

interface DeliveryDoc {
  _id: string;
  tenantId: string;
  job: Delivery['job'];
  recipient: string;
  period: string;
  state: DeliveryState;
  leaseOwner?: string | null;
  leaseUntil?: Date | null;
  attempts: number;
  messageId?: string | null;
  error?: string | null;
  createdAt: Date;
  updatedAt: Date;
  sentAt?: Date | null;
}

/** index names earlier versions created and this one no longer uses */
const RETIRED_INDEXES = ['delivery_tenant_recent', 'delivery_recent'];

export const deliverySchema = new mongoose.Schema<DeliveryDoc>({
  _id: { type: String, required: true },
  tenantId: { type: String, required: true },
  job: { type: String, required: true },
  recipient: { type: String, required: true },
  period: { type: String, required: true },
  state: { type: String, required: true },
  leaseOwner: { type: String, default: null },
  leaseUntil: { type: Date, default: null },
  attempts: { type: Number, required: true, default: 0 },
  messageId: { type: String, default: null },
  error: { type: String, default: null },
  createdAt: { type: Date, required: true },
  updatedAt: { type: Date, required: true },
  sentAt: { type: Date, default: null },
}, { versionKey: false, strict: true, autoIndex: false, collection: 'deliveries' });

declareIndexes(deliverySchema, INDEXES.deliveries);

function toDelivery(d: DeliveryDoc): Delivery {
  return {
    id: d._id,
    tenantId: d.tenantId,
    job: d.job,
    recipient: d.recipient,
    period: d.period,
    state: d.state,
    leaseOwner: d.leaseOwner ?? undefined,
    leaseUntil: d.leaseUntil ?? undefined,
    attempts: d.attempts,
    messageId: d.messageId ?? undefined,
    error: d.error ?? undefined,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
    sentAt: d.sentAt ?? undefined,
  };
}

export function createMongoDeliveryRepo(conn: Connection): DeliveryRepo {
  const Model = (conn.models.Delivery as mongoose.Model<DeliveryDoc> | undefined)
    ?? conn.model<DeliveryDoc>('Delivery', deliverySchema);

  async function finish(id: string, owner: string, now: Date, set: Partial<DeliveryDoc>): Promise<boolean> {
    const res = await Model.updateOne(
      filterFor('deliveries.held', { _id: String(id), state: 'pending', leaseOwner: String(owner) }),
      { $set: { ...set, leaseOwner: null, leaseUntil: null, updatedAt: now } },
    );
    return res.modifiedCount === 1;
  }

  return {
    async claim(key: DeliveryKey, owner: string, leaseMs: number, now: Date): Promise<ClaimResult> {
      const id = deliveryId(key);
      try {
        await Model.updateOne(
          filterFor('deliveries.byId', { _id: id }),
          {
            $setOnInsert: {
              tenantId: key.tenantId, job: key.job, recipient: key.recipient, period: key.period,
              state: 'pending', attempts: 0, createdAt: now, updatedAt: now,
              leaseOwner: null, leaseUntil: null,
            },
          },
          { upsert: true },
        );
      } catch (e) {
        // two replicas inserting the same key at once: one wins, the other just claims below
        if (!isDuplicateKey(e)) throw e;
      }
      const won = await Model.findOneAndUpdate(
        filterFor('deliveries.claim', { _id: id, state: 'pending', $or: [{ leaseOwner: null }, { leaseUntil: { $lte: now } }] }),
        { $set: { leaseOwner: String(owner), leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now }, $inc: { attempts: 1 } },
        { returnDocument: 'after', lean: true },
      );
      if (won) return { claimed: true, delivery: toDelivery(won as DeliveryDoc) };
      const current = await Model.findOne(filterFor('deliveries.byId', { _id: id })).lean();
      if (!current) throw new Error(`delivery ${id} vanished during its claim`);
      return { claimed: false, delivery: toDelivery(current as DeliveryDoc) };
    },

    async renew(id, owner, leaseMs, now) {
      const res = await Model.updateOne(
        filterFor('deliveries.held', { _id: String(id), state: 'pending', leaseOwner: String(owner) }),
        { $set: { leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now } },
      );
      return res.matchedCount === 1;
    },

    async markSent(id, owner, messageId, now) {
      return finish(id, owner, now, { state: 'sent', messageId: String(messageId), sentAt: now, error: null });
    },

    async markFailed(id, owner, error, now) {
      return finish(id, owner, now, { state: 'failed', error: String(error) });
    },

    async markEmpty(id, owner, now) {
      return finish(id, owner, now, { state: 'empty' });
    },

    async release(id, owner, error, now) {
      return finish(id, owner, now, error === undefined ? {} : { error: String(error) });
    },

    async get(id) {
      const d = await Model.findOne(filterFor('deliveries.byId', { _id: String(id) })).lean();
      return d ? toDelivery(d as DeliveryDoc) : null;
    },

    async getMany(ids) {
      if (ids.length === 0) return [];
      const docs = await Model.find(filterFor('deliveries.byId', { _id: { $in: ids.map(String) } })).lean();
      return (docs as DeliveryDoc[]).map(toDelivery);
    },

    async counts(filter = {}): Promise<DeliveryCounts> {
      const out = emptyCounts();
      // values are plain strings from code, never operators: String() keeps it so
      const job = filter.job === undefined ? {} : { job: String(filter.job) as DeliveryJob };
      if (filter.tenantId === undefined) {
        // across tenants: one count per state, each a range of the state index
        await Promise.all(DELIVERY_STATES.map(async (state) => {
          out[state] = await Model.countDocuments(filterFor('deliveries.counts.all', { state, ...job }));
        }));
        return out;
      }
      const tenantId = String(filter.tenantId);
      const rows = await Model.aggregate<{ _id: DeliveryState; n: number }>([
        { $match: filter.job === undefined
          ? filterFor('deliveries.counts', { tenantId })
          : filterFor('deliveries.counts.job', { tenantId, ...job }) },
        { $group: { _id: '$state', n: { $sum: 1 } } },
      ]);
      for (const r of rows) if (r._id in out) out[r._id] = r.n;
      return out;
    },

    async list(filter, limit) {
      // limit(0) means "no limit" to MongoDB; to the port it means none
      if (limit <= 0) return [];
      const state = filter.state === undefined ? { $in: [...DELIVERY_STATES] } : String(filter.state) as DeliveryState;
      const job = filter.job === undefined ? {} : { job: String(filter.job) as DeliveryJob };
      const query = filter.tenantId === undefined
        ? Model.find(filterFor('deliveries.list.all', { state, ...job })).sort(sortFor('deliveries.list.all'))
        : Model.find(filterFor('deliveries.list', { tenantId: String(filter.tenantId), state, ...job })).sort(sortFor('deliveries.list'));
      const docs = await query.limit(limit).lean();
      return (docs as DeliveryDoc[]).map(toDelivery);
    },

    async init() {
      await Model.createCollection().catch((e: unknown) => {
        // already there (code 48 NamespaceExists): fine, init is idempotent
        if ((e as { code?: unknown }).code !== 48) throw e;
      });
      await Model.createIndexes();
      // the list indexes before ties were ordered by _id: superseded by the *_id ones
      for (const old of RETIRED_INDEXES) {
        await Model.collection.dropIndex(old).catch((e: unknown) => {
          // 27 IndexNotFound: a fresh deployment, or another replica dropped it first
          if ((e as { code?: unknown }).code !== 27) throw e;
        });
      }
    },
  };
}
