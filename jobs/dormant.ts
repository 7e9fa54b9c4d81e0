// The daily dormant refresh (SPEC §1 status rules): a customer with no
// interaction for `dormantDays` becomes dormant, with history (who = the
// system, why = the days without interaction). Once per tenant and local day,
// from local midnight, so the morning digests already see the new states; the
// day's delivery record is the lock that keeps replicas from doing it twice.
import { addDays, localDate } from '../src/domain/time.js';
import type { Customer, TenantSettings } from '../src/domain/types.js';
import { t } from '../src/i18n/index.js';
import { VersionConflictError } from '../src/store/ports.js';
import { reply } from '../src/views/reply.js';
import type { JobRun, JobRuntime, RunOptions } from './context.js';
import { newRun } from './context.js';
import { forEachTenant } from './runner.js';

const DAY = 86_400_000;

export interface DormantMove {
  customer: Customer;
  days: number;
}

export async function findDormantMoves(rt: Pick<JobRuntime, 'store'>, tenantId: string, settings: TenantSettings, now: Date): Promise<DormantMove[]> {
  const quiet = await rt.store.customers.inactiveSince(tenantId, addDays(now, -settings.dormantDays));
  return quiet
    .filter((c) => c.status !== 'lost' && c.status !== 'dormant' && !c.archived)
    .map((customer) => ({
      customer,
      days: Math.floor((now.getTime() - (customer.lastInteractionAt ?? customer.createdAt).getTime()) / DAY),
    }));
}

/** applies the moves; a customer changed meanwhile is left for tomorrow's run to judge afresh */
async function applyMoves(rt: JobRuntime, tenantId: string, lockId: string, moves: DormantMove[], now: Date): Promise<number> {
  let moved = 0;
  for (const { customer: c, days } of moves) {
    // a first run over an imported book can be long: keep the day's lock
    if (moved > 0 && moved % 500 === 0) await rt.store.deliveries.renew(lockId, rt.owner, rt.policy.leaseMs, rt.clock.now());
    try {
      await rt.store.customers.update(tenantId, c.id, { status: 'dormant', updatedAt: now }, c.version);
    } catch (e) {
      if (e instanceof VersionConflictError) continue;
      throw e;
    }
    await rt.store.audit.append({
      tenantId, at: now, actorId: 'system', action: 'system.dormant', customerId: c.id,
      field: 'status', from: c.status, to: 'dormant',
      reason: t(rt.config.defaultLang, 'jobs.dormant.reason', { days }),
      details: { days },
    });
    moved += 1;
  }
  return moved;
}

export function runDormant(rt: JobRuntime, options: RunOptions): Promise<JobRun> {
  const run = { ...newRun('dormant', options.now), moved: 0 };
  const now = options.now;
  return forEachTenant(rt, run, options, 'dormant refresh failed for a tenant; retried after its lease', async (tenantId) => {
    const settings = await rt.store.settings.get(tenantId);
    run.planned += 1;
    if (options.dryRun) {
      const moves = await findDormantMoves(rt, tenantId, settings, now);
      const lang = rt.config.defaultLang;
      const lines = moves.map((m) => `${m.customer.code} ${m.customer.name}: ${m.customer.status} → dormant (${t(lang, 'jobs.dormant.reason', { days: m.days })})`);
      options.print?.(`── dormant ${localDate(now, settings.timeZone)} (${tenantId}): ${moves.length}`, reply(lang, [{ type: 'text', text: lines.join('\n') || '-' }]));
      run.moved += moves.length;
      return;
    }
    const key = { tenantId, job: 'dormant' as const, recipient: 'system', period: localDate(now, settings.timeZone) };
    const claim = await rt.store.deliveries.claim(key, rt.owner, rt.policy.leaseMs, rt.clock.now());
    if (!claim.claimed) {
      run.skipped += 1;
      return;
    }
    const moves = await findDormantMoves(rt, tenantId, settings, now);
    const moved = await applyMoves(rt, tenantId, claim.delivery.id, moves, now);
    // the day's lock sent no message: it is recorded as such, not counted as a delivery
    await rt.store.deliveries.markEmpty(claim.delivery.id, rt.owner, rt.clock.now());
    run.moved += moved;
  });
}
