// Dates as spreadsheets write them: 2026/11/3, 2026-11-03, 2026.11.3,
// 2026年11月3日, optionally followed by a time (Excel adds " 0:00"). These are
// formats, not natural language, so a strict table beats a guessing parser:
// "3/11/2026" is refused rather than read as March or November.
import { formatYmd, isValidYmd, localDate, zonedTimeToInstant } from '../domain/time.js';

export interface SheetDate {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** true when the cell carried a time of day */
  hasTime: boolean;
}

const DATE_FORMS = [
  /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{2})(?::\d{2}(?:\.\d+)?)?)?$/,
  /^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?(?:\s*(\d{1,2})[:：](\d{2})(?:[:：]\d{2})?)?$/,
];

/** Excel's day numbers of 1970–2099: a date cell that lost its format reads 45422 */
const SERIAL = /^(\d{5})(\.\d+)?$/u;
const SERIAL_MIN = 25_569;
const SERIAL_MAX = 73_050;

/** Excel's serial day number (1900 system, day 0 = 1899-12-30) as a sheet date */
export function serialToSheetDate(serial: number): SheetDate | undefined {
  if (!(serial >= SERIAL_MIN && serial <= SERIAL_MAX + 1)) return undefined;
  const minutes = Math.round(serial * 1440);
  const d = new Date(Date.UTC(1899, 11, 30) + minutes * 60_000);
  const [hour, minute] = [d.getUTCHours(), d.getUTCMinutes()];
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour, minute, hasTime: hour > 0 || minute > 0 };
}

export function parseSheetDate(text: string): SheetDate | undefined {
  const s = text.normalize('NFKC').trim();
  if (SERIAL.test(s)) return serialToSheetDate(Number(s));
  for (const form of DATE_FORMS) {
    const m = form.exec(s);
    if (!m) continue;
    const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const hasTime = m[4] !== undefined;
    const hour = hasTime ? Number(m[4]) : 0;
    const minute = hasTime ? Number(m[5]) : 0;
    if (hour > 23 || minute > 59) return undefined;
    // a real calendar day: 2026-02-30 is a typo, not March 2nd
    if (!isValidYmd(year, month, day)) return undefined;
    return { year, month, day, hour, minute, hasTime };
  }
  return undefined;
}

/** the instant at which the tenant's wall clock shows the cell's date (and time, else 00:00) */
export function instantOf(date: SheetDate, timeZone: string): Date {
  return zonedTimeToInstant(timeZone, date.year, date.month, date.day, date.hour, date.minute);
}

export function sheetDateDay(date: SheetDate): string {
  return formatYmd(date.year, date.month, date.day);
}

const MEMO_LIMIT = 100_000;

/**
 * One import's calendar in the tenant's zone. Intl is slow per call and a
 * table repeats the same few hundred days thousands of times, so answers are
 * remembered (bounded) for the length of one import.
 */
export class SheetCalendar {
  readonly today: string;
  private readonly days = new Map<number, string>();
  private readonly instants = new Map<string, Date>();

  constructor(readonly timeZone: string, now: Date) {
    this.today = localDate(now, timeZone);
  }

  /** YYYY-MM-DD of an instant in the zone */
  dayOf(at: Date): string {
    const key = at.getTime();
    let day = this.days.get(key);
    if (day === undefined) {
      if (this.days.size >= MEMO_LIMIT) this.days.clear();
      day = localDate(at, this.timeZone);
      this.days.set(key, day);
    }
    return day;
  }

  instantOf(date: SheetDate): Date {
    const key = `${sheetDateDay(date)} ${date.hour}:${date.minute}`;
    let at = this.instants.get(key);
    if (at === undefined) {
      if (this.instants.size >= MEMO_LIMIT) this.instants.clear();
      at = instantOf(date, this.timeZone);
      this.instants.set(key, at);
    }
    return new Date(at.getTime());
  }
}
