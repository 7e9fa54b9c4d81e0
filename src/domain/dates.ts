// Natural dates for "--next": chrono-node does the reading; we only decide
// which calendar it reads against (the user's zone) and which day is meant.
import * as chrono from 'chrono-node';
import type { Lang } from './types.js';
import { localTimeParts, zonedTimeToInstant, localDate } from './time.js';

export interface NaturalDateOptions {
  now: Date;
  timeZone: string;
  lang?: Lang;
}

// chrono's Chinese parsers ignore the reference time zone (2.10.3) and read
// the reference in the process's own zone, while the English ones honour it.
// So both get the same thing: a reference Date whose process-local fields
// equal the user's wall clock; the answer's year/month/day are then the
// user's calendar day whatever zone the server runs in.
function wallClockReference(now: Date, timeZone: string): Date {
  const p = localTimeParts(now, timeZone);
  return new Date(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

// chrono's zh locale does not know some relative phrases, and counts weeks
// from Sunday, while Chinese weeks start on Monday (下周日 said on a Monday is
// 13 days away, not 6). Its English "next <weekday>" means exactly "that day
// of the Monday-started next week", so these are rewritten word for word into
// English before chrono reads them (no date arithmetic here).
const ZH_NUMBERS: Record<string, number> = { 一: 1, 两: 2, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9, 十: 10 };
const ZH_WEEKDAYS: Record<string, string> = {
  一: 'monday', 二: 'tuesday', 三: 'wednesday', 四: 'thursday', 五: 'friday', 六: 'saturday', 日: 'sunday', 天: 'sunday',
};
const ZH_REWRITES: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^下(?:个)?(?:周|星期|礼拜)([一二三四五六日天])(?:前|之前|以前)?$/, (m) => `next ${ZH_WEEKDAYS[m[1] ?? ''] ?? 'NaN'}`],
  [/^下下(?:个)?(?:周|星期|礼拜)$/, () => 'in 2 weeks'],
  [/^下(?:个)?(?:周|星期|礼拜)$/, () => 'next week'],
  [/^下下个?月$/, () => 'in 2 months'],
  [/^下个?月$/, () => 'next month'],
  [/^明年$/, () => 'next year'],
  [/^(\d+|[一两二三四五六七八九十])\s*(?:个)?(?:周|星期|礼拜)(?:后|以后|之后)$/, (m) => `in ${zhNumber(m[1])} weeks`],
  [/^(\d+|[一两二三四五六七八九十])\s*个月(?:后|以后|之后)$/, (m) => `in ${zhNumber(m[1])} months`],
  [/^(\d+|[一两二三四五六七八九十])\s*(?:天|日)(?:后|以后|之后)$/, (m) => `in ${zhNumber(m[1])} days`],
];

function zhNumber(s: string | undefined): number {
  if (!s) return NaN;
  return /^\d+$/.test(s) ? Number(s) : (ZH_NUMBERS[s] ?? NaN);
}

// Words that may surround a date without changing it ("on friday", "周五前").
const FILLER = /^(?:on|by|at|the|before|until|till|due|next:?|around|之前|以前|前|左右|的|再|号前)$/i;

function covers(text: string, matched: string): boolean {
  const rest = text.replace(matched, ' ').trim();
  if (rest === '') return true;
  return rest.split(/[\s,，。.]+/u).filter(Boolean).every((w) => FILLER.test(w));
}

function firstDay(parser: chrono.Chrono, text: string, ref: Date): { y: number; m: number; d: number } | null {
  const [result] = parser.parse(text, ref, { forwardDate: true });
  if (!result || !covers(text, result.text)) return null;
  const y = result.start.get('year');
  const m = result.start.get('month');
  const d = result.start.get('day');
  return y && m && d ? { y, m, d } : null;
}

function rewrittenZh(input: string, ref: Date): { y: number; m: number; d: number } | null {
  const compact = input.replace(/\s+/g, '');
  for (const [pattern, rewrite] of ZH_REWRITES) {
    const m = compact.match(pattern);
    if (!m) continue;
    const english = rewrite(m);
    return english.includes('NaN') ? null : firstDay(chrono.en.casual, english, ref);
  }
  return null;
}

/**
 * The start (00:00 local) of the day the text means, in the user's zone, or
 * null when it is not a date. Dates without a year are taken forward
 * ("dec 1" in late December means next year's); an explicit past date stays
 * past so the caller can say so.
 */
export function parseNaturalDate(text: string, opts: NaturalDateOptions): Date | null {
  const input = text.normalize('NFKC').trim();
  if (input === '') return null;
  const ref = wallClockReference(opts.now, opts.timeZone);
  const han = /\p{Script=Han}/u.test(input);
  let day = han ? rewrittenZh(input, ref) : null;
  if (!day) day = han ? firstDay(chrono.zh.hans.casual, input, ref) : firstDay(chrono.en.casual, input, ref);
  // Also try the other locale: "12月1日" in an English chat, "tomorrow" typed by a zh user.
  if (!day) day = han ? firstDay(chrono.en.casual, input, ref) : firstDay(chrono.zh.hans.casual, input, ref);
  if (!day) return null;
  return zonedTimeToInstant(opts.timeZone, day.y, day.m, day.d);
}

const WEEKDAY_EN = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const WEEKDAY_ZH = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

/** '2026-12-01 (Tue)' / '2026-12-01（周二）' */
export function formatLocalDate(at: Date, timeZone: string, lang: Lang): string {
  const weekday = localTimeParts(at, timeZone).weekday;
  const date = localDate(at, timeZone);
  return lang === 'zh' ? `${date}（${WEEKDAY_ZH[weekday]}）` : `${date} (${WEEKDAY_EN[weekday]})`;
}
