// The daily digest driven as the service runs it: scheduler ticks on a moved
// clock, messages counted at a fake platform, records read back from the store.
import { describe, expect, it } from 'vitest';
import { deliveryId } from '../../src/store/deliveries.js';
import type { Block, Reply } from '../../src/views/model.js';
import { DAY, makeWorld } from './world.js';

const T = 'T1';

function lists(reply: Reply): Extract<Block, { type: 'list' }>[] {
  return reply.blocks.filter((b): b is Extract<Block, { type: 'list' }> => b.type === 'list');
}

function listedNames(reply: Reply): string[] {
  return lists(reply).flatMap((l) => l.items.map((i) => i.text));
}

describe('daily digest', () => {
  it('goes to Shanghai and New York owners of one tenant at 09:00 in their own zones', async () => {
    // 2026-11-22 20:00Z = Shanghai 04:00 on the 23rd, New York 15:00 on the 22nd
    const w = makeWorld('2026-11-22T20:00:00Z');
    await w.person(T, 'U-sh', { timeZone: 'Asia/Shanghai' });
    await w.person(T, 'U-ny', { timeZone: 'America/New_York' });
    // each is due from the start of the 23rd in the owner's own zone
    await w.customer(T, { name: 'Shanghai Co', ownerId: 'U-sh', nextFollowUpAt: new Date('2026-11-22T16:00:00Z') });
    await w.customer(T, { name: 'New York Inc', ownerId: 'U-ny', nextFollowUpAt: new Date('2026-11-23T05:00:00Z') });
    const s = w.scheduler();

    const end = new Date('2026-11-23T16:00:00Z').getTime();
    while (w.clock.now().getTime() <= end) {
      await s.tick();
      w.clock.advance(15 * 60_000);
    }
    expect(w.platform.delivered.map((d) => [d.to, d.at])).toEqual([
      ['@U-sh', '2026-11-23T01:00:00.000Z'], // 09:00 Asia/Shanghai
      ['@U-ny', '2026-11-23T14:00:00.000Z'], // 09:00 America/New_York (EST)
    ]);
    expect(listedNames(w.platform.delivered[0]!.reply)).toEqual([expect.stringContaining('Shanghai Co')]);
    expect(listedNames(w.platform.delivered[1]!.reply)).toEqual([expect.stringContaining('New York Inc')]);
    // New York's 22nd is a Sunday, a day off of the tenant's calendar (cn): not even evaluated
    expect(await w.store.deliveries.get(deliveryId({ tenantId: T, job: 'digest', recipient: 'U-ny', period: '2026-11-22' }))).toBeFalsy();
  });

  it('lists most important first with Log / Snooze 3 days / Open, then the dormant section', async () => {
    const w = makeWorld('2026-11-23T01:30:00Z');
    await w.person(T, 'U1', { timeZone: 'Asia/Shanghai' });
    // a tenant that never recycles to the public pool: its quiet customers stay with their owner to go dormant
    await w.store.settings.update(T, { pool: { recycleDays: { core: 0, key: 0, regular: 0, potential: 0 } } }, w.clock.now());
    const now = w.clock.now().getTime();
    const recent = new Date(now - 5 * DAY);
    await w.customer(T, { name: 'Regular late', code: 'C20261101001', ownerId: 'U1', tier: 'regular', lastInteractionAt: recent, nextFollowUpAt: new Date(now - 9 * DAY) });
    await w.customer(T, { name: 'Core today', code: 'C20261101002', ownerId: 'U1', tier: 'core', lastInteractionAt: recent, nextFollowUpAt: new Date(now - 60_000) });
    await w.customer(T, { name: 'Core late', code: 'C20261101003', ownerId: 'U1', tier: 'core', lastInteractionAt: recent, nextFollowUpAt: new Date(now - 3 * DAY) });
    await w.customer(T, { name: 'Key late', code: 'C20261101004', ownerId: 'U1', tier: 'key', lastInteractionAt: recent, nextFollowUpAt: new Date(now - 1 * DAY) });
    await w.customer(T, { name: 'Quiet 95', code: 'C20261101005', ownerId: 'U1', tier: 'key', lastInteractionAt: new Date(now - 95 * DAY), nextFollowUpAt: new Date(now - 80 * DAY) });
    await w.customer(T, { name: 'Quiet 80', code: 'C20261101006', ownerId: 'U1', tier: 'regular', lastInteractionAt: new Date(now - 80 * DAY), nextFollowUpAt: new Date(now - 50 * DAY) });
    // 80 days quiet but an explicit future follow-up: not warned about
    await w.customer(T, { name: 'Quiet planned', ownerId: 'U1', lastInteractionAt: new Date(now - 80 * DAY), nextFollowUpAt: new Date(now + 2 * DAY) });
    await w.customer(T, { name: 'Lost late', ownerId: 'U1', status: 'lost', nextFollowUpAt: new Date(now - 2 * DAY) });

    await w.scheduler().tick();
    expect(w.platform.delivered).toHaveLength(1);
    const r = w.platform.delivered[0]!.reply;
    const [due, dormant, going] = lists(r);
    expect(due!.items.map((i) => i.text)).toEqual([
      'Core late (C20261101003)', 'Core today (C20261101002)', 'Key late (C20261101004)', 'Regular late (C20261101001)',
    ]);
    expect(due!.items.map((i) => i.detail)).toEqual([
      'Core · 3 days overdue', 'Core · due today', 'Key · 1 day overdue', 'Regular · 9 days overdue',
    ].map((s) => expect.stringContaining(s.split(' · ')[1]!)));
    expect(due!.items[0]!.actions!.map((b) => b.action)).toEqual([
      { id: 'log', args: { code: 'C20261101003' } },
      { id: 'snooze', args: { code: 'C20261101003', days: '3' } },
      { id: 'open', args: { code: 'C20261101003' } },
    ]);
    expect(dormant!.items.map((i) => i.text)).toEqual(['Quiet 95 (C20261101005)']);
    expect(going!.items.map((i) => i.text)).toEqual(['Quiet 80 (C20261101006)']);
    expect(going!.items[0]!.detail).toContain('dormant in 10 days');
    expect(JSON.stringify(r)).not.toContain('Lost late');
    expect(JSON.stringify(r)).not.toContain('Quiet planned');
    expect(r.summary).toContain('6 follow-ups due');
  });

  it('sends nothing when only lost or not-yet-due customers exist, and never lists a lost one', async () => {
    const w = makeWorld('2026-11-23T02:00:00Z');
    await w.person(T, 'U1', { timeZone: 'Asia/Shanghai' });
    const now = w.clock.now().getTime();
    await w.customer(T, { name: 'Gone', ownerId: 'U1', status: 'lost', nextFollowUpAt: new Date(now - 5 * DAY) });
    await w.customer(T, { name: 'Later', ownerId: 'U1', nextFollowUpAt: new Date(now + 3 * DAY) });
    await w.scheduler().tick();
    expect(w.platform.delivered).toHaveLength(0);
  });

  it('cuts a long list with a count and a pointer to `due`', async () => {
    const w = makeWorld('2026-11-23T02:00:00Z');
    await w.person(T, 'U1', { timeZone: 'Asia/Shanghai' });
    const now = w.clock.now().getTime();
    for (let i = 0; i < 14; i += 1) {
      await w.customer(T, { name: `Due ${i}`, ownerId: 'U1', lastInteractionAt: new Date(now - DAY), nextFollowUpAt: new Date(now - i * DAY) });
    }
    await w.scheduler().tick();
    const [due] = lists(w.platform.delivered[0]!.reply);
    expect(due!.items).toHaveLength(10);
    expect(due!.footer).toContain('4 more');
    expect(due!.footer).toContain('due');
  });

  it('speaks the owner\'s language', async () => {
    const w = makeWorld('2026-11-23T02:00:00Z');
    await w.person(T, 'U1', { timeZone: 'Asia/Shanghai', lang: 'zh' });
    await w.customer(T, { name: '华为', ownerId: 'U1', tier: 'core', lastInteractionAt: new Date(w.clock.now().getTime() - DAY), nextFollowUpAt: new Date(w.clock.now().getTime() - 2 * DAY) });
    await w.scheduler().tick();
    const r = w.platform.delivered[0]!.reply;
    expect(r.lang).toBe('zh');
    expect(JSON.stringify(r)).toContain('逾期 2 天');
    expect(lists(r)[0]!.items[0]!.actions!.map((b) => b.label)).toEqual(['记录跟进', '推迟 3 天', '查看']);
  });
});

describe('catch-up', () => {
  it('after downtime over 09:00, sends today\'s digest once at 11:00 and never floods missed days', async () => {
    // down since the 20th; comes back on the 23rd at 11:00 Shanghai
    const w = makeWorld('2026-11-23T03:00:00Z');
    await w.person(T, 'U1', { timeZone: 'Asia/Shanghai' });
    await w.customer(T, { name: 'Late since the 18th', ownerId: 'U1', nextFollowUpAt: new Date('2026-11-18T02:00:00Z') });
    const s = w.scheduler();
    await s.tick();
    w.clock.advance(60_000);
    await s.tick();
    w.clock.advance(3 * 3_600_000);
    await s.tick();
    expect(w.platform.delivered.map((d) => d.key)).toEqual([deliveryId({ tenantId: T, job: 'digest', recipient: 'U1', period: '2026-11-23' })]);
    expect(w.platform.delivered[0]!.at).toBe('2026-11-23T03:00:00.000Z');

    // down again for all of the 24th, back on the 25th at 10:00: only the 25th goes
    w.clock.set('2026-11-25T02:00:00Z');
    await w.scheduler().tick();
    expect(w.platform.delivered.map((d) => d.key.split('|').pop())).toEqual(['2026-11-23', '2026-11-25']);
  });
});
