// What the operator CLIs (npm run import / export) share: the configured
// store opened quietly, and the way a run ends in an exit code.
import { ConfigError, settingsDefaultsOf, type Config } from '../config.js';
import { createLogger } from '../logger.js';
import { createStore, type OpenedStore } from '../store/create-store.js';

/** the store the configuration names; only its errors are logged, the CLI prints its own lines */
export function openCliStore(config: Config): Promise<OpenedStore> {
  const logger = createLogger(config, { consoleMode: true }).child({ component: 'store' }, { level: 'error' });
  return createStore({
    store: config.store, mongodbUri: config.mongodbUri, dataDir: config.dataDir,
    embeddedTimeoutMs: config.embeddedMongoTimeoutMs, logger,
    // the same tenant defaults as the service: dates in a file are read in DEFAULT_TIME_ZONE
    settingsDefaults: settingsDefaultsOf(config),
  });
}

/** exits with the run's code; a failure is 2 */
export function exitWith(run: Promise<number>): void {
  run.then(
    (code) => process.exit(code),
    (e: unknown) => {
      // a configuration problem is the operator's to fix: its message names every one, no stack needed
      process.stderr.write(`${e instanceof ConfigError ? e.message : e instanceof Error ? e.stack ?? e.message : String(e)}\n`);
      process.exit(2);
    },
  );
}
