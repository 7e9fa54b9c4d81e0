// Follow-up log and deals of the memory engine: append-only lists per customer.
import type { Deal, Interaction } from '../../domain/types.js';
import type { DealRepo, InteractionRepo } from '../ports.js';
import { copy, newId, tenantMap } from './copy.js';

type PerCustomer<T> = Map<string, Map<string, T[]>>;

function listOf<T>(store: PerCustomer<T>, tenantId: string, customerId: string): T[] {
  const byCustomer = tenantMap(store, tenantId, () => new Map<string, T[]>());
  return tenantMap(byCustomer, customerId, () => []);
}

function peek<T>(store: PerCustomer<T>, tenantId: string, customerId: string): T[] {
  return store.get(tenantId)?.get(customerId) ?? [];
}

export function createMemoryInteractions(): InteractionRepo {
  const store: PerCustomer<Interaction> = new Map();
  return {
    async append(entry) {
      const saved: Interaction = { ...copy(entry), id: newId() };
      listOf(store, entry.tenantId, entry.customerId).push(saved);
      return copy(saved);
    },
    async retract(tenantId, id) {
      retractFrom(store, tenantId, id);
    },
    async recent(tenantId, customerId, limit) {
      const all = peek(store, tenantId, customerId);
      // newest first by `at`; entries logged later win ties (index descending)
      return all
        .map((e, i) => ({ e, i }))
        .sort((a, b) => b.e.at.getTime() - a.e.at.getTime() || b.i - a.i)
        .slice(0, Math.max(0, limit))
        .map(({ e }) => copy(e));
    },
    async countSince(tenantId, customerId, since) {
      return peek(store, tenantId, customerId).filter((e) => e.at >= since).length;
    },
  };
}

export function createMemoryDeals(): DealRepo {
  const store: PerCustomer<Deal> = new Map();
  return {
    async add(deal) {
      const saved: Deal = { ...copy(deal), id: newId() };
      listOf(store, deal.tenantId, deal.customerId).push(saved);
      return copy(saved);
    },
    async retract(tenantId, id) {
      retractFrom(store, tenantId, id);
    },
    async forCustomer(tenantId, customerId) {
      return oldestFirst(peek(store, tenantId, customerId));
    },
    async forCustomers(tenantId, customerIds) {
      const out = new Map<string, Deal[]>();
      for (const id of new Set(customerIds)) {
        const deals = peek(store, tenantId, id);
        if (deals.length) out.set(id, oldestFirst(deals));
      }
      return out;
    },
  };
}

function retractFrom<T extends { id: string }>(store: PerCustomer<T>, tenantId: string, id: string): void {
  for (const list of store.get(tenantId)?.values() ?? []) {
    const i = list.findIndex((e) => e.id === id);
    if (i >= 0) {
      list.splice(i, 1);
      return;
    }
  }
}

function oldestFirst(deals: Deal[]): Deal[] {
  return deals
    .map((d, i) => ({ d, i }))
    .sort((a, b) => a.d.date.getTime() - b.d.date.getTime() || a.i - b.i)
    .map(({ d }) => copy(d));
}
