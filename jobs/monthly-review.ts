// The monthly review (SPEC §4, §8): on the month's first working day (the
// tenant's calendar), at the owner's digest time in their own zone, every owner gets the tier changes the rules suggest for their
// customers (domain/status.ts suggestTier), each with Accept / Dismiss. The job
// only suggests: accepting is a command (accept-tier) that changes the tier
// with an audit entry; nothing changes by itself.
import { tierLabel } from '../src/domain/labels.js';
import { suggestTier, type TierSuggestion } from '../src/domain/status.js';
import { calendarOf, daysBetweenYmd, firstWorkingDayOfMonth } from '../src/domain/calendar.js';
import { digestTimeOf, zoneOf } from '../src/domain/prefs.js';
import { quietEndAfter, quietWindowOf } from '../src/domain/quiet-hours.js';
import { formatYmd, localTimeParts } from '../src/domain/time.js';
import type { Customer, Lang, TenantSettings } from '../src/domain/types.js';
import { t } from '../src/i18n/index.js';
import { POOL_OWNER } from '../src/domain/pool.js';
import type { ListItem, Reply } from '../src/views/model.js';
import { button, reply } from '../src/views/reply.js';
import type { JobRuntime, RunOptions } from './context.js';
import { instantOn, langOf, minutesOf, notifierFor } from './context.js';
import type { Job } from './deliver.js';
import { plannedJob } from './runner.js';

// Slack allows 50 blocks; a suggestion with buttons takes two.
const MAX_ITEMS = 20;
/** the review missed on its day (service down) still goes out this many days after it */
const CATCH_UP_DAYS = 6;
/** no month's first working day comes later than this (cn: October 8th after National Day; weekdays: the 3rd) */
export const LATEST_FIRST_WORKING_DAY = 10;

export interface Suggested {
  customer: Customer;
  suggestion: TierSuggestion;
}

/** every owner's suggestions, from one pass over the tenant's customers; the reasons' dates and month counts in the owner's zone */
async function tierSuggestions(
  rt: Pick<JobRuntime, 'store'>, tenantId: string, settings: TenantSettings, now: Date,
  zoneOfOwner: (ownerId: string) => string,
): Promise<Map<string, Suggested[]>> {
  const withDeals: Customer[] = [];
  let teamRevenue365 = 0;
  for await (const c of rt.store.customers.iterate(tenantId)) {
    if (c.archived || c.status === 'lost') continue;
    teamRevenue365 += c.dealAmount365;
    // a pool customer counts in the team's revenue but has nobody to suggest to: its deals are not read
    if (c.ownerId === POOL_OWNER) continue;
    // Without any recorded deal the rules can only say "potential"; for a book
    // imported from the spreadsheet (tiers, no deal history) that would be a
    // monthly flood of downgrades nobody asked for, so those are not judged.
    if (c.dealCount > 0) withDeals.push(c);
  }
  const byOwner = new Map<string, Suggested[]>();
  // one read per batch, not per customer: on a big book the pass stays well inside the claim's lease
  const dealsOf = await rt.store.deals.forCustomers(tenantId, withDeals.map((c) => c.id));
  for (const c of withDeals) {
    const deals = dealsOf.get(c.id) ?? [];
    const suggestion = suggestTier({ tier: c.tier, deals, now, settings, teamRevenue365, timeZone: zoneOfOwner(c.ownerId) });
    if (!suggestion) continue;
    const list = byOwner.get(c.ownerId) ?? [];
    list.push({ customer: c, suggestion });
    byOwner.set(c.ownerId, list);
  }
  for (const list of byOwner.values()) list.sort((a, b) => a.customer.code.localeCompare(b.customer.code));
  return byOwner;
}

export function reviewReply(lang: Lang, month: string, items: Suggested[]): Reply | null {
  if (items.length === 0) return null;
  const listed = items.slice(0, MAX_ITEMS).map(({ customer: c, suggestion: s }): ListItem => ({
    text: t(lang, 'jobs.monthly.item', { name: c.name, code: c.code, from: tierLabel(c.tier, lang), to: tierLabel(s.tier, lang) }),
    detail: s.reasons.map((r) => t(lang, r.key, r.params)).join(' · '),
    actions: [
      button(t(lang, 'jobs.button.accept'), 'accept-tier', { code: c.code, tier: s.tier }, 'primary'),
      button(t(lang, 'jobs.button.dismiss'), 'dismiss', { code: c.code, tier: s.tier }),
      button(t(lang, 'jobs.button.open'), 'open', { code: c.code }),
    ],
  }));
  const summary = t(lang, 'jobs.monthly.summary', { count: items.length });
  return reply(lang, [
    { type: 'heading', text: t(lang, 'jobs.monthly.heading', { month }) },
    { type: 'text', text: summary },
    {
      type: 'list', items: listed,
      footer: items.length > MAX_ITEMS ? t(lang, 'jobs.digest.more', { count: items.length - MAX_ITEMS }) : undefined,
    },
  ], summary);
}

export async function planMonthlyReview(rt: JobRuntime, tenantId: string, options: RunOptions): Promise<Job[]> {
  const now = options.now;
  const notifier = notifierFor(rt.notifiers, tenantId);
  if (!notifier) return [];
  // every zone's date is within a day of the UTC date: from the 18th to the
  // 27th (UTC) nobody can be owed a review, so those days' ticks read nothing
  const utcDay = now.getUTCDate();
  if (!options.ignoreTime && utcDay > LATEST_FIRST_WORKING_DAY + CATCH_UP_DAYS + 1 && utcDay < 28) return [];
  const [settings, people] = await Promise.all([rt.store.settings.get(tenantId), rt.store.people.list(tenantId)]);
  const calendar = calendarOf(settings);
  const quiet = quietWindowOf(settings.quietHours);
  // Everyone whose 1st has reached the digest time is owed a review (an empty
  // one is recorded as such), so later ticks of the day skip the tenant in one read.
  let suggestions: Promise<Map<string, Suggested[]>> | undefined;
  const byId = new Map(people.map((p) => [p.id, p]));
  const once = () => (suggestions ??= tierSuggestions(rt, tenantId, settings, now, (id) => zoneOf(byId.get(id), settings)));
  const jobs: Job[] = [];
  for (const person of people) {
    const zone = zoneOf(person, settings);
    const local = localTimeParts(now, zone);
    const today = formatYmd(local.year, local.month, local.day);
    // owed from the month's first working day at the digest time; a service
    // down that day catches up within the week after (SPEC §4), not weeks
    // later, and only for whom it was due that day (someone who arrived later waits a month)
    if (!options.ignoreTime) {
      const first = firstWorkingDayOfMonth(calendar, today);
      const late = daysBetweenYmd(first, today);
      const digestAt = minutesOf(digestTimeOf(person, settings));
      if (late < 0 || late > CATCH_UP_DAYS || (late === 0 && local.hour * 60 + local.minute < digestAt)) continue;
      if (late > 0 && person.createdAt.getTime() > instantOn(first, digestAt, zone).getTime()) continue;
    }
    const month = today.slice(0, 7);
    jobs.push({
      key: { tenantId, job: 'monthly-review', recipient: person.id, period: month },
      notifier,
      target: { personId: person.id },
      // a catch-up that lands in the person's quiet hours waits for them to end (SPEC §8)
      notBefore: quietEndAfter(now, quiet, zone),
      build: async () => reviewReply(langOf(person, rt), month, (await once()).get(person.id) ?? []),
    });
  }
  return jobs;
}

export const runMonthlyReview = plannedJob('monthly-review', planMonthlyReview, 'monthly review failed for a tenant');
