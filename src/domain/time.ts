// Calendar arithmetic in an IANA time zone with nothing but Intl: instants are
// UTC, but "today", "due" and "N days overdue" are questions about the owner's
// wall calendar, which moves with DST and differs between owners.

export interface LocalTimeParts {
  year: number;
  /** 1–12 */
  month: number;
  /** 1–31 */
  day: number;
  /** 0–23 */
  hour: number;
  minute: number;
  second: number;
  /** 0 = Sunday … 6 = Saturday, like Date#getDay */
  weekday: number;
}

const MINUTE = 60_000;
const DAY = 86_400_000;
const WEEKDAYS: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };

// Building a DateTimeFormat is far slower than using one; the digest formats
// thousands of dates in a handful of zones.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(tz: string): boolean {
  if (typeof tz !== 'string' || tz.trim() === '') return false;
  try {
    formatterFor(tz);
    return true;
  } catch {
    return false;
  }
}

export function localTimeParts(at: Date, timeZone: string): LocalTimeParts {
  const parts: Partial<Record<Intl.DateTimeFormatPartTypes, string>> = {};
  for (const p of formatterFor(timeZone).formatToParts(at)) parts[p.type] = p.value;
  return {
    year: Number(parts.year),
    month: Number(parts.month),
    day: Number(parts.day),
    // some engines still print 24 for midnight despite h23
    hour: Number(parts.hour) % 24,
    minute: Number(parts.minute),
    second: Number(parts.second),
    weekday: WEEKDAYS[parts.weekday ?? ''] ?? 0,
  };
}

/** minutes the zone is ahead of UTC at that instant (Shanghai +480, New York −300/−240) */
export function timeZoneOffsetMinutes(at: Date, timeZone: string): number {
  const p = localTimeParts(at, timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  const whole = Math.floor(at.getTime() / 1000) * 1000;
  return Math.round((asUtc - whole) / MINUTE);
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** YYYYMMDD of an instant in the zone (customer codes, file names) */
export function localDay(at: Date, timeZone: string): string {
  const p = localTimeParts(at, timeZone);
  return `${pad(p.year, 4)}${pad(p.month)}${pad(p.day)}`;
}

/** YYYY-MM-DD of a calendar day */
export function formatYmd(year: number, month: number, day: number): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

export function localDate(at: Date, timeZone: string): string {
  const p = localTimeParts(at, timeZone);
  return formatYmd(p.year, p.month, p.day);
}

/**
 * The instant at which the given local wall-clock time happens in the zone.
 * Month/day overflow is normalised (day 32 → next month). A wall time that a
 * DST jump skips resolves to the first instant after the gap; one that happens
 * twice resolves to the earlier.
 */
export function zonedTimeToInstant(
  timeZone: string, year: number, month: number, day: number, hour = 0, minute = 0, second = 0,
): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  // The offset can only be one of those in force around that day; try each and
  // keep the earliest that reads back as the wanted wall time (repeated hour → earlier).
  const offsets = new Set([-12, 0, 12].map((h) => timeZoneOffsetMinutes(new Date(wall + h * 3_600_000), timeZone)));
  const valid = [...offsets]
    .map((o) => wall - o * MINUTE)
    .filter((t) => wallOf(new Date(t), timeZone) === wall)
    .sort((a, b) => a - b);
  if (valid[0] !== undefined) return new Date(valid[0]);
  // The wall time does not exist (spring-forward gap): first instant whose wall clock is past it.
  let lo = wall - 15 * 3_600_000;
  let hi = wall + 15 * 3_600_000;
  while (hi - lo > MINUTE) {
    const mid = lo + Math.floor((hi - lo) / 2 / MINUTE) * MINUTE;
    if (wallOf(new Date(mid), timeZone) >= wall) hi = mid;
    else lo = mid;
  }
  return new Date(hi);
}

function wallOf(at: Date, timeZone: string): number {
  const p = localTimeParts(at, timeZone);
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

export function startOfLocalDay(at: Date, timeZone: string): Date {
  const p = localTimeParts(at, timeZone);
  return zonedTimeToInstant(timeZone, p.year, p.month, p.day);
}

export function startOfNextLocalDay(at: Date, timeZone: string): Date {
  const p = localTimeParts(at, timeZone);
  return zonedTimeToInstant(timeZone, p.year, p.month, p.day + 1);
}

/** plain 24-hour multiples: right for instants such as "interaction + cadence" */
export function addDays(at: Date, days: number): Date {
  return new Date(at.getTime() + days * DAY);
}

/** n calendar days later in the zone, keeping the local wall-clock time (23 or 25 hours across DST) */
export function addLocalDays(day: Date, n: number, timeZone: string): Date {
  const p = localTimeParts(day, timeZone);
  return zonedTimeToInstant(timeZone, p.year, p.month, p.day + n, p.hour, p.minute, p.second);
}

/** calendar days from `from` to `to` as seen on the zone's wall calendar (to − from) */
export function daysBetweenLocal(from: Date, to: Date, timeZone: string): number {
  const a = localTimeParts(from, timeZone);
  const b = localTimeParts(to, timeZone);
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / DAY);
}

/** a real calendar date (handles leap years) */
export function isValidYmd(year: number, month: number, day: number): boolean {
  if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(day)) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  const d = new Date(0);
  d.setUTCFullYear(year, month, 0); // day 0 of the next month = last day of this one
  return day <= d.getUTCDate();
}
