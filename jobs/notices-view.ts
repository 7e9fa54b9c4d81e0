// The owner notice as a neutral Reply: one line per customer for one hour,
// each with an Open button. Pure: the job groups the audit entries, this lays
// them out in the recipient's language and zone.
import { localDate, localTimeParts } from '../src/domain/time.js';
import type { Lang } from '../src/domain/types.js';
import { t } from '../src/i18n/index.js';
import type { ListItem, Reply } from '../src/views/model.js';
import { button, reply } from '../src/views/reply.js';

/** Slack allows 50 blocks a message: the rest is counted, not listed */
export const MAX_NOTICE_LINES = 20;

const HOUR = 3_600_000;

export type NoticeEvent =
  | { kind: 'logged'; actorId: string }
  | { kind: 'assigned-to'; actorId: string }
  | { kind: 'assigned-from'; actorId: string; toId: string };

export interface NoticeLine {
  code: string;
  name: string;
  /** what happened to this customer in the hour, oldest first */
  events: NoticeEvent[];
}

export interface NoticeInput {
  lang: Lang;
  timeZone: string;
  hourStart: Date;
  /** the end of the last hour covered (several hours held for the quiet hours); default one hour on */
  hourEnd?: Date;
  lines: NoticeLine[];
  nameOf(personId: string): string;
}

const pad = (n: number) => String(n).padStart(2, '0');

function clock(at: Date, timeZone: string): string {
  const p = localTimeParts(at, timeZone);
  return `${pad(p.hour)}:${pad(p.minute)}`;
}

/** one sentence per distinct happening; follow-ups by several people share one */
export function lineText(lang: Lang, line: NoticeLine, nameOf: (id: string) => string): string {
  const { code, name } = line;
  const loggers = [...new Set(line.events.filter((e) => e.kind === 'logged').map((e) => nameOf(e.actorId)))];
  const sentences: string[] = [];
  for (const e of line.events) {
    let s: string;
    if (e.kind === 'logged') s = t(lang, 'jobs.notices.logged', { actor: loggers.join(t(lang, 'jobs.notices.and')), code, name });
    else if (e.kind === 'assigned-to') s = t(lang, 'jobs.notices.assignedToYou', { actor: nameOf(e.actorId), code, name });
    else s = t(lang, 'jobs.notices.assignedFromYou', { actor: nameOf(e.actorId), to: nameOf(e.toId), code, name });
    if (!sentences.includes(s)) sentences.push(s);
  }
  return sentences.join('; ');
}

export function noticeReply(input: NoticeInput): Reply | null {
  const { lang, timeZone, hourStart, lines } = input;
  if (lines.length === 0) return null;
  const items: ListItem[] = lines.slice(0, MAX_NOTICE_LINES).map((line) => ({
    text: lineText(lang, line, input.nameOf),
    actions: [button(t(lang, 'jobs.button.open'), 'open', { code: line.code })],
  }));
  const more = lines.length - items.length;
  const hourEnd = input.hourEnd ?? new Date(hourStart.getTime() + HOUR);
  // the end is an exclusive bound: a span ending at midnight is still the start's day
  const sameDay = localDate(hourStart, timeZone) === localDate(new Date(hourEnd.getTime() - 1), timeZone);
  const heading = sameDay
    ? t(lang, 'jobs.notices.heading', { date: localDate(hourStart, timeZone), start: clock(hourStart, timeZone), end: clock(hourEnd, timeZone) })
    : t(lang, 'jobs.notices.headingSpan', {
      from: `${localDate(hourStart, timeZone)} ${clock(hourStart, timeZone)}`,
      to: `${localDate(hourEnd, timeZone)} ${clock(hourEnd, timeZone)}`,
    });
  // the platform's preview shows the one line itself when there is just one
  const summary = lines.length === 1 ? items[0]!.text : t(lang, 'jobs.notices.summary', { count: lines.length });
  return reply(lang, [
    { type: 'heading', text: heading },
    { type: 'list', items, footer: more > 0 ? t(lang, 'jobs.notices.more', { count: more }) : undefined },
  ], summary);
}
