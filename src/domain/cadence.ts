// When a customer is due for a follow-up, and in which order the digest lists them (SPEC §1, §4).
import { calendarOf, daysBetweenYmd, workingDayFrom } from './calendar.js';
import type { CalendarKind, Status, Tier, TenantSettings } from './types.js';
import { addDays, addLocalDays, daysBetweenLocal, localDate, startOfNextLocalDay } from './time.js';

/** the digest's Snooze button, and snooze without a number of days */
export const SNOOZE_DAYS = 3;

export interface NextFollowUpInput {
  tier: Tier;
  /** with the zone (and calendar), a date from the cadence that lands on a day off moves to the next working day */
  settings: Pick<TenantSettings, 'cadenceDays'> & Partial<Pick<TenantSettings, 'timeZone' | 'calendar'>>;
  createdAt: Date;
  lastInteractionAt?: Date;
  explicitNext?: Date;
}

/**
 * The explicit next date of the last entry, kept as typed; else last
 * interaction + cadence, else creation + cadence, moved off a day off to the
 * next working day of the tenant's calendar (same time of day, tenant zone).
 */
export function computeNextFollowUp(input: NextFollowUpInput): Date {
  if (input.explicitNext) return input.explicitNext;
  const { settings } = input;
  const next = addDays(input.lastInteractionAt ?? input.createdAt, settings.cadenceDays[input.tier]);
  if (!settings.timeZone) return next;
  return toWorkingDay(next, calendarOf({ calendar: settings.calendar, timeZone: settings.timeZone }), settings.timeZone);
}

function toWorkingDay(at: Date, calendar: CalendarKind, timeZone: string): Date {
  const day = localDate(at, timeZone);
  const shift = daysBetweenYmd(day, workingDayFrom(calendar, day));
  return shift === 0 ? at : addLocalDays(at, shift, timeZone);
}

/** due = nextFollowUpAt falls on or before the owner's today; lost customers are never due */
export function isDue(nextFollowUpAt: Date | undefined, status: Status, now: Date, timeZone: string): boolean {
  if (!nextFollowUpAt || status === 'lost') return false;
  return nextFollowUpAt.getTime() < startOfNextLocalDay(now, timeZone).getTime();
}

/** 0 = due today, 2 = two calendar days late (owner's zone); negative = not yet due */
export function daysOverdue(nextFollowUpAt: Date, now: Date, timeZone: string): number {
  return daysBetweenLocal(nextFollowUpAt, now, timeZone);
}

/** most important first */
export const TIER_RANK: Record<Tier, number> = { core: 0, key: 1, potential: 2, regular: 3 };

export interface UrgencyItem {
  tier: Tier;
  nextFollowUpAt?: Date;
  name?: string;
}

/** tier rank, then the longest overdue first, then name; for Array#sort */
export function compareByUrgency(a: UrgencyItem, b: UrgencyItem, now: Date, timeZone: string): number {
  const byTier = TIER_RANK[a.tier] - TIER_RANK[b.tier];
  if (byTier !== 0) return byTier;
  // a customer without a date sorts after every dated one of its tier
  const late = (x: UrgencyItem): number =>
    x.nextFollowUpAt ? daysOverdue(x.nextFollowUpAt, now, timeZone) : Number.NEGATIVE_INFINITY;
  const la = late(a);
  const lb = late(b);
  if (la !== lb) return lb > la ? 1 : -1;
  return (a.name ?? '').localeCompare(b.name ?? '');
}
