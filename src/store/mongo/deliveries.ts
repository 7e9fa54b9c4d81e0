// The MongoDB engine of the delivery records. The claim is one conditional
// findOneAndUpdate on a unique key, so replicas racing for the same message
// get exactly one winner; the lease lets the next claimer take over from a
// replica that died.
import mongoose, { type Connection } from 'mongoose';
import {
  deliveryId, emptyCounts,
  type ClaimResult, type Delivery, type DeliveryCounts, type DeliveryFilter, type DeliveryKey,
  type DeliveryRepo, type DeliveryState,
} from '../deliveries.js';

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

const schema = new mongoose.Schema<DeliveryDoc>({
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

// the unique key of the issue; _id is derived from it, the index says it in the data too
schema.index({ tenantId: 1, job: 1, recipient: 1, period: 1 }, { unique: true, name: 'delivery_key' });
// counts for /healthz and the admin view, per tenant and job
schema.index({ tenantId: 1, job: 1, state: 1 }, { name: 'delivery_state' });
schema.index({ state: 1, updatedAt: -1 }, { name: 'delivery_recent' });

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

function isDuplicateKey(e: unknown): boolean {
  return typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 11000;
}

function where(f: DeliveryFilter): Record<string, string> {
  const q: Record<string, string> = {};
  // values are plain strings from code, never operators: String() keeps it so
  if (f.tenantId !== undefined) q.tenantId = String(f.tenantId);
  if (f.job !== undefined) q.job = String(f.job);
  if (f.state !== undefined) q.state = String(f.state);
  return q;
}

export function createMongoDeliveryRepo(conn: Connection): DeliveryRepo {
  const Model = (conn.models.Delivery as mongoose.Model<DeliveryDoc> | undefined)
    ?? conn.model<DeliveryDoc>('Delivery', schema);

  async function finish(id: string, owner: string, now: Date, set: Partial<DeliveryDoc>): Promise<boolean> {
    const res = await Model.updateOne(
      { _id: String(id), state: 'pending', leaseOwner: String(owner) },
      { $set: { ...set, leaseOwner: null, leaseUntil: null, updatedAt: now } },
    );
    return res.modifiedCount === 1;
  }

  return {
    async claim(key: DeliveryKey, owner: string, leaseMs: number, now: Date): Promise<ClaimResult> {
      const id = deliveryId(key);
      try {
        await Model.updateOne(
          { _id: id },
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
        { _id: id, state: 'pending', $or: [{ leaseOwner: null }, { leaseUntil: { $lte: now } }] },
        { $set: { leaseOwner: String(owner), leaseUntil: new Date(now.getTime() + leaseMs), updatedAt: now }, $inc: { attempts: 1 } },
        { returnDocument: 'after', lean: true },
      );
      if (won) return { claimed: true, delivery: toDelivery(won as DeliveryDoc) };
      const current = await Model.findById(id).lean();
      if (!current) throw new Error(`delivery ${id} vanished during its claim`);
      return { claimed: false, delivery: toDelivery(current as DeliveryDoc) };
    },

    async renew(id, owner, leaseMs, now) {
      const res = await Model.updateOne(
        { _id: String(id), state: 'pending', leaseOwner: String(owner) },
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
      const d = await Model.findById(String(id)).lean();
      return d ? toDelivery(d as DeliveryDoc) : null;
    },

    async getMany(ids) {
      if (ids.length === 0) return [];
      const docs = await Model.find({ _id: { $in: ids.map(String) } }).lean();
      return (docs as DeliveryDoc[]).map(toDelivery);
    },

    async counts(filter = {}): Promise<DeliveryCounts> {
      const rows = await Model.aggregate<{ _id: DeliveryState; n: number }>([
        { $match: where(filter) },
        { $group: { _id: '$state', n: { $sum: 1 } } },
      ]);
      const out = emptyCounts();
      for (const r of rows) if (r._id in out) out[r._id] = r.n;
      return out;
    },

    async list(filter, limit) {
      const docs = await Model.find(where(filter)).sort({ updatedAt: -1 }).limit(limit).lean();
      return (docs as DeliveryDoc[]).map(toDelivery);
    },

    async init() {
      await Model.createCollection().catch((e: unknown) => {
        // already there (code 48 NamespaceExists): fine, init is idempotent
        if ((e as { code?: unknown }).code !== 48) throw e;
      });
      await Model.createIndexes();
    },
  };
}
