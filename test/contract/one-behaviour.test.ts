// One behaviour, two engines (issue 13): where MongoDB and the memory engine
// once answered differently — ties, limit 0, letter case beyond ASCII, text
// beyond the BMP, two spellings of one code sequence, a marker claimed while
// the TTL monitor sweeps.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/domain/types.js';
import { codeSortKey, compareText } from '../../src/store/memory/ordering.js';
import { describeEachEngine, enginesUnderTest } from '../helpers/engines.js';
import { add, at, codes, collect, newCustomer, T0, tenant } from './fixtures.js';

const engines = await enginesUnderTest();

describeEachEngine('one behaviour', engines, (store) => {
  it('audit.list and interactions.recent: at the same instant, the later entry first', async () => {
    const t = tenant();
    const s = store();
    const ids: string[] = [];
    for (const action of ['customer.create', 'customer.edit', 'customer.tier'] as const) {
      ids.push((await s.audit.append({ tenantId: t, at: T0, actorId: 'u1', action, customerId: 'c1' })).id);
    }
    expect((await s.audit.list(t, {}, 10)).map((e) => e.id)).toEqual([...ids].reverse());
    expect((await s.audit.list(t, { customerId: 'c1' }, 2)).map((e) => e.id)).toEqual([ids[2], ids[1]]);
    const entries: string[] = [];
    for (const content of ['one', 'two', 'three']) {
      entries.push((await s.interactions.append({ tenantId: t, customerId: 'c1', authorId: 'u1', at: T0, channel: 'call', content })).id);
    }
    expect((await s.interactions.recent(t, 'c1', 10)).map((e) => e.id)).toEqual([...entries].reverse());
  });

  it('deliveries.list: newest first, ties by id (highest first); limit 0 lists nothing', async () => {
    const t = tenant();
    const d = store().deliveries;
    for (const recipient of ['u2', 'u1', 'u3']) {
      await d.claim({ tenantId: t, job: 'digest', recipient, period: '2026-11-23' }, 'w1', 60_000, T0);
    }
    await d.claim({ tenantId: t, job: 'digest', recipient: 'u0', period: '2026-11-23' }, 'w1', 60_000, at(1));
    const listed = await d.list({ tenantId: t }, 10);
    expect(listed[0]!.recipient).toBe('u0');
    const tied = listed.slice(1).map((x) => x.id);
    expect(tied).toEqual([...tied].sort(compareText).reverse());
    expect(await d.list({ tenantId: t }, 0)).toEqual([]);
    expect(await d.list({}, 0)).toEqual([]);
  });

  it('limit 0 everywhere: nothing listed, the total still counted', async () => {
    const t = tenant();
    const s = store();
    await add(s, t);
    await add(s, t);
    expect(await s.customers.list(t, {}, { offset: 0, limit: 0 })).toEqual({ items: [], total: 2 });
    expect(await s.audit.list(t, {}, 0)).toEqual([]);
    expect(await s.interactions.recent(t, 'c1', 0)).toEqual([]);
    expect(await s.customers.search(t, { text: 'Customer', limit: 0 })).toEqual([]);
  });

  it('countBy: buckets in code-point order, the same on both engines', async () => {
    const t = tenant();
    for (const industry of ['retail', 'Ärzte', 'auto', 'retail', '物流', 'Zoo', '𝒜 studio']) await add(store(), t, { industry });
    const counts = await store().customers.countBy(t, 'industry');
    expect(Object.keys(counts)).toEqual(['Zoo', 'auto', 'retail', 'Ärzte', '物流', '𝒜 studio']);
    expect(counts.retail).toBe(2);
    const owners = await store().customers.countBy(t, 'ownerId', { tier: 'regular' });
    expect(owners).toEqual({ u1: 7 });
  });

  it('the settings default: a tenant that chose nothing, and one that cleared what it chose', async () => {
    const t = tenant();
    const s = store().settings;
    expect(await s.get(t)).toEqual({ ...DEFAULT_SETTINGS, tenantId: t });
    await s.update(t, { reportChannel: 'C1', cadenceDays: { ...DEFAULT_SETTINGS.cadenceDays, core: 3 } }, T0);
    await s.update(t, { reportChannel: undefined }, at(1));
    const got = await s.get(t);
    expect(got.reportChannel).toBeUndefined();
    expect(got.cadenceDays).toEqual({ ...DEFAULT_SETTINGS.cadenceDays, core: 3 });
    expect(got.digestTime).toBe(DEFAULT_SETTINGS.digestTime);
  });

  it('matches names case-insensitively beyond ASCII (Latin, Greek, Cyrillic)', async () => {
    const t = tenant();
    const s = store();
    const names = ['École Ärzte GmbH', 'ΟΔΟΣ Shipping', 'Москва Трейд'];
    for (const name of names) await add(s, t, { name, nameKey: name.toLowerCase() });
    for (const typed of ['ÉCOLE ÄRZTE GMBH', 'οδος shipping', 'МОСКВА ТРЕЙД']) {
      const found = await s.customers.findByName(t, typed, 'no-such-key');
      expect(found.map((c) => c.name.toLowerCase()), typed).toEqual([typed.toLowerCase()]);
    }
    const now = T0;
    await s.people.upsert({ tenantId: t, id: 'u9', name: 'Zoë Åberg', platform: 'console' }, now);
    expect((await s.people.findByNameOrId(t, 'ZOË ÅBERG')).map((p) => p.id)).toEqual(['u9']);
  });

  it('sorts text beyond the BMP in code-point order (as MongoDB compares UTF-8)', async () => {
    const t = tenant();
    const s = store();
    // U+FB03 (ﬃ) is inside the BMP above the surrogates; U+1D49C (𝒜) is beyond it
    for (const [id, name] of [['p1', '𝒜 Corp'], ['p2', 'ﬃ Corp'], ['p3', 'Zed'], ['p4', '𠀀 Ltd']] as const) {
      await s.people.upsert({ tenantId: t, id, name, platform: 'console' }, T0);
    }
    expect((await s.people.list(t)).map((p) => p.name)).toEqual(['Zed', 'ﬃ Corp', '𝒜 Corp', '𠀀 Ltd']);
  });

  it('two spellings of one sequence (C20261122001, C202611220001): iterate meets each once, in code order', async () => {
    const t = tenant();
    const c = store().customers;
    for (const code of ['C202611220001', 'C20261122002', 'C20261122001', 'C2026112200002']) await c.insert(newCustomer(t, code));
    const expected = ['C20261122001', 'C202611220001', 'C20261122002', 'C2026112200002'];
    for (const batch of [1, 2, 500]) {
      const seen: string[] = [];
      for await (const x of c.iterate(t, batch)) {
        seen.push(x.code);
        // a walk that loops would never end: cut it off and fail
        if (seen.length > 10) break;
      }
      expect(seen, `batch ${batch}`).toEqual(expected);
    }
    expect(codes((await c.list(t, {}, { offset: 0, limit: 10 })).items)).toEqual(expected);
    expect(codes(await collect(c.iterate(t)))).toEqual(expected);
  });

  it('once.claim: one claimer among many at once; an expired marker is taken again, a live one is not', async () => {
    const o = store().once;
    const key = `evt-${tenant()}`;
    const got = await Promise.all(Array.from({ length: 8 }, () => o.claim(key, 60_000, T0)));
    expect(got.filter(Boolean)).toHaveLength(1);
    expect(await o.claim(key, 60_000, new Date(T0.getTime() + 59_000))).toBe(false);
    // past its expiry, before any sweep removed it: claimed again, by one only
    const later = new Date(T0.getTime() + 61_000);
    const again = await Promise.all(Array.from({ length: 4 }, () => o.claim(key, 60_000, later)));
    expect(again.filter(Boolean)).toHaveLength(1);
  });
});

describe('the orderings both engines share (no store)', () => {
  it('compareText is code-point order: UTF-8 byte order, as MongoDB sorts strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), fc.string({ unit: 'binary' }), (a, b) => {
      const bytes = Math.sign(Buffer.compare(Buffer.from(a, 'utf8'), Buffer.from(b, 'utf8')));
      expect(compareText(a, b)).toBe(bytes);
    }), { numRuns: 2000 });
  });

  it('codeSortKey: distinct codes get distinct keys, and codes the service writes keep their keys', () => {
    expect(codeSortKey('C20261122001')).not.toBe(codeSortKey('C202611220001'));
    expect(codeSortKey('C20261122001')).toBe('C20261122000000001');
    expect(codeSortKey('C202611221000')).toBe('C20261122000001000');
    fc.assert(fc.property(fc.stringMatching(/^C2026112[0-9]{1,2}[0-9]{1,6}$/), fc.stringMatching(/^C2026112[0-9]{1,2}[0-9]{1,6}$/), (a, b) => {
      if (a !== b) expect(codeSortKey(a)).not.toBe(codeSortKey(b));
    }));
  });
});
