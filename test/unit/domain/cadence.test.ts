import { describe, expect, it } from 'vitest';
import { compareByUrgency, computeNextFollowUp, daysOverdue, isDue, TIER_RANK } from '../../../src/domain/cadence.js';
import { DEFAULT_SETTINGS } from '../../../src/domain/types.js';
import type { Tier } from '../../../src/domain/types.js';

const SH = 'Asia/Shanghai';
const NY = 'America/New_York';
const d = (iso: string): Date => new Date(iso);
const settings = { cadenceDays: DEFAULT_SETTINGS.cadenceDays };

describe('computeNextFollowUp', () => {
  const createdAt = d('2026-11-01T02:00:00Z');
  it.each<[Tier, number]>([['core', 7], ['key', 15], ['regular', 30], ['potential', 7]])(
    'creation + cadence of %s (%i days)', (tier, days) => {
      expect(computeNextFollowUp({ tier, settings, createdAt })).toEqual(new Date(createdAt.getTime() + days * 86_400_000));
    });
  it('last interaction + cadence beats creation', () => {
    const last = d('2026-11-10T08:00:00Z');
    expect(computeNextFollowUp({ tier: 'key', settings, createdAt, lastInteractionAt: last })).toEqual(d('2026-11-25T08:00:00Z'));
  });
  it('an explicit next date beats everything', () => {
    const next = d('2026-12-01T16:00:00Z');
    expect(computeNextFollowUp({ tier: 'core', settings, createdAt, lastInteractionAt: d('2026-11-10T08:00:00Z'), explicitNext: next })).toBe(next);
  });
  it('uses the tenant cadences', () => {
    const custom = { cadenceDays: { ...DEFAULT_SETTINGS.cadenceDays, regular: 45 } };
    expect(computeNextFollowUp({ tier: 'regular', settings: custom, createdAt })).toEqual(d('2026-12-16T02:00:00Z'));
  });
});

describe('computeNextFollowUp on the working calendar', () => {
  const cn = { cadenceDays: DEFAULT_SETTINGS.cadenceDays, timeZone: SH };
  it('moves a cadence date that lands in National Day to the next working day, same time of day', () => {
    // logged Sat 2026-09-26 10:00 Shanghai + 7 days = Sat Oct 3, a holiday → Thu Oct 8 (the 10th is a make-up Saturday, not needed)
    const last = d('2026-09-26T02:00:00Z');
    expect(computeNextFollowUp({ tier: 'core', settings: cn, createdAt: last, lastInteractionAt: last })).toEqual(d('2026-10-08T02:00:00Z'));
  });
  it('keeps a cadence date on a make-up working day (Saturday Oct 10) and on a plain working day', () => {
    expect(computeNextFollowUp({ tier: 'core', settings: cn, createdAt: d('2026-10-03T02:00:00Z') })).toEqual(d('2026-10-10T02:00:00Z'));
    expect(computeNextFollowUp({ tier: 'core', settings: cn, createdAt: d('2026-11-24T02:00:00Z') })).toEqual(d('2026-12-01T02:00:00Z'));
  });
  it('judges the day in the tenant zone: Friday 23:30 in Shanghai is Friday, Saturday 00:30 moves to Monday', () => {
    const friday = d('2026-11-27T15:30:00Z'); // Fri 23:30 Shanghai − 7 days
    expect(computeNextFollowUp({ tier: 'core', settings: cn, createdAt: d(new Date(friday.getTime() - 7 * 86_400_000).toISOString()) })).toEqual(friday);
    const saturday = d('2026-11-20T16:30:00Z'); // Sat 00:30 Shanghai on the 21st, + 7 = Sat 28th → Mon 30th 00:30
    expect(computeNextFollowUp({ tier: 'core', settings: cn, createdAt: saturday })).toEqual(d('2026-11-29T16:30:00Z'));
  });
  it('keeps a typed date on a holiday as typed', () => {
    const typed = d('2026-10-02T16:00:00Z'); // Oct 3, National Day
    expect(computeNextFollowUp({ tier: 'core', settings: cn, createdAt: d('2026-09-20T02:00:00Z'), explicitNext: typed })).toBe(typed);
  });
  it('moves across a DST change keeping the wall-clock time (weekdays, New York)', () => {
    // Sun 2026-03-01 09:00 EST + 7 × 24 h = Sun 03-08 10:00 EDT (DST began at 02:00) → Mon 03-09 10:00 EDT
    const weekdays = { cadenceDays: DEFAULT_SETTINGS.cadenceDays, timeZone: NY, calendar: 'weekdays' as const };
    expect(computeNextFollowUp({ tier: 'core', settings: weekdays, createdAt: d('2026-03-01T14:00:00Z') })).toEqual(d('2026-03-09T14:00:00Z'));
    // Sat 2026-10-31 10:00 EDT + 1 day = Sun 11-01 09:00 EST (DST ended) → Mon 11-02 09:00 EST, 25 hours later
    const oneDay = { ...weekdays, cadenceDays: { ...weekdays.cadenceDays, core: 1 } };
    expect(computeNextFollowUp({ tier: 'core', settings: oneDay, createdAt: d('2026-10-31T14:00:00Z') })).toEqual(d('2026-11-02T14:00:00Z'));
  });
  it('leaves every day alone with calendar none, and the weekend alone without a zone', () => {
    const saturday = d('2026-11-21T02:00:00Z');
    const none = { ...cn, calendar: 'none' as const };
    expect(computeNextFollowUp({ tier: 'core', settings: none, createdAt: saturday })).toEqual(d('2026-11-28T02:00:00Z'));
    expect(computeNextFollowUp({ tier: 'core', settings, createdAt: saturday })).toEqual(d('2026-11-28T02:00:00Z'));
  });
});

describe('isDue', () => {
  // 2026-11-23 15:30Z = 23:30 Monday in Shanghai, 10:30 Monday in New York
  const now = d('2026-11-23T15:30:00Z');
  it.each([
    ['2026-11-23T15:59:59Z', SH, true], // 23:59 today in Shanghai
    ['2026-11-23T16:00:00Z', SH, false], // 00:00 tomorrow in Shanghai
    ['2026-11-23T16:00:00Z', NY, true], // 11:00 today in New York
    ['2026-11-24T04:59:59Z', NY, true], // 23:59 today in New York
    ['2026-11-24T05:00:00Z', NY, false], // midnight in New York
    ['2026-11-01T00:00:00Z', SH, true], // long overdue
  ])('next %s in %s → %s', (next, tz, due) => expect(isDue(d(next), 'active', now, tz)).toBe(due));

  it('a lost customer is never due; no date is never due', () => {
    expect(isDue(d('2026-11-01T00:00:00Z'), 'lost', now, SH)).toBe(false);
    expect(isDue(undefined, 'active', now, SH)).toBe(false);
  });
  it('dormant and potential customers can be due', () => {
    expect(isDue(d('2026-11-01T00:00:00Z'), 'dormant', now, SH)).toBe(true);
    expect(isDue(d('2026-11-01T00:00:00Z'), 'potential', now, SH)).toBe(true);
  });
});

describe('daysOverdue', () => {
  it.each([
    ['2026-11-23T01:00:00Z', '2026-11-23T10:00:00Z', SH, 0],
    ['2026-11-21T01:00:00Z', '2026-11-23T10:00:00Z', SH, 2],
    ['2026-11-25T01:00:00Z', '2026-11-23T10:00:00Z', SH, -2],
    // due 2026-11-23 00:30 Shanghai = 2026-11-22 11:30 New York: a day apart depending on the owner
    ['2026-11-22T16:30:00Z', '2026-11-23T15:00:00Z', SH, 0],
    ['2026-11-22T16:30:00Z', '2026-11-23T15:00:00Z', NY, 1],
  ])('next %s, now %s in %s → %i', (next, now, tz, n) => expect(daysOverdue(d(next), d(now), tz)).toBe(n));
});

describe('urgency order', () => {
  it('ranks core, key, potential, regular', () => {
    expect(TIER_RANK).toEqual({ core: 0, key: 1, potential: 2, regular: 3 });
  });
  it('sorts by tier, then days overdue (most first), then name', () => {
    const now = d('2026-11-23T02:00:00Z');
    const items = [
      { name: 'Regular late', tier: 'regular' as const, nextFollowUpAt: d('2026-10-01T02:00:00Z') },
      { name: 'Key today', tier: 'key' as const, nextFollowUpAt: d('2026-11-23T01:00:00Z') },
      { name: 'Core today B', tier: 'core' as const, nextFollowUpAt: d('2026-11-23T01:00:00Z') },
      { name: 'Core today A', tier: 'core' as const, nextFollowUpAt: d('2026-11-22T17:00:00Z') },
      { name: 'Key late', tier: 'key' as const, nextFollowUpAt: d('2026-11-20T01:00:00Z') },
      { name: 'Potential', tier: 'potential' as const, nextFollowUpAt: d('2026-11-22T01:00:00Z') },
      { name: 'Core late', tier: 'core' as const, nextFollowUpAt: d('2026-11-21T01:00:00Z') },
    ];
    const sorted = [...items].sort((a, b) => compareByUrgency(a, b, now, SH)).map((i) => i.name);
    expect(sorted).toEqual(['Core late', 'Core today A', 'Core today B', 'Key late', 'Key today', 'Potential', 'Regular late']);
  });
});
