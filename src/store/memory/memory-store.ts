// The in-process engine: tests, the demo and benchmarks. Each repo lives in
// its own file; this file only assembles them into a Store.
import type { Store } from '../ports.js';
import { createMemoryCustomers } from './customers.js';
import { createMemoryDeals, createMemoryInteractions } from './interactions.js';
import { createMemoryOnce } from './once.js';
import { createMemoryDeliveryRepo } from './deliveries.js';
import { createMemoryAudit, createMemoryPeople, createMemorySettings } from './people.js';

export function createMemoryStore(): Store {
  const people = createMemoryPeople();
  return {
    engine: 'memory',
    customers: createMemoryCustomers(),
    interactions: createMemoryInteractions(),
    deals: createMemoryDeals(),
    people,
    settings: createMemorySettings(() => people.tenants()),
    audit: createMemoryAudit(),
    once: createMemoryOnce(),
    deliveries: createMemoryDeliveryRepo(),
    async init() {},
    async close() {},
  };
}
