// Store contract: interactions, deals, people, settings, audit, once-markers.
import { expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/domain/types.js';
import { describeEachEngine, enginesUnderTest } from '../helpers/engines.js';
import { add, at, tenant } from './fixtures.js';

const engines = await enginesUnderTest();

describeEachEngine('records: log, deals, people, settings, audit, once', engines, (store) => {
  it('appends interactions and reads them newest first, counting since an instant', async () => {
    const t = tenant();
    const c = await add(store(), t);
    const log = (day: number, content: string) => store().interactions.append({
      tenantId: t, customerId: c.id, authorId: 'u1', at: at(day), channel: 'call', content,
    });
    const first = await log(-10, 'first call about pricing');
    await log(-3, 'visit: demo of the product');
    const last = await store().interactions.append({
      tenantId: t, customerId: c.id, authorId: 'u2', at: at(-1), channel: 'email', content: 'sent the quote',
      nextFollowUpAt: at(6), dealAmount: 12_000_00, correctsId: first.id,
    });
    expect(last.id).toMatch(/^[0-9a-f]{24}$/);
    const recent = await store().interactions.recent(t, c.id, 2);
    expect(recent.map((e) => e.content)).toEqual(['sent the quote', 'visit: demo of the product']);
    expect(recent[0]).toEqual(last);
    expect(await store().interactions.countSince(t, c.id, at(-3))).toBe(2);
    expect(await store().interactions.countSince(t, c.id, at(0))).toBe(0);
    expect(await store().interactions.recent(t, 'someone-else', 5)).toEqual([]);
  });

  it('adds deals and lists them oldest first', async () => {
    const t = tenant();
    const c = await add(store(), t);
    await store().deals.add({ tenantId: t, customerId: c.id, amount: 5_000_00, date: at(-1), authorId: 'u1' });
    const old = await store().deals.add({ tenantId: t, customerId: c.id, amount: 80_000_00, date: at(-200), note: 'first order', authorId: 'u1' });
    const deals = await store().deals.forCustomer(t, c.id);
    expect(deals.map((d) => d.amount)).toEqual([80_000_00, 5_000_00]);
    expect(deals[0]).toEqual(old);
    expect(deals[0]!.date).toBeInstanceOf(Date);
  });

  it('reads the deals of many customers at once, oldest first per customer', async () => {
    const t = tenant();
    const a = await add(store(), t);
    const b = await add(store(), t);
    const none = await add(store(), t);
    await store().deals.add({ tenantId: t, customerId: a.id, amount: 2_00, date: at(-1), authorId: 'u1' });
    await store().deals.add({ tenantId: t, customerId: a.id, amount: 1_00, date: at(-9), authorId: 'u1' });
    await store().deals.add({ tenantId: t, customerId: b.id, amount: 3_00, date: at(-5), authorId: 'u1' });
    const byCustomer = await store().deals.forCustomers(t, [a.id, b.id, none.id, a.id]);
    expect([...byCustomer.keys()].sort()).toEqual([a.id, b.id].sort());
    expect(byCustomer.get(a.id)!.map((d) => d.amount)).toEqual([1_00, 2_00]);
    expect(byCustomer.get(a.id)).toEqual(await store().deals.forCustomer(t, a.id));
    expect(byCustomer.get(b.id)!.map((d) => d.amount)).toEqual([3_00]);
    expect((await store().deals.forCustomers(t, [])).size).toBe(0);
  });

  it('upserts people, keeps the role unless given, and finds them by name or id', async () => {
    const t = tenant();
    const p = store().people;
    const created = await p.upsert({ tenantId: t, id: 'U1', name: 'Alice Wang', timeZone: 'Asia/Shanghai', platform: 'slack' }, at(0));
    expect(created).toEqual({
      tenantId: t, id: 'U1', name: 'Alice Wang', role: 'member', timeZone: 'Asia/Shanghai', platform: 'slack',
      createdAt: at(0), updatedAt: at(0),
    });
    await p.setRole(t, 'U1', 'manager', at(1));
    const renamed = await p.upsert({ tenantId: t, id: 'U1', name: 'Alice W.', lang: 'zh' }, at(2));
    expect(renamed).toMatchObject({ name: 'Alice W.', role: 'manager', lang: 'zh', timeZone: 'Asia/Shanghai', createdAt: at(0), updatedAt: at(2) });
    await p.upsert({ tenantId: t, id: 'U2', name: 'bob', role: 'admin' }, at(0));
    await p.upsert({ tenantId: t, id: 'U3', name: 'Bob' }, at(0));
    expect(await p.get(t, 'U2')).toMatchObject({ role: 'admin' });
    expect(await p.get(t, 'nobody')).toBeNull();
    expect((await p.list(t)).map((x) => x.id)).toEqual(['U1', 'U2', 'U3']);
    expect((await p.findByNameOrId(t, 'BOB')).map((x) => x.id)).toEqual(['U2', 'U3']);
    expect((await p.findByNameOrId(t, 'U1')).map((x) => x.name)).toEqual(['Alice W.']);
    expect(await p.findByNameOrId(t, '.*')).toEqual([]);
    expect(await p.countByRole(t, 'manager')).toBe(1);
    expect(await p.countByRole(t, 'member')).toBe(1);
    await expect(p.setRole(t, 'nobody', 'admin', at(0))).rejects.toThrow();
  });

  it('fills settings with defaults, merges updates and lists tenants', async () => {
    const t = tenant();
    expect(await store().settings.get(t)).toEqual({ ...DEFAULT_SETTINGS, tenantId: t });
    const updated = await store().settings.update(t, {
      cadenceDays: { ...DEFAULT_SETTINGS.cadenceDays, core: 5 }, digestTime: '08:30', reportChannel: 'C123',
    }, at(0));
    expect(updated).toEqual({
      ...DEFAULT_SETTINGS, tenantId: t, cadenceDays: { ...DEFAULT_SETTINGS.cadenceDays, core: 5 },
      digestTime: '08:30', reportChannel: 'C123', updatedAt: at(0),
    });
    await store().settings.update(t, { timeZone: 'Europe/Berlin' }, at(1));
    expect(await store().settings.get(t)).toMatchObject({ cadenceDays: { core: 5, key: 15 }, digestTime: '08:30', timeZone: 'Europe/Berlin', updatedAt: at(1) });
    const withPeopleOnly = tenant();
    await store().people.upsert({ tenantId: withPeopleOnly, id: 'U9', name: 'Nine' }, at(0));
    const tenants = await store().settings.tenants();
    expect(tenants).toEqual(expect.arrayContaining([t, withPeopleOnly]));
    expect(tenants).not.toContain(tenant());
  });

  it('appends audit entries and lists them newest first with filters', async () => {
    const t = tenant();
    const a = store().audit;
    await a.append({ tenantId: t, at: at(-5), actorId: 'u1', action: 'customer.create', customerId: 'c1' });
    await a.append({ tenantId: t, at: at(-3), actorId: 'u1', action: 'customer.tier', customerId: 'c1', field: 'tier', from: 'regular', to: 'key', reason: 'big order' });
    await a.append({ tenantId: t, at: at(-2), actorId: 'u2', action: 'customer.create', customerId: 'c2' });
    const last = await a.append({ tenantId: t, at: at(-1), actorId: 'system', action: 'system.dormant', customerId: 'c1', details: { days: 91 } });
    expect((await a.list(t, {}, 10)).map((e) => e.at)).toEqual([at(-1), at(-2), at(-3), at(-5)]);
    expect((await a.list(t, {}, 10))[0]).toEqual(last);
    expect((await a.list(t, { customerId: 'c1' }, 10)).map((e) => e.action)).toEqual(['system.dormant', 'customer.tier', 'customer.create']);
    expect((await a.list(t, { action: 'customer.create' }, 10)).map((e) => e.customerId)).toEqual(['c2', 'c1']);
    expect((await a.list(t, { customerId: 'c1', action: 'customer.tier' }, 10))[0]).toMatchObject({ from: 'regular', to: 'key', reason: 'big order' });
    expect((await a.list(t, { since: at(-3) }, 10))).toHaveLength(3);
    expect((await a.list(t, {}, 2))).toHaveLength(2);
  });

  it('claims a key once until it expires', async () => {
    const key = `evt-${tenant()}`;
    const o = store().once;
    expect(await o.claim(key, 60_000, at(0))).toBe(true);
    expect(await o.claim(key, 60_000, new Date(at(0).getTime() + 59_999))).toBe(false);
    expect(await o.claim(`${key}-other`, 60_000, at(0))).toBe(true);
    expect(await o.claim(key, 60_000, new Date(at(0).getTime() + 60_000))).toBe(true);
    expect(await o.claim(key, 60_000, new Date(at(0).getTime() + 61_000))).toBe(false);
    const many = await Promise.all(Array.from({ length: 10 }, () => o.claim(`${key}-race`, 1000, at(0))));
    expect(many.filter(Boolean)).toHaveLength(1);
  });
});
