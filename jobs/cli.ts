// Run one job once, by hand or from an external cron:
//   npm run job -- <dormant|pool|digest|weekly-report|monthly-review|notices> [--now <ISO>] [--tenant <id>] [--dry-run]
// A real run goes through the same delivery records as the scheduler, so a
// message the scheduler already sent is not sent again (and vice versa).
// --dry-run opens only the store and prints what would be sent.
import { parseArgs } from 'node:util';
import { renderText } from '../adapters/console/render.js';
import { systemClock } from '../src/clock.js';
import { ConfigError, loadConfig, type Config } from '../src/config.js';
import { createLogger } from '../src/logger.js';
import type { Notifier } from '../src/notify.js';
import { CliRefusal, openCliStore, refuseFallBack } from '../src/cli/run.js';
import type { JobRun } from './context.js';
import { realSleep } from './deliver.js';
import { createRuntime, JOB_NAMES, runJob, type JobName } from './scheduler.js';

const USAGE = `usage: npm run job -- <${JOB_NAMES.join('|')}> [--now <ISO time>] [--tenant <id>] [--dry-run]`;

export interface CliArgs {
  job: JobName;
  now?: Date;
  tenantId?: string;
  dryRun: boolean;
}

/** the arguments, or a message saying what is wrong with them */
export function parseCli(argv: string[]): CliArgs | string {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { 'now': { type: 'string' }, 'tenant': { type: 'string' }, 'dry-run': { type: 'boolean', default: false } },
    });
  } catch (e) {
    return `${e instanceof Error ? e.message : String(e)}\n${USAGE}`;
  }
  const [job, ...extra] = parsed.positionals;
  if (!job || !(JOB_NAMES as readonly string[]).includes(job) || extra.length > 0) return USAGE;
  let now: Date | undefined;
  if (parsed.values.now !== undefined) {
    now = new Date(parsed.values.now);
    if (Number.isNaN(now.getTime())) return `--now: "${parsed.values.now}" is not an ISO time such as 2026-11-23T09:00:00+08:00\n${USAGE}`;
  }
  return { job: job as JobName, now, tenantId: parsed.values.tenant, dryRun: parsed.values['dry-run'] ?? false };
}

/** stands in for the platforms on a dry run: serves every tenant, never sends */
const dryNotifier: Notifier = {
  platform: 'console',
  serves: () => true,
  sendDirect: () => Promise.reject(new Error('dry run: nothing is sent')),
  sendChannel: () => Promise.reject(new Error('dry run: nothing is sent')),
};

export function describeRun(run: JobRun, dryRun: boolean): string {
  const parts = dryRun
    ? [`would send ${run.sent}`, `nothing to send ${run.empty}`, `already done ${run.skipped}`]
    : [`sent ${run.sent}`, `recovered ${run.recovered}`, `already done ${run.skipped}`, `nothing to send ${run.empty}`,
      `failed ${run.failed}`, `deferred ${run.deferred}`, `errors ${run.errors}`];
  const movedTo = run.job === 'pool' ? 'the pool' : 'dormant';
  if (run.moved !== undefined) parts.push(`${dryRun ? 'would move' : 'moved'} to ${movedTo} ${run.moved}`);
  return `${run.job} for ${run.at.toISOString()}: ${parts.join(', ')}`;
}

async function runOnce(config: Config, args: CliArgs): Promise<number> {
  const logger = createLogger(config);
  const now = args.now ?? systemClock.now();
  const print = (header: string, reply: Parameters<typeof renderText>[0]) => process.stdout.write(`${header}\n${renderText(reply)}\n\n`);
  const options = { now, tenantId: args.tenantId, dryRun: args.dryRun, ignoreTime: true, print };

  if (args.dryRun) {
    // a dry run on an empty in-memory book would report nothing due: openCliStore refuses instead
    const opened = await openCliStore(config, config.defaultLang, logger);
    try {
      const rt = createRuntime({ store: opened.store, notifiers: [dryNotifier], clock: systemClock, logger, config }, realSleep);
      const run = await runJob(rt, args.job, options);
      process.stdout.write(`${describeRun(run, true)}\n`);
      return 0;
    } finally {
      await opened.stop();
    }
  }

  // A real run needs the platforms' notifiers: the app wires them exactly as
  // the service does, with its own scheduler off.
  const { createApp } = await import('../src/main.js');
  const app = await createApp({ ...config, scheduler: false, port: 0 }, { logger });
  try {
    // STORE=auto without any MongoDB: never send from an empty in-memory book
    refuseFallBack({ fellBack: app.storeFellBack, note: app.storeNote }, config.defaultLang);
    const rt = createRuntime({ store: app.store, notifiers: app.notifiers, clock: systemClock, logger, config }, realSleep);
    const run = await runJob(rt, args.job, options);
    process.stdout.write(`${describeRun(run, false)}\n`);
    return run.failed + run.errors + run.deferred > 0 ? 1 : 0;
  } finally {
    await app.stop();
  }
}

export async function cli(argv: string[]): Promise<number> {
  const args = parseCli(argv);
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n`);
    return 2;
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 1;
  }
  try {
    return await runOnce(config, args);
  } catch (e) {
    if (!(e instanceof CliRefusal)) throw e;
    process.stderr.write(`${e.message}\n`);
    return 2;
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  process.exitCode = await cli(process.argv.slice(2));
}
