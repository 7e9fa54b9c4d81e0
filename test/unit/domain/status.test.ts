import { describe, expect, it } from 'vitest';
import { assertStatusChange, dormancy, statusAfterDeal, statusAfterInteraction, suggestTier } from '../../../src/domain/status.js';
import { DEFAULT_SETTINGS } from '../../../src/domain/types.js';
import type { Status, TenantSettings, Tier } from '../../../src/domain/types.js';
import { userError } from '../../helpers/user-error.js';
import { t } from '../../../src/i18n/index.js';

const DAY = 86_400_000;
const now = new Date('2026-11-23T02:00:00Z');
const daysAgo = (n: number): Date => new Date(now.getTime() - n * DAY);
const settings: TenantSettings = { tenantId: 't1', ...DEFAULT_SETTINGS };

describe('dormancy (going dormant from 75 days, dormant from 90)', () => {
  it.each<[number, string]>([[0, 'fresh'], [74, 'fresh'], [75, 'going-dormant'], [89, 'going-dormant'], [90, 'dormant'], [400, 'dormant']])(
    '%i days since the last interaction → %s', (days, expected) => {
      expect(dormancy({ status: 'active', lastInteractionAt: daysAgo(days), createdAt: daysAgo(500) }, now, settings)).toBe(expected);
    });
  it('counts from creation when there was never an interaction', () => {
    expect(dormancy({ status: 'potential', createdAt: daysAgo(91) }, now, settings)).toBe('dormant');
    expect(dormancy({ status: 'potential', createdAt: daysAgo(10) }, now, settings)).toBe('fresh');
  });
  it('never warns about a lost customer', () => {
    expect(dormancy({ status: 'lost', lastInteractionAt: daysAgo(400), createdAt: daysAgo(500) }, now, settings)).toBe('fresh');
  });
  it('uses the tenant settings', () => {
    expect(dormancy({ status: 'active', lastInteractionAt: daysAgo(30), createdAt: daysAgo(60) }, now, { goingDormantDays: 20, dormantDays: 30 })).toBe('dormant');
  });
});

describe('status after an interaction or a deal', () => {
  it.each<[Status, boolean, Status]>([
    ['dormant', true, 'active'],
    ['dormant', false, 'potential'],
    ['potential', false, 'potential'],
    ['potential', true, 'active'],
    ['active', false, 'active'],
    ['active', true, 'active'],
    ['lost', true, 'lost'],
    ['lost', false, 'lost'],
  ])('interaction: %s (has deal %s) → %s', (from, hasDeal, to) => expect(statusAfterInteraction(from, hasDeal)).toBe(to));

  it.each<[Status, Status]>([['potential', 'active'], ['dormant', 'active'], ['active', 'active'], ['lost', 'lost']])(
    'deal: %s → %s', (from, to) => expect(statusAfterDeal(from)).toBe(to));
});

describe('assertStatusChange', () => {
  it('lost needs a reason', () => {
    expect(userError(() => assertStatusChange('active', 'lost')).key).toBe('domain.lostNeedsReason');
    expect(userError(() => assertStatusChange('active', 'lost', '   ')).key).toBe('domain.lostNeedsReason');
    expect(() => assertStatusChange('active', 'lost', 'switched to a competitor')).not.toThrow();
  });
  it('winning back a lost customer is allowed without a reason', () => {
    expect(() => assertStatusChange('lost', 'active')).not.toThrow();
    expect(() => assertStatusChange('lost', 'potential')).not.toThrow();
  });
  it('refuses a change to the same status', () => {
    const e = userError(() => assertStatusChange('active', 'active'));
    expect(e.key).toBe('domain.statusUnchanged');
    expect(e.params).toEqual({ status: 'active' });
  });
  it('dormant is automatic, never set by hand', () => {
    expect(userError(() => assertStatusChange('active', 'dormant')).key).toBe('domain.dormantIsAutomatic');
  });
  it('other moves are fine', () => {
    expect(() => assertStatusChange('potential', 'active')).not.toThrow();
    expect(() => assertStatusChange('dormant', 'active')).not.toThrow();
  });
});

describe('suggestTier', () => {
  const deal = (amountYuan: number, ago: number) => ({ amount: amountYuan * 100, date: daysAgo(ago) });
  const suggest = (tier: Tier, deals: ReturnType<typeof deal>[], teamRevenue365?: number) =>
    suggestTier({ tier, deals, now, settings, teamRevenue365 });

  it('potential when there is no deal', () => {
    const s = suggest('regular', []);
    expect(s?.tier).toBe('potential');
    expect(s?.reasons.map((r) => r.key)).toEqual(['domain.reason.noDeal']);
  });
  it('null when the suggestion is the current tier', () => {
    expect(suggest('potential', [])).toBeNull();
    expect(suggest('regular', [deal(1000, 10)])).toBeNull();
  });
  it('regular after a first deal', () => {
    expect(suggest('potential', [deal(1000, 10)])?.tier).toBe('regular');
  });
  it('core: ≥ 100,000 in 365 days, first deal ≥ 1 year ago, ≥ 5 deals in the year (80% repurchase)', () => {
    const deals = [deal(30_000, 400), deal(20_000, 300), deal(20_000, 200), deal(20_000, 100), deal(20_000, 50), deal(20_000, 10)];
    const s = suggest('key', deals);
    expect(s?.tier).toBe('core');
    expect(s?.reasons).toEqual([
      { key: 'domain.reason.amount365', params: { amount: '100,000', currency: 'CNY' } },
      { key: 'domain.reason.cooperating', params: { months: 13, date: daysAgo(400).toISOString().slice(0, 10) } },
      { key: 'domain.reason.dealCount', params: { count: 5, total: 6 } },
    ]);
    for (const r of s?.reasons ?? []) expect(t('zh', r.key, r.params)).not.toMatch(/\{\w+\}/);
  });
  it('not core with only 4 deals in the year (75% repurchase): key', () => {
    const deals = [deal(30_000, 400), deal(40_000, 300), deal(20_000, 200), deal(20_000, 100), deal(20_000, 50)];
    expect(suggest('regular', deals)?.tier).toBe('key');
  });
  it('not core when cooperating less than a year', () => {
    const deals = [deal(30_000, 300), deal(30_000, 200), deal(30_000, 100), deal(30_000, 50), deal(30_000, 10)];
    expect(suggest('regular', deals)?.tier).toBe('key');
  });
  it('core by share of team revenue (≥ 20%) below the high threshold', () => {
    const deals = [deal(5_000, 400), deal(5_000, 300), deal(5_000, 200), deal(5_000, 100), deal(5_000, 50), deal(5_000, 10)];
    const s = suggest('regular', deals, 100_000_00);
    expect(s?.tier).toBe('core');
    expect(s?.reasons.map((r) => r.key)).toContain('domain.reason.teamShare');
    expect(suggest('regular', deals, 200_000_00)?.tier).not.toBe('core'); // 12.5%
  });
  it('key: ≥ 50,000 in the year, ≥ 6 months, ≥ 2 deals', () => {
    expect(suggest('regular', [deal(25_000, 200), deal(25_000, 20)])?.tier).toBe('key');
    expect(suggest('regular', [deal(25_000, 150), deal(25_000, 20)])).toBeNull(); // only 5 months: stays regular
    expect(suggest('regular', [deal(60_000, 200)])).toBeNull(); // a single deal
    expect(suggest('regular', [deal(20_000, 200), deal(20_000, 20)])).toBeNull(); // 40,000
  });
  it('suggests a downgrade when deals dried up', () => {
    expect(suggest('core', [deal(200_000, 800), deal(10_000, 700)])?.tier).toBe('regular');
  });
  it('ignores deals dated in the future', () => {
    expect(suggest('regular', [{ amount: 100, date: new Date(now.getTime() + DAY) }])?.tier).toBe('potential');
  });
});
