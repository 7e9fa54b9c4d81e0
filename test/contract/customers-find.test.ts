// Store contract: findByName, findByNameVariants and search (ranking, literal
// text, contact details only for those who may see them).
import { expect, it } from 'vitest';
import { describeEachEngine, enginesUnderTest } from '../helpers/engines.js';
import { indexVariants, normaliseName } from '../../src/domain/names.js';
import { add, codes, names, nameKeyOf, tenant, variantsOf } from './fixtures.js';

const engines = await enginesUnderTest();

describeEachEngine('customers: finding', engines, (store) => {
  it('finds by exact name (any case) or by name key, never archived ones', async () => {
    const t = tenant();
    const acme = await add(store(), t, { name: 'Acme Trading' });
    const other = await add(store(), t, { name: 'ACME trading co., ltd', nameKey: nameKeyOf('Acme Trading') });
    await add(store(), t, { name: 'acme trading', archived: true });
    await add(store(), t, { name: 'Acme Tradingx' });
    const found = await store().customers.findByName(t, 'acme TRADING', nameKeyOf('Acme Trading'));
    expect(codes(found)).toEqual([acme.code, other.code]);
  });

  it('finds one-edit-away candidates by name variants', async () => {
    const t = tenant();
    const full = await add(store(), t, { name: '星辰科技有限公司', nameKey: '星辰科技', nameVariants: variantsOf('星辰科技') });
    await add(store(), t, { name: '月亮贸易', nameKey: '月亮贸易', nameVariants: variantsOf('月亮贸易') });
    // the typo 星辰科 is one deletion of 星辰科技: their variant sets meet
    const found = await store().customers.findByNameVariants(t, variantsOf('星辰科'));
    expect(codes(found)).toEqual([full.code]);
    expect(await store().customers.findByNameVariants(t, [])).toEqual([]);
    expect(await store().customers.findByNameVariants(t, ['nothing-like-it'])).toEqual([]);
  });

  it('keeps name variants as index data: the product\'s own ones found, none handed back, kept across a rename of the key alone', async () => {
    const t = tenant();
    // what `new` and import store: indexVariants of the normalised name (the memory engine derives these again instead of keeping them)
    const key = normaliseName('上海云帆物流有限公司');
    const own = await add(store(), t, { name: '上海云帆物流有限公司', nameKey: key, nameVariants: indexVariants(key) });
    const given = await add(store(), t, { name: 'Given', nameKey: 'given', nameVariants: ['given', 'x-variant'] });
    for (const c of [own, given, await store().customers.get(t, own.id), (await store().customers.search(t, { text: '云帆', limit: 5 }))[0]]) {
      expect(c).toBeDefined();
      expect(c).not.toHaveProperty('nameVariants');
    }
    expect(codes(await store().customers.findByNameVariants(t, indexVariants(normaliseName('上海云帆物六'))))).toEqual([own.code]);
    expect(codes(await store().customers.findByNameVariants(t, ['x-variant']))).toEqual([given.code]);
    // a log entry leaves the variants alone
    await store().customers.update(t, own.id, { lastInteractionAt: new Date('2026-11-22T02:00:00Z') });
    expect(codes(await store().customers.findByNameVariants(t, [key]))).toEqual([own.code]);
    // a new key without new variants keeps the variants written before (as a document does)
    await store().customers.update(t, own.id, { name: '别的名字', nameKey: '别的名字' });
    expect(codes(await store().customers.findByNameVariants(t, [key]))).toEqual([own.code]);
    expect(await store().customers.findByNameVariants(t, indexVariants('别的名字'))).toEqual([]);
    // new variants replace them
    await store().customers.update(t, own.id, { nameVariants: indexVariants('别的名字') });
    expect(await store().customers.findByNameVariants(t, [key])).toEqual([]);
    expect(codes(await store().customers.findByNameVariants(t, ['别的名字']))).toEqual([own.code]);
  });

  it('ranks search results: exact code, code prefix, name prefix, name substring, contact name, industry', async () => {
    const t = tenant();
    const industry = await add(store(), t, { name: 'Zeta', industry: 'Blue Retail' });
    const contact = await add(store(), t, { name: 'Eta', contacts: [{ name: 'Mr Blue' }] });
    const substring = await add(store(), t, { name: 'Deep Blue Sea' });
    const prefix = await add(store(), t, { name: 'blue river' });
    await add(store(), t, { name: 'Red' });
    await add(store(), t, { name: 'Blue archived', archived: true });
    const found = await store().customers.search(t, { text: 'BLUE', limit: 10 });
    expect(codes(found)).toEqual([prefix.code, substring.code, contact.code, industry.code]);

    const exact = await store().customers.search(t, { text: industry.code.toLowerCase(), limit: 10 });
    expect(exact[0]?.code).toBe(industry.code);
    const byDay = await store().customers.search(t, { text: 'c20261122', limit: 3 });
    expect(codes(byDay)).toEqual(['C20261122001', 'C20261122002', 'C20261122003']);
  });

  it('stops at the limit and still returns the best matches first', async () => {
    const t = tenant();
    for (let i = 0; i < 5; i += 1) await add(store(), t, { name: `Old Lotus ${i}` });
    const best = await add(store(), t, { name: 'Lotus First' });
    const found = await store().customers.search(t, { text: 'lotus', limit: 3 });
    expect(found).toHaveLength(3);
    expect(found[0]!.code).toBe(best.code);
    expect(names(found.slice(1))).toEqual(['Old Lotus 0', 'Old Lotus 1']);
    expect(await store().customers.search(t, { text: 'lotus', limit: 0 })).toEqual([]);
    expect(await store().customers.search(t, { text: '   ', limit: 5 })).toEqual([]);
  });

  it('treats user text literally: no regular expressions, no operators', async () => {
    const t = tenant();
    const plain = await add(store(), t, { name: 'Plain Company' });
    const dotStar = await add(store(), t, { name: 'Weird .* Name' });
    const json = await add(store(), t, { name: 'Shop {"$gt":""}' });
    // punctuation separates words and is not searched: a pattern alone finds nothing, not everything
    expect(await store().customers.search(t, { text: '.*', limit: 10 })).toEqual([]);
    expect(await store().customers.search(t, { text: '(', limit: 10 })).toEqual([]);
    expect(codes(await store().customers.search(t, { text: 'weird .*', limit: 10 }))).toEqual([dotStar.code]);
    expect(codes(await store().customers.search(t, { text: '{"$gt":""}', limit: 10 }))).toEqual([json.code]);
    // as a regular expression 'Pl.in' would match "Plain"; as words it does not
    expect(await store().customers.search(t, { text: 'Pl.in', limit: 10 })).toEqual([]);
    expect(await store().customers.search(t, { text: 'P.*n', limit: 10 })).toEqual([]);
    expect(codes(await store().customers.search(t, { text: '^Plain', limit: 10 }))).toEqual([plain.code]);
    expect(await store().customers.findByName(t, '.*', '.*')).toEqual([]);
    expect(await store().customers.getByCode(t, '.*')).toBeNull();
    // an object smuggled in where a string belongs matches nothing
    const smuggled = { $gt: '' } as unknown as string;
    expect(await store().customers.getByCode(t, smuggled)).toBeNull();
    expect(await store().customers.findByName(t, smuggled, smuggled)).toEqual([]);
    expect(await store().customers.search(t, { text: smuggled, limit: 10 })).toEqual([]);
  });

  it('matches contact details only for the owner, or for everyone when asked for all', async () => {
    const t = tenant();
    const mine = await add(store(), t, { name: 'Mine', ownerId: 'alice', contacts: [{ name: 'A', phone: '13812345678', email: 'boss@mine.example' }] });
    const theirs = await add(store(), t, { name: 'Theirs', ownerId: 'bob', contacts: [{ name: 'B', phone: '13812345679', wechat: 'wx_1381234' }] });
    const q = (contactDetailsOf?: string) => store().customers.search(t, { text: '1381234', limit: 10, ...(contactDetailsOf ? { contactDetailsOf } : {}) });
    expect(await q()).toEqual([]);
    expect(codes(await q('alice'))).toEqual([mine.code]);
    expect(codes(await q('bob'))).toEqual([theirs.code]);
    expect(codes(await q('all'))).toEqual([mine.code, theirs.code]);
    expect(codes(await store().customers.search(t, { text: 'BOSS@', limit: 10, contactDetailsOf: 'alice' }))).toEqual([mine.code]);
  });
});
