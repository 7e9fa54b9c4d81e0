// The weekly manager report (SPEC §4, §8): the week's first working day (the
// tenant's calendar; Monday most weeks, a make-up Sunday or the Thursday after
// National Day in others) at the digest time, tenant time zone, to the report
// channel, or without one to each manager by direct message. Covers the seven
// local days before the week's Monday; a week without a working day (Spring
// Festival) has its report on the first working day after it.
import { addYmd, calendarOf, mondayOf, workingDayFrom } from '../src/domain/calendar.js';
import { statusLabel, tierLabel } from '../src/domain/labels.js';
import { POOL_OWNER } from '../src/domain/pool.js';
import { addLocalDays, formatYmd, localDate, localTimeParts } from '../src/domain/time.js';
import type { CalendarKind, Lang, Person, Status, Tier } from '../src/domain/types.js';
import { STATUSES, TIERS } from '../src/domain/types.js';
import { t } from '../src/i18n/index.js';
import type { Block, Field, ListItem, Reply } from '../src/views/model.js';
import { reply } from '../src/views/reply.js';
import type { JobRuntime, RunOptions } from './context.js';
import { instantOn, langOf, minutesOf, notifierFor } from './context.js';
import type { Job } from './deliver.js';
import { plannedJob } from './runner.js';
import { weekFigures, type WeekFigures } from './weekly-figures.js';

const MAX_LISTED = 20;

function change(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0';
}

function countFields<K extends string>(lang: Lang, keys: readonly K[], label: (k: K) => string, start: Record<K, number>, end: Record<K, number>): Field[] {
  return keys.map((k) => ({
    label: label(k),
    value: t(lang, 'jobs.weekly.count', { count: end[k], change: change(end[k] - start[k]) }),
  }));
}

export function weeklyReply(lang: Lang, f: WeekFigures, timeZone: string, people: Map<string, Person>): Reply {
  const range = { start: localDate(f.start, timeZone), end: localDate(new Date(f.end.getTime() - 1), timeZone) };
  const name = (id: string) => (id === POOL_OWNER ? t(lang, 'pool.owner') : people.get(id)?.name ?? id);
  const customer = (c: WeekFigures['created'][number]): ListItem => ({
    text: t(lang, 'jobs.weekly.customer', { name: c.name, code: c.code, owner: name(c.ownerId) }),
    actions: [{ label: t(lang, 'jobs.button.open'), action: { id: 'open', args: { code: c.code } } }],
  });
  const listed = (items: ListItem[]) => (items.length > MAX_LISTED
    ? { items: items.slice(0, MAX_LISTED), footer: t(lang, 'jobs.digest.more', { count: items.length - MAX_LISTED }) }
    : { items, footer: items.length === 0 ? t(lang, 'jobs.weekly.none') : undefined });

  const overdue = Object.entries(f.overdueByOwner).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const blocks: Block[] = [
    { type: 'heading', text: t(lang, 'jobs.weekly.heading', range) },
    { type: 'text', text: t(lang, 'jobs.weekly.byTier') },
    {
      type: 'fields',
      fields: [
        ...countFields(lang, TIERS, (k: Tier) => tierLabel(k, lang), f.tierAtStart, f.tierAtEnd),
        { label: t(lang, 'jobs.weekly.total'), value: t(lang, 'jobs.weekly.count', { count: f.totalAtEnd, change: change(f.totalAtEnd - f.totalAtStart) }) },
      ],
    },
    { type: 'text', text: t(lang, 'jobs.weekly.byStatus') },
    { type: 'fields', fields: countFields(lang, STATUSES, (k: Status) => statusLabel(k, lang), f.statusAtStart, f.statusAtEnd) },
    { type: 'text', text: t(lang, 'jobs.weekly.pool', { size: f.pool.size, in: f.pool.in, out: f.pool.out }) },
    { type: 'divider' },
    overdue.length === 0
      ? { type: 'text', text: t(lang, 'jobs.weekly.overdueNone'), tone: 'success' }
      : { type: 'list', title: t(lang, 'jobs.weekly.overdueTitle'), items: overdue.map(([owner, count]) => ({ text: t(lang, 'jobs.weekly.overdueItem', { owner: name(owner), count }) })) },
    { type: 'list', title: t(lang, 'jobs.weekly.newTitle', { count: f.created.length }), ...listed(f.created.map(customer)) },
    { type: 'list', title: t(lang, 'jobs.weekly.lostTitle', { count: f.lost.length }), ...listed(f.lost.map(customer)) },
  ];
  const summary = t(lang, 'jobs.weekly.summary', {
    ...range, total: f.totalAtEnd, change: change(f.totalAtEnd - f.totalAtStart), new: f.created.length, lost: f.lost.length,
  });
  return reply(lang, blocks, summary);
}

/** the weeks whose report is owed on this day: [Monday (the period), the day it became due] */
function owedWeeks(calendar: CalendarKind, today: string, minutes: number, digestAt: number, ignoreTime: boolean): [string, string][] {
  const monday = mondayOf(today);
  if (ignoreTime) return [[monday, workingDayFrom(calendar, monday)]];
  // A week's report is due on the first working day from its Monday, at the
  // digest time, and owed until the end of that day's week: a service down
  // that day sends it when it comes back (SPEC §4 catch-up), and a week with
  // no working day at all (Spring Festival) has its report on the first
  // working day after, beside that week's own. Never more than two.
  return [addYmd(monday, -7), monday]
    .map((m): [string, string] => [m, workingDayFrom(calendar, m)])
    .filter(([, due]) => mondayOf(due) === monday && (today > due || (today === due && minutes >= digestAt)));
}

export async function planWeeklyReport(rt: JobRuntime, tenantId: string, options: RunOptions): Promise<Job[]> {
  const now = options.now;
  const notifier = notifierFor(rt.notifiers, tenantId);
  if (!notifier) return [];
  const settings = await rt.store.settings.get(tenantId);
  const zone = settings.timeZone;
  const local = localTimeParts(now, zone);
  const today = formatYmd(local.year, local.month, local.day);
  const digestAt = minutesOf(settings.digestTime);
  const weeks = owedWeeks(calendarOf(settings), today, local.hour * 60 + local.minute, digestAt, options.ignoreTime === true);
  if (weeks.length === 0) return [];
  const all = await rt.store.people.list(tenantId);
  const byId = new Map(all.map((p) => [p.id, p]));
  const managers = all.filter((p) => p.role === 'manager');
  // a team without managers yet: its admins run it, so they get the report
  const team = managers.length > 0 ? managers : all.filter((p) => p.role === 'admin');

  return weeks.flatMap(([period, due]): Job[] => {
    // about the seven days before the period's Monday, under that Monday's period, so it goes once whichever day it goes
    const end = instantOn(period, 0, zone);
    const start = addLocalDays(end, -7, zone);
    // a late report is owed only to whom it was due on its day: a team that
    // installs the bot on Thursday is not sent a report about last week
    const reportAt = instantOn(due, digestAt, zone);
    const owed = (p: Person) => today === due || options.ignoreTime || p.createdAt.getTime() <= reportAt.getTime();
    // computed once for every recipient of the tenant, and only when one of them is still owed the report
    let figures: Promise<WeekFigures> | undefined;
    const figuresOnce = () => (figures ??= weekFigures(rt.store, tenantId, start, end, end));
    if (settings.reportChannel) {
      if (!all.some(owed)) return [];
      const lang = rt.config.defaultLang;
      return [{
        key: { tenantId, job: 'weekly-report', recipient: `channel:${settings.reportChannel}`, period },
        notifier,
        target: { channelId: settings.reportChannel },
        build: async () => weeklyReply(lang, await figuresOnce(), zone, byId),
      }];
    }
    return team.filter(owed).map((p): Job => ({
      key: { tenantId, job: 'weekly-report', recipient: p.id, period },
      notifier,
      target: { personId: p.id },
      build: async () => weeklyReply(langOf(p, rt), await figuresOnce(), zone, byId),
    }));
  });
}

export const runWeeklyReport = plannedJob('weekly-report', planWeeklyReport, 'weekly report failed for a tenant');
