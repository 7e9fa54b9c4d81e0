import { describe, expect, it } from 'vitest';
import { formatLocalDate, parseNaturalDate } from '../../../src/domain/dates.js';
import { localDate, startOfLocalDay } from '../../../src/domain/time.js';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
// Monday 2026-11-23 10:00 in Shanghai; Sunday 2026-11-22 21:00 in New York
const now = new Date('2026-11-23T02:00:00Z');

function day(text: string, timeZone: string, at = now): string | null {
  const parsed = parseNaturalDate(text, { now: at, timeZone });
  if (!parsed) return null;
  // always the start of a local day, in the user's zone
  expect(parsed.getTime()).toBe(startOfLocalDay(parsed, timeZone).getTime());
  return localDate(parsed, timeZone);
}

describe('parseNaturalDate in Shanghai (Monday 10:00)', () => {
  it.each([
    ['2026-12-01', '2026-12-01'],
    ['2026/12/1', '2026-12-01'],
    ['12月1日', '2026-12-01'],
    ['12月1号', '2026-12-01'],
    ['2026年12月1日', '2026-12-01'],
    ['下周二', '2026-12-01'],
    ['下星期二', '2026-12-01'],
    ['下周日', '2026-12-06'], // Chinese weeks start on Monday
    ['明天', '2026-11-24'],
    ['后天', '2026-11-25'],
    ['大后天', '2026-11-26'],
    ['3天后', '2026-11-26'],
    ['三天后', '2026-11-26'],
    ['两周后', '2026-12-07'],
    ['下周', '2026-11-30'],
    ['下个月', '2026-12-23'],
    ['今天', '2026-11-23'],
    ['周五', '2026-11-27'],
    ['下周二前', '2026-12-01'],
    ['next tuesday', '2026-12-01'],
    ['Next Tuesday', '2026-12-01'],
    ['tomorrow', '2026-11-24'],
    ['in 3 days', '2026-11-26'],
    ['dec 1', '2026-12-01'],
    ['December 1st', '2026-12-01'],
    ['by friday', '2026-11-27'],
    ['next month', '2026-12-23'],
    ['2025-01-01', '2025-01-01'], // an explicit past date stays past for the caller to refuse
  ])('%s → %s', (text, expected) => expect(day(text, SH)).toBe(expected));
});

describe('parseNaturalDate in New York (Sunday 21:00 — already Monday in Shanghai)', () => {
  it.each([
    ['tomorrow', '2026-11-23'],
    ['明天', '2026-11-23'],
    ['today', '2026-11-22'],
    ['今天', '2026-11-22'],
    ['in 3 days', '2026-11-25'],
    ['3天后', '2026-11-25'],
    ['next tuesday', '2026-11-24'],
    ['下周二', '2026-11-24'], // Sunday ends the Chinese week: next week's Tuesday is in two days
    ['2026-12-01', '2026-12-01'],
    ['12月1日', '2026-12-01'],
    ['dec 1', '2026-12-01'],
  ])('%s → %s', (text, expected) => expect(day(text, NY)).toBe(expected));

  it('returns the instant of local midnight in New York', () => {
    expect(parseNaturalDate('2026-12-01', { now, timeZone: NY })?.toISOString()).toBe('2026-12-01T05:00:00.000Z');
    expect(parseNaturalDate('2026-12-01', { now, timeZone: SH })?.toISOString()).toBe('2026-11-30T16:00:00.000Z');
  });
  it('midnight across DST (2026-03-08 starts at 05:00Z, the 9th at 04:00Z)', () => {
    const before = new Date('2026-03-07T20:00:00Z');
    expect(parseNaturalDate('tomorrow', { now: before, timeZone: NY })?.toISOString()).toBe('2026-03-08T05:00:00.000Z');
    expect(parseNaturalDate('后天', { now: before, timeZone: NY })?.toISOString()).toBe('2026-03-09T04:00:00.000Z');
  });
});

describe('dates without a year go forward', () => {
  it('"dec 1" said on 5 December means next year', () => {
    const late = new Date('2026-12-05T02:00:00Z');
    expect(day('dec 1', SH, late)).toBe('2027-12-01');
    expect(day('12月1日', SH, late)).toBe('2027-12-01');
  });
});

describe('not a date', () => {
  it.each(['garbage', '', '   ', 'asap', '请尽快', 'call about dec 1 renewal', '12000'])('%s → null', (text) => {
    expect(parseNaturalDate(text, { now, timeZone: SH })).toBeNull();
  });
});

describe('formatLocalDate', () => {
  it.each([
    ['2026-11-30T16:00:00Z', SH, 'en', '2026-12-01 (Tue)'],
    ['2026-11-30T16:00:00Z', SH, 'zh', '2026-12-01（周二）'],
    ['2026-11-30T16:00:00Z', NY, 'en', '2026-11-30 (Mon)'],
    ['2026-11-22T20:00:00Z', SH, 'zh', '2026-11-23（周一）'],
    ['2026-11-22T20:00:00Z', NY, 'zh', '2026-11-22（周日）'],
  ] as const)('%s in %s (%s) → %s', (iso, tz, lang, text) => expect(formatLocalDate(new Date(iso), tz, lang)).toBe(text));
});
