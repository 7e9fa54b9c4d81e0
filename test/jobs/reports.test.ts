// Dormant refresh, weekly manager report and monthly review, driven by ticks.
import { describe, expect, it } from 'vitest';
import type { Block, Reply } from '../../src/views/model.js';
import { DAY, makeWorld } from './world.js';

const T = 'T1';

function fieldsOf(reply: Reply, index: number): Record<string, string> {
  const blocks = reply.blocks.filter((b): b is Extract<Block, { type: 'fields' }> => b.type === 'fields');
  return Object.fromEntries(blocks[index]!.fields.map((f) => [f.label, f.value]));
}

function listTitled(reply: Reply, prefix: string): Extract<Block, { type: 'list' }> | undefined {
  return reply.blocks.find((b): b is Extract<Block, { type: 'list' }> => b.type === 'list' && (b.title ?? '').startsWith(prefix));
}

describe('dormant refresh', () => {
  it('moves customers quiet for 90 days to dormant with history, once a day', async () => {
    // 2026-11-24 00:05 Shanghai: the first tick of the tenant's day
    const w = makeWorld('2026-11-23T16:05:00Z');
    await w.person(T, 'U1', { timeZone: 'Asia/Shanghai' });
    const now = w.clock.now().getTime();
    const quiet = await w.customer(T, { name: 'Quiet', ownerId: 'U1', lastInteractionAt: new Date(now - 95 * DAY), nextFollowUpAt: new Date(now + 5 * DAY) });
    const going = await w.customer(T, { name: 'Going', ownerId: 'U1', lastInteractionAt: new Date(now - 80 * DAY), nextFollowUpAt: new Date(now + 5 * DAY) });
    const lost = await w.customer(T, { name: 'Lost', ownerId: 'U1', status: 'lost', lastInteractionAt: new Date(now - 200 * DAY) });
    const neverTalked = await w.customer(T, { name: 'Created long ago', ownerId: 'U1', status: 'potential', createdAt: new Date(now - 91 * DAY), nextFollowUpAt: new Date(now + DAY) });

    const s = w.scheduler();
    await s.tick();
    expect(s.status().lastRuns.dormant?.moved).toBe(2);
    const a = w.scheduler({ replica: 'other' });
    w.clock.advance(60_000);
    await Promise.all([s.tick(), a.tick()]);

    expect((await w.store.customers.get(T, quiet.id))?.status).toBe('dormant');
    expect((await w.store.customers.get(T, neverTalked.id))?.status).toBe('dormant');
    expect((await w.store.customers.get(T, going.id))?.status).toBe('active');
    expect((await w.store.customers.get(T, lost.id))?.status).toBe('lost');
    const history = await w.store.audit.list(T, { customerId: quiet.id }, 10);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actorId: 'system', field: 'status', from: 'active', to: 'dormant', reason: '95 days without interaction' });
    expect(await w.store.audit.list(T, { customerId: neverTalked.id }, 10)).toHaveLength(1);
    expect(s.status().lastRuns.dormant?.moved).toBe(0);
    // the refresh sends nothing by itself
    expect(w.platform.delivered).toHaveLength(0);
  });
});

describe('weekly manager report', () => {
  // Monday 2026-11-23 in Shanghai; the week reported is Mon 16th – Sun 22nd
  const weekStart = new Date('2026-11-15T16:00:00Z');
  const weekEnd = new Date('2026-11-22T16:00:00Z');
  const inWeek = (days: number) => new Date(weekStart.getTime() + days * DAY);

  async function handMade() {
    const w = makeWorld('2026-11-23T00:00:00Z');
    await w.person(T, 'M1', { role: 'manager', name: 'Mia', timeZone: 'Asia/Shanghai' });
    await w.person(T, 'M2', { role: 'manager', name: 'Max', timeZone: 'America/New_York' });
    await w.person(T, 'U1', { name: 'Uma' });
    await w.person(T, 'U2', { name: 'Ulf' });
    const old = new Date(weekStart.getTime() - 30 * DAY);
    const recent = new Date(w.clock.now().getTime() - DAY);
    const future = new Date(w.clock.now().getTime() + 5 * DAY);
    // before the week: 2 core, 2 key, 1 regular; all active
    const c1 = await w.customer(T, { name: 'Core A', code: 'C20261001001', ownerId: 'U1', tier: 'core', createdAt: old, lastInteractionAt: recent, nextFollowUpAt: future });
    await w.customer(T, { name: 'Core B', code: 'C20261001002', ownerId: 'U1', tier: 'core', createdAt: old, lastInteractionAt: recent, nextFollowUpAt: new Date(weekEnd.getTime() - 2 * DAY) });
    const k1 = await w.customer(T, { name: 'Key A', code: 'C20261001003', ownerId: 'U2', tier: 'key', createdAt: old, lastInteractionAt: recent, nextFollowUpAt: new Date(weekEnd.getTime() - 3 * DAY) });
    await w.customer(T, { name: 'Key B', code: 'C20261001004', ownerId: 'U2', tier: 'key', createdAt: old, lastInteractionAt: recent, nextFollowUpAt: new Date(weekEnd.getTime() - DAY) });
    const r1 = await w.customer(T, { name: 'Regular A', code: 'C20261001005', ownerId: 'U1', tier: 'regular', createdAt: old, lastInteractionAt: recent, nextFollowUpAt: future });
    // during the week: Key A promoted to core (stays key→core), Regular A lost, two new potentials
    await w.store.customers.update(T, k1.id, { tier: 'core' });
    await w.store.audit.append({ tenantId: T, at: inWeek(2), actorId: 'M1', action: 'customer.tier', customerId: k1.id, field: 'tier', from: 'key', to: 'core', reason: 'big order' });
    await w.store.customers.update(T, r1.id, { status: 'lost' });
    await w.store.audit.append({ tenantId: T, at: inWeek(3), actorId: 'U1', action: 'customer.status', customerId: r1.id, field: 'status', from: 'active', to: 'lost', reason: 'went to a competitor' });
    await w.customer(T, { name: 'New A', code: 'C20261118001', ownerId: 'U1', tier: 'potential', status: 'potential', createdAt: inWeek(2), lastInteractionAt: recent, nextFollowUpAt: future });
    await w.customer(T, { name: 'New B', code: 'C20261119001', ownerId: 'U2', tier: 'potential', status: 'potential', createdAt: inWeek(3), lastInteractionAt: recent, nextFollowUpAt: future });
    // after the week ended (Monday morning): a change that must not count in the week
    await w.store.customers.update(T, c1.id, { tier: 'key' });
    await w.store.audit.append({ tenantId: T, at: new Date(weekEnd.getTime() + 3_600_000), actorId: 'M1', action: 'customer.tier', customerId: c1.id, field: 'tier', from: 'core', to: 'key' });
    await w.customer(T, { name: 'Monday new', code: 'C20261123001', ownerId: 'U1', createdAt: new Date(weekEnd.getTime() + 3_600_000), nextFollowUpAt: future });
    return w;
  }

  it('goes to each manager on Monday at 09:00 tenant time with week-over-week figures', async () => {
    const w = await handMade();
    const s = w.scheduler();
    await s.tick(); // 08:00 Shanghai: too early
    expect(w.platform.count((d) => d.key.includes('weekly-report'))).toBe(0);
    w.clock.set('2026-11-23T01:00:00Z');
    await s.tick();
    w.clock.advance(60_000);
    await s.tick();

    const reports = w.platform.delivered.filter((d) => d.key.includes('weekly-report'));
    // tenant time zone decides: both managers at 09:00 Shanghai, once each
    expect(reports.map((d) => d.to).sort()).toEqual(['@M1', '@M2']);
    const r = reports[0]!.reply;
    expect(r.blocks[0]).toEqual({ type: 'heading', text: 'Weekly report, 2026-11-16 – 2026-11-22' });
    // tiers at the start: core 2, key 2, regular 1; at the end: core 3, key 1, regular 1, potential 2
    expect(fieldsOf(r, 0)).toEqual({ Core: '3 (+1)', Key: '1 (−1)', Regular: '1 (±0)', Potential: '2 (+2)', Total: '7 (+2)' });
    expect(fieldsOf(r, 1)).toMatchObject({ Active: '4 (−1)', Potential: '2 (+2)', Lost: '1 (+1)', Dormant: '0 (±0)' });
    expect(listTitled(r, 'New customers')!.items.map((i) => i.text)).toEqual([
      'New A (C20261118001), owner Uma', 'New B (C20261119001), owner Ulf',
    ]);
    expect(listTitled(r, 'Lost')!.items.map((i) => i.text)).toEqual(['Regular A (C20261001005), owner Uma']);
    // overdue at the start of Monday: Key A and Key B (Ulf), Core B (Uma)
    expect(listTitled(r, 'Overdue')!.items.map((i) => i.text)).toEqual(['Ulf: 2', 'Uma: 1']);
  });

  it('after downtime over all of Monday, sends that week\'s report once when the service is back', async () => {
    const w = await handMade();
    // Tuesday 10:00 Shanghai: the first tick since the weekend
    w.clock.set('2026-11-24T02:00:00Z');
    // a manager who arrived after Monday's report time is not owed that report
    await w.person(T, 'M3', { role: 'manager', name: 'Meg', timeZone: 'Asia/Shanghai' });
    const s = w.scheduler();
    await s.tick();
    // Wednesday: nothing more
    w.clock.set('2026-11-25T02:00:00Z');
    await s.tick();
    const reports = w.platform.delivered.filter((d) => d.key.includes('weekly-report'));
    expect(reports.map((d) => d.to).sort()).toEqual(['@M1', '@M2']);
    // the week before that Monday, under that Monday's period
    expect(reports[0]!.reply.blocks[0]).toEqual({ type: 'heading', text: 'Weekly report, 2026-11-16 – 2026-11-22' });
    expect(reports.every((d) => d.key.endsWith('|2026-11-23'))).toBe(true);
    expect(fieldsOf(reports[0]!.reply, 0)).toMatchObject({ Core: '3 (+1)', Total: '7 (+2)' });
    // the next Monday at 09:00 brings the next week's report, not before
    w.clock.set('2026-11-30T00:30:00Z');
    await s.tick();
    expect(w.platform.count((d) => d.key.includes('weekly-report'))).toBe(2);
    w.clock.set('2026-11-30T01:00:00Z');
    await s.tick();
    expect(w.platform.count((d) => d.key.includes('weekly-report|') && d.key.endsWith('|2026-11-30'))).toBe(3);
  });

  it('goes to the report channel instead when an admin set one', async () => {
    const w = await handMade();
    await w.store.settings.update(T, { reportChannel: 'C-sales' }, w.clock.now());
    w.clock.set('2026-11-23T03:00:00Z');
    await w.scheduler().tick();
    const reports = w.platform.delivered.filter((d) => d.key.includes('weekly-report'));
    expect(reports.map((d) => d.to)).toEqual(['#C-sales']);
  });
});

describe('monthly review', () => {
  it('suggests tier changes from deals on the 1st, with Accept / Dismiss, changing nothing', async () => {
    // 2026-12-01 09:00 Shanghai
    const w = makeWorld('2026-12-01T01:00:00Z');
    await w.person(T, 'U1', { timeZone: 'Asia/Shanghai' });
    await w.person(T, 'U2', { timeZone: 'Asia/Shanghai' });
    const now = w.clock.now().getTime();
    const big = await w.customer(T, { name: 'Big buyer', code: 'C20250101001', ownerId: 'U1', tier: 'regular', dealCount: 6, createdAt: new Date(now - 500 * DAY), lastInteractionAt: new Date(now - 10 * DAY), nextFollowUpAt: new Date(now + 5 * DAY) });
    // six deals of 30,000.00 CNY over the last year, the first 400 days ago
    for (const daysAgo of [400, 300, 200, 120, 60, 10]) {
      await w.store.deals.add({ tenantId: T, customerId: big.id, amount: 30_000_00, date: new Date(now - daysAgo * DAY), authorId: 'U1' });
    }
    const fine = await w.customer(T, { name: 'Fine as is', ownerId: 'U2', tier: 'regular', dealCount: 1, nextFollowUpAt: new Date(now + 5 * DAY) });
    await w.store.deals.add({ tenantId: T, customerId: fine.id, amount: 1_000_00, date: new Date(now - 20 * DAY), authorId: 'U2' });

    const s = w.scheduler();
    await s.tick();
    w.clock.advance(60_000);
    await s.tick();
    const reviews = w.platform.delivered.filter((d) => d.key.includes('monthly-review'));
    expect(reviews.map((d) => d.to)).toEqual(['@U1']);
    const list = reviews[0]!.reply.blocks.find((b): b is Extract<Block, { type: 'list' }> => b.type === 'list')!;
    expect(list.items).toHaveLength(1);
    expect(list.items[0]!.text).toContain('Big buyer');
    expect(list.items[0]!.actions!.map((b) => b.action)).toEqual([
      { id: 'accept-tier', args: { code: 'C20250101001', tier: 'core' } },
      { id: 'dismiss', args: { code: 'C20250101001', tier: 'core' } },
      { id: 'open', args: { code: 'C20250101001' } },
    ]);
    // only suggested: the tier is untouched
    expect((await w.store.customers.get(T, big.id))?.tier).toBe('regular');
    // U2 was evaluated (nothing to suggest) and is not asked again today
    expect((await w.store.deliveries.counts({ tenantId: T, job: 'monthly-review' }))).toMatchObject({ sent: 1, empty: 1 });
  });

  it('after downtime over the 1st, sends the month\'s review once when the service is back that week', async () => {
    // 2026-11-30 20:00 Shanghai: the last tick before the outage
    const w = makeWorld('2026-11-30T12:00:00Z');
    await w.person(T, 'U1', { timeZone: 'Asia/Shanghai' });
    const now = w.clock.now().getTime();
    const big = await w.customer(T, { name: 'Big buyer', code: 'C20250101001', ownerId: 'U1', tier: 'regular', dealCount: 6, createdAt: new Date(now - 500 * DAY), lastInteractionAt: new Date(now - 10 * DAY), nextFollowUpAt: new Date(now + 9 * DAY) });
    for (const daysAgo of [400, 300, 200, 120, 60, 10]) {
      await w.store.deals.add({ tenantId: T, customerId: big.id, amount: 30_000_00, date: new Date(now - daysAgo * DAY), authorId: 'U1' });
    }
    const s = w.scheduler();
    await s.tick();
    expect(w.platform.count((d) => d.key.includes('monthly-review'))).toBe(0);
    // back on Thursday the 3rd, 10:00 Shanghai; again on Friday
    w.clock.set('2026-12-03T02:00:00Z');
    await s.tick();
    w.clock.set('2026-12-04T02:00:00Z');
    await s.tick();
    const reviews = w.platform.delivered.filter((d) => d.key.includes('monthly-review'));
    expect(reviews.map((d) => [d.to, d.key.split('|').pop()])).toEqual([['@U1', '2026-12']]);
    // a review missed for longer than the month's first week is not sent weeks late
    const late = makeWorld('2027-01-20T02:00:00Z');
    await late.person(T, 'U1', { timeZone: 'Asia/Shanghai' });
    const c = await late.customer(T, { name: 'Big buyer', code: 'C20250101001', ownerId: 'U1', tier: 'regular', dealCount: 6, createdAt: new Date(now - 500 * DAY), lastInteractionAt: new Date(now - 10 * DAY) });
    for (const daysAgo of [400, 300, 200, 120, 60, 10]) {
      await late.store.deals.add({ tenantId: T, customerId: c.id, amount: 30_000_00, date: new Date(now - daysAgo * DAY), authorId: 'U1' });
    }
    await late.scheduler().tick();
    expect(late.platform.count((d) => d.key.includes('monthly-review'))).toBe(0);
  });
});
