// Store contract: search through the search keys — pinyin, initials, Han
// bigrams, one character off (Chinese or Latin), ranks, keys kept in step
// with every change, and (MongoDB) keys backfilled for documents written
// before them.
import type { Connection } from 'mongoose';
import { expect, it } from 'vitest';
import { nameIndexKeys } from '../../src/commands/duplicates.js';
import { describeEachEngine, enginesUnderTest } from '../helpers/engines.js';
import { add, codes, names, tenant } from './fixtures.js';
import type { NewCustomer, Store } from '../../src/store/ports.js';

const engines = await enginesUnderTest();

const named = (store: Store, t: string, name: string, over: Partial<NewCustomer> = {}) => add(store, t, { name, ...nameIndexKeys(name), ...over });
const find = async (store: Store, t: string, text: string, limit = 10) => names(await store.customers.search(t, { text, limit }));

describeEachEngine('customers: search keys', engines, (store, engine) => {
  it('finds a Chinese name by full pinyin, by initials and by a run of its characters, in any case', async () => {
    const t = tenant();
    await named(store(), t, '上海云帆物流有限公司');
    await named(store(), t, '北京星河科技有限公司');
    for (const text of ['yunfan', 'YunFan', 'yun fan', 'shanghaiyunfan', 'shyf', 'yfwl', '云帆', '帆物流', '云', 'shanghaiyunfanwuliuyouxiangongsi']) {
      expect(await find(store(), t, text), text).toEqual(['上海云帆物流有限公司']);
    }
    // pinyin starts at a character, never inside a syllable
    expect(await find(store(), t, 'unfan')).toEqual([]);
    expect(await find(store(), t, 'xinghe')).toEqual(['北京星河科技有限公司']);
  });

  it('finds a name one character off, after every exact hit', async () => {
    const t = tenant();
    await named(store(), t, '上海云帆物流有限公司');
    await named(store(), t, '云帆物六文具店');
    await named(store(), t, 'Acme Robotics');
    await named(store(), t, 'Acme Trading');
    await named(store(), t, 'Robotcs Lab');
    expect(await find(store(), t, '云帆物六')).toEqual(['云帆物六文具店', '上海云帆物流有限公司']);
    expect(await find(store(), t, '云帆物流')).toEqual(['上海云帆物流有限公司', '云帆物六文具店']);
    expect(await find(store(), t, 'acme robotcs')).toEqual(['Acme Robotics']);
    expect(await find(store(), t, 'robotcs')).toEqual(['Robotcs Lab', 'Acme Robotics']);
    expect(await find(store(), t, 'acme robotiks')).toEqual(['Acme Robotics']);
    expect(await find(store(), t, 'acme roobtics')).toEqual(['Acme Robotics']);
    expect(await find(store(), t, 'acme roboticss')).toEqual(['Acme Robotics']);
    // two characters off is not a match; nor is a short word one letter off
    expect(await find(store(), t, 'acme robtcs')).toEqual([]);
    expect(await find(store(), t, '云天地六')).toEqual([]);
    expect(await find(store(), t, '云天物六')).toEqual(['云帆物六文具店']);
    expect(await find(store(), t, 'acmx')).toEqual(['Acme Robotics', 'Acme Trading']);
    expect(await find(store(), t, 'acm robotics')).toEqual(['Acme Robotics']);
    expect(await find(store(), t, 'ac robotcs')).toEqual(['Acme Robotics']);
    expect(await find(store(), t, 'ax robotcs')).toEqual([]);
  });

  it('ranks exact code, code prefix, exact name, name prefix, word, pinyin, contact, industry, one off', async () => {
    const t = tenant();
    const fuzzy = await named(store(), t, 'Lotsu Works');
    const industry = await named(store(), t, 'Zeta', { industry: 'Lotus Retail' });
    const contact = await named(store(), t, 'Eta', { contacts: [{ name: 'Ms Lotus' }] });
    const word = await named(store(), t, 'Golden Lotus');
    const prefix = await named(store(), t, 'Lotus Garden');
    const exact = await named(store(), t, 'LOTUS');
    expect(codes(await store().customers.search(t, { text: 'lotus', limit: 10 }))).toEqual(
      [exact.code, prefix.code, word.code, contact.code, industry.code, fuzzy.code],
    );
    expect(codes(await store().customers.search(t, { text: 'lotus', limit: 3 }))).toEqual([exact.code, prefix.code, word.code]);
    expect(codes(await store().customers.search(t, { text: fuzzy.code, limit: 2 }))[0]).toBe(fuzzy.code);
  });

  it('keeps the keys in step with renames, contacts, industry, owner and archiving', async () => {
    const t = tenant();
    const c = await named(store(), t, '杭州云栈科技有限公司', { ownerId: 'alice', contacts: [{ name: '王磊', phone: '13900001111' }] });
    const rename = { name: '苏州远景贸易有限公司', ...nameIndexKeys('苏州远景贸易有限公司') };
    await store().customers.update(t, c.id, rename);
    expect(await find(store(), t, 'yunzhan')).toEqual([]);
    expect(await find(store(), t, 'yuanjing')).toEqual(['苏州远景贸易有限公司']);
    expect(await find(store(), t, '王磊')).toEqual(['苏州远景贸易有限公司']);
    const byPhone = (who: string) => store().customers.search(t, { text: '1390000', limit: 5, contactDetailsOf: who });
    expect(names(await byPhone('alice'))).toEqual(['苏州远景贸易有限公司']);
    await store().customers.update(t, c.id, { ownerId: 'bob' });
    expect(await byPhone('alice')).toEqual([]);
    expect(names(await byPhone('bob'))).toEqual(['苏州远景贸易有限公司']);
    await store().customers.update(t, c.id, { contacts: [{ name: '李娜' }], industry: 'Logistics' });
    expect(await find(store(), t, '王磊')).toEqual([]);
    expect(await byPhone('bob')).toEqual([]);
    expect(await find(store(), t, 'logis')).toEqual(['苏州远景贸易有限公司']);
    const v = (await store().customers.get(t, c.id))!.version;
    await store().customers.update(t, c.id, { archived: true }, v);
    expect(await find(store(), t, 'yuanjing')).toEqual([]);
    await store().customers.update(t, c.id, { archived: false });
    expect(await find(store(), t, 'yuanjing')).toEqual(['苏州远景贸易有限公司']);
    // a change to other fields keeps the keys
    await store().customers.update(t, c.id, { notes: 'x', tier: 'key' });
    expect(await find(store(), t, '远景')).toEqual(['苏州远景贸易有限公司']);
  });

  it.runIf(engine === 'mongo')('gives documents written before the keys their keys at init (MongoDB only: the memory engine keeps no older documents)', async () => {
    const t = tenant();
    const s = store() as Store & { connection: Connection };
    const c = await named(s, t, '深圳蓝海电子有限公司');
    await s.connection.collection('customers').updateOne({ tenantId: t, code: c.code }, { $unset: { searchKeys: '', searchKeysV: '' } });
    expect(await find(s, t, 'lanhai')).toEqual([]);
    await s.init();
    expect(await find(s, t, 'lanhai')).toEqual(['深圳蓝海电子有限公司']);
    await s.init();
    expect(await find(s, t, 'lanhai')).toEqual(['深圳蓝海电子有限公司']);
  });
});
