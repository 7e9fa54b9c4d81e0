// The scheduler inside the service: a timer wakes it at every minute of the
// clock and each tick asks every job what is due now. There is no "run at
// 09:00" trigger: a tick sends whatever is at or past its time today and not
// yet delivered, so catching up after downtime is the same code path as the
// normal morning. A clock that jumps (a VM resumed after a day, an NTP step)
// is one more tick that reads the new time, never a replay of every skipped
// minute (node-cron did that: ~150,000 "missed execution" runs for 100 days).
import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Config } from '../src/config.js';
import { calendarStatus } from '../src/domain/calendar.js';
import type { Notifier } from '../src/notify.js';
import { emptyCounts, type DeliveryCounts, type DeliveryJob } from '../src/store/deliveries.js';
import type { JobDeps, JobRun, JobRuntime, RunOptions } from './context.js';
import { DEFAULT_POLICY, RateGate, type SendPolicy, type Sleep } from './deliver.js';
import { runDigest } from './digest.js';
import { runDormant } from './dormant.js';
import { runMonthlyReview } from './monthly-review.js';
import { runNotices } from './notices.js';
import { runPool } from './pool.js';
import { runWeeklyReport } from './weekly-report.js';

export type JobName = 'digest' | 'dormant' | 'pool' | 'weekly-report' | 'monthly-review' | 'notices';
// the pool's recycling runs before the digest: a morning's digest warns about what is still the owner's
export const JOB_NAMES: readonly JobName[] = ['dormant', 'pool', 'digest', 'weekly-report', 'monthly-review', 'notices'];

const RUNNERS: Record<JobName, (rt: JobRuntime, options: RunOptions) => Promise<JobRun>> = {
  'dormant': runDormant,
  'pool': runPool,
  'digest': runDigest,
  'weekly-report': runWeeklyReport,
  'monthly-review': runMonthlyReview,
  'notices': runNotices,
};

export function runJob(rt: JobRuntime, job: JobName, options: RunOptions): Promise<JobRun> {
  return RUNNERS[job](rt, options);
}

export interface JobStatus {
  enabled: boolean;
  /** this replica's lease owner id */
  replica: string;
  running: boolean;
  lastTickAt?: string;
  lastTickError?: string;
  lastRuns: Partial<Record<DeliveryJob, JobRun>>;
  /** delivery records of all tenants, as of the last tick */
  deliveries: DeliveryCounts;
}

export interface Scheduler {
  tick(): Promise<void>;
  stop(): Promise<void>;
  status(): JobStatus;
}

export interface SchedulerDeps extends Omit<JobDeps, 'config'> {
  config: Pick<Config, 'scheduler' | 'defaultLang'>;
  /** tests: a sleep that moves a ManualClock instead of waiting */
  sleep?: Sleep;
  random?: () => number;
  policy?: Partial<SendPolicy>;
  /** messages in flight at once */
  width?: number;
  /** lease owner id of this replica */
  replica?: string;
  /** start the minute timer (default: config.scheduler); tests call tick() themselves */
  cron?: boolean;
  /** tests: timers they fire by hand */
  timers?: Timers;
}

/** setTimeout and clearTimeout, replaceable by a test */
export interface Timers {
  set(fire: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fire, ms) => setTimeout(fire, ms),
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const MINUTE = 60_000;
// a timer runs on the monotonic clock, the tick reads the wall clock: waking
// a little past the minute keeps a tick from landing at 08:59:59.999
const PAST_THE_MINUTE_MS = 250;

/** how long until just past the next minute of the clock (at most a minute: a jump in either direction costs one tick) */
export function untilNextMinute(now: Date): number {
  return MINUTE - (now.getTime() % MINUTE) + PAST_THE_MINUTE_MS;
}

class Stopped extends Error {
  constructor() {
    super('scheduler stopped');
  }
}

/** the runtime every job of this replica shares: one rate gate per notifier, one lease owner */
export function createRuntime(deps: SchedulerDeps, sleep: Sleep): JobRuntime {
  const gates = new WeakMap<Notifier, RateGate>();
  return {
    store: deps.store,
    notifiers: deps.notifiers,
    clock: deps.clock,
    logger: deps.logger,
    config: deps.config,
    sleep,
    random: deps.random ?? Math.random,
    owner: deps.replica ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
    policy: { ...DEFAULT_POLICY, ...deps.policy },
    // Slack allows about one message per second per DM and Feishu 50 requests/s
    // per app: a few in flight keep the pipe full without provoking 429 storms
    width: deps.width ?? 8,
    gateFor(notifier) {
      let gate = gates.get(notifier);
      if (!gate) gates.set(notifier, (gate = new RateGate()));
      return gate;
    },
  };
}

export function startScheduler(deps: SchedulerDeps): Scheduler {
  let stopping = false;
  const timers = new Set<{ timer: NodeJS.Timeout; wake: (e?: Error) => void }>();
  const base = deps.sleep;
  // A stop interrupts waits (429, backoff): the claim left behind expires and
  // another replica (or the restart) recovers it exactly once.
  const sleep: Sleep = async (ms) => {
    if (stopping) throw new Stopped();
    if (base) return base(ms);
    await new Promise<void>((resolve, reject) => {
      const entry = {
        timer: setTimeout(() => { timers.delete(entry); resolve(); }, Math.max(0, ms)),
        wake: (e?: Error) => { clearTimeout(entry.timer); timers.delete(entry); if (e) reject(e); else resolve(); },
      };
      timers.add(entry);
    });
  };
  const rt = createRuntime(deps, sleep);
  const state: JobStatus = {
    enabled: deps.config.scheduler,
    replica: rt.owner,
    running: false,
    lastRuns: {},
    deliveries: emptyCounts(),
  };
  let inFlight: Promise<void> | undefined;

  let calendarWarned = false;
  async function runTick(): Promise<void> {
    const now = deps.clock.now();
    state.lastTickAt = now.toISOString();
    const calendar = calendarStatus(now.toISOString().slice(0, 10));
    if (calendar.cnFallback && !calendarWarned) {
      calendarWarned = true;
      deps.logger.warn({ calendar }, 'the cn working calendar has no data for this year: cn tenants run on Monday–Friday until the chinese-days package is updated');
    }
    state.lastTickError = undefined;
    for (const job of JOB_NAMES) {
      if (stopping) break;
      try {
        const run = await runJob(rt, job, { now });
        run.finishedAt = deps.clock.now();
        // keyed by the delivery job: `notices` runs as `notice`
        state.lastRuns[run.job] = run;
        if (run.sent + run.failed + run.errors + run.recovered + (run.moved ?? 0) > 0) {
          deps.logger.info({ run }, `job ${job} ran`);
        }
      } catch (e) {
        state.lastTickError = `${job}: ${e instanceof Error ? e.message : String(e)}`;
        deps.logger.error({ err: e, job }, 'job failed');
      }
    }
    try {
      state.deliveries = await deps.store.deliveries.counts();
    } catch (e) {
      deps.logger.warn({ err: e }, 'could not count deliveries');
    }
  }

  function tick(): Promise<void> {
    // ticks never overlap: a slow one (a 429 storm) is joined, not doubled
    if (!inFlight) {
      state.running = true;
      inFlight = runTick().finally(() => {
        inFlight = undefined;
        state.running = false;
      });
    }
    return inFlight;
  }

  // one timer at a time, re-armed from the clock at every wake: a slow tick is
  // joined by the next (tick() never overlaps), a jump is one tick
  const wakeUps = deps.timers ?? realTimers;
  let timer: unknown;
  const arm = () => {
    if (stopping) return;
    timer = wakeUps.set(() => {
      timer = undefined;
      arm();
      tick().catch((e: unknown) => deps.logger.error({ err: e }, 'scheduler tick failed'));
    }, untilNextMinute(deps.clock.now()));
  };
  if (deps.cron ?? deps.config.scheduler) arm();

  return {
    tick,
    async stop() {
      stopping = true;
      if (timer !== undefined) wakeUps.clear(timer);
      timer = undefined;
      for (const entry of [...timers]) entry.wake(new Stopped());
      await inFlight?.catch(() => undefined);
    },
    status: () => ({ ...state, lastRuns: { ...state.lastRuns }, deliveries: { ...state.deliveries } }),
  };
}
