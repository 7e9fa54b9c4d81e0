// The MongoDB engine: a dedicated mongoose connection (never the global
// default, so two stores or a test can live side by side) and one repo file
// per area, assembled here.
import mongoose from 'mongoose';
import type { SettingsDefaults } from '../memory/people.js';
import type { Store } from '../ports.js';
import { createMongoCustomers, toCustomer } from './customers.js';
import { backfillSearchKeys } from './search.js';
import { createMongoPeople, createMongoSettings } from './people.js';
import { createMongoAudit, createMongoDeals, createMongoInteractions, createMongoOnce } from './records.js';
import { modelsOn } from './schemas.js';
import { createMongoDeliveryRepo } from './deliveries.js';

export type MongoStoreOptions = (
  | { uri: string; dbName?: string; serverSelectionTimeoutMs?: number; /** driver command events (the explain tests read them) */ monitorCommands?: boolean }
  | { connection: mongoose.Connection }
) & {
  /** every tenant's settings before its admins change them (DIGEST_TIME, DEFAULT_TIME_ZONE) */
  settingsDefaults?: SettingsDefaults;
};

export async function createMongoStore(opts: MongoStoreOptions): Promise<Store & { connection: mongoose.Connection }> {
  const owned = !('connection' in opts);
  const connection = 'connection' in opts
    ? opts.connection
    : await mongoose.createConnection(opts.uri, {
      ...(opts.dbName ? { dbName: opts.dbName } : {}),
      autoIndex: false,
      autoCreate: false,
      serverSelectionTimeoutMS: opts.serverSelectionTimeoutMs ?? 10_000,
      ...(opts.monitorCommands ? { monitorCommands: true } : {}),
    }).asPromise();
  const models = modelsOn(connection);
  const deliveries = createMongoDeliveryRepo(connection);
  return {
    engine: 'mongo',
    connection,
    customers: createMongoCustomers(models),
    interactions: createMongoInteractions(models),
    deals: createMongoDeals(models),
    people: createMongoPeople(models),
    settings: createMongoSettings(models, opts.settingsDefaults),
    audit: createMongoAudit(models),
    once: createMongoOnce(models),
    deliveries,
    async init() {
      for (const model of Object.values(models)) {
        await model.createCollection().catch((e: unknown) => {
          // 48 NamespaceExists: another replica created it first
          if ((e as { code?: unknown }).code !== 48) throw e;
        });
        await model.syncIndexes();
      }
      await backfillSearchKeys(models.customers, toCustomer);
      await deliveries.init();
    },
    async close() {
      if (owned) await connection.close();
    },
  };
}
