// The public pool's daily recycling (SPEC §7): a customer whose owner logged
// nothing for the tier's days returns to the pool, audited (who = the system,
// from the owner, why = the days), and each former owner gets one message
// listing what went. Once per tenant and local day, from the tenant's digest
// time (a message at a decent hour, and before the morning digests of that
// tick), under a `system` record that is the lock between replicas. Each move
// is a write conditional on the owner and version read, so a follow-up logged
// meanwhile keeps the customer. Downtime needs no special catch-up: the next
// run finds every customer past its day. The messages are planned from the
// day's audit entries, so a crash between moving and telling loses nothing.
import { tierLabel } from '../src/domain/labels.js';
import { idleCutoff, idleSince, intoPool, POOL_OWNER, poolSettingsOf } from '../src/domain/pool.js';
import { daysBetweenLocal, localDate, localTimeParts, startOfLocalDay } from '../src/domain/time.js';
import { TIERS, type AuditEntry, type Customer, type TenantSettings, type Tier } from '../src/domain/types.js';
import { t } from '../src/i18n/index.js';
import { deliveryId, type DeliveryKey } from '../src/store/deliveries.js';
import type { ListItem, Reply } from '../src/views/model.js';
import { reply } from '../src/views/reply.js';
import type { JobRun, JobRuntime, RunOptions } from './context.js';
import { langOf, minutesOf, newRun, notifierFor } from './context.js';
import type { Job } from './deliver.js';
import { forEachTenant, runPlanned } from './runner.js';

/** a day's recycling of one tenant, with room to spare (the bench recycles 10,000) */
const AUDIT_LIMIT = 200_000;
/** a chat message holds this many lines; the rest are counted */
const MAX_LISTED = 30;

interface Recycle {
  customer: Customer;
  /** calendar days without a follow-up, tenant zone */
  days: number;
}

/** every customer today's pass returns to the pool, tier by tier, in code order */
async function findRecycles(rt: Pick<JobRuntime, 'store'>, tenantId: string, settings: TenantSettings, now: Date): Promise<Recycle[]> {
  const pool = poolSettingsOf(settings);
  const zone = settings.timeZone;
  const out: Recycle[] = [];
  for (const tier of TIERS) {
    const before = idleCutoff(tier, pool, now, zone);
    if (!before) continue;
    for (const customer of await rt.store.customers.idleOwned(tenantId, tier, before)) {
      out.push({ customer, days: daysBetweenLocal(idleSince(customer), now, zone) });
    }
  }
  return out;
}

/** moves the customers; one changed since it was read (a follow-up, a new owner) is left for tomorrow's run */
async function recycle(rt: JobRuntime, tenantId: string, lockId: string, settings: TenantSettings, moves: Recycle[], now: Date): Promise<number> {
  const pool = poolSettingsOf(settings);
  let moved = 0;
  for (const { customer: c, days } of moves) {
    // a first run over an imported book can be long: keep the day's lock
    if (moved > 0 && moved % 500 === 0) await rt.store.deliveries.renew(lockId, rt.owner, rt.policy.leaseMs, rt.clock.now());
    const done = await rt.store.customers.updateIf(tenantId, c.id, { ownerId: c.ownerId, version: c.version }, {
      ...intoPool(now, 'recycled', c.ownerId), updatedAt: now,
    });
    if (!done) continue;
    await rt.store.audit.append({
      tenantId, at: now, actorId: 'system', action: 'pool.recycle', customerId: c.id,
      field: 'ownerId', from: c.ownerId, to: POOL_OWNER,
      reason: t(rt.config.defaultLang, 'jobs.pool.reason', { days, limit: pool.recycleDays[c.tier], tier: tierLabel(c.tier, rt.config.defaultLang) }),
      details: { code: c.code, name: c.name, tier: c.tier, days },
    });
    moved += 1;
  }
  return moved;
}

interface Line { code: string; name: string; tier: Tier; days: number }

/** the former owners of the day's recycled customers, from the audit trail */
function byFormerOwner(entries: AuditEntry[]): Map<string, Line[]> {
  const out = new Map<string, Line[]>();
  for (const e of entries) {
    const d = e.details ?? {};
    if (!e.from || e.from === POOL_OWNER || typeof d.code !== 'string') continue;
    const lines = out.get(e.from) ?? [];
    lines.push({ code: d.code, name: String(d.name ?? ''), tier: (TIERS as readonly unknown[]).includes(d.tier) ? d.tier as Tier : 'potential', days: Number(d.days) || 0 });
    out.set(e.from, lines);
  }
  for (const lines of out.values()) lines.sort((a, b) => a.code.localeCompare(b.code));
  return out;
}

export function recycledReply(lang: ReturnType<typeof langOf>, lines: Line[], waitDays: number): Reply {
  const text = t(lang, 'jobs.pool.text', { count: lines.length, wait: waitDays });
  const items: ListItem[] = lines.slice(0, MAX_LISTED).map((l) => ({
    text: `${l.name} (${l.code})`,
    detail: t(lang, 'jobs.pool.item', { tier: tierLabel(l.tier, lang), days: l.days }),
    actions: [{ label: t(lang, 'jobs.button.open'), action: { id: 'open', args: { code: l.code } } }],
  }));
  const footer = lines.length > MAX_LISTED ? t(lang, 'jobs.digest.more', { count: lines.length - MAX_LISTED }) : undefined;
  return reply(lang, [
    { type: 'heading', text: t(lang, 'jobs.pool.heading') },
    { type: 'text', text, tone: 'warning' },
    { type: 'list', items, footer },
  ], text);
}

async function planMessages(rt: JobRuntime, tenantId: string, settings: TenantSettings, day: string, since: Date): Promise<Job[]> {
  const notifier = notifierFor(rt.notifiers, tenantId);
  if (!notifier) return [];
  const entries = await rt.store.audit.list(tenantId, { action: 'pool.recycle', since }, AUDIT_LIMIT);
  const owners = byFormerOwner(entries);
  if (owners.size === 0) return [];
  const people = new Map((await rt.store.people.list(tenantId)).map((p) => [p.id, p]));
  const wait = poolSettingsOf(settings).reclaimWaitDays;
  return [...owners].map(([ownerId, lines]): Job => ({
    key: { tenantId, job: 'pool', recipient: ownerId, period: day },
    notifier,
    target: { personId: ownerId },
    build: async () => recycledReply(langOf(people.get(ownerId), rt), lines, wait),
  }));
}

export function runPool(rt: JobRuntime, options: RunOptions): Promise<JobRun> {
  const run = { ...newRun('pool', options.now), moved: 0 };
  const now = options.now;
  return forEachTenant(rt, run, options, 'public pool recycling failed for a tenant; retried after its lease', async (tenantId) => {
    const settings = await rt.store.settings.get(tenantId);
    const zone = settings.timeZone;
    const local = localTimeParts(now, zone);
    if (!options.ignoreTime && local.hour * 60 + local.minute < minutesOf(settings.digestTime)) return;
    const day = localDate(now, zone);
    if (options.dryRun) {
      const moves = await findRecycles(rt, tenantId, settings, now);
      const lang = rt.config.defaultLang;
      const lines = moves.map((m) => `${m.customer.code} ${m.customer.name}: ${m.customer.ownerId} → ${t(lang, 'pool.owner')} (${m.days})`);
      options.print?.(`── pool ${day} (${tenantId}): ${moves.length}`, reply(lang, [{ type: 'text', text: lines.join('\n') || '-' }]));
      run.moved += moves.length;
      return;
    }
    const key: DeliveryKey = { tenantId, job: 'pool', recipient: 'system', period: day };
    const done = await rt.store.deliveries.get(deliveryId(key));
    if (done && done.state !== 'pending') return;
    const claim = await rt.store.deliveries.claim(key, rt.owner, rt.policy.leaseMs, rt.clock.now());
    if (!claim.claimed) {
      run.skipped += 1;
      return;
    }
    run.planned += 1;
    const moves = await findRecycles(rt, tenantId, settings, now);
    run.moved += await recycle(rt, tenantId, claim.delivery.id, settings, moves, now);
    const jobs = await planMessages(rt, tenantId, settings, day, startOfLocalDay(now, zone));
    await runPlanned(rt, run, jobs, options);
    const records = jobs.length === 0 ? [] : await rt.store.deliveries.getMany(jobs.map((j) => deliveryId(j.key)));
    const open = jobs.length - records.filter((d) => d.state !== 'pending').length;
    if (open === 0) await rt.store.deliveries.markEmpty(claim.delivery.id, rt.owner, rt.clock.now());
    // deferred (rate limited) or interrupted: a later tick runs the day again; moved customers are not
    // found again, and the messages already finished are skipped by their own records
    else await rt.store.deliveries.release(claim.delivery.id, rt.owner, `${open} pool messages not finished`, rt.clock.now());
  });
}
