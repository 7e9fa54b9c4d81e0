// Store contract: codes, insert/get, copies, update with versions, iterate.
import { expect, it } from 'vitest';
import { DuplicateCodeError, VersionConflictError } from '../../src/store/ports.js';
import { describeEachEngine, enginesUnderTest } from '../helpers/engines.js';
import { add, at, codes, collect, newCustomer, tenant } from './fixtures.js';

const engines = await enginesUnderTest();

describeEachEngine('customers: codes, writes, versions', engines, (store) => {
  it('numbers codes per tenant and day, restarting at 001 on a new day', async () => {
    const a = tenant();
    const b = tenant();
    const c = store().customers;
    expect(await c.nextCode(a, '20261122')).toBe('C20261122001');
    expect(await c.nextCode(a, '20261122')).toBe('C20261122002');
    expect(await c.nextCode(b, '20261122')).toBe('C20261122001');
    expect(await c.nextCode(a, '20261123')).toBe('C20261123001');
    expect(await c.nextCode(a, '20261122')).toBe('C20261122003');
  });

  it('hands 50 concurrent callers 50 distinct consecutive codes', async () => {
    const t = tenant();
    const got = await Promise.all(Array.from({ length: 50 }, () => store().customers.nextCode(t, '20261122')));
    const expected = Array.from({ length: 50 }, (_, i) => `C20261122${String(i + 1).padStart(3, '0')}`);
    expect([...got].sort()).toEqual(expected);
  });

  it('widens to 4 digits past 999 and keeps code order across the widening', async () => {
    const t = tenant();
    let last = '';
    for (let i = 0; i < 1000; i += 1) last = await store().customers.nextCode(t, '20261122');
    expect(last).toBe('C202611221000');
    await store().customers.insert(newCustomer(t, 'C202611221000', { name: 'Thousandth' }));
    await store().customers.insert(newCustomer(t, 'C20261122999', { name: 'Before' }));
    await store().customers.insert(newCustomer(t, 'C20261122100', { name: 'Hundredth' }));
    expect(codes((await store().customers.list(t, {}, { offset: 0, limit: 10 })).items))
      .toEqual(['C20261122100', 'C20261122999', 'C202611221000']);
  });

  it('stores a customer and finds it by id and by code, with id and version assigned', async () => {
    const t = tenant();
    const saved = await add(store(), t, {
      name: 'Acme', contacts: [{ name: 'Zhang San', phone: '13812345678' }], needs: ['fast-response'],
      nextFollowUpAt: at(7), industry: 'retail',
    });
    expect(saved.id).toMatch(/^[0-9a-f]{24}$/);
    expect(saved.version).toBe(1);
    const byId = await store().customers.get(t, saved.id);
    expect(byId).toEqual(saved);
    expect(byId?.nextFollowUpAt).toBeInstanceOf(Date);
    expect(await store().customers.getByCode(t, saved.code)).toEqual(saved);
    expect(await store().customers.get(t, '000000000000000000000000')).toBeNull();
    expect(await store().customers.get(t, 'not-an-id')).toBeNull();
    expect(await store().customers.getByCode(t, 'C19990101001')).toBeNull();
  });

  it('refuses a second customer with the same code in a tenant', async () => {
    const t = tenant();
    const first = await add(store(), t);
    await expect(store().customers.insert(newCustomer(t, first.code))).rejects.toBeInstanceOf(DuplicateCodeError);
    // another tenant may have the same code
    await expect(store().customers.insert(newCustomer(tenant(), first.code))).resolves.toMatchObject({ code: first.code });
  });

  it('returns copies: changing a returned customer changes nothing stored', async () => {
    const t = tenant();
    const saved = await add(store(), t, { contacts: [{ name: 'Li' }], needs: ['a'] });
    saved.name = 'mutated';
    saved.contacts[0]!.name = 'mutated';
    saved.needs.push('b');
    const again = (await store().customers.get(t, saved.id))!;
    again.createdAt.setTime(0);
    const third = (await store().customers.get(t, saved.id))!;
    expect(third.name).not.toBe('mutated');
    expect(third.contacts[0]!.name).toBe('Li');
    expect(third.needs).toEqual(['a']);
    expect(third.createdAt.getTime()).not.toBe(0);
  });

  it('updates with a version check, bumps the version and clears fields given as undefined', async () => {
    const t = tenant();
    const saved = await add(store(), t, { name: 'Old Name', nextFollowUpAt: at(3) });
    const updated = await store().customers.update(t, saved.id, { name: 'New Name', tier: 'key', nextFollowUpAt: undefined }, 1);
    expect(updated).toMatchObject({ name: 'New Name', tier: 'key', version: 2 });
    expect(updated.nextFollowUpAt).toBeUndefined();
    expect(await store().customers.get(t, saved.id)).toEqual(updated);
    // the name indexes follow the change
    expect(await store().customers.findByName(t, 'new name', 'nomatch')).toHaveLength(1);
    expect(await store().customers.findByName(t, 'old name', 'nomatch')).toHaveLength(0);

    await expect(store().customers.update(t, saved.id, { tier: 'core' }, 1)).rejects.toBeInstanceOf(VersionConflictError);
    expect((await store().customers.get(t, saved.id))!.tier).toBe('key');
    expect((await store().customers.update(t, saved.id, { tier: 'core' })).version).toBe(3);
  });

  it('does not update a customer of another tenant', async () => {
    const t = tenant();
    const saved = await add(store(), t);
    await expect(store().customers.update(tenant(), saved.id, { name: 'hijack' })).rejects.toThrow();
    expect((await store().customers.get(t, saved.id))!.name).toBe(saved.name);
  });

  it('iterates every customer of a tenant in code order, in batches', async () => {
    const t = tenant();
    for (let i = 0; i < 7; i += 1) await add(store(), t, {}, i < 4 ? '20261122' : '20261121');
    await add(store(), tenant());
    const all = await collect(store().customers.iterate(t, 3));
    expect(codes(all)).toEqual([
      'C20261121001', 'C20261121002', 'C20261121003',
      'C20261122001', 'C20261122002', 'C20261122003', 'C20261122004',
    ]);
    expect(codes(await collect(store().customers.iterate(t, 1)))).toEqual(codes(all));
    expect(await collect(store().customers.iterate(tenant()))).toEqual([]);
  });
});
