// Every verb as text, in a direct chat and as an @mention in a group, through
// the real app, the real SDK and the fake open API; then the cards' buttons
// and forms through the card.action.trigger callback.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually } from '../../helpers/fake-feishu.js';
import { buttonValue, elementsOf, startFeishuWorld, T1, T2, textOf, type FeishuWorld } from './harness.js';

type Json = Record<string, unknown>;

describe('Feishu text commands', () => {
  let w: FeishuWorld;
  let code = '';
  beforeAll(async () => { w = await startFeishuWorld({ encrypt: true }); });
  afterAll(async () => { await w?.stop(); });

  const customers = (tenant = T1) => w.test.app.store.customers.list(tenant, { includeArchived: true }, { offset: 0, limit: 50 });

  it('new: creates a customer and answers with its card, in English for English text', async () => {
    const card = await w.ask('customer new "Hangzhou Yunzhan Tech" --industry internet --source exhibition --contact "Zhang San 13812345678"');
    const { items } = await customers();
    expect(items).toHaveLength(1);
    code = items[0]!.code;
    expect(items[0]).toMatchObject({ name: 'Hangzhou Yunzhan Tech', industry: 'internet', source: 'exhibition', ownerId: 'ou_alice' });
    expect(textOf(card)).toContain(`Created ${code}`);
    // the card's buttons: Log follow-up · Edit · Change tier · Reassign · Mark lost
    for (const label of ['Log follow-up', 'Edit', 'Change tier', 'Reassign', 'Mark lost']) expect(buttonValue(card, label)).toBeTruthy();
    // the person was looked up once and recorded with the time zone Feishu gave
    expect(await w.test.app.store.people.get(T1, 'ou_alice')).toMatchObject({ name: 'Alice', timeZone: 'Asia/Shanghai', platform: 'feishu' });
  });

  it('answers in Chinese for a Chinese command, with or without a prefix', async () => {
    const card = await w.ask(`客户 查看 ${code}`);
    expect(textOf(card)).toContain('记录跟进');
    const bare = await w.ask(`查看 ${code}`);
    expect(textOf(bare)).toContain('Hangzhou Yunzhan Tech');
    const slash = await w.ask(`/customer show ${code}`);
    expect(textOf(slash)).toContain('Log follow-up');
  });

  it('log, deal, edit, tier, status: each acts and is stored', async () => {
    const [c] = (await customers()).items;
    await w.ask(`customer log ${code} Called their buyer about the renewal price --via call --next 2099-01-15`);
    expect(await w.test.app.store.interactions.recent(T1, c!.id, 5)).toHaveLength(1);
    await w.ask(`customer deal ${code} 50000`);
    expect(await w.test.app.store.deals.forCustomer(T1, c!.id)).toHaveLength(1);
    await w.ask(`customer edit ${code} --region Hangzhou`);
    await w.ask(`customer tier ${code} key --reason "renewed for two years"`);
    const after = await w.test.app.store.customers.getByCode(T1, code);
    expect(after).toMatchObject({ region: 'Hangzhou', tier: 'key' });
    await w.ask(`customer status ${code} lost --reason "went to a competitor"`);
    expect((await w.test.app.store.customers.getByCode(T1, code))?.status).toBe('lost');
    await w.ask(`customer status ${code} active`);
    expect((await w.test.app.store.customers.getByCode(T1, code))?.status).not.toBe('lost');
  });

  it('find, list, due, help answer in the direct chat', async () => {
    expect(textOf(await w.ask('customer find yunzhan'))).toContain(code);
    expect(textOf(await w.ask('customer list all'))).toContain('Hangzhou Yunzhan Tech');
    expect(textOf(await w.ask('customer due'))).toBeTruthy();
    expect(textOf(await w.ask('客户 帮助'))).toContain('新建');
  });

  it('assign: a mentioned person becomes the owner', async () => {
    const card = await w.ask(`customer assign ${code} @_user_1`, { mentions: [{ openId: 'ou_bob', name: 'Bob' }] });
    expect(textOf(card)).toContain('Bob');
    expect((await w.test.app.store.customers.getByCode(T1, code))?.ownerId).toBe('ou_bob');
  });

  it('in a group: answers only a message that mentions the bot; private answers go by direct message', async () => {
    const ignored = await w.say(`customer show ${code}`, { group: true, mentionBot: false });
    const shown = await w.say(`customer show ${code}`, { group: true });
    const note = await w.answerTo(shown);
    expect(textOf(note.content)).toContain('direct message');
    const dm = await eventually(() => w.fake.messages.find((m) => m.kind === 'create' && m.receiveIdType === 'open_id' && m.receiveId === 'ou_alice'));
    expect(textOf(dm.content)).toContain('Hangzhou Yunzhan Tech');
    expect(w.fake.messages.some((m) => m.replyTo === ignored)).toBe(false);
    expect(w.fake.callsTo(`/messages/${ignored}/`)).toHaveLength(0);
  });

  it('in a group: each verb works as an @mention', async () => {
    await w.ask('customer new "Group Made Co" --industry retail', { group: true });
    expect((await w.test.app.store.customers.search(T1, { text: 'Group Made', limit: 5 }))).toHaveLength(1);
    for (const text of ['find group', 'list all', 'due', 'help', `log ${code} Visited the plant and met their engineers`, 'stats']) {
      const id = await w.say(`customer ${text}`, { group: true });
      await w.answerTo(id);
    }
    const [c] = await w.test.app.store.customers.search(T1, { text: code, limit: 1 });
    expect(await w.test.app.store.interactions.recent(T1, c!.id, 10)).toHaveLength(2);
  });

  it('stats: posted in the group with a chart and the numbers as text', async () => {
    const card = await w.ask('客户 统计', { group: true });
    const chart = elementsOf(card).find((e) => e.tag === 'chart');
    const spec = chart?.chart_spec as Json;
    expect(['bar', 'pie']).toContain(spec.type);
    const values = (spec.data as Json).values as { label: string; value: number }[];
    expect(values.reduce((sum, v) => sum + v.value, 0)).toBe(2);
    const numbers = elementsOf(card).filter((e) => e.tag === 'markdown').map((e) => String(e.content)).join('\n');
    for (const v of values) expect(numbers).toContain(`**${v.value}**`);
  });

  it('answers a message without Han characters or a verb in Chinese by default', async () => {
    // a newcomer (no language on record) sends only a code: not English, just not Chinese
    const reply = await w.ask('C20990101001', { user: 'ou_newcomer' });
    expect(textOf(reply)).toContain('不是可识别的命令');
  });

  it('a second tenant sees nothing of the first', async () => {
    expect(textOf(await w.ask('customer find yunzhan', { tenant: T2, user: 'ou_carol' }))).not.toContain(code);
    expect(textOf(await w.ask(`customer show ${code}`, { tenant: T2, user: 'ou_carol' }))).not.toContain('Hangzhou Yunzhan Tech');
    expect(textOf(await w.ask('customer list all', { tenant: T2, user: 'ou_carol' }))).not.toContain('Yunzhan');
    expect((await customers(T2)).total).toBe(0);
    const stats = await w.ask('customer stats', { tenant: T2, user: 'ou_carol', group: true });
    expect(JSON.stringify(stats)).not.toMatch(/"value":[1-9]/);
  });

  it('a picture in a direct chat gets a hint, not silence, in the language the person last used', async () => {
    await w.ask('customer help', { user: 'ou_bob' });
    const id = `om_img_${Date.now()}`;
    const { feishuRequest, messageEvent, postWebhook } = await import('../../helpers/fake-feishu.js');
    await postWebhook(w.url, feishuRequest(messageEvent({ tenantKey: T1, token: 'verification-token-for-tests', openId: 'ou_bob', text: '', messageType: 'image', messageId: id }), { encryptKey: w.encryptKey }));
    expect(textOf((await w.answerTo(id)).content)).toContain('text');
  });
});

describe('Feishu card callbacks', () => {
  let w: FeishuWorld;
  let code = '';
  beforeAll(async () => {
    w = await startFeishuWorld();
    await w.ask('customer new "Callback Works Ltd" --industry finance');
    code = (await w.test.app.store.customers.search(T1, { text: 'Callback Works', limit: 1 }))[0]!.code;
  });
  afterAll(async () => { await w?.stop(); });

  it('a button opens the follow-up form in place; a bad value shows the error in the form; a good one saves', async () => {
    const card = await w.ask(`customer show ${code}`);
    const opened = await w.click(buttonValue(card, 'Log follow-up'));
    const form = (opened.card as Json).data as Json;
    const names = elementsOf(form).map((e) => e.name).filter(Boolean);
    expect(names).toEqual(expect.arrayContaining(['content', 'via', 'next', 'deal', 'submit']));
    expect(elementsOf(form).find((e) => e.name === 'next')?.tag).toBe('date_picker');
    const submit = buttonValue(form, 'Save');

    const bad = await w.click(submit, { formValue: { content: 'Negotiated the yearly contract', via: 'visit', deal: 'lots', next: '' } });
    expect(bad.toast).toMatchObject({ type: 'error' });
    const again = (bad.card as Json).data as Json;
    expect(textOf(again)).toContain('"lots" is not an amount');
    expect(elementsOf(again).find((e) => e.name === 'content')?.default_value).toBe('Negotiated the yearly contract');
    const [c] = await w.test.app.store.customers.search(T1, { text: code, limit: 1 });
    expect(await w.test.app.store.interactions.recent(T1, c!.id, 5)).toHaveLength(0);

    const good = await w.click(buttonValue(again, 'Save'), { formValue: { content: 'Negotiated the yearly contract', via: 'visit', deal: '12000', next: '2099-03-01 +0800' } });
    expect(good.toast).toMatchObject({ type: 'success' });
    expect(textOf((good.card as Json).data as Json)).toContain(code);
    const [entry] = await w.test.app.store.interactions.recent(T1, c!.id, 5);
    expect(entry).toMatchObject({ channel: 'visit', content: 'Negotiated the yearly contract', dealAmount: 1_200_000 });
  });

  it('the new-customer form: a missing name is an error in place, then the customer is created', async () => {
    const card = await w.ask('customer new');
    const submit = buttonValue(card, 'Create');
    const bad = await w.click(submit, { formValue: { name: '', industry: 'retail', tier: 'key' } });
    expect(bad.toast).toMatchObject({ type: 'error' });
    const good = await w.click(buttonValue((bad.card as Json).data as Json, 'Create'), { formValue: { name: 'Formed Via Card', industry: 'retail', tier: 'key' } });
    expect(good.toast).toMatchObject({ type: 'success' });
    const [made] = await w.test.app.store.customers.search(T1, { text: 'Formed Via Card', limit: 1 });
    expect(made).toMatchObject({ industry: 'retail', tier: 'key' });
  });

  it('a stale or foreign button value answers with a toast and changes nothing', async () => {
    const res = await w.click({ something: 'else' });
    expect(res.toast).toMatchObject({ type: 'warning' });
    expect(res.card).toBeUndefined();
  });
});
