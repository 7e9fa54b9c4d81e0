// Store contract: nothing crosses tenants. Tenant B asks every read method
// about tenant A's data, by A's ids, codes, names, owners and text, and finds nothing.
import { expect, it } from 'vitest';
import type { Store } from '../../src/store/ports.js';
import { describeEachEngine, enginesUnderTest } from '../helpers/engines.js';
import { add, at, collect, tenant, variantsOf } from './fixtures.js';

const engines = await enginesUnderTest();

async function seed(store: Store, a: string) {
  const c = await add(store, a, {
    name: 'Isolated Corp', nameKey: 'isolatedcorp', nameVariants: variantsOf('isolatedcorp'), ownerId: 'alice',
    industry: 'finance', contacts: [{ name: 'Secret Contact', phone: '13900001111' }],
    nextFollowUpAt: at(-5), lastInteractionAt: at(-200),
  });
  await store.interactions.append({ tenantId: a, customerId: c.id, authorId: 'alice', at: at(-1), channel: 'call', content: 'talked about the renewal' });
  await store.deals.add({ tenantId: a, customerId: c.id, amount: 1_000_00, date: at(-1), authorId: 'alice' });
  await store.people.upsert({ tenantId: a, id: 'alice', name: 'Alice', role: 'admin' }, at(0));
  await store.settings.update(a, { digestTime: '07:00' }, at(0));
  await store.audit.append({ tenantId: a, at: at(-1), actorId: 'alice', action: 'customer.create', customerId: c.id });
  return c;
}

describeEachEngine('tenant isolation', engines, (store) => {
  it('tenant B reads nothing of tenant A through any read method', async () => {
    const a = tenant('a');
    const b = tenant('b');
    const c = await seed(store(), a);
    // B has data of its own, so "nothing" is not just an empty tenant
    // (on another day: the same code in both tenants is legitimate)
    await add(store(), b, { name: 'B Own', ownerId: 'bob' }, '20261101');

    const s = store();
    expect(await s.customers.get(b, c.id)).toBeNull();
    expect(await s.customers.getByCode(b, c.code)).toBeNull();
    expect(await s.customers.findByName(b, c.name, c.nameKey)).toEqual([]);
    expect(await s.customers.findByNameVariants(b, variantsOf('isolatedcorp'))).toEqual([]);
    for (const text of [c.code, 'Isolated', 'Secret Contact', 'finance', '13900001111']) {
      expect(await s.customers.search(b, { text, limit: 10, contactDetailsOf: 'all' })).toEqual([]);
    }
    const everything = { includeArchived: true };
    expect((await s.customers.list(b, { ownerId: 'alice', ...everything }, { offset: 0, limit: 50 })).total).toBe(0);
    expect((await s.customers.list(b, { dueBefore: at(1) }, { offset: 0, limit: 50 })).total).toBe(0);
    expect((await s.customers.list(b, everything, { offset: 0, limit: 50 })).items.map((x) => x.name)).toEqual(['B Own']);
    expect(await s.customers.dueFor(b, 'alice', at(1))).toEqual([]);
    expect(await s.customers.ownersWithDue(b, at(1))).toEqual([]);
    expect(await s.customers.inactiveSince(b, at(-100))).toEqual([]);
    for (const field of ['tier', 'status', 'ownerId', 'source', 'industry'] as const) {
      expect(await s.customers.countBy(b, field, { ownerId: 'alice' })).toEqual({});
    }
    expect((await collect(s.customers.iterate(b))).map((x) => x.name)).toEqual(['B Own']);
    expect(await s.interactions.recent(b, c.id, 10)).toEqual([]);
    expect(await s.interactions.countSince(b, c.id, at(-100))).toBe(0);
    expect(await s.deals.forCustomer(b, c.id)).toEqual([]);
    expect((await s.deals.forCustomers(b, [c.id])).size).toBe(0);
    expect(await s.people.get(b, 'alice')).toBeNull();
    expect(await s.people.list(b)).toEqual([]);
    expect(await s.people.findByNameOrId(b, 'alice')).toEqual([]);
    expect(await s.people.countByRole(b, 'admin')).toBe(0);
    expect((await s.settings.get(b)).digestTime).toBe('09:00');
    expect(await s.audit.list(b, {}, 10)).toEqual([]);
    expect(await s.audit.list(b, { customerId: c.id }, 10)).toEqual([]);

    // and writes through B do not reach A's customer
    await expect(s.customers.update(b, c.id, { name: 'taken over' })).rejects.toThrow();
    expect((await s.customers.get(a, c.id))?.name).toBe('Isolated Corp');
    // A still sees its own: the reads above could not pass by finding nothing at all
    expect(await s.customers.search(a, { text: 'Isolated', limit: 10 })).toHaveLength(1);
    expect(await s.interactions.recent(a, c.id, 10)).toHaveLength(1);
    expect(await s.people.countByRole(a, 'admin')).toBe(1);
  });
});
