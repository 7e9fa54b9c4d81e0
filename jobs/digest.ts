// The daily follow-up digest (SPEC §4, §8): every owner with something due
// gets one direct message at their digest time in their own zone, on the
// tenant calendar's working days only, unless they paused it. The period is
// the owner's local date, so a run after downtime catches up today and never
// yesterday (issue 6 §7), and a second replica finds the record taken. What
// falls due on a day off is not lost: the digest lists everything due before
// tomorrow, so the next working day's digest has it. Nothing goes in the
// recipient's quiet hours.
import { calendarOf, isWorkingDay } from '../src/domain/calendar.js';
import { digestPausedOn, digestTimeOf, zoneOf } from '../src/domain/prefs.js';
import { isQuietMinute, quietEndAfter, quietWindowOf } from '../src/domain/quiet-hours.js';
import { addDays, formatYmd, localDate, localTimeParts, startOfNextLocalDay } from '../src/domain/time.js';
import type { Person, TenantSettings } from '../src/domain/types.js';
import type { JobRuntime, RunOptions } from './context.js';
import { langOf, minutesOf, notifierFor } from './context.js';
import type { Job } from './deliver.js';
import { digestReply } from '../src/views/digest.js';
import { ownersWithPoolWarnings, poolWarningsFor } from '../src/commands/pool-warnings.js';
import { POOL_OWNER } from '../src/domain/pool.js';
import { plannedJob } from './runner.js';

// "due by the end of today" ends at most ~26 hours from now in any zone
// (UTC+14, and a DST day of 25 hours): one query finds every candidate owner.
const WIDEST_TODAY_DAYS = 1.1;

export async function planDigests(rt: JobRuntime, tenantId: string, options: RunOptions): Promise<Job[]> {
  const { store } = rt;
  const now = options.now;
  const notifier = notifierFor(rt.notifiers, tenantId);
  if (!notifier) {
    rt.logger.warn({ tenantId }, 'no notifier serves this tenant: digests not sent');
    return [];
  }
  const settings = await store.settings.get(tenantId);
  // owners with something due, and owners about to lose customers to the public pool
  const [due, warned] = await Promise.all([
    store.customers.ownersWithDue(tenantId, addDays(now, WIDEST_TODAY_DAYS)),
    ownersWithPoolWarnings(store, tenantId, settings, now),
  ]);
  const owners = [...new Set([...due, ...warned])].filter((id) => id !== POOL_OWNER);
  if (owners.length === 0) return [];
  const people = await store.people.list(tenantId);
  const byId = new Map(people.map((p) => [p.id, p]));
  const calendar = calendarOf(settings);
  const quiet = quietWindowOf(settings.quietHours);

  const jobs: Job[] = [];
  for (const ownerId of owners) {
    const person = byId.get(ownerId);
    const timeZone = zoneOf(person, settings);
    const local = localTimeParts(now, timeZone);
    const today = formatYmd(local.year, local.month, local.day);
    // a day off or a pause is no digest and no record: nothing is owed that day
    if (!isWorkingDay(calendar, today) || digestPausedOn(person, today)) continue;
    // the digest time read at every tick: moved later before it went, it waits for the new time
    const minute = local.hour * 60 + local.minute;
    if (!options.ignoreTime && minute < minutesOf(digestTimeOf(person, settings))) continue;
    // quiet hours (SPEC §8): no direct message then. A digest whose own time they cover (quiet
    // hours set after `me digest`) goes when they end that morning; one caught up after downtime
    // into the night is not sent at all: tomorrow's lists the same customers and more
    let notBefore: Date | undefined;
    if (!options.ignoreTime && isQuietMinute(minute, quiet)) {
      const end = quietEndAfter(now, quiet, timeZone);
      if (localDate(end, timeZone) !== today) continue;
      notBefore = end;
    }
    jobs.push({
      key: { tenantId, job: 'digest', recipient: ownerId, period: today },
      notifier,
      notBefore,
      target: { personId: ownerId },
      build: () => buildDigest(rt, { tenantId, ownerId, person, settings, timeZone, now }),
    });
  }
  return jobs;
}

export interface DigestFor {
  tenantId: string;
  ownerId: string;
  person: Person | undefined;
  settings: TenantSettings;
  timeZone: string;
  now: Date;
}

export async function buildDigest(rt: Pick<JobRuntime, 'store' | 'config'>, d: DigestFor) {
  const due = await rt.store.customers.dueFor(d.tenantId, d.ownerId, startOfNextLocalDay(d.now, d.timeZone));
  const poolWarnings = await poolWarningsFor(rt.store, d.tenantId, d.ownerId, d.settings, d.now);
  return digestReply({ lang: langOf(d.person, rt), timeZone: d.timeZone, now: d.now, settings: d.settings, due, poolWarnings });
}

export const runDigest = plannedJob('digest', planDigests, 'digest run failed for a tenant');
