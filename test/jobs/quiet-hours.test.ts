// Quiet hours (SPEC §8): no direct message in the recipient's quiet hours;
// notices wait and go out in one message when they end. People act through
// the command engine, a manual clock moves, the scheduler ticks; judged by
// what the fake platform delivered and when.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render.js';
import { createEngine } from '../../src/commands/engine.js';
import { makeWorld, type World } from './world.js';

const T = 'T1';
const MINUTE = 60_000;

async function setup(w: World) {
  await w.person(T, 'boss', { role: 'admin', name: 'Bob' });
  await w.person(T, 'amy', { name: 'Amy' });
  await w.person(T, 'ben', { name: 'Ben' });
  await w.customer(T, { name: 'Acme', code: 'C20261101001', ownerId: 'amy' });
  await w.customer(T, { name: 'Zenith', code: 'C20261101002', ownerId: 'amy' });
  await w.customer(T, { name: 'Orbit', code: 'C20261101003', ownerId: 'ben' });
  const engine = createEngine({
    store: w.store, clock: w.clock, logger: pino({ level: 'silent' }), adminUsers: [],
    defaultTimeZone: 'Asia/Shanghai', defaultLang: 'en',
  });
  const say = async (userId: string, text: string) =>
    renderText(await engine.handleText({ platform: 'console', tenantId: T, userId }, text));
  return { say };
}

/** set the clock and tick, as node-cron would at that minute */
async function tickAt(w: World, at: string) {
  w.clock.set(new Date(at));
  await w.scheduler().tick();
}

const to = (w: World, who: string) => w.platform.delivered.filter((d) => d.to === who);

/** Ben in Berlin, Amy in Shanghai; at 22:10 in Shanghai (15:10 Berlin) Bob logs on a customer of each: only Ben hears after the hour */
async function benInBerlin() {
  const w = makeWorld('2026-11-26T13:50:00Z');
  const { say } = await setup(w);
  await say('ben', 'me tz Europe/Berlin');
  w.clock.set(new Date('2026-11-26T14:10:00Z'));
  await say('boss', 'log C20261101001 Discussed the pilot scope with their CTO');
  await say('boss', 'log C20261101003 Visited their office and met the new buyer');
  await tickAt(w, '2026-11-26T15:02:00Z');
  expect(w.platform.delivered.map((d) => d.to)).toEqual(['@ben']);
  return { w, say };
}

describe('quiet hours: notices wait and go out together when they end', () => {
  it('a notice caused at 22:00 arrives at 08:00, in one message with what else happened in the night', async () => {
    // 21:50 in Shanghai (the tenant's zone, Amy's too)
    const w = makeWorld('2026-11-26T13:50:00Z');
    const { say } = await setup(w);
    w.clock.set(new Date('2026-11-26T14:00:00Z')); // 22:00
    await say('boss', 'log C20261101001 Discussed the pilot scope with their CTO');
    w.clock.set(new Date('2026-11-26T19:30:00Z')); // 03:30
    await say('boss', 'log C20261101002 Called about the renewal terms for next year');
    w.clock.set(new Date('2026-11-26T19:40:00Z'));
    await say('boss', 'log C20261101001 Sent the revised quote for the pilot by email');
    for (const at of ['2026-11-26T15:03:00Z', '2026-11-26T20:03:00Z', '2026-11-26T23:59:00Z']) {
      await tickAt(w, at);
      expect(w.platform.delivered, `nothing at ${at}`).toHaveLength(0);
    }
    await tickAt(w, '2026-11-27T00:00:00Z'); // 08:00
    expect(w.platform.delivered).toHaveLength(1);
    const [first] = to(w, '@amy');
    expect(first!.at).toBe('2026-11-27T00:00:00.000Z');
    const text = renderText(first!.reply);
    expect(text).toContain('Updates on your customers, 2026-11-26 22:00 – 2026-11-27 04:00');
    expect(text).toContain('Bob logged a follow-up on C20261101001 Acme');
    expect(text).toContain('Bob logged a follow-up on C20261101002 Zenith');
    // one line per customer, however many hours it spans
    expect(text.match(/C20261101001/g)).toHaveLength(1);

    // the morning goes on: nothing more, and every hour is settled
    for (const at of ['2026-11-27T00:01:00Z', '2026-11-27T00:05:00Z', '2026-11-27T01:05:00Z']) await tickAt(w, at);
    expect(w.platform.delivered).toHaveLength(1);
    expect((await w.store.deliveries.counts()).pending).toBe(0);
  });

  it('each recipient\'s own zone decides: Berlin hears at once what Shanghai hears in the morning', async () => {
    const { w, say } = await benInBerlin();
    // Ben reads his own zone's hours
    expect(renderText(to(w, '@ben')[0]!.reply)).toContain('2026-11-26 15:00–16:00');
    // Ben's evening starts at 21:00 Berlin (20:00 UTC): a notice then waits for his 08:00 (07:00 UTC)
    w.clock.set(new Date('2026-11-26T20:30:00Z'));
    await say('boss', 'log C20261101003 Called back about the delivery date');
    await tickAt(w, '2026-11-26T21:03:00Z');
    expect(to(w, '@ben')).toHaveLength(1);
    await tickAt(w, '2026-11-27T00:00:00Z');
    expect(w.platform.delivered.map((d) => d.to)).toEqual(['@ben', '@amy']);
    await tickAt(w, '2026-11-27T07:00:00Z');
    expect(to(w, '@ben').map((d) => d.at)).toEqual(['2026-11-26T15:02:00.000Z', '2026-11-27T07:00:00.000Z']);
  });

  it('with quiet hours off, a night notice goes after its hour', async () => {
    const w = makeWorld('2026-11-26T13:50:00Z');
    const { say } = await setup(w);
    expect(await say('boss', 'settings quietHours off')).toContain('off');
    w.clock.set(new Date('2026-11-26T16:00:00Z')); // midnight in Shanghai
    await say('boss', 'log C20261101001 Discussed the pilot scope with their CTO');
    await tickAt(w, '2026-11-26T17:02:00Z');
    expect(to(w, '@amy')).toHaveLength(1);
  });

  it('a catch-up after downtime that lands in the quiet hours waits for them to end, and still goes once', async () => {
    const w = makeWorld('2026-11-26T10:10:00Z'); // 18:10 in Shanghai
    const { say } = await setup(w);
    await say('boss', 'log C20261101001 Discussed the pilot scope with their CTO');
    // down until 21:30: the hour 18:00–19:00 is owed, but not now
    await tickAt(w, '2026-11-26T13:30:00Z');
    expect(w.platform.delivered).toHaveLength(0);
    // two replicas wake at 08:00
    w.clock.set(new Date('2026-11-27T00:00:00Z'));
    await Promise.all([w.scheduler({ replica: 'R1' }).tick(), w.scheduler({ replica: 'R2' }).tick()]);
    await tickAt(w, '2026-11-27T00:03:00Z');
    expect(to(w, '@amy')).toHaveLength(1);
    expect(renderText(to(w, '@amy')[0]!.reply)).toContain('2026-11-26 18:00–19:00');
    expect([...w.platform.perKey().values()]).toEqual([1]);
  });

  it('two replicas at the end of the quiet hours send the night\'s batch once', async () => {
    const w = makeWorld('2026-11-26T13:50:00Z');
    const { say } = await setup(w);
    w.clock.set(new Date('2026-11-26T18:00:00Z'));
    await say('boss', 'log C20261101002 Called about the renewal terms for next year');
    await tickAt(w, '2026-11-26T19:05:00Z');
    w.clock.set(new Date('2026-11-27T00:00:00Z'));
    await Promise.all([1, 2, 3].map((i) => w.scheduler({ replica: `R${i}` }).tick()));
    for (let i = 1; i <= 5; i += 1) await tickAt(w, new Date(Date.parse('2026-11-27T00:00:00Z') + i * MINUTE).toISOString());
    expect(to(w, '@amy')).toHaveLength(1);
  });

  it('a monthly review caught up after downtime does not arrive in the night: it waits for 08:00', async () => {
    const w = makeWorld('2026-11-30T12:00:00Z');
    await w.person(T, 'amy', { name: 'Amy' });
    const big = await w.customer(T, { name: 'Big buyer', code: 'C20250101001', ownerId: 'amy', tier: 'regular', dealCount: 2 });
    for (const daysAgo of [300, 10]) {
      await w.store.deals.add({ tenantId: T, customerId: big.id, amount: 60_000_00, date: new Date(w.clock.now().getTime() - daysAgo * 86_400_000), authorId: 'amy' });
    }
    // back on the 2nd at 23:00 in Shanghai, and through the night
    for (const at of ['2026-12-02T15:00:00Z', '2026-12-02T19:00:00Z', '2026-12-02T23:59:00Z']) await tickAt(w, at);
    expect(w.platform.delivered).toHaveLength(0);
    await tickAt(w, '2026-12-03T00:00:00Z');
    await tickAt(w, '2026-12-03T00:01:00Z');
    expect(w.platform.delivered.map((d) => [d.to, d.at])).toEqual([['@amy', '2026-12-03T00:00:00.000Z']]);
  });

  it('someone who already had an hour\'s notice does not get it again in a batch after moving into the night', async () => {
    const { w, say } = await benInBerlin();
    // Ben flies to Shanghai: for him that hour now falls in the night too, but he has read it
    await say('ben', 'me tz Asia/Shanghai');
    await tickAt(w, '2026-11-27T00:00:00Z');
    await tickAt(w, '2026-11-27T00:05:00Z');
    expect(w.platform.delivered.map((d) => d.to)).toEqual(['@ben', '@amy']);
    expect((await w.store.deliveries.counts()).pending).toBe(0);
  });
});

describe('quiet hours: the digest', () => {
  const due = new Date('2026-11-20T01:00:00Z');

  it('a digest caught up after downtime into the night is not sent; the next morning\'s lists the same customers', async () => {
    // Thu 2026-11-26: the service was down from before 09:00 until 22:30 in Shanghai
    const w = makeWorld('2026-11-26T00:00:00Z');
    await setup(w);
    await w.store.customers.update(T, (await w.store.customers.getByCode(T, 'C20261101001'))!.id, { nextFollowUpAt: due });
    await tickAt(w, '2026-11-26T14:30:00Z');
    expect(to(w, '@amy')).toEqual([]);
    expect((await w.store.deliveries.counts()).pending).toBe(0);
    // Fri 09:00: the day's digest, with what was due yesterday
    await tickAt(w, '2026-11-27T01:00:00Z');
    const digests = to(w, '@amy').filter((d) => d.key.includes('|digest|'));
    expect(digests.map((d) => d.key.split('|')[3])).toEqual(['2026-11-27']);
    expect(renderText(digests[0]!.reply)).toContain('Acme');
  });

  it('a person\'s own digest time that the quiet hours came to cover goes when they end, once', async () => {
    const w = makeWorld('2026-11-25T00:00:00Z');
    const { say } = await setup(w);
    await w.store.customers.update(T, (await w.store.customers.getByCode(T, 'C20261101001'))!.id, { nextFollowUpAt: due });
    expect(await say('boss', 'settings quietHours off')).toContain('quietHours');
    await say('amy', 'me digest 07:30');
    // the admin brings quiet hours back: Amy's own 07:30 is now inside them (said, not changed)
    expect(await say('boss', 'settings quietHours 21:00-08:00')).toContain('Amy (07:30)');
    await tickAt(w, '2026-11-25T23:30:00Z'); // Thu 07:30 in Shanghai
    expect(to(w, '@amy')).toEqual([]);
    await tickAt(w, '2026-11-26T00:00:00Z'); // 08:00: the quiet hours end
    await tickAt(w, '2026-11-26T00:01:00Z');
    expect(to(w, '@amy').filter((d) => d.key.includes('|digest|')).map((d) => d.key.split('|')[3])).toEqual(['2026-11-26']);
  });
});
