// The daily digest (and `due`, the digest on demand) as a neutral Reply: due and overdue customers, most
// important first, each with Log / Snooze 3 days / Open; then the dormant
// section. Pure: the job fetches, this lays out.
import { SNOOZE_DAYS, TIER_RANK } from '../domain/cadence.js';
import { formatLocalDate } from '../domain/dates.js';
import { tierLabel } from '../domain/labels.js';
import type { Customer, Lang, TenantSettings } from '../domain/types.js';
import { t } from '../i18n/index.js';
import type { Block, ListItem, Reply } from './model.js';
import { button, reply } from './reply.js';
import { daysUntilNow } from '../domain/local-days.js';
import type { MessageKey } from '../i18n/index.js';

/**
 * Chat messages have a size limit (Slack: 50 blocks, each item with buttons
 * takes two); the rest is counted and `due` shows it all.
 */
export const MAX_DUE_ITEMS = 10;
export const MAX_DORMANT_ITEMS = 5;

export interface DigestInput {
  lang: Lang;
  timeZone: string;
  now: Date;
  settings: Pick<TenantSettings, 'dormantDays' | 'goingDormantDays'>;
  /** the owner's due customers (nextFollowUpAt before the end of their today) */
  due: Customer[];
  /** the owner's customers returning to the public pool soon (SPEC §7): a digest with only these is still sent */
  poolWarnings?: PoolWarning[];
  /** how many items each section shows before "…and N more" (a DM is short; `due` on demand shows more) */
  limits?: { due: number; dormant: number; moreKey?: MessageKey };
}

/** a customer returning to the public pool on `on` (start of that day, tenant zone) unless its owner logs a follow-up */
export interface PoolWarning {
  customer: Customer;
  on: Date;
  /** that day, YYYY-MM-DD in the tenant's zone */
  day: string;
  /** calendar days left: 0 today, 1 tomorrow */
  daysLeft: number;
}

const tierOf = (lang: Lang, c: Customer): string => tierLabel(c.tier, lang);

function actions(lang: Lang, c: Customer): ListItem['actions'] {
  return [
    button(t(lang, 'jobs.button.log'), 'log', { code: c.code }, 'primary'),
    button(t(lang, 'jobs.button.snooze'), 'snooze', { code: c.code, days: String(SNOOZE_DAYS) }),
    button(t(lang, 'jobs.button.open'), 'open', { code: c.code }),
  ];
}

interface Judged {
  c: Customer;
  /** calendar days overdue in the owner's zone: 0 = due today */
  late: number;
  /** calendar days without interaction */
  quiet: number;
}

/** tier rank, then the longest overdue first, then name (domain/cadence.ts compareByUrgency, on precomputed days) */
function byUrgency(a: Judged, b: Judged): number {
  return TIER_RANK[a.c.tier] - TIER_RANK[b.c.tier] || b.late - a.late || a.c.name.localeCompare(b.c.name);
}

function byQuiet(a: Judged, b: Judged): number {
  return b.quiet - a.quiet || byUrgency(a, b);
}

function cut(items: ListItem[], max: number, lang: Lang, moreKey: MessageKey): { items: ListItem[]; footer?: string } {
  if (items.length <= max) return { items };
  return { items: items.slice(0, max), footer: t(lang, moreKey, { count: items.length - max }) };
}

export function digestReply(input: DigestInput): Reply | null {
  const { lang, timeZone, now, settings } = input;
  const limits = input.limits ?? { due: MAX_DUE_ITEMS, dormant: MAX_DORMANT_ITEMS };
  const moreKey = limits.moreKey ?? 'jobs.digest.more';
  const daysSince = daysUntilNow(now, timeZone);
  // lost customers are never due and never warned about, whatever a store returns
  const due: Judged[] = [];
  for (const c of input.due) {
    if (c.status === 'lost' || c.archived || !c.nextFollowUpAt) continue;
    const late = daysSince(c.nextFollowUpAt);
    if (late >= 0) due.push({ c, late, quiet: daysSince(c.lastInteractionAt ?? c.createdAt) });
  }
  const warnings = input.poolWarnings ?? [];
  if (due.length === 0 && warnings.length === 0) return null;

  const dormant: Judged[] = [];
  const going: Judged[] = [];
  const rest: Judged[] = [];
  for (const j of due) {
    if (j.c.status === 'dormant' || j.quiet >= settings.dormantDays) dormant.push(j);
    else if (j.quiet >= settings.goingDormantDays) going.push(j);
    else rest.push(j);
  }
  rest.sort(byUrgency);
  dormant.sort(byQuiet);
  going.sort(byQuiet);

  const overdue = due.filter((j) => j.late > 0).length;
  const summary = due.length > 0
    ? t(lang, 'jobs.digest.summary', { count: due.length, overdue, today: due.length - overdue })
    : t(lang, 'jobs.digest.summaryPool', { count: warnings.length });
  const blocks: Block[] = [
    { type: 'heading', text: t(lang, 'jobs.digest.heading', { date: formatLocalDate(now, timeZone, lang) }) },
    { type: 'text', text: summary },
  ];

  if (rest.length > 0) {
    const items = rest.map(({ c, late }): ListItem => {
      const tier = tierOf(lang, c);
      const detail = late === 0 ? t(lang, 'jobs.digest.dueToday', { tier })
        : late === 1 ? t(lang, 'jobs.digest.overdueOne', { tier })
          : t(lang, 'jobs.digest.overdue', { tier, days: late });
      return { text: `${c.name} (${c.code})`, detail, actions: actions(lang, c) };
    });
    blocks.push({ type: 'list', title: t(lang, 'jobs.digest.dueTitle'), ...cut(items, limits.due, lang, moreKey) });
  }
  if (dormant.length > 0) {
    const items = dormant.map(({ c, quiet }): ListItem => ({
      text: `${c.name} (${c.code})`,
      detail: t(lang, 'jobs.digest.quietFor', { tier: tierOf(lang, c), days: quiet }),
      actions: actions(lang, c),
    }));
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'list', title: t(lang, 'jobs.digest.dormantTitle', { days: settings.dormantDays }), ...cut(items, limits.dormant, lang, moreKey) });
  }
  if (going.length > 0) {
    const items = going.map(({ c, quiet }): ListItem => {
      return {
        text: `${c.name} (${c.code})`,
        detail: t(lang, 'jobs.digest.goingIn', { tier: tierOf(lang, c), days: quiet, left: settings.dormantDays - quiet }),
        actions: actions(lang, c),
      };
    });
    if (dormant.length === 0) blocks.push({ type: 'divider' });
    blocks.push({ type: 'list', title: t(lang, 'jobs.digest.goingTitle'), ...cut(items, limits.dormant, lang, moreKey) });
  }
  if (warnings.length > 0) {
    blocks.push({ type: 'divider' });
    blocks.push({ type: 'list', title: t(lang, 'jobs.digest.poolTitle'), ...cut(warnings.map((w) => poolItem(lang, w)), limits.dormant, lang, moreKey) });
  }
  return reply(lang, blocks, summary);
}

/** "returns to the pool on 12-08 unless you log a follow-up", with the Log button right there */
function poolItem(lang: Lang, w: PoolWarning): ListItem {
  const c = w.customer;
  // MM-DD of the tenant's day, as the recycling pass counts it
  const date = w.day.slice(5);
  const key = w.daysLeft <= 0 ? 'jobs.digest.poolToday' : w.daysLeft === 1 ? 'jobs.digest.poolTomorrow' : 'jobs.digest.poolOn';
  return {
    text: `${c.name} (${c.code})`,
    detail: t(lang, key, { tier: tierOf(lang, c), date, days: w.daysLeft }),
    actions: [
      button(t(lang, 'jobs.button.log'), 'log', { code: c.code }, 'primary'),
      button(t(lang, 'jobs.button.open'), 'open', { code: c.code }),
    ],
  };
}
