// What the operator CLIs (npm run import / export / job) share: the configured
// store opened quietly, and the way a run ends in an exit code. A CLI uses the
// embedded MongoDB a running service published for the data folder; one it has
// to start itself stays private to its run. When STORE=auto cannot reach any
// MongoDB, a CLI refuses: it never works on an empty in-memory book.
import { ConfigError, settingsDefaultsOf, type Config } from '../config.js';
import type { Lang } from '../domain/types.js';
import { t } from '../i18n/index.js';
import { createLogger } from '../logger.js';
import { createStore, type OpenedStore, type StoreLogger } from '../store/create-store.js';

/** a run that must not go on; its message is for the operator, without a stack */
export class CliRefusal extends Error {
  override name = 'CliRefusal';
}

/**
 * the store the configuration names; by default only its errors are logged (the
 * CLI prints its own lines), a CLI with its own log passes its logger
 */
export async function openCliStore(
  config: Config, lang: Lang = config.defaultLang,
  logger: StoreLogger = createLogger(config, { consoleMode: true }).child({ component: 'store' }, { level: 'error' }),
): Promise<OpenedStore> {
  const opened = await createStore({
    store: config.store, mongodbUri: config.mongodbUri, dataDir: config.dataDir,
    embeddedTimeoutMs: config.embeddedMongoTimeoutMs, logger,
    // the same tenant defaults as the service: dates in a file are read in DEFAULT_TIME_ZONE
    settingsDefaults: settingsDefaultsOf(config),
    publish: false,
  });
  refuseFallBack(opened, lang);
  return opened;
}

/** openCliStore, or undefined after saying why the run is refused (the caller exits 2) */
export async function openCliStoreOrSay(config: Config, lang: Lang, say: (text: string) => void): Promise<OpenedStore | undefined> {
  try {
    return await openCliStore(config, lang);
  } catch (e) {
    if (!(e instanceof CliRefusal)) throw e;
    say(e.message);
    return undefined;
  }
}

/** throws CliRefusal when STORE=auto fell back to memory (an explicit STORE=memory is the operator's choice) */
export function refuseFallBack(opened: Pick<OpenedStore, 'fellBack' | 'note'>, lang: Lang): void {
  if (opened.fellBack) throw new CliRefusal(t(lang, 'cli.storeFellBack', { note: opened.note ?? '' }));
}

/** exits with the run's code; a failure is 2 */
export function exitWith(run: Promise<number>): void {
  run.then(
    (code) => process.exit(code),
    (e: unknown) => {
      // a configuration problem is the operator's to fix: its message names every one, no stack needed
      const plain = e instanceof ConfigError || e instanceof CliRefusal;
      process.stderr.write(`${plain ? e.message : e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      process.exit(2);
    },
  );
}
