// The composition root (STYLE.md): the one file in src/ that knows the
// adapters and the jobs. It wires configuration, logger, store, engine, HTTP
// server, platforms and scheduler, and takes them down again in order.
import { realpathSync } from 'node:fs';
import type { Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { runConsoleChat } from '../adapters/console/chat.js';
import { createConsoleNotifier } from '../adapters/console/notifier.js';
import { startSlack } from '../adapters/slack/index.js';
import { startFeishu } from '../adapters/feishu/index.js';
import { startScheduler, type Scheduler } from '../jobs/index.js';
import { systemClock, type Clock } from './clock.js';
import { calendarStatus } from './domain/calendar.js';
import { createEngine } from './commands/engine.js';
import type { Caller, Engine } from './commands/types.js';
import { ConfigError, loadConfig, settingsDefaultsOf, type Config } from './config.js';
import { t } from './i18n/index.js';
import { createLogger, type Logger } from './logger.js';
import type { Notifier } from './notify.js';
import { createHttpServer, type HttpServer } from './server/http.js';
import { createStore, type OpenedStore } from './store/create-store.js';
import type { EngineName, Store } from './store/ports.js';

/** what a platform adapter or the scheduler hands back when started */
export interface Part {
  notifier?: Notifier;
  stop(): void | Promise<void>;
}

export interface App {
  config: Config;
  store: Store;
  /** which store engine runs, and whether data survives a restart */
  storeEngine: EngineName;
  durable: boolean;
  /** why the store is not what was asked for (the embedded MongoDB could not start) */
  storeNote?: string;
  /** STORE=auto could not get MongoDB and runs on memory (OpenedStore.fellBack): the job CLI refuses */
  storeFellBack?: boolean;
  engine: Engine;
  http: HttpServer;
  /** the bound port; 0 when the console chat could not get its port (the chat does not need it) */
  port: number;
  logger: Logger;
  clock: Clock;
  /** every way to reach people: one per platform, and the console's own in console mode */
  notifiers: Notifier[];
  stop(): Promise<void>;
}

export interface AppOverrides {
  clock?: Clock;
  /** a store already opened (tests); the app closes it on stop */
  store?: Store;
  logger?: Logger;
  /** interface to listen on; default every interface (tests: 127.0.0.1) */
  host?: string;
  /** where the console notifier prints (default stdout) */
  consoleOutput?: Writable;
}

/** the service cannot run as configured; the message says what to change */
export class StartupError extends Error {
  override name = 'StartupError';
}

export async function createApp(config: Config, overrides: AppOverrides = {}): Promise<App> {
  const logger = overrides.logger ?? createLogger(config);
  const clock = overrides.clock ?? systemClock;
  const consoleMode = !config.platformMode;

  // The console prints the store's note as one clear line: its warning need not repeat on stderr.
  const storeLogger = consoleMode && !config.logLevelExplicit
    ? logger.child({ component: 'store' }, { level: 'error' })
    : logger.child({ component: 'store' });
  const opened = overrides.store
    ? await adoptStore(overrides.store)
    : await createStore({
      store: config.store,
      mongodbUri: config.mongodbUri,
      dataDir: config.dataDir,
      embeddedTimeoutMs: config.embeddedMongoTimeoutMs,
      logger: storeLogger,
      settingsDefaults: settingsDefaultsOf(config),
    });
  logger.info({ store: opened.engine, durable: opened.durable, note: opened.note }, 'store ready');

  // A team's customer book must not vanish on restart: a platform needs a durable store
  // unless the operator explicitly chose memory.
  if (config.platformMode && !opened.durable && config.store !== 'memory') {
    await opened.stop();
    const platforms = [config.slack && 'Slack', config.feishu && 'Feishu'].filter(Boolean).join(' and ');
    // the store's note ends with "running on memory", which is exactly what we refuse here
    const why = opened.note?.replace(/\s*Running on the in-memory store.*$/s, '');
    throw new StartupError(
      `Refusing to start: ${platforms} is configured but no durable store is available.\n`
      + (why ? `  ${why}\n` : '')
      + '  Set MONGODB_URI to a MongoDB server, or set STORE=memory explicitly to run on the in-memory store and lose all data on restart.');
  }

  const parts: Part[] = [];
  const notifiers: Notifier[] = [];
  let scheduler: Scheduler | undefined;
  const http = createHttpServer({
    port: config.port,
    host: overrides.host,
    logger,
    // calendar.cnFallback: the cn working-day data is past its last year (update chinese-days)
    health: async () => ({
      store: opened.engine, durable: opened.durable, jobs: scheduler?.status(),
      calendar: calendarStatus(clock.now().toISOString().slice(0, 10)),
    }),
  });
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      await http.close();
      // reverse start order: the scheduler stops before the notifiers it sends through
      for (const part of [...parts].reverse()) {
        try {
          await part.stop();
        } catch (err) {
          logger.error({ err }, 'stopping a part failed');
        }
      }
      await opened.stop();
    })();
    return stopping;
  };

  try {
    const engine = createEngine({
      store: opened.store,
      clock,
      logger,
      // the console's person is its admin; platform admins come from ADMIN_USERS
      adminUsers: consoleMode ? [...config.adminUsers, config.consoleUser] : config.adminUsers,
      defaultTimeZone: config.defaultTimeZone,
      defaultLang: config.defaultLang,
      // owner notices are not pushed from here: the scheduler's notices job reads
      // them from the audit log, so they survive restarts and go once per replica set
    });
    const add = (part: Part) => {
      parts.push(part);
      if (part.notifier) notifiers.push(part.notifier);
    };
    // What every part receives: { config, engine, store: opened.store, http, logger, clock }.

    if (consoleMode) {
      const output = overrides.consoleOutput ?? process.stdout;
      add({ notifier: createConsoleNotifier({ output, tenantId: config.consoleTenant }), stop: () => undefined });
    }
    // ── Slack adapter plugs in here: mounts /slack/* on http (or Socket Mode), returns its notifier.
    if (config.slack) add(await startSlack({ config, slack: config.slack, engine, store: opened.store, http, logger, clock }));
    // ── Feishu adapter plugs in here: long connection or /feishu/* webhook, returns its notifier.
    if (config.feishu) add(await startFeishu({ config, feishu: config.feishu, engine, store: opened.store, http, logger, clock }));
    // ── Scheduler plugs in here, after every notifier exists (digest, dormant, reports, notices).
    //    SCHEDULER=off starts no cron task on this replica; /healthz still shows the job status.
    const jobs = startScheduler({ config, store: opened.store, logger: logger.child({ component: 'jobs' }), clock, notifiers });
    scheduler = jobs;
    add({ stop: () => jobs.stop() });

    const port = await listen(http, consoleMode, config.port, logger);
    return {
      config, store: opened.store, storeEngine: opened.engine, durable: opened.durable, storeNote: opened.note, storeFellBack: opened.fellBack,
      engine, http, port, logger, clock, notifiers,
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}

async function adoptStore(store: Store): Promise<OpenedStore> {
  await store.init();
  return { store, engine: store.engine, durable: store.engine === 'mongo', stop: () => store.close() };
}

// The console chat works without its HTTP port (a second console, a busy 3000): say so and go on.
async function listen(http: HttpServer, consoleMode: boolean, port: number, logger: Logger): Promise<number> {
  try {
    return await http.listen();
  } catch (err) {
    if (!consoleMode) throw err;
    logger.warn({ err, port }, 'HTTP port unavailable; the console chat runs without /healthz');
    return 0;
  }
}

export function consoleCaller(config: Config): Caller {
  return {
    platform: 'console',
    tenantId: config.consoleTenant,
    userId: config.consoleUser,
    name: config.consoleUser,
    timeZone: config.defaultTimeZone,
  };
}

export async function main(): Promise<void> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    process.stderr.write(`${err.message}\n`);
    process.exit(1);
  }

  let app: App;
  try {
    app = await createApp(config);
  } catch (err) {
    process.stderr.write(`${err instanceof StartupError ? err.message : `Could not start: ${String(err)}`}\n`);
    process.exit(1);
  }
  const { logger } = app;
  process.on('unhandledRejection', (err) => logger.error({ err }, 'unhandled rejection'));

  let exiting = false;
  const shutdown = async (reason: string) => {
    if (exiting) return;
    exiting = true;
    logger.info({ reason }, 'shutting down');
    // a stuck part must not keep a terminated container alive forever
    setTimeout(() => process.exit(1), 10_000).unref();
    await app.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));

  if (config.platformMode) {
    logger.info({ port: app.port, store: app.storeEngine, durable: app.durable, slack: Boolean(config.slack), feishu: Boolean(config.feishu) },
      'chat-crm started');
    return;
  }
  const lang = config.defaultLang;
  await runConsoleChat({
    engine: app.engine,
    caller: consoleCaller(config),
    input: process.stdin,
    output: process.stdout,
    isTTY: Boolean(process.stdin.isTTY && process.stdout.isTTY),
    lang,
    notes: app.storeNote ? [t(lang, 'console.storeNote', { note: app.storeNote })] : [],
    onError: (err, id) => logger.error({ err, errorId: id }, 'console command failed'),
  });
  await shutdown('end of input');
}

function runDirectly(): boolean {
  const entry = process.argv[1];
  if (!entry) return false;
  try {
    return import.meta.url === pathToFileURL(realpathSync(entry)).href;
  } catch {
    return false;
  }
}

if (runDirectly()) await main();
