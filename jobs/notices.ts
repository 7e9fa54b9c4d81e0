// Owner notices (SPEC §4): when someone other than the owner logs a follow-up,
// or a customer is reassigned, the owner (old and new) hears about it in one
// direct message per completed UTC hour, one line per customer. The audit log
// is the durable source, so nothing is lost when the process dies between the
// command and the message; each (recipient, hour) is a delivery record, so
// nothing is sent twice. A `system` record per tenant and hour says the hour
// is done, so a tick reads the audit log only for hours not yet handled.
import type { AuditEntry, Customer, Person } from '../src/domain/types.js';
import { deliveryId, type DeliveryKey } from '../src/store/deliveries.js';
import type { JobRun, JobRuntime, RunOptions } from './context.js';
import { langOf, newRun, notifierFor, zoneOf } from './context.js';
import type { Job } from './deliver.js';
import { noticeReply, type NoticeEvent, type NoticeLine } from './notices-view.js';
import { forEachTenant, runPlanned } from './runner.js';

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

async function planHour(rt: JobRuntime, v: TenantView, hour: Date, entries: AuditEntry[]): Promise<Job[]> {
  const notifier = notifierFor(rt.notifiers, v.tenantId);
  if (!notifier) return [];
  const nameOf = (id: string) => v.people.get(id)?.name ?? id;
  const jobs: Job[] = [];
  for (const [recipient, byCustomer] of groupNotices(entries)) {
    const lines: NoticeLine[] = [];
    for (const [customerId, events] of byCustomer) {
      const c = await customerOf(rt, v, customerId);
      // a customer that no longer exists has nothing to open
      if (c) lines.push({ code: c.code, name: c.name, events });
    }
    if (lines.length === 0) continue;
    const person = v.people.get(recipient);
    jobs.push({
      key: { tenantId: v.tenantId, job: 'notice', recipient, period: hourKey(hour) },
      notifier,
      target: { personId: recipient },
      build: async () => noticeReply({ lang: langOf(person, rt), timeZone: zoneOf(person, v.settings), hourStart: hour, lines, nameOf }),
    });
  }
  return jobs;
}

/** handles one hour under its marker; the marker is finished only when every message is */
async function runHour(rt: JobRuntime, run: JobRun, v: TenantView, hour: Date, entries: AuditEntry[], options: RunOptions): Promise<void> {
  if (options.dryRun) {
    await runPlanned(rt, run, await planHour(rt, v, hour, entries), options);
    return;
  }
  const claim = await rt.store.deliveries.claim(markerKey(v.tenantId, hour), rt.owner, rt.policy.leaseMs, rt.clock.now());
  // another replica is on this hour: its messages are its own to send
  if (!claim.claimed) return;
  const marker = claim.delivery.id;
  const jobs = await planHour(rt, v, hour, entries);
  await runPlanned(rt, run, jobs, options);
  const records = jobs.length === 0 ? [] : await rt.store.deliveries.getMany(jobs.map((j) => deliveryId(j.key)));
  const open = jobs.length - records.filter((d) => d.state !== 'pending').length;
  if (open === 0) {
    await rt.store.deliveries.markEmpty(marker, rt.owner, rt.clock.now());
  } else {
    // deferred (rate limited) or interrupted: a later tick plans the hour again
    // and the finished messages are skipped by their own records
    await rt.store.deliveries.release(marker, rt.owner, `${open} notices not finished`, rt.clock.now());
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
  for (const hour of todo) {
    await runHour(rt, run, view, hour, byHour.get(hourKey(hour)) ?? [], options);
  }
}

export function runNotices(rt: JobRuntime, options: RunOptions): Promise<JobRun> {
  const run = newRun('notice', options.now);
  return forEachTenant(rt, run, options, 'notices run failed for a tenant', (tenantId) => runTenant(rt, run, tenantId, options));
}
