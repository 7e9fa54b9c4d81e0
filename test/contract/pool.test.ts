// Store contract: the public pool (SPEC §7). The idle-customer reads the
// recycling pass and the digest warnings use, the conditional write a claim
// is, the daily claim allowance; and the two races of issue 14 §5 fought
// through the command engine on a store slowed by injected latency.
import { expect, it } from 'vitest';
import { POOL_OWNER } from '../../src/domain/pool.js';
import { describeEachEngine, enginesUnderTest } from '../helpers/engines.js';
import { makeHarness } from '../helpers/engine.js';
import { slowStore } from '../helpers/slow-store.js';
import { add, at, codes, tenant } from './fixtures.js';

const engines = await enginesUnderTest();

describeEachEngine('public pool', engines, (store) => {
  it('finds owned, live customers of a tier idle since before an instant, by last follow-up, creation or claim', async () => {
    const t = tenant();
    const c = store().customers;
    const logged = await add(store(), t, { tier: 'potential', lastInteractionAt: at(-40), createdAt: at(-100) });
    const never = await add(store(), t, { tier: 'potential', createdAt: at(-40), ownerId: 'u2' });
    await add(store(), t, { tier: 'potential', lastInteractionAt: at(-10), createdAt: at(-100) });
    await add(store(), t, { tier: 'regular', lastInteractionAt: at(-40) });
    await add(store(), t, { tier: 'potential', lastInteractionAt: at(-40), status: 'lost' });
    await add(store(), t, { tier: 'potential', lastInteractionAt: at(-40), archived: true });
    await add(store(), t, { tier: 'potential', lastInteractionAt: at(-40), ownerId: POOL_OWNER });
    // claimed five days ago: idle from the claim, whatever its last follow-up
    await add(store(), t, { tier: 'potential', lastInteractionAt: at(-40), ownedSince: at(-5) });
    const claimedLongAgo = await add(store(), t, { tier: 'potential', lastInteractionAt: at(-40), ownedSince: at(-35) });

    expect(codes(await c.idleOwned(t, 'potential', at(-30)))).toEqual(codes([logged, never, claimedLongAgo]));
    expect(codes(await c.idleOwned(t, 'potential', at(-30), 'u2'))).toEqual(codes([never]));
    expect(await c.ownersIdleBefore(t, 'potential', at(-30))).toEqual(['u1', 'u2']);
    expect(await c.idleOwned(t, 'key', at(-30))).toEqual([]);
    expect(await c.idleOwned(tenant(), 'potential', at(-30))).toEqual([]);
  });

  it('writes only while the customer still has the owner (and version) expected', async () => {
    const t = tenant();
    const c = store().customers;
    const pooled = await add(store(), t, { ownerId: POOL_OWNER, poolSince: at(-1), poolReason: 'recycled', poolFromId: 'u1' });
    const won = await c.updateIf(t, pooled.id, { ownerId: POOL_OWNER }, { ownerId: 'u2', poolSince: undefined, poolReason: undefined, poolFromId: undefined, ownedSince: at(0) });
    expect(won).toMatchObject({ ownerId: 'u2', version: 2, ownedSince: at(0) });
    expect(won!.poolSince).toBeUndefined();
    expect(await c.updateIf(t, pooled.id, { ownerId: POOL_OWNER }, { ownerId: 'u3' })).toBeNull();
    expect(await c.updateIf(t, pooled.id, { ownerId: 'u2', version: 1 }, { ownerId: 'u3' })).toBeNull();
    expect(await c.updateIf(tenant(), pooled.id, { ownerId: 'u2' }, { ownerId: 'u3' })).toBeNull();
    expect(await c.updateIf(t, '000000000000000000000000', { ownerId: 'u2' }, { ownerId: 'u3' })).toBeNull();
    expect((await c.get(t, pooled.id))!.ownerId).toBe('u2');
  });

  it('counts an allowance up to its limit, per tenant and key, even when taken all at once', async () => {
    const t = tenant();
    const c = store().customers;
    const got = await Promise.all(Array.from({ length: 12 }, () => c.takeQuota(t, 'claims:u1:2026-12-01', 5)));
    expect(got.filter(Boolean)).toHaveLength(5);
    expect(await c.takeQuota(t, 'claims:u1:2026-12-02', 5)).toBe(true);
    expect(await c.takeQuota(tenant(), 'claims:u1:2026-12-01', 5)).toBe(true);
    await c.returnQuota(t, 'claims:u1:2026-12-01');
    expect(await c.takeQuota(t, 'claims:u1:2026-12-01', 5)).toBe(true);
    expect(await c.takeQuota(t, 'claims:u1:2026-12-01', 5)).toBe(false);
    expect(await c.takeQuota(t, 'claims:u9:2026-12-01', 0)).toBe(false);
  });

  it('two people claiming one pool customer at the same moment: exactly one owner, the other told who won', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const t = tenant();
      const h = await makeHarness({ store: slowStore(store(), { seed }), tenantId: t, now: '2026-12-01T02:00:00Z' });
      await h.say('ann', 'customer help');
      await h.say('ben', 'customer help');
      const c = await add(store(), t, { name: 'Contested Ltd', ownerId: POOL_OWNER, poolSince: at(-1), poolReason: 'released', poolFromId: 'u1' });
      const [a, b] = await Promise.all([h.say('ann', `customer claim ${c.code}`), h.say('ben', `customer claim ${c.code}`)]);
      const stored = (await store().customers.get(t, c.id))!;
      expect(['ann', 'ben']).toContain(stored.ownerId);
      const [winner, loser] = stored.ownerId === 'ann' ? [a, b] : [b, a];
      expect(winner.text).toContain(`You claimed ${c.code}`);
      // told who won: by the conditional write that lost, or, when the winner's write landed before
      // the loser even read the customer, by the read itself
      expect(loser.text).toMatch(new RegExp(`was claimed by ${stored.ownerId} a moment before you|not in the public pool: ${stored.ownerId} owns it`));
      expect(await store().audit.list(t, { action: 'pool.claim' }, 10)).toHaveLength(1);
      // the loser's claim did not count against their day
      const loserId = stored.ownerId === 'ann' ? 'ben' : 'ann';
      for (let i = 0; i < 5; i += 1) expect(await store().customers.takeQuota(t, `claims:${loserId}:2026-12-01`, 5)).toBe(true);
    }
  });

  it("one person's parallel claims cannot beat the daily limit", async () => {
    const t = tenant();
    const h = await makeHarness({ store: slowStore(store(), { seed: 7 }), tenantId: t, now: '2026-12-01T02:00:00Z' });
    await h.say('ann', 'customer help');
    const pool = [];
    for (let i = 0; i < 9; i += 1) pool.push(await add(store(), t, { name: `Pool ${i}`, ownerId: POOL_OWNER, poolSince: at(-1), poolReason: 'released', poolFromId: 'u1' }));
    const replies = await Promise.all(pool.map((c) => h.say('ann', `customer claim ${c.code}`)));
    expect(replies.filter((r) => r.text.includes('You claimed'))).toHaveLength(5);
    expect(replies.filter((r) => r.text.includes('the daily limit'))).toHaveLength(4);
    const { total } = await store().customers.list(t, { ownerId: 'ann' }, { offset: 0, limit: 20 });
    expect(total).toBe(5);
  });
});
