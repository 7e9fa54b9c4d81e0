// Which store the service runs on (SPEC §6 Storage): MONGODB_URI when given;
// otherwise the embedded MongoDB of the data folder (the running service's,
// else one started here); and when that cannot start (no binary, no network),
// STORE=auto runs on memory, saying so loudly — and CLIs refuse (cli/run.ts).
import type { Store, EngineName } from './ports.js';
import { createMemoryStore } from './memory/memory-store.js';
import type { SettingsDefaults } from './memory/people.js';
// a type only: the mongo modules load on demand (below)
import type { createMongoStore as createMongoStoreFn } from './mongo/mongo-store.js';

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
  /**
   * publish an embedded server this process starts (the service: default), so
   * CLIs and a second start use it; a CLI's own server is private to its run
   */
  publish?: boolean;
}

/** the end of the note when STORE=auto could not get a durable store */
export const MEMORY_WARNING = 'Running on the in-memory store: data is lost on restart.';

export interface OpenedStore {
  store: Store;
  engine: EngineName;
  /** survives a restart */
  durable: boolean;
  /** one line for the console when the store is not what was asked for */
  note?: string;
  /** STORE=auto could not get MongoDB and runs on memory: CLIs that write refuse (cli/run.ts) */
  fellBack?: boolean;
  /** the pid of the service whose embedded server this store uses (not started here) */
  sharedWith?: number;
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
  try {
    return await openEmbedded(opts, createMongoStore);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    if (opts.store === 'mongo') throw e;
    opts.logger.warn({ err: why }, 'embedded MongoDB unavailable; using the memory store');
    return { ...memory(opts.settingsDefaults), fellBack: true, note: `${why} ${MEMORY_WARNING}` };
  }
}

/** how long to wait for a server another process published before starting one */
const PUBLISHED_CONNECT_MS = 3000;

type CreateMongoStore = typeof createMongoStoreFn;

/**
 * The embedded MongoDB of the data folder: the one a running service
 * published (server-file.ts), else one started here — published in turn when
 * this process is the service. Two starting at once: the loser of mongod's
 * lock finds the winner's file and connects to it.
 */
async function openEmbedded(opts: CreateStoreOptions, createMongoStore: CreateMongoStore): Promise<OpenedStore> {
  const { readPublished, publish, unpublish } = await import('./mongo/server-file.js');
  const { startEmbeddedMongo, MONGOD_VERSION } = await import('./mongo/embedded.js');
  const attach = async (): Promise<OpenedStore | undefined> => {
    const running = await readPublished(opts.dataDir);
    if (!running) return undefined;
    try {
      const store = await createMongoStore({
        uri: running.uri, dbName: DEFAULT_DB, serverSelectionTimeoutMs: PUBLISHED_CONNECT_MS, settingsDefaults: opts.settingsDefaults,
      });
      await store.init();
      opts.logger.info({ uri: running.uri, pid: running.pid }, 'using the embedded MongoDB the running service published');
      // the server is the service's: stopping here only closes this connection
      return { store, engine: 'mongo', durable: true, sharedWith: running.pid, stop: () => store.close() };
    } catch (e) {
      opts.logger.warn({ err: e instanceof Error ? e.message : String(e), pid: running.pid }, 'the published embedded MongoDB does not answer; starting one');
      await unpublish(opts.dataDir, running.pid);
      return undefined;
    }
  };
  const attached = await attach();
  if (attached) return attached;
  let embedded: Awaited<ReturnType<typeof startEmbeddedMongo>>;
  try {
    embedded = await startEmbeddedMongo({ dataDir: opts.dataDir, timeoutMs: opts.embeddedTimeoutMs, logger: opts.logger });
  } catch (e) {
    const late = await attach();
    if (late) return late;
    throw e;
  }
  try {
    const store = await createMongoStore({ uri: embedded.uri, dbName: DEFAULT_DB, settingsDefaults: opts.settingsDefaults });
    await store.init();
    if (opts.publish !== false) await publish(opts.dataDir, { uri: embedded.uri, pid: process.pid, version: MONGOD_VERSION });
    return {
      store, engine: 'mongo', durable: true,
      stop: async () => {
        if (opts.publish !== false) await unpublish(opts.dataDir);
        await store.close();
        await embedded.stop();
      },
    };
  } catch (e) {
    await embedded.stop();
    throw e;
  }
}

function memory(settingsDefaults?: SettingsDefaults): OpenedStore {
  const store = createMemoryStore({ settingsDefaults });
  return { store, engine: 'memory', durable: false, stop: () => store.close() };
}
