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
