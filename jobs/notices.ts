// Owner notices (SPEC §4): when someone other than the owner logs a follow-up,
// or a customer is reassigned, the owner (old and new) hears about it in one
// direct message per completed UTC hour, one line per customer. The audit log
// is the durable source, so nothing is lost when the process dies between the
// command and the message; each (recipient, hour) is a delivery record, so
// nothing is sent twice. A `system` record per tenant and hour says the hour
// is done, so a tick reads the audit log only for hours not yet handled.
// Nothing goes out in the recipient's quiet hours (SPEC §8): what falls due
// then waits and goes in one message when they end.
import type { AuditEntry, Customer, Person } from '../src/domain/types.js';
import { deliveryId, type DeliveryKey } from '../src/store/deliveries.js';
import type { JobRun, JobRuntime, RunOptions } from './context.js';
import { zoneOf } from '../src/domain/prefs.js';
import { langOf, newRun, notifierFor } from './context.js';
import type { Job } from './deliver.js';
import { noticeReply, type NoticeEvent, type NoticeLine } from './notices-view.js';
import { forEachTenant, runPlanned } from './runner.js';
import { quietEndAfter, quietWindowOf } from '../src/domain/quiet-hours.js';
import type { Notifier } from '../src/notify.js';

const HOUR = 3_600_000;
/**
 * A command stamps its audit entry with the time it started: one started in
 * the last moments of an hour may write after the hour ended. The hour is
 * handled only once that cannot happen any more.
 */
export const NOTICE_GRACE_MS = 2 * 60_000;
/** hours missed while the service was down are caught up this far back, no further */
export const CATCH_UP_HOURS = 24;
/** a day of one tenant's follow-ups and reassignments, with room to spare */
const AUDIT_LIMIT = 50_000;
const ACTIONS = ['interaction.log', 'customer.assign'] as const;

/** the period of an hour: its UTC start, e.g. 2026-11-26T09 */
export const hourKey = (start: Date): string => start.toISOString().slice(0, 13);

/** the completed hours a run at `now` covers, oldest first */
export function completedHours(now: Date): Date[] {
  const latest = Math.floor((now.getTime() - NOTICE_GRACE_MS) / HOUR) * HOUR - HOUR;
  const oldest = now.getTime() - CATCH_UP_HOURS * HOUR;
  const hours: Date[] = [];
  for (let start = latest; start + HOUR > oldest; start -= HOUR) hours.unshift(new Date(start));
  return hours;
}

const markerKey = (tenantId: string, hour: Date): DeliveryKey =>
  ({ tenantId, job: 'notice', recipient: 'system', period: hourKey(hour) });

/** recipient → customer → what happened, oldest first; the actor never hears of their own doing */
export function groupNotices(entries: AuditEntry[]): Map<string, Map<string, NoticeEvent[]>> {
  const out = new Map<string, Map<string, NoticeEvent[]>>();
  const add = (recipient: string | undefined, customerId: string, event: NoticeEvent) => {
    if (!recipient || recipient === event.actorId) return;
    let customers = out.get(recipient);
    if (!customers) out.set(recipient, (customers = new Map()));
    customers.set(customerId, [...(customers.get(customerId) ?? []), event]);
  };
  const sorted = [...entries].sort((a, b) => a.at.getTime() - b.at.getTime() || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  for (const e of sorted) {
    if (!e.customerId) continue;
    if (e.action === 'interaction.log') {
      const owner = e.details?.ownerId;
      if (typeof owner === 'string') add(owner, e.customerId, { kind: 'logged', actorId: e.actorId });
    } else if (e.action === 'customer.assign') {
      if (e.from) add(e.from, e.customerId, { kind: 'assigned-from', actorId: e.actorId, toId: e.to ?? '' });
      if (e.to) add(e.to, e.customerId, { kind: 'assigned-to', actorId: e.actorId });
    }
  }
  return out;
}

/** the tenant's follow-ups and reassignments since `since`, by hour */
async function auditByHour(rt: JobRuntime, tenantId: string, since: Date): Promise<Map<string, AuditEntry[]>> {
  const lists = await Promise.all(ACTIONS.map((action) => rt.store.audit.list(tenantId, { action, since }, AUDIT_LIMIT)));
  const byHour = new Map<string, AuditEntry[]>();
  for (const [i, list] of lists.entries()) {
    if (list.length >= AUDIT_LIMIT) {
      rt.logger.warn({ tenantId, action: ACTIONS[i], since }, 'audit read hit its limit: the oldest notices of the window may be incomplete');
    }
    for (const e of list) {
      const key = hourKey(e.at);
      byHour.set(key, [...(byHour.get(key) ?? []), e]);
    }
  }
  return byHour;
}

interface TenantView {
  tenantId: string;
  people: Map<string, Person>;
  settings: Awaited<ReturnType<JobRuntime['store']['settings']['get']>>;
  customers: Map<string, Customer | null>;
}

async function customerOf(rt: JobRuntime, v: TenantView, id: string): Promise<Customer | null> {
  if (!v.customers.has(id)) v.customers.set(id, await rt.store.customers.get(v.tenantId, id));
  return v.customers.get(id) ?? null;
}

/** one recipient's lines for one hour, and who they are */
interface HourNotice {
  hour: Date;
  recipient: string;
  person: Person | undefined;
  lines: NoticeLine[];
}

async function noticesOfHour(rt: JobRuntime, v: TenantView, hour: Date, entries: AuditEntry[]): Promise<HourNotice[]> {
  const out: HourNotice[] = [];
  for (const [recipient, byCustomer] of groupNotices(entries)) {
    const lines: NoticeLine[] = [];
    for (const [customerId, events] of byCustomer) {
      const c = await customerOf(rt, v, customerId);
      // a customer that no longer exists has nothing to open
      if (c) lines.push({ code: c.code, name: c.name, events });
    }
    if (lines.length > 0) out.push({ hour, recipient, person: v.people.get(recipient), lines });
  }
  return out;
}

/**
 * One message: an hour's notices, or (quiet hours, SPEC §8) every hour whose
 * notices fell due inside the recipient's quiet hours, sent together when
 * they end. Which message an hour belongs to depends only on the hour, the
 * recipient's zone and the tenant's setting, never on when the tick runs, so
 * its key is the same on every tick and every replica.
 */
interface Planned {
  key: DeliveryKey;
  hours: Date[];
  notices: HourNotice[];
  /** when the message may go: the end of the quiet hours it fell into, or the hour's own time */
  release: Date;
}

function planGroups(v: TenantView, notices: HourNotice[]): Planned[] {
  const quiet = quietWindowOf(v.settings.quietHours);
  const groups = new Map<string, Planned>();
  for (const n of notices) {
    const due = new Date(n.hour.getTime() + HOUR + NOTICE_GRACE_MS);
    const release = quietEndAfter(due, quiet, zoneOf(n.person, v.settings));
    const period = release.getTime() === due.getTime() ? hourKey(n.hour) : `quiet-until-${release.toISOString().slice(0, 16)}Z`;
    const key: DeliveryKey = { tenantId: v.tenantId, job: 'notice', recipient: n.recipient, period };
    const id = deliveryId(key);
    const group = groups.get(id) ?? { key, hours: [], notices: [], release };
    group.hours.push(n.hour);
    group.notices.push(n);
    groups.set(id, group);
  }
  return [...groups.values()];
}

/** the lines of several hours as one list: a customer once, its events oldest first */
function mergeLines(notices: HourNotice[]): NoticeLine[] {
  const byCode = new Map<string, NoticeLine>();
  for (const n of notices) {
    for (const line of n.lines) {
      const seen = byCode.get(line.code);
      byCode.set(line.code, seen ? { ...seen, events: [...seen.events, ...line.events] } : line);
    }
  }
  return [...byCode.values()];
}

function jobOf(rt: JobRuntime, v: TenantView, g: Planned, notifier: Notifier, now: Date): Job {
  const person = g.notices[0]!.person;
  const zone = zoneOf(person, v.settings);
  const first = g.hours[0]!;
  const last = g.hours[g.hours.length - 1]!;
  const nameOf = (id: string) => v.people.get(id)?.name ?? id;
  return {
    key: g.key,
    notifier,
    target: { personId: g.key.recipient },
    // a tick inside the recipient's quiet hours (a catch-up after downtime) holds even an ordinary hour
    notBefore: quietEndAfter(now, quietWindowOf(v.settings.quietHours), zone),
    build: async () => noticeReply({
      lang: langOf(person, rt), timeZone: zone, hourStart: first, hourEnd: new Date(last.getTime() + HOUR),
      lines: mergeLines(g.notices), nameOf,
    }),
  };
}

async function planTenant(rt: JobRuntime, v: TenantView, hours: Date[], byHour: Map<string, AuditEntry[]>): Promise<Planned[]> {
  const notices: HourNotice[] = [];
  for (const hour of hours) notices.push(...await noticesOfHour(rt, v, hour, byHour.get(hourKey(hour)) ?? []));
  // An hour stays open while anyone's batch waits; someone who already had it
  // as an hour of its own (before changing their zone, or the tenant its quiet
  // hours) must not get it again in a batch.
  const own = (n: HourNotice) => deliveryId({ tenantId: v.tenantId, job: 'notice', recipient: n.recipient, period: hourKey(n.hour) });
  const done = new Set((notices.length ? await rt.store.deliveries.getMany(notices.map(own)) : [])
    .filter((d) => d.state !== 'pending').map((d) => d.id));
  return planGroups(v, notices.filter((n) => !done.has(own(n))));
}

/** the messages whose time has come */
function dueJobs(rt: JobRuntime, v: TenantView, groups: Planned[], now: Date): Job[] {
  const notifier = notifierFor(rt.notifiers, v.tenantId)!;
  return groups.filter((g) => g.release.getTime() <= now.getTime()).map((g) => jobOf(rt, v, g, notifier, now));
}

/**
 * Handles the tenant's open hours under their markers; an hour's marker is
 * finished only when every message carrying its notices is, so an hour held
 * for the quiet hours stays open (and is read again) until its batch is sent.
 */
async function runHours(rt: JobRuntime, run: JobRun, v: TenantView, hours: Date[], byHour: Map<string, AuditEntry[]>, options: RunOptions): Promise<void> {
  const now = options.now;
  if (options.dryRun) {
    await runPlanned(rt, run, dueJobs(rt, v, await planTenant(rt, v, hours, byHour), now), options);
    return;
  }
  const markers: string[] = [];
  for (const hour of hours) {
    const claim = await rt.store.deliveries.claim(markerKey(v.tenantId, hour), rt.owner, rt.policy.leaseMs, rt.clock.now());
    if (!claim.claimed) {
      // another replica is on these hours: a batch is only whole with all of them, so they are its own to send
      for (const id of markers) await rt.store.deliveries.release(id, rt.owner, undefined, rt.clock.now());
      return;
    }
    markers.push(claim.delivery.id);
  }
  const groups = await planTenant(rt, v, hours, byHour);
  await runPlanned(rt, run, dueJobs(rt, v, groups, now), options);
  const ids = groups.map((g) => deliveryId(g.key));
  const finished = new Set((ids.length ? await rt.store.deliveries.getMany(ids) : []).filter((d) => d.state !== 'pending').map((d) => d.id));
  for (const [i, hour] of hours.entries()) {
    const open = groups.filter((g) => !finished.has(deliveryId(g.key)) && g.hours.some((h) => h.getTime() === hour.getTime())).length;
    if (open === 0) {
      await rt.store.deliveries.markEmpty(markers[i]!, rt.owner, rt.clock.now());
    } else {
      // held for the quiet hours, deferred (rate limited) or interrupted: a later tick plans the hour again
      // and the finished messages are skipped by their own records
      await rt.store.deliveries.release(markers[i]!, rt.owner, `${open} notices not sent yet`, rt.clock.now());
    }
  }
}

async function runTenant(rt: JobRuntime, run: JobRun, tenantId: string, options: RunOptions): Promise<void> {
  if (!notifierFor(rt.notifiers, tenantId)) {
    rt.logger.warn({ tenantId }, 'no notifier serves this tenant: notices not sent');
    return;
  }
  const hours = completedHours(options.now);
  const markers = new Map(hours.map((h) => [deliveryId(markerKey(tenantId, h)), h]));
  const finished = await rt.store.deliveries.getMany([...markers.keys()]);
  for (const d of finished) if (d.state !== 'pending') markers.delete(d.id);
  const todo = [...markers.values()];
  if (todo.length === 0) return;

  const [byHour, people, settings] = await Promise.all([
    auditByHour(rt, tenantId, todo[0]!),
    rt.store.people.list(tenantId),
    rt.store.settings.get(tenantId),
  ]);
  const view: TenantView = { tenantId, people: new Map(people.map((p) => [p.id, p])), settings, customers: new Map() };
  await runHours(rt, run, view, todo, byHour, options);
}

export function runNotices(rt: JobRuntime, options: RunOptions): Promise<JobRun> {
  const run = newRun('notice', options.now);
  return forEachTenant(rt, run, options, 'notices run failed for a tenant', (tenantId) => runTenant(rt, run, tenantId, options));
}
