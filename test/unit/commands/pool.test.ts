// The public pool's commands as people type them (SPEC §7): pool, claim with
// a pick list, release with its reason, assign from the pool, the card, the
// duplicate warning, stats by owner, list --owner 公海, settings, and the
// table's empty 负责人 on import and export. Asserted on what is shown and stored.
import { describe, expect, it } from 'vitest';
import { POOL_OWNER } from '../../../src/domain/pool.js';
import type { Block, Reply } from '../../../src/views/model.js';
import { makeHarness, type Harness } from '../../helpers/engine.js';

function buttons(reply: Reply): { label: string; text?: string; id: string }[] {
  return reply.blocks
    .flatMap((b: Block) => (b.type === 'actions' ? b.buttons : b.type === 'list' ? b.items.flatMap((i) => i.actions ?? []) : []))
    .map((b) => ({ label: b.label, id: b.action.id, text: b.action.args.text }));
}

/** boss (admin), mia (manager), amy and ben (members); amy has two customers, one released */
async function setup(): Promise<{ h: Harness; kept: string; pooled: string }> {
  const h = await makeHarness();
  await h.say('boss', '客户 帮助');
  await h.say('mia', '客户 帮助');
  await h.say('boss', '客户 角色 mia 经理');
  const kept = /C\d{11}/.exec((await h.say('amy', '客户 新建 杭州云栈科技有限公司 --联系人 "张伟 13812345678"')).text)![0];
  const pooled = /C\d{11}/.exec((await h.say('amy', '客户 新建 苏州启明软件有限公司 --联系人 "李娜 13912345678"')).text)![0];
  await h.say('ben', '客户 帮助');
  return { h, kept, pooled };
}

describe('release (退回公海)', () => {
  it('needs a reason, is the owner\'s (or a manager\'s), and puts the customer in the pool, audited', async () => {
    const { h, pooled } = await setup();
    const before = await h.writes();
    expect((await h.say('amy', `客户 退回公海 ${pooled}`)).text).toContain('请说明退回公海的原因');
    expect((await h.say('ben', `customer release ${pooled} --reason "not mine"`)).text).toContain('belongs to someone else');
    expect(await h.writes()).toEqual(before);

    const done = await h.say('amy', `客户 退回公海 ${pooled} --原因 客户今年没有预算`);
    expect(done.text).toContain('已退回公海');
    expect(done.text).toMatch(/负责人: +公海（2026-11-26（周四） 起，amy 退回）/);
    const stored = (await h.store.customers.getByCode('t1', pooled))!;
    expect(stored).toMatchObject({ ownerId: POOL_OWNER, poolReason: 'released', poolFromId: 'amy' });
    expect(stored.nextFollowUpAt).toBeUndefined();
    const [entry] = await h.store.audit.list('t1', { action: 'pool.release' }, 5);
    expect(entry).toMatchObject({ actorId: 'amy', field: 'ownerId', from: 'amy', to: POOL_OWNER, reason: '客户今年没有预算' });
    expect((await h.say('amy', `客户 退回公海 ${pooled} --原因 再来一次`)).text).toContain('已经在公海里');
  });
});

describe('pool (公海) and the card', () => {
  it('lists pool customers with Claim; the card says since when and masks contacts for everyone', async () => {
    const { h, pooled } = await setup();
    await h.say('amy', `客户 退回公海 ${pooled} --原因 客户今年没有预算`);
    const list = await h.say('ben', '客户 公海');
    expect(list.text).toContain('公海客户：共 1 个');
    expect(list.text).toContain(`${pooled} · 苏州启明软件有限公司`);
    expect(buttons(list.reply)[0]).toEqual({ label: '领取', id: 'run', text: `领取 ${pooled}` });
    expect((await h.say('ben', 'customer pool --tier key')).text).toContain('The public pool is empty');
    expect((await h.say('ben', 'customer pool extra')).text).toContain('did not understand');

    // amy gave it away: she sees it masked like everyone else
    for (const who of ['amy', 'ben', 'mia']) {
      const card = await h.say(who, `客户 查看 ${pooled}`);
      expect(card.text).toContain('139****5678');
      expect(card.text).not.toContain('13912345678');
      expect(buttons(card.reply).map((b) => b.label)).toContain('领取');
    }
    // list --owner 公海 is the same set; stats by owner shows the pool as its own row
    expect((await h.say('mia', '客户 列表 --负责人 公海')).text).toContain(pooled);
    const stats = await h.say('mia', '客户 统计 --按 负责人');
    expect(stats.text).toContain('公海: 1');
    expect(stats.text).toContain('amy: 1');
  });
});

describe('claim (领取)', () => {
  it('by name with a pick list for several matches, and not of a customer someone owns', async () => {
    const { h, kept, pooled } = await setup();
    await h.say('amy', `客户 退回公海 ${pooled} --原因 客户今年没有预算`);
    const other = /C\d{11}/.exec((await h.say('amy', '客户 新建 苏州启明科技有限公司 --确认')).text)![0];
    await h.say('amy', `客户 退回公海 ${other} --原因 联系不上`);
    const pick = await h.say('ben', '客户 领取 苏州启明');
    expect(pick.text).toContain('匹配到 2 个客户');
    expect(buttons(pick.reply).filter((b) => b.label === '就是这个').map((b) => b.text)).toEqual([`领取 ${pooled}`, `领取 ${other}`]);
    const byName = await h.say('ben', '客户 领取 苏州启明软件有限公司');
    expect(byName.text).toContain(`你已领取 ${pooled}`);
    // the claimer sees the contacts now, and owns it: due after the tier's cadence from today
    expect(byName.text).toContain('13912345678');
    const stored = (await h.store.customers.getByCode('t1', pooled))!;
    expect(stored).toMatchObject({ ownerId: 'ben', ownedSince: h.clock.now() });
    expect(stored.poolSince).toBeUndefined();
    expect(stored.nextFollowUpAt!.getTime()).toBeGreaterThan(h.clock.now().getTime());
    expect((await h.say('ben', `customer claim ${kept}`)).text).toContain(`${kept} is not in the public pool: amy owns it`);
    expect((await h.say('ben', `customer claim ${pooled}`)).text).toContain('already yours');
  });

  it('a manager assigns from the pool without the daily limit; a member cannot', async () => {
    const { h, pooled } = await setup();
    await h.say('amy', `客户 退回公海 ${pooled} --原因 客户今年没有预算`);
    await h.say('boss', '客户 设置 pool.claimLimit 0');
    expect((await h.say('ben', `客户 领取 ${pooled}`)).text).toContain('达到每日上限');
    expect((await h.say('ben', `客户 分配 ${pooled} ben`)).text).toContain('需要经理角色');
    const done = await h.say('mia', `客户 分配 ${pooled} ben --原因 他负责苏州`);
    expect(done.text).toContain(`${pooled} 已从公海分配给 ben`);
    expect((await h.store.customers.getByCode('t1', pooled))!.ownerId).toBe('ben');
    const [entry] = await h.store.audit.list('t1', { action: 'pool.assign' }, 5);
    expect(entry).toMatchObject({ actorId: 'mia', from: POOL_OWNER, to: 'ben', reason: '他负责苏州' });
    // and back: assigning to the pool is a release, with its reason
    expect((await h.say('mia', `客户 分配 ${pooled} 公海`)).text).toContain('请说明退回公海的原因');
    expect((await h.say('mia', `客户 分配 ${pooled} 公海 --原因 ben 调去华北`)).text).toContain('已退回公海');
    expect((await h.store.customers.getByCode('t1', pooled))!).toMatchObject({ ownerId: POOL_OWNER, poolReason: 'released', poolFromId: 'ben' });
  });
});

describe('new: a name like a pool customer', () => {
  it('says it is in the pool and offers Claim instead of creating', async () => {
    const { h, pooled } = await setup();
    await h.say('amy', `客户 退回公海 ${pooled} --原因 客户今年没有预算`);
    const before = await h.writes();
    const warned = await h.say('ben', '客户 新建 苏州启明软件有限公司');
    expect(warned.text).toContain(`与公海客户相似：${pooled} 苏州启明软件有限公司`);
    expect(buttons(warned.reply).find((b) => b.label === '领取')).toEqual({ label: '领取', id: 'run', text: `领取 ${pooled}` });
    expect(await h.writes()).toEqual(before);
  });
});

describe('settings of the pool', () => {
  it('are validated like the others and listed', async () => {
    const { h } = await setup();
    expect((await h.say('boss', 'customer settings pool.recycle.core never')).text).toContain('pool.recycle.core is now never');
    expect((await h.say('boss', 'customer settings pool.recycle.regular 45')).text).toContain('is now 45');
    expect((await h.say('boss', 'customer settings pool.warnDays 1,10')).text).toContain('pool.warnDays is now 10,1');
    expect((await h.say('boss', 'customer settings pool.warnDays 40')).text).toContain('must come after');
    expect((await h.say('boss', 'customer settings pool.claimLimit lots')).text).toContain('is not a valid value');
    expect((await h.say('boss', 'customer settings pool.reclaimWaitDays 3')).text).toContain('is now 3');
    expect((await h.say('amy', 'customer settings pool.claimLimit 9')).text).toContain('needs the Admin role');
    const all = await h.say('boss', 'customer settings');
    expect(all.text).toContain('pool.recycle.potential = 30');
    expect(all.text).toContain('pool.claimLimit = 5');
    const s = await h.store.settings.get('t1');
    expect(s.pool).toMatchObject({ recycleDays: { core: 0, key: 90, regular: 45, potential: 30 }, warnDays: [10, 1], reclaimWaitDays: 3 });
  });
});

describe('import and export', () => {
  it('an empty 负责人 puts the customer in the pool with a note; export writes the pool customer with an empty owner', async () => {
    const { h } = await setup();
    const csv = '客户名称,负责人,关系分类\n无锡新客户有限公司,,潜在客户\n常州老客户有限公司,amy,普通客户\n';
    const dry = await h.engine.importCsv(h.caller('boss'), { name: 't.csv', bytes: Buffer.from(csv) }, { dryRun: true });
    expect(JSON.stringify(dry)).toContain('没有填写负责人：客户进入公海');
    await h.engine.importCsv(h.caller('boss'), { name: 't.csv', bytes: Buffer.from(csv) }, { dryRun: false });
    const [imported] = await h.store.customers.findByName('t1', '无锡新客户有限公司', '无锡新客户');
    expect(imported).toMatchObject({ ownerId: POOL_OWNER, poolReason: 'imported' });
    expect(imported!.nextFollowUpAt).toBeUndefined();
    const out = (await h.engine.exportCsv(h.caller('boss'), { lang: 'zh' })).file!.content as string;
    const line = out.split('\r\n').find((l) => l.includes('无锡新客户有限公司'))!;
    const header = out.replace(/^\uFEFF/, '').split('\r\n')[0]!.split(',');
    expect(line.split(',')[header.indexOf('负责人')]).toBe('');
    expect(out.split('\r\n').find((l) => l.includes('常州老客户有限公司'))).toContain(',amy,');
    // and back in: the pool customer stays in the pool
    await h.engine.importCsv(h.caller('boss'), { name: 'again.csv', bytes: Buffer.from(out) }, { dryRun: false });
    expect((await h.store.customers.getByCode('t1', imported!.code))!.ownerId).toBe(POOL_OWNER);
  });
});

describe('due (待跟进)', () => {
  it('shows the pool warnings on demand too, and a follow-up logged takes the customer off them', async () => {
    const { h, kept } = await setup();
    h.clock.advance(25 * 86_400_000);
    const warned = async () => {
      const reply = (await h.say('amy', '客户 待跟进')).reply;
      const section = reply.blocks.find((b): b is Extract<Block, { type: 'list' }> => b.type === 'list' && b.title === '即将退回公海');
      return section?.items.map((i) => `${i.text} ${i.detail}`) ?? [];
    };
    expect(await warned()).toEqual([
      `杭州云栈科技有限公司 (${kept}) 潜在客户 · 12-26 退回公海，除非你记录一次跟进（还剩 5 天）`,
      expect.stringContaining('苏州启明软件有限公司'),
    ]);
    await h.say('amy', `客户 记录 ${kept} 电话沟通了预算，下个月初报价`);
    expect(await warned()).toEqual([expect.stringContaining('苏州启明软件有限公司')]);
  });
});
