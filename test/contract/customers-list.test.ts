// Store contract: list filters and paging, dueFor ordering, ownersWithDue,
// inactiveSince and countBy.
import { expect, it } from 'vitest';
import { describeEachEngine, enginesUnderTest } from '../helpers/engines.js';
import { add, at, codes, names, tenant } from './fixtures.js';

const engines = await enginesUnderTest();

describeEachEngine('customers: lists and counts', engines, (store) => {
  it('lists with filters, paging and a total, in code order; archived only when asked', async () => {
    const t = tenant();
    const a = await add(store(), t, { ownerId: 'alice', tier: 'core', industry: 'retail' });
    const b = await add(store(), t, { ownerId: 'bob', tier: 'core', status: 'potential' });
    const c = await add(store(), t, { ownerId: 'alice', tier: 'key', industry: 'retail' });
    const d = await add(store(), t, { ownerId: 'alice', tier: 'core', archived: true });
    const list = (f: Parameters<ReturnType<typeof store>['customers']['list']>[1], offset = 0, limit = 10) =>
      store().customers.list(t, f, { offset, limit });

    expect(await list({})).toEqual({ items: [a, b, c], total: 3 });
    expect(codes((await list({ ownerId: 'alice' })).items)).toEqual([a.code, c.code]);
    expect(codes((await list({ tier: 'core' })).items)).toEqual([a.code, b.code]);
    expect(codes((await list({ status: 'potential' })).items)).toEqual([b.code]);
    expect(codes((await list({ industry: 'retail', ownerId: 'alice', tier: 'key' })).items)).toEqual([c.code]);
    expect(codes((await list({ includeArchived: true, ownerId: 'alice' })).items)).toEqual([a.code, c.code, d.code]);
    const page2 = await list({}, 1, 1);
    expect(page2).toEqual({ items: [b], total: 3 });
    expect(await list({}, 5, 10)).toEqual({ items: [], total: 3 });
  });

  it('lists due customers by next follow-up, soonest first, never lost ones', async () => {
    const t = tenant();
    const late = await add(store(), t, { nextFollowUpAt: at(2) });
    const early = await add(store(), t, { nextFollowUpAt: at(-3) });
    await add(store(), t, { nextFollowUpAt: at(-5), status: 'lost' });
    await add(store(), t, { nextFollowUpAt: at(9) });
    await add(store(), t);
    const due = await store().customers.list(t, { dueBefore: at(3) }, { offset: 0, limit: 10 });
    expect(codes(due.items)).toEqual([early.code, late.code]);
    expect(due.total).toBe(2);
    // a status filter combines with due, and lost stays out even when asked for
    expect((await store().customers.list(t, { dueBefore: at(3), status: 'lost' }, { offset: 0, limit: 10 })).total).toBe(0);
  });

  it('gives one owner their due customers, most urgent first, without lost or archived ones', async () => {
    const t = tenant();
    const before = at(1);
    await add(store(), t, { name: 'Regular old', tier: 'regular', nextFollowUpAt: at(-10) });
    await add(store(), t, { name: 'Potential', tier: 'potential', nextFollowUpAt: at(-1) });
    await add(store(), t, { name: 'Key B', tier: 'key', nextFollowUpAt: at(-2) });
    await add(store(), t, { name: 'Key A', tier: 'key', nextFollowUpAt: at(-2) });
    await add(store(), t, { name: 'Key older', tier: 'key', nextFollowUpAt: at(-4) });
    await add(store(), t, { name: 'Core', tier: 'core', nextFollowUpAt: at(0) });
    await add(store(), t, { name: 'Dormant core', tier: 'core', status: 'dormant', nextFollowUpAt: at(-1) });
    await add(store(), t, { name: 'Lost', tier: 'core', status: 'lost', nextFollowUpAt: at(-30) });
    await add(store(), t, { name: 'Archived', tier: 'core', archived: true, nextFollowUpAt: at(-30) });
    await add(store(), t, { name: 'Not yet', tier: 'core', nextFollowUpAt: at(1) });
    await add(store(), t, { name: 'Other owner', tier: 'core', ownerId: 'u2', nextFollowUpAt: at(-1) });
    await add(store(), t, { name: 'No date', tier: 'core' });
    expect(names(await store().customers.dueFor(t, 'u1', before))).toEqual([
      'Dormant core', 'Core', 'Key older', 'Key A', 'Key B', 'Potential', 'Regular old',
    ]);
    expect(await store().customers.dueFor(t, 'nobody', before)).toEqual([]);
  });

  it('names every owner with something due', async () => {
    const t = tenant();
    await add(store(), t, { ownerId: 'carol', nextFollowUpAt: at(-1) });
    await add(store(), t, { ownerId: 'alice', nextFollowUpAt: at(-1) });
    await add(store(), t, { ownerId: 'alice', nextFollowUpAt: at(-2) });
    await add(store(), t, { ownerId: 'bob', nextFollowUpAt: at(5) });
    await add(store(), t, { ownerId: 'dave', nextFollowUpAt: at(-1), status: 'lost' });
    await add(store(), t, { ownerId: 'erin', nextFollowUpAt: at(-1), archived: true });
    expect(await store().customers.ownersWithDue(t, at(0))).toEqual(['alice', 'carol']);
  });

  it('finds customers inactive since an instant, by last interaction or else creation', async () => {
    const t = tenant();
    const quiet = await add(store(), t, { name: 'Quiet', lastInteractionAt: at(-100) });
    const neverTalked = await add(store(), t, { name: 'Never', createdAt: at(-95) });
    await add(store(), t, { name: 'Recent', lastInteractionAt: at(-5), createdAt: at(-200) });
    await add(store(), t, { name: 'New', createdAt: at(-1) });
    await add(store(), t, { name: 'Already dormant', status: 'dormant', lastInteractionAt: at(-120) });
    await add(store(), t, { name: 'Lost', status: 'lost', lastInteractionAt: at(-120) });
    await add(store(), t, { name: 'Archived', archived: true, lastInteractionAt: at(-120) });
    expect(codes(await store().customers.inactiveSince(t, at(-90)))).toEqual([quiet.code, neverTalked.code]);
  });

  it('counts by every field, with filters, leaving out what has no value', async () => {
    const t = tenant();
    await add(store(), t, { tier: 'core', status: 'active', ownerId: 'alice', source: 'referral', industry: 'retail' });
    await add(store(), t, { tier: 'core', status: 'dormant', ownerId: 'bob', source: 'referral' });
    await add(store(), t, { tier: 'key', status: 'active', ownerId: 'alice', source: 'exhibition', industry: 'retail' });
    await add(store(), t, { tier: 'key', archived: true, ownerId: 'carol' });
    const c = store().customers;
    expect(await c.countBy(t, 'tier')).toEqual({ core: 2, key: 1 });
    expect(await c.countBy(t, 'status')).toEqual({ active: 2, dormant: 1 });
    expect(await c.countBy(t, 'ownerId')).toEqual({ alice: 2, bob: 1 });
    expect(await c.countBy(t, 'source')).toEqual({ referral: 2, exhibition: 1 });
    expect(await c.countBy(t, 'industry')).toEqual({ retail: 2 });
    expect(await c.countBy(t, 'tier', { ownerId: 'alice' })).toEqual({ core: 1, key: 1 });
    expect(await c.countBy(t, 'tier', { includeArchived: true })).toEqual({ core: 2, key: 2 });
    expect(await c.countBy(tenant(), 'tier')).toEqual({});
  });
});
