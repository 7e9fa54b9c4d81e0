// Status rules and tier suggestions (SPEC §1). The system suggests tiers and
// marks dormancy; people set tiers and "lost".
import type { Deal, Status, TenantSettings, Tier } from './types.js';
import type { MessageKey } from '../i18n/index.js';
import { UserError } from '../errors.js';
import { sumDealsSince } from './value.js';
import { localDate, localTimeParts } from './time.js';

const DAY = 86_400_000;

export type Dormancy = 'fresh' | 'going-dormant' | 'dormant';

/** days since the last interaction (else creation); lost customers are never warned about */
export function dormancy(
  input: { status: Status; lastInteractionAt?: Date; createdAt: Date },
  now: Date,
  settings: Pick<TenantSettings, 'goingDormantDays' | 'dormantDays'>,
): Dormancy {
  if (input.status === 'lost') return 'fresh';
  const since = input.lastInteractionAt ?? input.createdAt;
  const days = Math.floor((now.getTime() - since.getTime()) / DAY);
  if (days >= settings.dormantDays) return 'dormant';
  if (days >= settings.goingDormantDays) return 'going-dormant';
  return 'fresh';
}

/** a follow-up wakes a dormant customer; only a person wins back a lost one */
export function statusAfterInteraction(current: Status, hasDeal: boolean): Status {
  switch (current) {
    case 'lost':
      return 'lost';
    case 'dormant':
      return hasDeal ? 'active' : 'potential';
    case 'potential':
      return hasDeal ? 'active' : 'potential';
    case 'active':
      return 'active';
  }
}

export function statusAfterDeal(current: Status): Status {
  return current === 'lost' ? 'lost' : 'active';
}

/**
 * Checks a status change made by a person. 'dormant' cannot be set by hand:
 * it means "no interaction for N days", which the daily job computes from the
 * log; a hand-set dormant would contradict the log and vanish with the next
 * follow-up. Leaving 'lost' for active/potential is "won back".
 */
export function assertStatusChange(from: Status, to: Status, reason?: string): void {
  if (from === to) throw new UserError('domain.statusUnchanged', { status: to }, 'status');
  if (to === 'dormant') throw new UserError('domain.dormantIsAutomatic', {}, 'status');
  if (to === 'lost' && !reason?.trim()) throw new UserError('domain.lostNeedsReason', {}, 'reason');
}

export interface TierReason {
  key: MessageKey;
  params: Record<string, string | number>;
}

export interface TierSuggestion {
  tier: Tier;
  reasons: TierReason[];
}

/** whole months from one instant to another on the zone's wall calendar (a deal on the 28th in Shanghai is the 28th) */
function monthsBetween(from: Date, to: Date, timeZone: string): number {
  const a = localTimeParts(from, timeZone);
  const b = localTimeParts(to, timeZone);
  const months = (b.year - a.year) * 12 + (b.month - a.month);
  return Math.max(0, b.day < a.day ? months - 1 : months);
}

const grouped = (minor: number): string =>
  new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(minor / 100);

/**
 * The tier table of SPEC §1 applied to the deals:
 * - core: deals in the last 365 days ≥ the high threshold (or ≥ 20% of the
 *   team's 365-day revenue), first deal ≥ 365 days ago, and repurchase rate
 *   ≥ 80%, where repurchase rate = repeat deals / deals of the last 365 days
 *   = (n − 1) / n, so ≥ 80% ⇔ n ≥ 5;
 * - key: 365-day deals ≥ the medium threshold, first deal ≥ 182 days ago
 *   (6 months) and ≥ 2 deals in all;
 * - regular: at least one deal; potential: none.
 * null when that is the current tier (nothing to suggest).
 */
export function suggestTier(input: {
  tier: Tier;
  deals: Pick<Deal, 'amount' | 'date'>[];
  now: Date;
  settings: TenantSettings;
  teamRevenue365?: number;
  /** the zone of the person who reads the reasons (dates and month counts); default the tenant's */
  timeZone?: string;
}): TierSuggestion | null {
  const { now, settings } = input;
  const zone = input.timeZone ?? settings.timeZone;
  const deals = input.deals.filter((d) => d.date.getTime() <= now.getTime());
  let suggestion: TierSuggestion;
  if (deals.length === 0) {
    suggestion = { tier: 'potential', reasons: [{ key: 'domain.reason.noDeal', params: {} }] };
  } else {
    const yearAgo = new Date(now.getTime() - 365 * DAY);
    const amount = sumDealsSince(deals, yearAgo);
    const count365 = deals.filter((d) => d.date.getTime() >= yearAgo.getTime()).length;
    const first = deals.reduce((a, d) => (d.date.getTime() < a.getTime() ? d.date : a), now);
    const cooperatingDays = Math.floor((now.getTime() - first.getTime()) / DAY);
    const share = input.teamRevenue365 && input.teamRevenue365 > 0 ? amount / input.teamRevenue365 : 0;
    const big = amount >= settings.valueThresholds.high || (amount > 0 && share >= 0.2);

    const reasons: TierReason[] = [
      { key: 'domain.reason.amount365', params: { amount: grouped(amount), currency: settings.currency } },
    ];
    if (share >= 0.2) reasons.push({ key: 'domain.reason.teamShare', params: { percent: Math.round(share * 100) } });
    reasons.push(
      { key: 'domain.reason.cooperating', params: { months: monthsBetween(first, now, zone), date: localDate(first, zone) } },
      { key: 'domain.reason.dealCount', params: { count: count365, total: deals.length } },
    );

    let tier: Tier = 'regular';
    if (big && cooperatingDays >= 365 && count365 >= 5) tier = 'core';
    else if (amount >= settings.valueThresholds.medium && cooperatingDays >= 182 && deals.length >= 2) tier = 'key';
    suggestion = { tier, reasons };
  }
  return suggestion.tier === input.tier ? null : suggestion;
}
