// The in-process engine of the delivery records. Every method runs its
// check-and-set without an await in between, so two schedulers sharing one
// memory store in one process race exactly like two replicas on MongoDB.
import { compareText } from './ordering.js';
import {
  deliveryId, emptyCounts,
  type ClaimResult, type Delivery, type DeliveryCounts, type DeliveryFilter, type DeliveryKey,
  type DeliveryRepo, type DeliveryState,
} from '../deliveries.js';

function copy(d: Delivery): Delivery {
  return {
    ...d,
    leaseUntil: d.leaseUntil ? new Date(d.leaseUntil) : undefined,
    createdAt: new Date(d.createdAt),
    updatedAt: new Date(d.updatedAt),
    sentAt: d.sentAt ? new Date(d.sentAt) : undefined,
  };
}

function matches(d: Delivery, f: DeliveryFilter): boolean {
  return (f.tenantId === undefined || d.tenantId === f.tenantId)
    && (f.job === undefined || d.job === f.job)
    && (f.state === undefined || d.state === f.state);
}

export function createMemoryDeliveryRepo(): DeliveryRepo {
  const records = new Map<string, Delivery>();
  // every scheduler tick counts all records for /healthz: kept as they change, not by a walk of every record
  const totals = emptyCounts();

  /** the record when `owner` holds a live-or-own lease on a pending record */
  function held(id: string, owner: string): Delivery | undefined {
    const d = records.get(id);
    return d && d.state === 'pending' && d.leaseOwner === owner ? d : undefined;
  }

  function finish(id: string, owner: string, now: Date, patch: Partial<Delivery>): boolean {
    const d = held(id, owner);
    if (!d) return false;
    if (patch.state !== undefined) {
      totals[d.state] -= 1;
      totals[patch.state] += 1;
    }
    Object.assign(d, patch, { leaseOwner: undefined, leaseUntil: undefined, updatedAt: new Date(now) });
    return true;
  }

  return {
    async claim(key: DeliveryKey, owner: string, leaseMs: number, now: Date): Promise<ClaimResult> {
      const id = deliveryId(key);
      let d = records.get(id);
      if (!d) {
        d = { ...key, id, state: 'pending', attempts: 0, createdAt: new Date(now), updatedAt: new Date(now) };
        records.set(id, d);
        totals.pending += 1;
      }
      // a live lease is never re-entered, not even by its holder: two overlapping
      // runs in one process must not both send
      const free = d.leaseOwner === undefined
        || (d.leaseUntil !== undefined && d.leaseUntil.getTime() <= now.getTime());
      if (d.state !== 'pending' || !free) return { claimed: false, delivery: copy(d) };
      d.leaseOwner = owner;
      d.leaseUntil = new Date(now.getTime() + leaseMs);
      d.attempts += 1;
      d.updatedAt = new Date(now);
      return { claimed: true, delivery: copy(d) };
    },

    async renew(id, owner, leaseMs, now) {
      const d = held(id, owner);
      if (!d) return false;
      d.leaseUntil = new Date(now.getTime() + leaseMs);
      d.updatedAt = new Date(now);
      return true;
    },

    async markSent(id, owner, messageId, now) {
      return finish(id, owner, now, { state: 'sent', messageId, sentAt: new Date(now), error: undefined });
    },

    async markFailed(id, owner, error, now) {
      return finish(id, owner, now, { state: 'failed', error });
    },

    async markEmpty(id, owner, now) {
      return finish(id, owner, now, { state: 'empty' });
    },

    async release(id, owner, error, now) {
      return finish(id, owner, now, error === undefined ? {} : { error });
    },

    async get(id) {
      const d = records.get(id);
      return d ? copy(d) : null;
    },

    async getMany(ids) {
      const out: Delivery[] = [];
      for (const id of ids) {
        const d = records.get(id);
        if (d) out.push(copy(d));
      }
      return out;
    },

    async counts(filter = {}): Promise<DeliveryCounts> {
      if (filter.tenantId === undefined && filter.job === undefined) return { ...totals };
      const out = emptyCounts();
      for (const d of records.values()) if (matches(d, filter)) out[d.state as DeliveryState] += 1;
      return out;
    },

    async list(filter, limit) {
      if (limit <= 0) return [];
      return [...records.values()]
        .filter((d) => matches(d, filter))
        // newest first; ties by id, highest first, as MongoDB's { updatedAt: -1, _id: -1 }
        .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || compareText(b.id, a.id))
        .slice(0, limit)
        .map(copy);
    },

    async init() {},
  };
}
