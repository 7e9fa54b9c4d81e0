// Quiet hours (SPEC §8): a tenant's window of the day, in each recipient's own
// zone, when no direct message is sent. '21:00-08:00' crosses midnight;
// 'off' means none. Pure: the notices job asks when a held message may go.
import { localTimeParts, zonedTimeToInstant } from './time.js';

export interface QuietWindow {
  /** minutes since local midnight; start inclusive, end exclusive */
  start: number;
  end: number;
}

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const OFF = ['off', 'none', '关', '关闭', '无'];

/** minutes since midnight of a HH:MM, or null */
export function minutesOfDay(hhmm: string): number | null {
  const m = HHMM.exec(hhmm.trim());
  return m ? Number(m[1]) * 60 + Number(m[2]) : null;
}

/**
 * 'HH:MM-HH:MM' (also with – or ~, or full-width digits) → the canonical
 * '21:00-08:00'; 'off' → 'off'; anything else, or an empty window, → null.
 */
export function normalizeQuietHours(text: string): string | null {
  const s = text.normalize('NFKC').trim().toLowerCase();
  if (OFF.includes(s)) return 'off';
  const m = /^(\d{1,2}:\d{2})\s*[-–~至到]\s*(\d{1,2}:\d{2})$/u.exec(s);
  if (!m) return null;
  const [a, b] = [m[1]!.padStart(5, '0'), m[2]!.padStart(5, '0')];
  const start = minutesOfDay(a);
  const end = minutesOfDay(b);
  if (start === null || end === null || start === end) return null;
  return `${a}-${b}`;
}

/** the window of a stored setting; null when off (or unreadable: better a message than silence) */
export function quietWindowOf(setting: string | undefined): QuietWindow | null {
  const norm = setting === undefined ? null : normalizeQuietHours(setting);
  if (!norm || norm === 'off') return null;
  const [a, b] = norm.split('-') as [string, string];
  return { start: minutesOfDay(a)!, end: minutesOfDay(b)! };
}

/** is this minute of the day inside the window? */
export function isQuietMinute(minute: number, w: QuietWindow | null): boolean {
  if (!w) return false;
  return w.start < w.end ? minute >= w.start && minute < w.end : minute >= w.start || minute < w.end;
}

/**
 * The first instant at or after `at` that is outside the quiet window in the
 * zone: `at` itself when it is not quiet. A window crossing midnight ends on
 * the next local day when `at` is before midnight.
 */
export function quietEndAfter(at: Date, w: QuietWindow | null, timeZone: string): Date {
  if (!w) return at;
  const p = localTimeParts(at, timeZone);
  const minute = p.hour * 60 + p.minute;
  if (!isQuietMinute(minute, w)) return at;
  const nextDay = w.start > w.end && minute >= w.start ? 1 : 0;
  return zonedTimeToInstant(timeZone, p.year, p.month, p.day + nextDay, Math.floor(w.end / 60), w.end % 60);
}

/** '21:00–08:00' as people read it, or 'off' */
export function quietText(setting: string | undefined): string {
  const norm = setting === undefined ? null : normalizeQuietHours(setting);
  return !norm || norm === 'off' ? 'off' : norm.replace('-', '–');
}
