// Writes that cannot half-happen (issue 13): people acting at once on a store
// with 20 ms of latency per call, as a remote MongoDB answers. A follow-up,
// its deal and the customer's derived fields land together; the duplicate
// check of `new` cannot be raced; a unit that cannot land leaves nothing.
import { expect, it } from 'vitest';
import { DuplicateNameError, VersionConflictError, type Store } from '../../src/store/ports.js';
import { makeHarness } from '../helpers/engine.js';
import { describeEachEngine, enginesUnderTest } from '../helpers/engines.js';
import { withLatency } from '../helpers/latency.js';
import { newCustomer, tenant } from './fixtures.js';

const engines = await enginesUnderTest();
const LATENCY_MS = 20;
const TODAY = '20261126';

describeEachEngine('atomic writes under latency', engines, (store) => {
  async function harness(s: Store = withLatency(store(), LATENCY_MS)) {
    const tenantId = tenant();
    return { h: await makeHarness({ store: s, tenantId }), tenantId };
  }

  it('three concurrent `log … --deal 1000`: all three saved, and the customer counts three deals', async () => {
    const { h, tenantId } = await harness();
    await h.say('boss', 'new "Acme Robotics" --industry robotics');
    const code = `C${TODAY}001`;
    const replies = await Promise.all([1, 2, 3].map((n) =>
      h.say('boss', `log ${code} Renewal call ${n}: agreed on the pricing of batch ${n} --deal 1000`)));
    for (const r of replies) expect(r.text).toContain(`Follow-up saved for ${code}`);
    const c = (await store().customers.getByCode(tenantId, code))!;
    expect(c).toMatchObject({ dealCount: 3, dealAmount365: 300_000, status: 'active' });
    expect(await store().interactions.recent(tenantId, c.id, 10)).toHaveLength(3);
    expect(await store().deals.forCustomer(tenantId, c.id)).toHaveLength(3);
    const audit = await store().audit.list(tenantId, { customerId: c.id, action: 'interaction.log' }, 10);
    expect(audit).toHaveLength(3);
  });

  it('concurrent `deal` and `log --deal` on one customer: every deal counted once', async () => {
    const { h, tenantId } = await harness();
    await h.say('boss', 'new "Borealis Freight"');
    const code = `C${TODAY}001`;
    const replies = await Promise.all([
      h.say('boss', `deal ${code} --deal 500`),
      h.say('boss', `log ${code} Signed the spare parts order for Q1 --deal 700`),
      h.say('boss', `deal ${code} --deal 300`),
    ]);
    for (const r of replies) expect(r.reply.blocks[0]).toMatchObject({ tone: 'success' });
    const c = (await store().customers.getByCode(tenantId, code))!;
    expect(c).toMatchObject({ dealCount: 3, dealAmount365: 150_000 });
  });

  it('a follow-up whose customer update cannot land leaves no entry and no deal behind', async () => {
    const base = store();
    // a customer someone else keeps changing: every versioned write conflicts
    const customers = Object.assign(Object.create(base.customers) as Store['customers'], {
      update: async (tenantId: string, id: string, patch: object, expected?: number) => {
        if (expected !== undefined) throw new VersionConflictError(id);
        return base.customers.update(tenantId, id, patch, expected);
      },
    });
    const jammed = Object.assign(Object.create(base) as Store, { customers });
    const { h, tenantId } = await harness(jammed);
    await h.say('boss', 'new "Cobalt Mining"');
    const code = `C${TODAY}001`;
    const r = await h.say('boss', `log ${code} Discussed the Q1 order volume and delivery dates --deal 900`);
    expect(r.text).toContain('Nothing was saved');
    const c = (await base.customers.getByCode(tenantId, code))!;
    expect(await base.interactions.recent(tenantId, c.id, 10)).toEqual([]);
    expect(await base.deals.forCustomer(tenantId, c.id)).toEqual([]);
    expect(c).toMatchObject({ dealCount: 0, version: 1 });
  });

  it('five people creating the same name at once: one customer, four duplicate warnings', async () => {
    const { h, tenantId } = await harness();
    const replies = await Promise.all(['u1', 'u2', 'u3', 'u4', 'boss'].map((u) => h.say(u, 'new "Delta Logistics Ltd"')));
    const created = replies.filter((r) => r.text.includes('Created'));
    const warned = replies.filter((r) => r.text.includes('looks like an existing customer'));
    expect(created).toHaveLength(1);
    expect(warned).toHaveLength(4);
    expect((await store().customers.list(tenantId, {}, { offset: 0, limit: 10 })).total).toBe(1);
    // "create anyway" still creates
    expect((await h.say('u1', 'new "Delta Logistics Ltd" --confirm')).text).toContain('Created');
    expect((await store().customers.list(tenantId, {}, { offset: 0, limit: 10 })).total).toBe(2);
  });

  it('a name hold: refused while held, free once the holder is renamed or archived, never for unheld inserts', async () => {
    const t = tenant();
    const c = store().customers;
    const first = await c.insert(newCustomer(t, 'C20261122001', { name: 'Echo Ltd', nameKey: 'echo' }), { uniqueName: true });
    await expect(c.insert(newCustomer(t, 'C20261122002', { name: 'ECHO ltd', nameKey: 'echo' }), { uniqueName: true }))
      .rejects.toBeInstanceOf(DuplicateNameError);
    // a confirmed create (no hold) and another tenant are not held back
    await c.insert(newCustomer(t, 'C20261122003', { name: 'Echo Ltd', nameKey: 'echo' }));
    await c.insert(newCustomer(tenant(), 'C20261122001', { name: 'Echo Ltd', nameKey: 'echo' }), { uniqueName: true });
    await c.update(t, first.id, { name: 'Foxtrot Ltd', nameKey: 'foxtrot' });
    const again = await c.insert(newCustomer(t, 'C20261122004', { name: 'Echo Ltd', nameKey: 'echo' }), { uniqueName: true });
    await c.update(t, again.id, { archived: true });
    await c.insert(newCustomer(t, 'C20261122005', { name: 'Echo Ltd', nameKey: 'echo' }), { uniqueName: true });
    // the hold stays inside the engine
    expect(Object.keys(await c.get(t, first.id) ?? {})).not.toContain('nameGuard');
  });

  it('retract takes back one entry and one deal, nothing else', async () => {
    const t = tenant();
    const s = store();
    const base = { tenantId: t, customerId: 'c1', authorId: 'u1', at: new Date('2026-11-22T01:00:00Z'), channel: 'call' as const };
    const a = await s.interactions.append({ ...base, content: 'first' });
    const b = await s.interactions.append({ ...base, content: 'second' });
    await s.interactions.retract(t, a.id);
    await s.interactions.retract(tenant(), b.id);
    expect((await s.interactions.recent(t, 'c1', 10)).map((i) => i.content)).toEqual(['second']);
    const d = await s.deals.add({ tenantId: t, customerId: 'c1', amount: 5, date: base.at, authorId: 'u1' });
    await s.deals.add({ tenantId: t, customerId: 'c1', amount: 6, date: base.at, authorId: 'u1' });
    await s.deals.retract(t, d.id);
    expect((await s.deals.forCustomer(t, 'c1')).map((x) => x.amount)).toEqual([6]);
  });
});
