// Working days (SPEC §8). `cn` is mainland China's official calendar with its
// make-up working days (调休): a Saturday can be a working day and a
// Wednesday a holiday. The data comes from the `chinese-days` package, which
// is rebuilt each year once the State Council publishes the next year's
// arrangement (usually in November): keeping it current is a package update.
// Past the last year it covers, `cn` reads as `weekdays` (calendarStatus says
// so, for the log and /healthz). Pure: days are YYYY-MM-DD strings, no clock.
import cnData from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { CalendarKind, TenantSettings } from './types.js';

const DAY = 86_400_000;

const CN: { holidays: Record<string, string>; workdays: Record<string, string> } = cnData;
const years = Object.keys(CN.holidays).map((d) => Number(d.slice(0, 4)));
/** the years the `cn` data covers */
export const CN_YEARS = { first: Math.min(...years), last: Math.max(...years) } as const;

// mainland China's zones (the IANA names and their old aliases); Hong Kong,
// Macau and Taipei have calendars of their own and are not `cn`
const CN_ZONES = new Set(['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Chungking', 'Asia/Harbin', 'Asia/Urumqi', 'Asia/Kashgar', 'PRC']);

export function defaultCalendar(timeZone: string): CalendarKind {
  return CN_ZONES.has(timeZone) ? 'cn' : 'weekdays';
}

/** the tenant's calendar: the one its admins chose, else the default for its zone */
export function calendarOf(settings: Pick<TenantSettings, 'calendar' | 'timeZone'>): CalendarKind {
  return settings.calendar ?? defaultCalendar(settings.timeZone);
}

function toUtc(ymd: string): number {
  return Date.UTC(Number(ymd.slice(0, 4)), Number(ymd.slice(5, 7)) - 1, Number(ymd.slice(8, 10)));
}

function fromUtc(t: number): string {
  return new Date(t).toISOString().slice(0, 10);
}

/** YYYY-MM-DD n calendar days later (or earlier) */
export function addYmd(ymd: string, n: number): string {
  return fromUtc(toUtc(ymd) + n * DAY);
}

/** calendar days from a to b (b − a) */
export function daysBetweenYmd(a: string, b: string): number {
  return Math.round((toUtc(b) - toUtc(a)) / DAY);
}

/** 0 = Sunday … 6 = Saturday */
export function weekdayOfYmd(ymd: string): number {
  return new Date(toUtc(ymd)).getUTCDay();
}

/** `cn` on a day past its data: read as `weekdays` */
export function fallsBack(calendar: CalendarKind, ymd: string): boolean {
  return calendar === 'cn' && Number(ymd.slice(0, 4)) > CN_YEARS.last;
}

export function isWorkingDay(calendar: CalendarKind, ymd: string): boolean {
  if (calendar === 'none') return true;
  const weekday = weekdayOfYmd(ymd);
  const weekend = weekday === 0 || weekday === 6;
  if (calendar === 'weekdays' || fallsBack(calendar, ymd)) return !weekend;
  if (CN.workdays[ymd] !== undefined) return true;
  if (CN.holidays[ymd] !== undefined) return false;
  return !weekend;
}

// the longest run of days off in the cn data is 9 (Spring Festival); a year is plenty
const SEARCH_DAYS = 366;

/** the first working day on or after the day */
export function workingDayFrom(calendar: CalendarKind, ymd: string): string {
  for (let i = 0; i < SEARCH_DAYS; i += 1) {
    const day = addYmd(ymd, i);
    if (isWorkingDay(calendar, day)) return day;
  }
  return ymd;
}

/** the first working day after the day */
export function nextWorkingDay(calendar: CalendarKind, ymd: string): string {
  return workingDayFrom(calendar, addYmd(ymd, 1));
}

/** the Monday of the day's week (weeks run Monday to Sunday) */
export function mondayOf(ymd: string): string {
  return addYmd(ymd, -((weekdayOfYmd(ymd) + 6) % 7));
}

/** the first working day of the day's week (Monday–Sunday); undefined for a week without one (Spring Festival) */
export function firstWorkingDayOfWeek(calendar: CalendarKind, ymd: string): string | undefined {
  const monday = mondayOf(ymd);
  const first = workingDayFrom(calendar, monday);
  return daysBetweenYmd(monday, first) < 7 ? first : undefined;
}

/** the first working day of the day's month */
export function firstWorkingDayOfMonth(calendar: CalendarKind, ymd: string): string {
  return workingDayFrom(calendar, `${ymd.slice(0, 7)}-01`);
}

export interface CalendarStatus {
  /** the years the `cn` data covers, e.g. "2004–2026" */
  cnYears: string;
  /** today is past the data: `cn` tenants run on `weekdays` */
  cnFallback: boolean;
  /** next year's arrangement is in the data (false in December: update the package) */
  cnNextYear: boolean;
}

/** how current the `cn` data is on a day: for /healthz and the one warning in the log */
export function calendarStatus(today: string): CalendarStatus {
  const year = Number(today.slice(0, 4));
  return { cnYears: `${CN_YEARS.first}–${CN_YEARS.last}`, cnFallback: year > CN_YEARS.last, cnNextYear: year + 1 <= CN_YEARS.last };
}
