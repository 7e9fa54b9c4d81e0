// The public pool (公海, SPEC §7) as rules: who "owns" a pool customer, when a
// customer returns to the pool, when its owner is warned, when a former owner
// may claim it again. Pure: the store and the jobs ask these.
import { addLocalDays, daysBetweenLocal, startOfLocalDay } from './time.js';
import type { Customer, PoolReason, PoolSettings, TenantSettings, Tier } from './types.js';

/**
 * The owner id of a customer in the pool. Platform ids never hold a space or
 * an asterisk (Slack U…, Feishu ou_…), so no person can be it; keeping
 * `ownerId` a string leaves every index and query of the book as it is, and
 * the pool is one more "owner" in them (stats --by owner shows it as a row).
 */
export const POOL_OWNER = '* pool *';

export const DEFAULT_POOL_SETTINGS: PoolSettings = {
  recycleDays: { core: 0, key: 90, regular: 60, potential: 30 },
  warnDays: [7, 1],
  claimLimit: 5,
  reclaimWaitDays: 7,
};

export function poolSettingsOf(settings: Pick<TenantSettings, 'pool'>): PoolSettings {
  const p = settings.pool ?? {};
  return {
    recycleDays: { ...DEFAULT_POOL_SETTINGS.recycleDays, ...p.recycleDays },
    warnDays: p.warnDays && p.warnDays.length > 0 ? [...p.warnDays] : [...DEFAULT_POOL_SETTINGS.warnDays],
    claimLimit: p.claimLimit ?? DEFAULT_POOL_SETTINGS.claimLimit,
    reclaimWaitDays: p.reclaimWaitDays ?? DEFAULT_POOL_SETTINGS.reclaimWaitDays,
  };
}

export function isInPool(c: Pick<Customer, 'ownerId'>): boolean {
  return c.ownerId === POOL_OWNER;
}

/** the words that name the pool where a person is expected (list --owner 公海) */
export function isPoolWord(text: string): boolean {
  return ['pool', 'public pool', '公海'].includes(text.trim().toLowerCase());
}

/** no person may be called or identified as the pool */
export function isPoolId(id: string): boolean {
  return id.trim() === POOL_OWNER;
}

/** the instant recycling counts idle days from: the last follow-up, else creation; never before the owner took it */
export function idleSince(c: Pick<Customer, 'lastInteractionAt' | 'createdAt' | 'ownedSince'>): Date {
  const base = c.lastInteractionAt ?? c.createdAt;
  return c.ownedSince && c.ownedSince.getTime() > base.getTime() ? c.ownedSince : base;
}

/** whether customers of this state can ever be recycled */
export function isRecyclable(c: Pick<Customer, 'ownerId' | 'status' | 'archived'>): boolean {
  return !isInPool(c) && c.status !== 'lost' && !c.archived;
}

/**
 * The local day (its start, in the tenant's zone) the customer returns to the
 * pool unless someone logs a follow-up: the idle day plus the tier's days.
 * Undefined when its tier never returns (core by default).
 */
export function returnsToPoolOn(c: Pick<Customer, 'tier' | 'lastInteractionAt' | 'createdAt' | 'ownedSince'>, pool: PoolSettings, timeZone: string): Date | undefined {
  const days = pool.recycleDays[c.tier];
  if (!days) return undefined;
  return addLocalDays(startOfLocalDay(idleSince(c), timeZone), days, timeZone);
}

/** calendar days until it returns (0: today's run takes it, negative: overdue), undefined: never */
export function daysUntilPool(c: Pick<Customer, 'tier' | 'lastInteractionAt' | 'createdAt' | 'ownedSince'>, pool: PoolSettings, now: Date, timeZone: string): number | undefined {
  const on = returnsToPoolOn(c, pool, timeZone);
  return on === undefined ? undefined : daysBetweenLocal(now, on, timeZone);
}

/**
 * The instant before which a customer of the tier has been idle long enough
 * to be recycled today (`ahead` = 0) or within `ahead` days: its idle day is
 * at least `recycleDays - ahead` days before today. Undefined: never recycled.
 */
export function idleCutoff(tier: Tier, pool: PoolSettings, now: Date, timeZone: string, ahead = 0): Date | undefined {
  const days = pool.recycleDays[tier];
  if (!days) return undefined;
  return addLocalDays(startOfLocalDay(now, timeZone), -days + ahead + 1, timeZone);
}

/** the warning window: from the largest warning day on */
export function warnWindow(pool: PoolSettings): number {
  return Math.max(0, ...pool.warnDays);
}

/** the first day (start, tenant zone) a former owner may claim the customer again; undefined: now */
export function reclaimOpensOn(c: Pick<Customer, 'poolReason' | 'poolFromId' | 'poolSince'>, personId: string, pool: PoolSettings, now: Date, timeZone: string): Date | undefined {
  if (c.poolReason !== 'recycled' || c.poolFromId !== personId || !c.poolSince || pool.reclaimWaitDays <= 0) return undefined;
  const opens = addLocalDays(startOfLocalDay(c.poolSince, timeZone), pool.reclaimWaitDays, timeZone);
  return now.getTime() < opens.getTime() ? opens : undefined;
}

/** what moving into the pool writes: nobody's, so on nobody's due list; when, why and from whom */
export function intoPool(now: Date, reason: PoolReason, fromId: string | undefined): Partial<Customer> {
  return {
    ownerId: POOL_OWNER, poolSince: now, poolReason: reason, poolFromId: fromId, ownedSince: undefined,
    nextFollowUpAt: undefined, nextFollowUpExplicit: undefined,
  };
}
