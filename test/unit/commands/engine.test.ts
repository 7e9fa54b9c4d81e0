// The foundation issue's "what a user must see", driven through the engine
// as the console, Slack and Feishu drive it.
import { describe, expect, it } from 'vitest';
import { makeHarness } from '../../helpers/engine.js';

const TODAY = '20261126'; // 2026-11-26 10:00 in Asia/Shanghai

describe('creating customers', () => {
  it('numbers two customers of the same day 001 and 002', async () => {
    const h = await makeHarness();
    expect((await h.say('boss', '客户 新建 杭州云栈科技有限公司 --行业 互联网')).text).toContain(`C${TODAY}001`);
    expect((await h.say('boss', 'new "Acme Trading Ltd" --industry retail')).text).toContain(`C${TODAY}002`);
    const c = await h.store.customers.getByCode('t1', `C${TODAY}002`);
    expect(c).toMatchObject({ name: 'Acme Trading Ltd', industry: 'retail', ownerId: 'boss', tier: 'potential', status: 'potential' });
  });

  it('warns about a near-duplicate name, naming the existing code and owner, and creates nothing until confirmed', async () => {
    const h = await makeHarness();
    await h.say('amy', '客户 新建 杭州云栈科技有限公司');
    const before = await h.writes();
    const { reply, text } = await h.say('boss', '客户 新建 杭州云栈科技有限公');
    expect(text).toContain(`C${TODAY}001`);
    expect(text).toContain('amy');
    expect(await h.writes()).toEqual(before);
    const confirm = reply.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : [])).find((b) => b.action.id === 'confirm-create');
    expect(confirm).toBeDefined();
    const created = await h.engine.handleAction(h.caller('boss'), confirm!.action);
    expect(created.summary).toContain(`C${TODAY}002`);
    expect((await h.store.customers.getByCode('t1', `C${TODAY}002`))?.name).toBe('杭州云栈科技有限公');
  });

  it('warns for the other spellings of one company too', async () => {
    const h = await makeHarness();
    await h.say('boss', 'new "Acme Co., Ltd."');
    for (const name of ['ACME co ltd', 'Ａｃｍｅ Co., Ltd.', '"Acme, Inc."', 'Acmee']) {
      expect((await h.say('boss', `new ${name.startsWith('"') ? name : `"${name}"`}`)).reply.blocks[0]).toMatchObject({ tone: 'warning' });
    }
    expect((await h.writes()).customers).toBe(1);
  });

  it('gives 50 concurrent creates 50 distinct consecutive codes', async () => {
    const h = await makeHarness();
    await Promise.all(Array.from({ length: 50 }, (_, i) => h.say('boss', `new "Company number ${i} of the batch ${'xyz'[i % 3]}${i * 7919}" --confirm`)));
    const codes = [];
    for await (const c of h.store.customers.iterate('t1')) codes.push(c.code);
    expect(codes.sort()).toEqual(Array.from({ length: 50 }, (_, i) => `C${TODAY}${String(i + 1).padStart(3, '0')}`));
  });

  it('opens a form with no arguments, shows field errors in place, then creates', async () => {
    const h = await makeHarness();
    const { reply } = await h.say('boss', 'new');
    expect(reply.blocks[0]).toMatchObject({ type: 'form', form: { id: 'new' } });
    const bad = await h.engine.submitForm(h.caller('boss'), 'new', {}, { name: 'Foo Ltd', source: 'pigeon' });
    expect(bad).toMatchObject({ fieldErrors: { source: expect.stringContaining('pigeon') } });
    const noName = await h.engine.submitForm(h.caller('boss'), 'new', {}, { name: '  ' });
    expect(noName).toMatchObject({ fieldErrors: { name: expect.any(String) } });
    expect((await h.writes()).customers).toBe(0);
    const ok = await h.engine.submitForm(h.caller('boss'), 'new', {}, { name: 'Foo Ltd', source: 'exhibition', tier: 'key', needs: ['price-sensitive', 'fast response'] });
    expect('fieldErrors' in ok).toBe(false);
    expect(await h.store.customers.getByCode('t1', `C${TODAY}001`)).toMatchObject({ source: 'exhibition', tier: 'key', needs: ['price-sensitive', 'fast response'] });
  });

  it('refuses an ID number as a contact with the reason, and stores nothing', async () => {
    const h = await makeHarness();
    const { text } = await h.say('boss', '客户 新建 张三商行 --contact 110101199003071234');
    expect(text).toContain('身份证号');
    expect((await h.say('boss', 'new "Zhang Shop" --contact 110101900307123')).text).toMatch(/ID number/);
    expect((await h.say('boss', '客户 新建 李四商行 --region 杭州市西湖区文三路100号3栋2单元501室')).text).toContain('家庭住址');
    expect(await h.writes()).toEqual({ customers: 0, audit: 0 });
  });
});

describe('logging follow-ups', () => {
  it('logs with a natural next date in the person\'s time zone and keeps the customer in step', async () => {
    const h = await makeHarness();
    await h.say('boss', '客户 新建 杭州云栈科技有限公司');
    const { text } = await h.say('boss', `客户 记录 C${TODAY}001 电话沟通续约价格，客户希望下周再谈 --next 下周二 --方式 电话`);
    expect(text).toContain('2026-12-01');
    const c = await h.store.customers.getByCode('t1', `C${TODAY}001`);
    expect(c?.nextFollowUpAt?.toISOString()).toBe('2026-11-30T16:00:00.000Z'); // 2026-12-01 00:00 Shanghai
    expect(c?.lastInteractionAt?.toISOString()).toBe('2026-11-26T02:00:00.000Z');
    const [entry] = await h.store.interactions.recent('t1', c!.id, 5);
    expect(entry).toMatchObject({ channel: 'call', content: '电话沟通续约价格，客户希望下周再谈', authorId: 'boss' });
  });

  it('refuses empty follow-up phrases with a hint and stores nothing', async () => {
    const h = await makeHarness();
    await h.say('boss', 'new "Acme Trading"');
    const before = await h.writes();
    for (const [text, hint] of [['客户 记录 Acme 已跟进', '沟通了什么'], ['log Acme followed up', 'what was discussed'], ['log Acme ok', 'what was discussed']] as const) {
      expect((await h.say('boss', text)).text).toContain(hint);
    }
    expect(await h.writes()).toEqual(before);
    const c = await h.store.customers.getByCode('t1', `C${TODAY}001`);
    expect(await h.store.interactions.recent('t1', c!.id, 5)).toEqual([]);
  });

  it('records a deal from the log, which moves status and value', async () => {
    const h = await makeHarness();
    await h.say('boss', 'new "Acme Trading"');
    await h.say('boss', `log C${TODAY}001 Signed the annual contract for 120k --via meeting --deal 12万`);
    const c = await h.store.customers.getByCode('t1', `C${TODAY}001`);
    expect(c).toMatchObject({ status: 'active', valueLevel: 'high', dealCount: 1, dealAmount365: 120_000_00 });
  });

  it('brings a dormant customer back to active when someone logs', async () => {
    const h = await makeHarness();
    await h.say('boss', 'new "Sleepy Ltd"');
    await h.say('boss', `deal C${TODAY}001 5000`);
    const c = (await h.store.customers.getByCode('t1', `C${TODAY}001`))!;
    await h.store.customers.update('t1', c.id, { status: 'dormant' });
    await h.say('boss', `log C${TODAY}001 Visited the new purchasing manager, wants a quote --via visit`);
    expect((await h.store.customers.get('t1', c.id))?.status).toBe('active');
  });

  it('refuses a past next date and a bad amount, writing nothing', async () => {
    const h = await makeHarness();
    await h.say('boss', 'new "Acme Trading"');
    const before = await h.writes();
    expect((await h.say('boss', `log C${TODAY}001 Discussed the Q1 order --next 2020-01-01`)).text).toContain('past');
    expect((await h.say('boss', `log C${TODAY}001 Discussed the Q1 order --deal lots`)).text).toContain('not an amount');
    expect((await h.say('boss', `log C${TODAY}001 Discussed the Q1 order --next someday-maybe`)).text).toContain('could not read');
    expect(await h.writes()).toEqual(before);
  });
});

describe('seeing and searching', () => {
  it('masks contacts for people who do not own the customer, and a masked phone finds nothing', async () => {
    const h = await makeHarness();
    await h.say('boss', 'new "Acme Trading" --contact "Zhang San manager 13812345678 zhang@example.com"');
    const amy = await h.say('amy', `show C${TODAY}001`);
    expect(amy.text).toContain('138****5678');
    expect(amy.text).toContain('z***@example.com');
    expect(amy.text).not.toContain('13812345678');
    expect((await h.say('boss', `show C${TODAY}001`)).text).toContain('13812345678');
    expect((await h.say('amy', 'find 13812345678')).text).toContain('No customer');
    expect((await h.say('boss', 'find 13812345678')).text).toContain(`C${TODAY}001`);
    expect((await h.say('amy', 'find zhang')).text).toContain(`C${TODAY}001`);
  });

  it('reveals contacts to a manager and audits it; members may not', async () => {
    const h = await makeHarness();
    await h.say('amy', 'new "Acme Trading" --phone 13812345678');
    expect((await h.say('bob', `reveal C${TODAY}001`)).text).toContain('not allowed');
    await h.say('boss', 'role bob manager');
    const { text } = await h.say('bob', `reveal C${TODAY}001`);
    expect(text).toContain('13812345678');
    const audits = await h.store.audit.list('t1', { action: 'contact.reveal' }, 10);
    expect(audits).toHaveLength(1);
    expect(audits[0]).toMatchObject({ actorId: 'bob' });
  });

  it('pages search results ten at a time, with a button for the next page', async () => {
    const h = await makeHarness();
    for (let i = 1; i <= 13; i++) await h.say('boss', `new "Harbour Trading ${String.fromCharCode(64 + i)}" --confirm`);
    const first = await h.say('boss', 'find harbour');
    const list = first.reply.blocks.find((b) => b.type === 'list');
    expect(list && list.type === 'list' && list.items).toHaveLength(10);
    const next = first.reply.blocks.flatMap((b) => (b.type === 'actions' ? b.buttons : []))[0];
    expect(next?.action).toMatchObject({ id: 'run', args: { text: 'find harbour --page 2' } });
    const second = await h.engine.handleAction(h.caller('boss'), next!.action);
    const rest = second.blocks.find((b) => b.type === 'list');
    expect(rest && rest.type === 'list' && rest.items.map((i) => i.text)).toEqual([
      `C${TODAY}011 · Harbour Trading K`, `C${TODAY}012 · Harbour Trading L`, `C${TODAY}013 · Harbour Trading M`,
    ]);
    expect(second.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect((await h.say('boss', 'find harbour --page 3')).text).toContain('no page 3');
  });

  it('answers a name that matches several customers with a pick list, never a guess', async () => {
    const h = await makeHarness();
    await h.say('boss', 'new "Yunzhan Hangzhou"');
    await h.say('boss', 'new "Yunzhan Shanghai"');
    const { reply } = await h.say('boss', 'log Yunzhan Discussed the pilot scope with both teams');
    const list = reply.blocks.find((b) => b.type === 'list');
    expect(list && list.type === 'list' && list.items).toHaveLength(2);
    const pick = list && list.type === 'list' ? list.items[1]!.actions![0]! : undefined;
    expect(pick?.action.id).toBe('run');
    expect(await h.store.interactions.recent('t1', (await h.store.customers.getByCode('t1', `C${TODAY}002`))!.id, 5)).toEqual([]);
    await h.engine.handleAction(h.caller('boss'), pick!.action);
    const logged = await h.store.interactions.recent('t1', (await h.store.customers.getByCode('t1', `C${TODAY}002`))!.id, 5);
    expect(logged[0]?.content).toBe('Discussed the pilot scope with both teams');
  });

  it('treats operator-looking and regex text as literal text', async () => {
    const h = await makeHarness();
    await h.say('boss', 'new "Acme Trading"');
    expect((await h.say('boss', 'find {"$gt":""}')).text).toContain('No customer');
    expect((await h.say('boss', 'find .*')).text).toContain('No customer');
    await h.say('boss', 'new {"$gt":""}');
    expect((await h.store.customers.getByCode('t1', `C${TODAY}002`))?.name).toBe('{"$gt":""}');
    const found = await h.say('boss', 'find {"$gt":""}');
    expect(found.text).toContain(`C${TODAY}002`);
    expect(found.text).not.toContain(`C${TODAY}001`);
  });

  it('counts by tier for the team, and by status', async () => {
    const h = await makeHarness();
    await h.say('boss', 'new "A1 Co" --tier core');
    await h.say('boss', 'new "B2 Co" --tier key');
    await h.say('boss', 'new "C3 Co" --tier key');
    const { reply, text } = await h.say('boss', '客户 统计');
    expect(reply.audience).toBe('channel');
    expect(reply.blocks.find((b) => b.type === 'chart')).toMatchObject({ data: [
      { label: '核心客户', value: 1 }, { label: '重点客户', value: 2 }, { label: '普通客户', value: 0 }, { label: '潜在客户', value: 0 },
    ] });
    expect(text).toContain('重点客户: 2');
    expect((await h.say('boss', 'stats --by status')).text).toContain('Potential: 3');
  });

  it('lists due customers, and the due list offers Log / Snooze / Open', async () => {
    const h = await makeHarness();
    await h.say('boss', 'new "Acme Trading" --tier core');
    await h.say('boss', 'new "Later Ltd" --tier regular');
    h.clock.advance(8 * 86_400_000); // core cadence is 7 days
    const list = await h.say('boss', 'list --due');
    expect(list.text).toContain('Acme Trading');
    expect(list.text).not.toContain('Later Ltd');
    const due = await h.say('boss', '待跟进');
    expect(due.text).toContain('核心客户 · 逾期 1 天');
    const item = due.reply.blocks.find((b) => b.type === 'list');
    const ids = item && item.type === 'list' ? item.items[0]!.actions!.map((a) => a.action.id) : [];
    expect(ids).toEqual(['log', 'snooze', 'open']);
    const snooze = item && item.type === 'list' ? item.items[0]!.actions![1]! : undefined;
    await h.engine.handleAction(h.caller('boss'), snooze!.action);
    expect((await h.say('boss', 'due')).text).toContain('Nothing due');
  });

  it('helps in both languages', async () => {
    const h = await makeHarness();
    expect((await h.say('boss', 'help')).text).toContain('log a follow-up');
    expect((await h.say('boss', '客户 帮助')).text).toContain('记录跟进');
    expect((await h.say('boss', 'help log')).text).not.toContain('the customer card');
  });
});

describe('bad input gets a specific answer in the user\'s language and writes nothing', () => {
  it.each([
    ['frobnicate C1', 'not a command'],
    ['客户 乱码 C1', '不是可识别的命令'],
    ['show C20990101001', 'No customer matches'],
    ['客户 查看 不存在的公司', '没有找到'],
    ['new "Foo Ltd" --type alien', 'Use one of'],
    ['客户 新建 某公司 --分类 超级', '可选'],
    [`new "${'x'.repeat(101)}"`, 'at most 100'],
    ['log C1', 'No customer'],
    ['list --page 0', 'no page'],
    ['stats --by colour', 'Use one of'],
    ['find x --via call', 'does not apply'],
    ['', 'Type a command'],
  ])('%s', async (line, expected) => {
    const h = await makeHarness();
    await h.say('boss', 'help'); // the person reads English unless the line is Chinese
    await h.say('boss', 'new "Existing Co"');
    const before = await h.writes();
    const { text } = await h.say('boss', line);
    expect(text).toContain(expected);
    expect(await h.writes()).toEqual(before);
  });
});

describe('who may do what', () => {
  it('lets members log only on their own customers, and managers on all', async () => {
    const h = await makeHarness();
    await h.say('amy', 'new "Amy Co"');
    expect((await h.say('bob', `log C${TODAY}001 Discussed the pilot scope`)).text).toContain('belongs to someone else');
    await h.say('boss', 'role bob manager');
    expect((await h.say('bob', `log C${TODAY}001 Discussed the pilot scope`)).text).toContain('saved');
    // the notices job tells the owner from this entry (test/jobs/notices.test.ts)
    expect(await h.store.audit.list('t1', { action: 'interaction.log' }, 5)).toMatchObject([{ actorId: 'bob', details: { ownerId: 'amy' } }]);
  });

  it('lets only managers reassign, keeping who, from, to and why', async () => {
    const h = await makeHarness();
    await h.say('amy', 'new "Amy Co"');
    await h.say('bob', 'help');
    expect((await h.say('amy', `assign C${TODAY}001 bob`)).text).toContain('Manager role');
    await h.say('boss', `assign C${TODAY}001 @bob --reason "amy moves to the north team"`);
    expect((await h.store.customers.getByCode('t1', `C${TODAY}001`))?.ownerId).toBe('bob');
    const [entry] = await h.store.audit.list('t1', { action: 'customer.assign' }, 5);
    expect(entry).toMatchObject({ from: 'amy', to: 'bob', reason: 'amy moves to the north team', actorId: 'boss' });
  });

  it('keeps the last admin, and lets admins change settings with validation', async () => {
    const h = await makeHarness();
    await h.say('boss', 'help');
    expect((await h.say('boss', 'role boss member')).text).toContain('last admin');
    expect((await h.say('amy', 'settings cadence.key 10')).text).toContain('not allowed');
    expect((await h.say('boss', 'settings cadence.key 0')).text).toContain('not a valid value');
    expect((await h.say('boss', 'settings goingDormantDays 95')).text).toContain('below');
    expect((await h.say('boss', 'settings cadence.key 10')).text).toContain('10');
    expect((await h.store.settings.get('t1')).cadenceDays.key).toBe(10);
  });

  it('marks lost only with a reason, and wins back', async () => {
    const h = await makeHarness();
    await h.say('boss', 'new "Gone Co"');
    expect((await h.say('boss', `status C${TODAY}001 lost`)).text).toContain('needs a reason');
    await h.say('boss', `status C${TODAY}001 lost --reason "switched to a competitor"`);
    expect((await h.store.customers.getByCode('t1', `C${TODAY}001`))?.status).toBe('lost');
    await h.say('boss', `status C${TODAY}001 active`);
    expect((await h.store.customers.getByCode('t1', `C${TODAY}001`))?.status).toBe('active');
    const history = await h.store.audit.list('t1', { action: 'customer.status' }, 5);
    expect(history.map((e) => `${e.from}->${e.to}`)).toEqual(['lost->active', 'potential->lost']);
  });

  it('keeps an audit entry for every write', async () => {
    const h = await makeHarness();
    await h.say('boss', 'new "Audit Co"');
    await h.say('boss', `log C${TODAY}001 Discussed the renewal in detail`);
    await h.say('boss', `tier C${TODAY}001 key --reason "big order coming"`);
    await h.say('boss', `edit C${TODAY}001 --region Hangzhou`);
    await h.say('boss', `deal C${TODAY}001 30000`);
    const actions = (await h.store.audit.list('t1', {}, 50)).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['customer.create', 'interaction.log', 'customer.tier', 'customer.edit', 'deal.add']));
  });
});

describe('tenants', () => {
  it('never lets one workspace see another\'s customers', async () => {
    const h = await makeHarness();
    await h.say('boss', 'new "Secret Co"');
    const other = { tenantId: 't2' };
    expect((await h.say('eve', 'find Secret', other)).text).toContain('No customer');
    expect((await h.say('eve', `show C${TODAY}001`, other)).text).toContain('No customer');
    expect((await h.say('eve', 'stats', other)).text).toContain('No customers yet');
  });
});
