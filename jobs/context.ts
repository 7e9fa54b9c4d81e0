// What every job receives, and the small lookups they share (which notifier
// serves a tenant, a person's zone and language). Jobs get their dependencies
// handed in (STYLE.md: probot's composition root); nothing here is global.
import type { Clock } from '../src/clock.js';
import type { Config } from '../src/config.js';
import { zonedTimeToInstant } from '../src/domain/time.js';
import { langOf as langOfPerson } from '../src/domain/prefs.js';
import type { Lang, Person } from '../src/domain/types.js';
import type { Logger } from '../src/logger.js';
import type { Notifier } from '../src/notify.js';
import type { DeliveryJob, DeliveryRepo } from '../src/store/deliveries.js';
import type { Store } from '../src/store/ports.js';
import type { Reply } from '../src/views/model.js';
import type { RateGate, SendPolicy, Sleep } from './deliver.js';

/** the store with the delivery records (Store gains `deliveries` once every engine has it) */
export type JobStore = Store & { readonly deliveries: DeliveryRepo };

export type JobLogger = Pick<Logger, 'info' | 'warn' | 'error'>;

export interface JobDeps {
  store: JobStore;
  notifiers: Notifier[];
  clock: Clock;
  logger: JobLogger;
  config: Pick<Config, 'defaultLang'>;
}

export interface JobRuntime extends JobDeps {
  sleep: Sleep;
  random: () => number;
  /** this replica's lease owner id */
  owner: string;
  policy: SendPolicy;
  /** messages in flight at once */
  width: number;
  gateFor(notifier: Notifier): RateGate;
}

export interface RunOptions {
  /** the instant the run is for (the CLI's --now, the tick's clock) */
  now: Date;
  tenantId?: string;
  /** build and print, claim and send nothing */
  dryRun?: boolean;
  /** run now whatever the tenant's digest time (the CLI runs a job on demand) */
  ignoreTime?: boolean;
  /** where a dry run shows each message it would send (the CLI renders it as console text) */
  print?: (header: string, reply: Reply) => void;
}

export interface JobRun {
  job: DeliveryJob;
  at: Date;
  finishedAt?: Date;
  planned: number;
  sent: number;
  recovered: number;
  skipped: number;
  empty: number;
  failed: number;
  deferred: number;
  errors: number;
  /** dormant refresh and pool recycling: customers moved (to dormant, to the public pool) */
  moved?: number;
  error?: string;
}

export function newRun(job: DeliveryJob, at: Date): JobRun {
  return { job, at, planned: 0, sent: 0, recovered: 0, skipped: 0, empty: 0, failed: 0, deferred: 0, errors: 0 };
}

export function notifierFor(notifiers: Notifier[], tenantId: string): Notifier | undefined {
  return notifiers.find((n) => n.serves(tenantId));
}

/** the person's own language (`me lang`), else the platform's, else the deployment's */
export function langOf(person: Person | undefined, deps: Pick<JobDeps, 'config'>): Lang {
  return langOfPerson(person) ?? deps.config.defaultLang;
}

/** minutes since local midnight of an HH:MM setting (a bad value falls back to 09:00) */
export function minutesOf(hhmm: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(hhmm);
  if (!m) return 9 * 60;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** the instant `minutes` after local midnight of the day YYYY-MM-DD in the zone (DST-aware) */
export function instantOn(ymd: string, minutes: number, timeZone: string): Date {
  const [y, m, d] = ymd.split('-').map(Number) as [number, number, number];
  return zonedTimeToInstant(timeZone, y, m, d, Math.floor(minutes / 60), minutes % 60);
}

/** the tenants a run covers */
export async function tenantsOf(deps: Pick<JobDeps, 'store'>, options: RunOptions): Promise<string[]> {
  if (options.tenantId !== undefined) return [options.tenantId];
  return deps.store.settings.tenants();
}
