import { describe, expect, it } from 'vitest';
import {
  addDays, addLocalDays, daysBetweenLocal, isValidTimeZone, isValidYmd, localDate, localDay,
  localTimeParts, startOfLocalDay, startOfNextLocalDay, timeZoneOffsetMinutes, zonedTimeToInstant,
} from '../../../src/domain/time.js';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const d = (iso: string): Date => new Date(iso);

describe('local day around midnight', () => {
  it.each([
    // 2026-11-22 16:30Z = 00:30 Monday 23rd in Shanghai, 11:30 Sunday 22nd in New York
    ['2026-11-22T16:30:00Z', SH, '20261123', '2026-11-23'],
    ['2026-11-22T16:30:00Z', NY, '20261122', '2026-11-22'],
    ['2026-11-22T15:59:59Z', SH, '20261122', '2026-11-22'],
    // 04:30Z on the 23rd is still 23:30 on the 22nd in New York (UTC−5 in November)
    ['2026-11-23T04:30:00Z', NY, '20261122', '2026-11-22'],
    ['2026-11-23T05:00:00Z', NY, '20261123', '2026-11-23'],
    ['2025-12-31T16:00:00Z', SH, '20260101', '2026-01-01'],
  ])('%s in %s is %s', (iso, tz, day, date) => {
    expect(localDay(d(iso), tz)).toBe(day);
    expect(localDate(d(iso), tz)).toBe(date);
  });
});

describe('startOfLocalDay / startOfNextLocalDay', () => {
  it.each([
    ['2026-11-23T02:00:00Z', SH, '2026-11-22T16:00:00.000Z', '2026-11-23T16:00:00.000Z'],
    ['2026-11-23T02:00:00Z', NY, '2026-11-22T05:00:00.000Z', '2026-11-23T05:00:00.000Z'],
    // DST starts in New York on 2026-03-08 at 02:00: the day is 23 hours long
    ['2026-03-08T12:00:00Z', NY, '2026-03-08T05:00:00.000Z', '2026-03-09T04:00:00.000Z'],
    // DST ends on 2026-11-01: 25 hours
    ['2026-11-01T12:00:00Z', NY, '2026-11-01T04:00:00.000Z', '2026-11-02T05:00:00.000Z'],
    // Santiago skips midnight itself (00:00 → 01:00 on 2026-09-06): the day starts at 01:00 local
    ['2026-09-06T15:00:00Z', 'America/Santiago', '2026-09-06T04:00:00.000Z', '2026-09-07T03:00:00.000Z'],
  ])('%s in %s', (iso, tz, start, next) => {
    expect(startOfLocalDay(d(iso), tz).toISOString()).toBe(start);
    expect(startOfNextLocalDay(d(iso), tz).toISOString()).toBe(next);
  });

  it('the start of the day is in that day and a millisecond earlier is not', () => {
    for (const tz of [SH, NY, 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kathmandu']) {
      for (const iso of ['2026-03-08T12:00:00Z', '2026-09-06T15:00:00Z', '2026-10-04T12:00:00Z', '2026-11-01T12:00:00Z']) {
        const start = startOfLocalDay(d(iso), tz);
        expect(localDay(start, tz)).toBe(localDay(d(iso), tz));
        expect(localDay(new Date(start.getTime() - 1), tz)).not.toBe(localDay(d(iso), tz));
      }
    }
  });
});

describe('zonedTimeToInstant', () => {
  it('reads wall times, normalising overflow', () => {
    expect(zonedTimeToInstant(SH, 2026, 12, 1).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(zonedTimeToInstant(SH, 2026, 11, 31).toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(zonedTimeToInstant(NY, 2026, 7, 1, 9, 0).toISOString()).toBe('2026-07-01T13:00:00.000Z');
  });
  it('a skipped wall time resolves after the gap, a repeated one to the earlier', () => {
    expect(zonedTimeToInstant(NY, 2026, 3, 8, 2, 30).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(zonedTimeToInstant(NY, 2026, 11, 1, 1, 30).toISOString()).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('localTimeParts and offsets', () => {
  it('gives wall-clock parts with weekday 0 = Sunday', () => {
    expect(localTimeParts(d('2026-11-23T01:05:09Z'), SH)).toEqual({ year: 2026, month: 11, day: 23, hour: 9, minute: 5, second: 9, weekday: 1 });
    expect(localTimeParts(d('2026-11-23T01:05:09Z'), NY)).toEqual({ year: 2026, month: 11, day: 22, hour: 20, minute: 5, second: 9, weekday: 0 });
    expect(localTimeParts(d('2026-11-22T16:00:00Z'), SH).hour).toBe(0);
  });
  it('knows offsets including DST and half hours', () => {
    expect(timeZoneOffsetMinutes(d('2026-01-15T00:00:00Z'), SH)).toBe(480);
    expect(timeZoneOffsetMinutes(d('2026-01-15T00:00:00Z'), NY)).toBe(-300);
    expect(timeZoneOffsetMinutes(d('2026-07-15T00:00:00Z'), NY)).toBe(-240);
    expect(timeZoneOffsetMinutes(d('2026-07-15T00:00:00Z'), 'Asia/Kolkata')).toBe(330);
  });
});

describe('day arithmetic', () => {
  it('addDays adds 24-hour multiples', () => {
    expect(addDays(d('2026-03-07T17:00:00Z'), 1).toISOString()).toBe('2026-03-08T17:00:00.000Z');
    expect(addDays(d('2026-03-07T17:00:00Z'), -7).toISOString()).toBe('2026-02-28T17:00:00.000Z');
  });
  it('addLocalDays keeps the wall clock across DST', () => {
    // 12:00 in New York on the 7th (UTC−5) → 12:00 on the 8th (UTC−4)
    expect(addLocalDays(d('2026-03-07T17:00:00Z'), 1, NY).toISOString()).toBe('2026-03-08T16:00:00.000Z');
    expect(addLocalDays(d('2026-01-31T02:00:00Z'), 1, SH).toISOString()).toBe('2026-02-01T02:00:00.000Z');
  });
  it.each([
    ['2026-11-22T15:00:00Z', '2026-11-22T17:00:00Z', SH, 1], // 23:00 → 01:00 next day
    ['2026-11-22T15:00:00Z', '2026-11-22T17:00:00Z', NY, 0],
    ['2026-11-20T12:00:00Z', '2026-11-23T04:59:00Z', NY, 2],
    ['2026-11-23T12:00:00Z', '2026-11-20T12:00:00Z', SH, -3],
    ['2026-03-01T12:00:00Z', '2026-04-01T12:00:00Z', NY, 31],
  ])('daysBetweenLocal(%s, %s, %s) = %i', (a, b, tz, n) => {
    expect(daysBetweenLocal(d(a), d(b), tz)).toBe(n);
  });
});

describe('validation', () => {
  it.each([[SH, true], [NY, true], ['UTC', true], ['Mars/Olympus', false], ['', false], ['not a zone', false]])(
    'isValidTimeZone(%s) = %s', (tz, ok) => expect(isValidTimeZone(tz)).toBe(ok));
  it.each([[2024, 2, 29, true], [2023, 2, 29, false], [1900, 2, 29, false], [2000, 2, 29, true], [2026, 13, 1, false], [2026, 4, 31, false], [2026, 0, 1, false]])(
    'isValidYmd(%i, %i, %i) = %s', (y, m, day, ok) => expect(isValidYmd(y, m, day)).toBe(ok));
});
