// The working calendar's rules at its edges: National Day and Spring Festival
// 2026 with their make-up working days, the weeks and months they start late,
// and the year past the data.
import { describe, expect, it } from 'vitest';
import {
  addYmd, calendarOf, calendarStatus, CN_YEARS, defaultCalendar, fallsBack, firstWorkingDayOfMonth,
  firstWorkingDayOfWeek, isWorkingDay, mondayOf, nextWorkingDay, workingDayFrom,
} from '../../../src/domain/calendar.js';
import { LATEST_FIRST_WORKING_DAY } from '../../../jobs/monthly-review.js';

const days = (from: string, n: number) => Array.from({ length: n }, (_, i) => addYmd(from, i));
const working = (cal: 'cn' | 'weekdays' | 'none', from: string, n: number) => days(from, n).filter((d) => isWorkingDay(cal, d));

describe('cn: mainland China with its make-up working days', () => {
  it('National Day 2026: Oct 1–7 off, Sunday Sep 20 and Saturday Oct 10 worked', () => {
    expect(working('cn', '2026-09-19', 23)).toEqual([
      '2026-09-20', '2026-09-21', '2026-09-22', '2026-09-23', '2026-09-24', // Sunday 20th is a make-up day
      // 25–27: Mid-Autumn
      '2026-09-28', '2026-09-29', '2026-09-30',
      // Oct 1–7: National Day
      '2026-10-08', '2026-10-09', '2026-10-10', // Saturday 10th is a make-up day
    ]);
  });

  it('Spring Festival 2026: Feb 15–23 off, Saturdays Feb 14 and Feb 28 worked', () => {
    expect(working('cn', '2026-02-09', 22).filter((d) => d >= '2026-02-14')).toEqual([
      '2026-02-14', '2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28', '2026-03-02',
    ]);
    expect(nextWorkingDay('cn', '2026-02-14')).toBe('2026-02-24');
    expect(workingDayFrom('cn', '2026-02-14')).toBe('2026-02-14');
  });

  it('weeks and months start on their first working day; a week without one has none', () => {
    expect(mondayOf('2026-10-08')).toBe('2026-10-05');
    expect(firstWorkingDayOfWeek('cn', '2026-10-11')).toBe('2026-10-08');
    expect(firstWorkingDayOfWeek('cn', '2026-09-20')).toBe('2026-09-14');
    expect(firstWorkingDayOfWeek('cn', '2026-02-18')).toBeUndefined(); // Feb 16–22: all Spring Festival
    expect(firstWorkingDayOfWeek('weekdays', '2026-02-18')).toBe('2026-02-16');
    expect(firstWorkingDayOfMonth('cn', '2026-10-20')).toBe('2026-10-08');
    expect(firstWorkingDayOfMonth('cn', '2026-01-15')).toBe('2026-01-04'); // a make-up Sunday
    expect(firstWorkingDayOfMonth('weekdays', '2026-11-30')).toBe('2026-11-02');
    expect(firstWorkingDayOfMonth('none', '2026-11-30')).toBe('2026-11-01');
  });

  it('no month of the data starts working later than the monthly review assumes', () => {
    for (let y = CN_YEARS.first; y <= CN_YEARS.last; y += 1) {
      for (let m = 1; m <= 12; m += 1) {
        const first = firstWorkingDayOfMonth('cn', `${y}-${String(m).padStart(2, '0')}-01`);
        expect(Number(first.slice(8)), first).toBeLessThanOrEqual(LATEST_FIRST_WORKING_DAY);
      }
    }
  });
});

describe('past the data', () => {
  it('reads cn as weekdays after the last year it covers, and says so', () => {
    expect(CN_YEARS.last).toBeGreaterThanOrEqual(2026);
    const after = `${CN_YEARS.last + 1}-01-01`;
    expect(fallsBack('cn', after)).toBe(true);
    expect(fallsBack('cn', `${CN_YEARS.last}-12-31`)).toBe(false);
    expect(days(after, 14).map((d) => isWorkingDay('cn', d))).toEqual(days(after, 14).map((d) => isWorkingDay('weekdays', d)));
    expect(calendarStatus(after)).toMatchObject({ cnFallback: true });
    expect(calendarStatus(`${CN_YEARS.last}-12-01`)).toEqual({ cnYears: `${CN_YEARS.first}–${CN_YEARS.last}`, cnFallback: false, cnNextYear: false });
    expect(calendarStatus(`${CN_YEARS.last - 1}-06-01`).cnNextYear).toBe(true);
  });
});

describe('weekdays, none and the default', () => {
  it('weekdays is Monday to Friday; none is every day', () => {
    expect(working('weekdays', '2026-10-01', 7)).toEqual(['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07']);
    expect(working('none', '2026-10-01', 7)).toHaveLength(7);
    expect(nextWorkingDay('weekdays', '2026-10-02')).toBe('2026-10-05');
  });

  it('is cn for a mainland China zone unless the tenant chose, else weekdays', () => {
    for (const z of ['Asia/Shanghai', 'Asia/Chongqing', 'Asia/Harbin', 'Asia/Urumqi', 'PRC']) expect(defaultCalendar(z)).toBe('cn');
    for (const z of ['Asia/Hong_Kong', 'Asia/Taipei', 'America/New_York', 'UTC']) expect(defaultCalendar(z)).toBe('weekdays');
    expect(calendarOf({ timeZone: 'Asia/Shanghai' })).toBe('cn');
    expect(calendarOf({ timeZone: 'Asia/Shanghai', calendar: 'none' })).toBe('none');
  });
});
