// The in-process engine: tests, the demo and benchmarks. Each repo lives in
// its own file; this file only assembles them into a Store.
import type { Store } from '../ports.js';
import { createMemoryCustomers } from './customers.js';
import { createMemoryDeals, createMemoryInteractions } from './interactions.js';
import { createMemoryOnce } from './once.js';
import { createMemoryDeliveryRepo } from './deliveries.js';
import { createMemoryAudit, createMemoryPeople, createMemorySettings, type SettingsDefaults } from './people.js';

export interface MemoryStoreOptions {
  /** every tenant's settings before its admins change them (DIGEST_TIME, DEFAULT_TIME_ZONE) */
  settingsDefaults?: SettingsDefaults;
}

export function createMemoryStore(opts: MemoryStoreOptions = {}): Store {
  const people = createMemoryPeople();
  return {
    engine: 'memory',
    customers: createMemoryCustomers(),
    interactions: createMemoryInteractions(),
    deals: createMemoryDeals(),
    people,
    settings: createMemorySettings(() => people.tenants(), opts.settingsDefaults),
    audit: createMemoryAudit(),
    once: createMemoryOnce(),
    deliveries: createMemoryDeliveryRepo(),
    async init() {},
    async close() {},
  };
}
