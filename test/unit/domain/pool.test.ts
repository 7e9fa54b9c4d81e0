// The public pool's rules (SPEC §7): when a customer returns, when its owner
// is warned, when a former owner may claim it again, the settings' defaults.
import { describe, expect, it } from 'vitest';
import {
  daysUntilPool, idleCutoff, idleSince, intoPool, isPoolWord, POOL_OWNER, poolSettingsOf, reclaimOpensOn, returnsToPoolOn, warnWindow,
} from '../../../src/domain/pool.js';

const ZONE = 'Asia/Shanghai';
const NOW = new Date('2026-12-01T01:30:00Z'); // 09:30 on 12-01 in Shanghai
const DAY = 86_400_000;
const pool = poolSettingsOf({});

describe('pool settings', () => {
  it('default to potential 30, regular 60, key 90, core never; warnings 7 and 1; 5 claims; a 7-day wait', () => {
    expect(pool).toEqual({ recycleDays: { core: 0, key: 90, regular: 60, potential: 30 }, warnDays: [7, 1], claimLimit: 5, reclaimWaitDays: 7 });
    expect(poolSettingsOf({ pool: { recycleDays: { core: 0, key: 90, regular: 45, potential: 30 }, claimLimit: 2 } })).toMatchObject({ claimLimit: 2, warnDays: [7, 1], recycleDays: { regular: 45 } });
    expect(warnWindow(pool)).toBe(7);
  });
});

describe('returning to the pool', () => {
  const potential = (daysAgo: number, extra: { ownedSince?: Date } = {}) => ({
    tier: 'potential' as const, createdAt: new Date(NOW.getTime() - 400 * DAY), lastInteractionAt: new Date(NOW.getTime() - daysAgo * DAY), ...extra,
  });

  it('counts calendar days in the tenant zone from the last follow-up: 24 days ago returns in 6 days, on 12-07', () => {
    expect(daysUntilPool(potential(24), pool, NOW, ZONE)).toBe(6);
    expect(returnsToPoolOn(potential(24), pool, ZONE)).toEqual(new Date('2026-12-06T16:00:00Z'));
    expect(daysUntilPool(potential(30), pool, NOW, ZONE)).toBe(0);
    expect(daysUntilPool(potential(31), pool, NOW, ZONE)).toBe(-1);
    expect(daysUntilPool({ ...potential(31), tier: 'core' }, pool, NOW, ZONE)).toBeUndefined();
  });

  it('never counts from before the current owner took the customer', () => {
    const claimed = potential(100, { ownedSince: new Date(NOW.getTime() - 2 * DAY) });
    expect(idleSince(claimed)).toEqual(claimed.ownedSince);
    expect(daysUntilPool(claimed, pool, NOW, ZONE)).toBe(28);
  });

  it('gives the instant before which a customer is due today, or within the warning window', () => {
    const today = idleCutoff('potential', pool, NOW, ZONE)!;
    // idle day on or before 11-01 (30 days before 12-01): before the start of 11-02 local
    expect(today).toEqual(new Date('2026-11-01T16:00:00Z'));
    expect(idleCutoff('potential', pool, NOW, ZONE, 7)).toEqual(new Date('2026-11-08T16:00:00Z'));
    expect(idleCutoff('core', pool, NOW, ZONE)).toBeUndefined();
    // the rule and the cutoff agree at the edges
    for (const days of [29, 30, 31]) {
      const c = potential(days);
      expect(c.lastInteractionAt.getTime() < today.getTime()).toBe(daysUntilPool(c, pool, NOW, ZONE)! <= 0);
    }
  });

  it('writes nobody as owner, clears the due date and says when, why and from whom', () => {
    expect(intoPool(NOW, 'recycled', 'U1')).toEqual({
      ownerId: POOL_OWNER, poolSince: NOW, poolReason: 'recycled', poolFromId: 'U1', ownedSince: undefined,
      nextFollowUpAt: undefined, nextFollowUpExplicit: undefined,
    });
    expect(isPoolWord('公海')).toBe(true);
    expect(isPoolWord(' Pool ')).toBe(true);
    expect(isPoolWord('alice')).toBe(false);
  });
});

describe("a former owner's wait", () => {
  const recycled = { poolReason: 'recycled' as const, poolFromId: 'U1', poolSince: NOW };
  it('holds for the former owner of a recycled customer until the day the wait ends', () => {
    expect(reclaimOpensOn(recycled, 'U1', pool, NOW, ZONE)).toEqual(new Date('2026-12-07T16:00:00Z'));
    expect(reclaimOpensOn(recycled, 'U1', pool, new Date('2026-12-07T16:00:00Z'), ZONE)).toBeUndefined();
    expect(reclaimOpensOn(recycled, 'U2', pool, NOW, ZONE)).toBeUndefined();
    expect(reclaimOpensOn({ ...recycled, poolReason: 'released' }, 'U1', pool, NOW, ZONE)).toBeUndefined();
    expect(reclaimOpensOn(recycled, 'U1', { ...pool, reclaimWaitDays: 0 }, NOW, ZONE)).toBeUndefined();
  });
});
