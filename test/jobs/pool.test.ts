// The public pool (SPEC §7, issue 14) as a team meets it: an admin sets the
// recycle days, people create and log customers on a moved clock, the
// scheduler ticks (recycling, digests), and people claim from the pool by
// typing commands. Assertions are on what each person is shown and on what
// the store holds.
import { describe, expect, it } from 'vitest';
import { POOL_OWNER } from '../../src/domain/pool.js';
import { deliveryId } from '../../src/store/deliveries.js';
import type { Block, Reply } from '../../src/views/model.js';
import { renderText } from '../../adapters/console/render.js';
import { makeHarness, type Harness } from '../helpers/engine.js';
import { DAY, makeWorld, type World } from './world.js';

const T = 't1';
const NOW = '2026-12-01T01:30:00Z'; // 09:30 in Shanghai, past the digest time

function lists(reply: Reply): Extract<Block, { type: 'list' }>[] {
  return reply.blocks.filter((b): b is Extract<Block, { type: 'list' }> => b.type === 'list');
}

function codeIn(text: string): string {
  return /C\d{11,12}/.exec(text)![0];
}

/** a world and the command engine on one store and one clock */
async function team(): Promise<{ w: World; h: Harness; say: Harness['say'] }> {
  const w = makeWorld(NOW);
  const h = await makeHarness({ store: w.store, now: NOW, admins: ['boss'], tenantId: T });
  // the engine has its own clock: keep the two together
  const sync = () => h.clock.set(w.clock.now());
  const say: Harness['say'] = async (user, text, extra) => {
    sync();
    return h.say(user, text, extra);
  };
  return { w, h, say };
}

/** create a customer as `user` on a day `daysAgo` before now, and log a follow-up then */
async function createdAndLogged(w: World, say: Harness['say'], user: string, name: string, daysAgo: number): Promise<string> {
  const back = new Date(w.clock.now().getTime() - daysAgo * DAY);
  const now = w.clock.now();
  w.clock.set(back);
  const created = await say(user, `客户 新建 ${name} --确认`);
  const code = codeIn(created.text);
  await say(user, `客户 记录 ${code} 电话沟通了需求，客户在比较三家方案，下周再谈`);
  w.clock.set(now);
  return code;
}

describe('public pool: what a user must see (issue 14)', () => {
  it('warns in the digest, recycles once and tells the former owner, lets others claim, holds the wait and the daily limit', async () => {
    const { w, say } = await team();
    await say('boss', '客户 帮助');
    expect((await say('boss', '客户 设置 pool.recycle.potential 30')).text).toContain('pool.recycle.potential 已设为 30');
    for (const id of ['alice', 'bob', 'carol']) await say(id, '客户 帮助');

    const warned = await createdAndLogged(w, say, 'alice', '杭州云栈科技有限公司', 24);
    const recycled = await createdAndLogged(w, say, 'alice', '苏州启明软件有限公司', 31);
    // five more in the pool, released by carol with a reason
    const released: string[] = [];
    for (const name of ['宁波甲', '宁波乙', '宁波丙', '宁波丁', '宁波戊']) {
      const code = await createdAndLogged(w, say, 'carol', `${name}贸易有限公司`, 2);
      expect((await say('carol', `客户 退回公海 ${code}`)).text).toContain('请说明退回公海的原因');
      expect((await say('carol', `客户 退回公海 ${code} --原因 客户今年没有预算`)).text).toContain('已退回公海');
      released.push(code);
    }

    const s = w.scheduler();
    await s.tick();
    // the day's run: the 31-day customer is in the pool, its former owner told once
    const b = (await w.store.customers.getByCode(T, recycled))!;
    expect(b).toMatchObject({ ownerId: POOL_OWNER, poolReason: 'recycled', poolFromId: 'alice' });
    expect(b.nextFollowUpAt).toBeUndefined();
    expect((await w.store.customers.getByCode(T, warned))!.ownerId).toBe('alice');
    const told = w.platform.delivered.filter((d) => d.to === '@alice' && d.key.includes('|pool|'));
    expect(told).toHaveLength(1);
    expect(renderText(told[0]!.reply)).toContain(`苏州启明软件有限公司 (${recycled})`);
    expect(renderText(told[0]!.reply)).toContain('31 天没有跟进');

    // alice's digest: the 24-day customer returns to the pool in 6 days, with the Log button
    const digest = w.platform.delivered.find((d) => d.to === '@alice' && d.key.includes('|digest|'))!;
    const section = lists(digest.reply).find((l) => l.title === '即将退回公海')!;
    expect(section.items.map((i) => i.text)).toEqual([`杭州云栈科技有限公司 (${warned})`]);
    expect(section.items[0]!.detail).toBe('潜在客户 · 12-07 退回公海，除非你记录一次跟进（还剩 6 天）');
    expect(section.items[0]!.actions![0]!.action).toEqual({ id: 'log', args: { code: warned } });
    expect(JSON.stringify(digest.reply)).not.toContain(recycled);

    // later ticks of the day change nothing and send nothing more
    w.clock.advance(3 * 3_600_000);
    await s.tick();
    await w.scheduler({ replica: 'second' }).tick();
    expect(w.platform.delivered.filter((d) => d.to === '@alice')).toHaveLength(2);
    expect(await w.store.audit.list(T, { action: 'pool.recycle' }, 10)).toHaveLength(1);

    // the former owner may not claim it back today: told from when she may
    const refused = await say('alice', `客户 领取 ${recycled}`);
    expect(refused.text).toContain('2026-12-08');
    expect(refused.text).toContain('才能再次领取');
    // another member claims it and becomes the owner
    const claimed = await say('bob', `客户 领取 ${recycled}`);
    expect(claimed.text).toContain(`你已领取 ${recycled}`);
    expect((await w.store.customers.getByCode(T, recycled))!).toMatchObject({ ownerId: 'bob' });
    expect((await say('alice', `客户 领取 ${recycled}`)).text).toContain('不在公海里：负责人是 bob');

    // four more claims are fine; the sixth of the day is refused with the limit, and writes nothing
    for (const code of released.slice(0, 4)) expect((await say('bob', `客户 领取 ${code}`)).text).toContain('你已领取');
    const sixth = await say('bob', `客户 领取 ${released[4]}`);
    expect(sixth.text).toContain('达到每日上限');
    expect((await w.store.customers.getByCode(T, released[4]!))!.ownerId).toBe(POOL_OWNER);
    // the next day the allowance is new
    w.clock.advance(DAY);
    expect((await say('bob', `客户 领取 ${released[4]}`)).text).toContain('你已领取');
  });
});

describe('public pool: recycling pass', () => {
  it('never takes lost, archived, core or freshly logged customers; a claimed customer starts a new clock', async () => {
    const w = makeWorld(NOW);
    await w.person(T, 'U1', { timeZone: 'Asia/Shanghai' });
    const now = w.clock.now().getTime();
    const old = new Date(now - 200 * DAY);
    const lost = await w.customer(T, { name: 'Lost', ownerId: 'U1', tier: 'potential', status: 'lost', lastInteractionAt: old });
    const archived = await w.customer(T, { name: 'Archived', ownerId: 'U1', tier: 'potential', archived: true, lastInteractionAt: old });
    const core = await w.customer(T, { name: 'Core', ownerId: 'U1', tier: 'core', lastInteractionAt: old });
    const claimedLately = await w.customer(T, { name: 'Claimed', ownerId: 'U1', tier: 'potential', lastInteractionAt: old, ownedSince: new Date(now - 3 * DAY) });
    const key = await w.customer(T, { name: 'Key', ownerId: 'U1', tier: 'key', lastInteractionAt: new Date(now - 91 * DAY) });
    const never = await w.customer(T, { name: 'Never logged', ownerId: 'U1', tier: 'regular', createdAt: new Date(now - 61 * DAY) });
    const regular59 = await w.customer(T, { name: 'Regular 59', ownerId: 'U1', tier: 'regular', lastInteractionAt: new Date(now - 59 * DAY) });

    await w.scheduler().tick();
    const owner = async (id: string) => (await w.store.customers.get(T, id))!.ownerId;
    expect(await owner(key.id)).toBe(POOL_OWNER);
    expect(await owner(never.id)).toBe(POOL_OWNER);
    for (const c of [lost, archived, core, claimedLately, regular59]) expect(await owner(c.id)).toBe('U1');
    // one batched message for both
    const told = w.platform.delivered.filter((d) => d.key.includes('|pool|'));
    expect(told).toHaveLength(1);
    expect(lists(told[0]!.reply)[0]!.items.map((i) => i.text)).toEqual([`Key (${key.code})`, `Never logged (${never.code})`]);
    const audit = await w.store.audit.list(T, { customerId: key.id }, 5);
    expect(audit[0]).toMatchObject({ action: 'pool.recycle', actorId: 'system', field: 'ownerId', from: 'U1', to: POOL_OWNER });
  });

  it('runs from the digest time, catches up after downtime, and keeps a customer logged while the pass runs', async () => {
    // 08:00 Shanghai: before the tenant's digest time nothing moves
    const w = makeWorld('2026-12-01T00:00:00Z');
    await w.person(T, 'U1', { timeZone: 'Asia/Shanghai' });
    const now = w.clock.now().getTime();
    const a = await w.customer(T, { name: 'A', ownerId: 'U1', tier: 'potential', lastInteractionAt: new Date(now - 40 * DAY) });
    const racing = await w.customer(T, { name: 'Racing', ownerId: 'U1', tier: 'potential', lastInteractionAt: new Date(now - 40 * DAY) });
    const s = w.scheduler();
    await s.tick();
    expect((await w.store.customers.get(T, a.id))!.ownerId).toBe('U1');

    // a follow-up lands between the pass reading the customers and writing them
    const customers = w.store.customers;
    const realIdle = customers.idleOwned.bind(customers);
    customers.idleOwned = async (...args) => {
      const found = await realIdle(...args);
      if (found.some((c) => c.id === racing.id)) await customers.update(T, racing.id, { lastInteractionAt: w.clock.now() });
      return found;
    };
    // the service was down until three days later: the pass catches up on its next tick
    w.clock.set('2026-12-04T05:00:00Z');
    await s.tick();
    expect((await w.store.customers.get(T, a.id))!.ownerId).toBe(POOL_OWNER);
    expect((await w.store.customers.get(T, racing.id))!.ownerId).toBe('U1');
    expect((await w.store.deliveries.get(deliveryId({ tenantId: T, job: 'pool', recipient: 'system', period: '2026-12-04' })))?.state).toBe('empty');
  });
});

describe('public pool in the digest and the weekly report', () => {
  it('sends a digest that has only pool warnings, tomorrow named as such; none for the pool itself', async () => {
    const w = makeWorld(NOW);
    await w.person(T, 'U1', { timeZone: 'Asia/Shanghai', lang: 'en' });
    const now = w.clock.now().getTime();
    const future = new Date(now + 5 * DAY);
    // nothing due: explicit next follow-ups ahead; 25 and 29 days without one (potential: 30)
    await w.customer(T, { name: 'Five left', code: 'C20261101001', ownerId: 'U1', tier: 'potential', lastInteractionAt: new Date(now - 25 * DAY), nextFollowUpAt: future, nextFollowUpExplicit: true });
    await w.customer(T, { name: 'One left', code: 'C20261101002', ownerId: 'U1', tier: 'potential', lastInteractionAt: new Date(now - 29 * DAY), nextFollowUpAt: future, nextFollowUpExplicit: true });
    await w.customer(T, { name: 'Far off', ownerId: 'U1', tier: 'potential', lastInteractionAt: new Date(now - 10 * DAY), nextFollowUpAt: future });
    await w.customer(T, { name: 'In the pool', ownerId: POOL_OWNER, tier: 'potential', lastInteractionAt: new Date(now - 29 * DAY), nextFollowUpAt: new Date(now - DAY) });

    await w.scheduler().tick();
    expect(w.platform.delivered.map((d) => d.to)).toEqual(['@U1']);
    const r = w.platform.delivered[0]!.reply;
    expect(r.summary).toBe('2 customers return to the public pool soon unless you log a follow-up.');
    const [section] = lists(r);
    expect(section!.title).toBe('Returning to the public pool');
    expect(section!.items.map((i) => i.detail)).toEqual([
      'Potential · returns to the pool tomorrow (12-02) unless you log a follow-up today',
      'Potential · returns to the pool on 12-06 unless you log a follow-up (5 days left)',
    ]);
  });

  it('shows the pool in the weekly report: its size and the week\'s in and out', async () => {
    // Monday 2026-11-30 09:00 Shanghai; the week is Mon 23rd – Sun 29th
    const w = makeWorld('2026-11-30T01:00:00Z');
    await w.person(T, 'M1', { role: 'manager', name: 'Mia', timeZone: 'Asia/Shanghai', lang: 'en' });
    const now = w.clock.now().getTime();
    const recent = new Date(now - DAY);
    const a = await w.customer(T, { name: 'Pooled A', ownerId: POOL_OWNER, lastInteractionAt: recent, createdAt: new Date(now - 60 * DAY) });
    await w.customer(T, { name: 'Pooled B', ownerId: POOL_OWNER, lastInteractionAt: recent, createdAt: new Date(now - 60 * DAY) });
    const c = await w.customer(T, { name: 'Claimed', ownerId: 'U1', lastInteractionAt: recent, createdAt: new Date(now - 60 * DAY) });
    const inWeek = (days: number) => new Date(now - days * DAY);
    await w.store.audit.append({ tenantId: T, at: inWeek(3), actorId: 'system', action: 'pool.recycle', customerId: a.id, field: 'ownerId', from: 'U2', to: POOL_OWNER });
    await w.store.audit.append({ tenantId: T, at: inWeek(4), actorId: 'U2', action: 'pool.release', customerId: c.id, field: 'ownerId', from: 'U2', to: POOL_OWNER });
    await w.store.audit.append({ tenantId: T, at: inWeek(2), actorId: 'U1', action: 'pool.claim', customerId: c.id, field: 'ownerId', from: POOL_OWNER, to: 'U1' });
    // the week before: not counted
    await w.store.audit.append({ tenantId: T, at: inWeek(10), actorId: 'system', action: 'pool.recycle', customerId: c.id, field: 'ownerId', from: 'U3', to: POOL_OWNER });

    await w.scheduler().tick();
    const report = w.platform.delivered.find((d) => d.key.includes('weekly-report'))!;
    expect(JSON.stringify(report.reply)).toContain('Public pool: 2 customers (2 came in this week, 1 were claimed or assigned)');
  });
});
