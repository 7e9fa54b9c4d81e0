// Who is about to lose customers to the public pool (SPEC §7): the owners the
// digest must reach even with nothing due, and each owner's warnings. Asked by
// the daily digest (jobs/digest.ts) and by `due`, the digest on demand.
import { idleCutoff, idleSince, POOL_OWNER, poolSettingsOf, warnWindow } from '../domain/pool.js';
import { daysUntilNow } from '../domain/local-days.js';
import { addLocalDays, localDate, startOfLocalDay } from '../domain/time.js';
import { TIERS, type TenantSettings } from '../domain/types.js';
import type { Store } from '../store/ports.js';
import type { PoolWarning } from '../views/digest.js';

/** every owner with a customer returning to the pool within the warning window */
export async function ownersWithPoolWarnings(store: Store, tenantId: string, settings: TenantSettings, now: Date): Promise<string[]> {
  const pool = poolSettingsOf(settings);
  // one read per tier, all at once: they are independent
  const perTier = await Promise.all(TIERS.map((tier) => {
    const before = idleCutoff(tier, pool, now, settings.timeZone, warnWindow(pool));
    return before ? store.customers.ownersIdleBefore(tenantId, tier, before) : [];
  }));
  const owners = new Set(perTier.flat());
  owners.delete(POOL_OWNER);
  return [...owners].sort();
}

/**
 * One owner's customers returning to the pool within the window, soonest
 * first. Days are the tenant's (the recycling pass runs on the tenant's day).
 */
export async function poolWarningsFor(store: Store, tenantId: string, ownerId: string, settings: TenantSettings, now: Date): Promise<PoolWarning[]> {
  if (ownerId === POOL_OWNER) return [];
  const pool = poolSettingsOf(settings);
  const zone = settings.timeZone;
  // a digest run asks this for every owner: days by the cached zone offsets, each day's date computed once
  const daysSince = daysUntilNow(now, zone);
  const today = startOfLocalDay(now, zone);
  const days = new Map<number, { on: Date; day: string }>();
  const dayIn = (left: number) => {
    let d = days.get(left);
    if (!d) {
      const on = addLocalDays(today, left, zone);
      days.set(left, (d = { on, day: localDate(on, zone) }));
    }
    return d;
  };
  const out: PoolWarning[] = [];
  for (const tier of TIERS) {
    const before = idleCutoff(tier, pool, now, zone, warnWindow(pool));
    if (!before) continue;
    for (const customer of await store.customers.idleOwned(tenantId, tier, before, ownerId)) {
      // past its day and not yet taken (the day's pass has not run): it goes today
      const left = Math.max(0, pool.recycleDays[tier] - daysSince(idleSince(customer)));
      out.push({ customer, ...dayIn(left), daysLeft: left });
    }
  }
  return out.sort((a, b) => a.daysLeft - b.daysLeft || a.customer.code.localeCompare(b.customer.code));
}
