// Which store the service runs on (SPEC §6 Storage): MONGODB_URI when given;
// otherwise an embedded MongoDB keeping data in the data folder; and when that
// cannot start (no binary, no network), the memory store, saying so in one line.
import type { Store, EngineName } from './ports.js';
import { createMemoryStore } from './memory/memory-store.js';
import type { SettingsDefaults } from './memory/people.js';

/** the database of the embedded server, and of a MONGODB_URI that names none */
export const DEFAULT_DB = 'chat-crm';

/** the database a mongodb:// or mongodb+srv:// URI names, or undefined when it names none */
export function databaseOf(uri: string): string | undefined {
  const rest = uri.replace(/^mongodb(\+srv)?:\/\//, '');
  // hosts (and credentials, which cannot hold a raw '/') end at the first '/'
  const slash = rest.indexOf('/');
  if (slash < 0) return undefined;
  const path = rest.slice(slash + 1).split('?')[0]!;
  return path === '' ? undefined : decodeURIComponent(path);
}

export interface StoreLogger {
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
}

export interface CreateStoreOptions {
  store: 'memory' | 'mongo' | 'auto';
  mongodbUri?: string;
  dataDir: string;
  embeddedTimeoutMs: number;
  logger: StoreLogger;
  /** every tenant's settings before its admins change them (DIGEST_TIME, DEFAULT_TIME_ZONE) */
  settingsDefaults?: SettingsDefaults;
}

export interface OpenedStore {
  store: Store;
  engine: EngineName;
  /** survives a restart */
  durable: boolean;
  /** one line for the console when the store is not what was asked for */
  note?: string;
  stop(): Promise<void>;
}

export async function createStore(opts: CreateStoreOptions): Promise<OpenedStore> {
  if (opts.store === 'memory') return memory(opts.settingsDefaults);
  // mongo modules load only when needed: the memory path stays light
  const { createMongoStore } = await import('./mongo/mongo-store.js');
  if (opts.mongodbUri) {
    // a URI without a database would write to the driver's `test`: the service's own name instead
    const store = await createMongoStore({ uri: opts.mongodbUri, dbName: databaseOf(opts.mongodbUri) ?? DEFAULT_DB, settingsDefaults: opts.settingsDefaults });
    await store.init();
    return { store, engine: 'mongo', durable: true, stop: () => store.close() };
  }
  const { startEmbeddedMongo } = await import('./mongo/embedded.js');
  try {
    const embedded = await startEmbeddedMongo({ dataDir: opts.dataDir, timeoutMs: opts.embeddedTimeoutMs, logger: opts.logger });
    try {
      const store = await createMongoStore({ uri: embedded.uri, dbName: DEFAULT_DB, settingsDefaults: opts.settingsDefaults });
      await store.init();
      return {
        store, engine: 'mongo', durable: true,
        stop: async () => { await store.close(); await embedded.stop(); },
      };
    } catch (e) {
      await embedded.stop();
      throw e;
    }
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (opts.store === 'mongo') throw e;
    opts.logger.warn({ err: why }, 'embedded MongoDB unavailable; using the memory store');
    return { ...memory(opts.settingsDefaults), note: `${why} Running on the in-memory store: data is lost on restart.` };
  }
}

function memory(settingsDefaults?: SettingsDefaults): OpenedStore {
  const store = createMemoryStore({ settingsDefaults });
  return { store, engine: 'memory', durable: false, stop: () => store.close() };
}
