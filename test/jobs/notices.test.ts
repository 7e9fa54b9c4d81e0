// Owner notices (SPEC §4): people act through the command engine, the clock
// moves past the hour, the scheduler ticks; judged by what the fake platform
// really delivered.
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { renderText } from '../../adapters/console/render.js';
import { parseCli } from '../../jobs/cli.js';
import { completedHours, hourKey } from '../../jobs/notices.js';
import { createRuntime, runJob } from '../../jobs/scheduler.js';
import { createEngine } from '../../src/commands/engine.js';
import { DeliveryError } from '../../src/notify.js';
import { deliveryId } from '../../src/store/deliveries.js';
import { makeWorld, quietLogger, type World } from './world.js';

const T = 'T1';
// 17:10 in Shanghai; the hour 2026-11-26T09 (UTC) is handled from 10:02 UTC
const START = '2026-11-26T09:10:00Z';
const MINUTE = 60_000;

async function setup(w: World) {
  await w.person(T, 'boss', { role: 'manager', name: 'Bob' });
  await w.person(T, 'amy', { name: 'Amy' });
  await w.person(T, 'cal', { name: 'Cal', lang: 'zh' });
  const acme = await w.customer(T, { name: 'Acme', code: 'C20261101001', ownerId: 'amy' });
  const zen = await w.customer(T, { name: 'Zenith', code: 'C20261101002', ownerId: 'amy' });
  const engine = createEngine({
    store: w.store, clock: w.clock, logger: pino({ level: 'silent' }), adminUsers: [],
    defaultTimeZone: 'Asia/Shanghai', defaultLang: 'en',
  });
  const say = async (userId: string, text: string) =>
    renderText(await engine.handleText({ platform: 'console', tenantId: T, userId }, text));
  return { acme, zen, say };
}

/** move to just after the hour can be handled, and tick */
async function afterTheHour(w: World, replicas = 1) {
  w.clock.set(new Date('2026-11-26T10:03:00Z'));
  const schedulers = Array.from({ length: replicas }, (_, i) => w.scheduler({ replica: `R${i}` }));
  await Promise.all(schedulers.map((s) => s.tick()));
  return schedulers;
}

const texts = (w: World, to: string) => w.platform.delivered.filter((d) => d.to === to).map((d) => renderText(d.reply));

describe('owner notices', () => {
  it('a manager logs on a member\'s customer: the member gets one DM after the hour, the manager nothing', async () => {
    const w = makeWorld(START);
    const { say } = await setup(w);
    expect(await say('boss', 'log C20261101001 Discussed the pilot scope with their CTO')).toContain('C20261101001');
    // nothing before the hour is over
    w.clock.advance(40 * MINUTE);
    await w.scheduler().tick();
    expect(w.platform.delivered).toHaveLength(0);

    await afterTheHour(w);
    expect(w.platform.delivered.map((d) => d.to)).toEqual(['@amy']);
    const [text] = texts(w, '@amy');
    expect(text).toContain('Bob logged a follow-up on C20261101001 Acme');
    // in Amy's zone (the tenant's Shanghai): 17:00–18:00
    expect(text).toContain('2026-11-26 17:00–18:00');
    const reply = w.platform.delivered[0]!.reply;
    const list = reply.blocks.find((b) => b.type === 'list');
    expect(list?.type === 'list' && list.items[0]?.actions?.[0]?.action).toEqual({ id: 'open', args: { code: 'C20261101001' } });
    const record = await w.store.deliveries.get(deliveryId({ tenantId: T, job: 'notice', recipient: 'amy', period: '2026-11-26T09' }));
    expect(record?.state).toBe('sent');

    // later ticks send nothing more
    w.clock.advance(30 * MINUTE);
    await w.scheduler().tick();
    expect(w.platform.delivered).toHaveLength(1);
  });

  it('the owner logging on their own customer hears nothing', async () => {
    const w = makeWorld(START);
    const { say } = await setup(w);
    await say('amy', 'log C20261101001 Discussed the pilot scope with their CTO');
    await afterTheHour(w);
    expect(w.platform.delivered).toHaveLength(0);
  });

  it('two logs on one customer in the hour make one line; another customer its own line', async () => {
    const w = makeWorld(START);
    const { say } = await setup(w);
    await say('boss', 'log C20261101001 Discussed the pilot scope with their CTO');
    w.clock.advance(10 * MINUTE);
    await say('boss', 'log C20261101001 Sent the revised quote for the pilot');
    await say('boss', 'log C20261101002 Called about the renewal terms for next year');
    await afterTheHour(w);
    expect(w.platform.delivered).toHaveLength(1);
    const [text] = texts(w, '@amy');
    expect(text!.split('Bob logged a follow-up on C20261101001 Acme')).toHaveLength(2);
    expect(text).toContain('Bob logged a follow-up on C20261101002 Zenith');
  });

  it('a reassignment tells the old and the new owner once each, in their own language', async () => {
    const w = makeWorld(START);
    const { say } = await setup(w);
    expect(await say('boss', 'assign C20261101001 cal')).toContain('C20261101001');
    await afterTheHour(w);
    expect(w.platform.delivered.map((d) => d.to).sort()).toEqual(['@amy', '@cal']);
    expect(texts(w, '@amy')[0]).toContain('C20261101001 Acme was reassigned from you to Cal by Bob');
    expect(texts(w, '@cal')[0]).toContain('C20261101001 Acme 已由 Bob 分配给你');
    expect(w.platform.count((d) => d.to === '@boss')).toBe(0);
  });

  it('two scheduler instances send each notice once', async () => {
    const w = makeWorld(START);
    const { say } = await setup(w);
    await say('boss', 'log C20261101001 Discussed the pilot scope with their CTO');
    await say('boss', 'assign C20261101002 cal');
    const [a, b] = await afterTheHour(w, 2);
    await Promise.all([a!.tick(), b!.tick()]);
    w.clock.advance(MINUTE);
    await Promise.all([b!.tick(), a!.tick()]);
    expect(w.platform.delivered.map((d) => d.to).sort()).toEqual(['@amy', '@cal']);
    expect([...w.platform.perKey().values()]).toEqual([1, 1]);
    // Amy's one message carries both of her customers
    expect(texts(w, '@amy')[0]).toContain('C20261101002 Zenith was reassigned from you to Cal by Bob');
    expect(texts(w, '@amy')[0]).toContain('Bob logged a follow-up on C20261101001 Acme');
  });

  it('a crash between the send and its record, then a restart: the notice goes once', async () => {
    const w = makeWorld(START);
    const { say } = await setup(w);
    await say('boss', 'log C20261101001 Discussed the pilot scope with their CTO');
    w.clock.set(new Date('2026-11-26T10:03:00Z'));
    const real = w.store.deliveries;
    let crashed = false;
    const dying = {
      ...real,
      async markSent(...args: Parameters<typeof real.markSent>) {
        if (!crashed) {
          crashed = true;
          throw new Error('injected crash after the send');
        }
        return real.markSent(...args);
      },
    };
    await w.scheduler({ replica: 'dying', store: { ...w.store, deliveries: dying } }).tick();
    expect(w.platform.delivered).toHaveLength(1);
    const restarted = w.scheduler({ replica: 'restarted' });
    for (let i = 0; i < 10; i += 1) {
      w.clock.advance(MINUTE);
      await restarted.tick();
    }
    expect(w.platform.delivered).toHaveLength(1);
    const key = { tenantId: T, job: 'notice' as const, period: '2026-11-26T09' };
    expect((await real.get(deliveryId({ ...key, recipient: 'amy' })))?.state).toBe('sent');
    // the hour is closed once its message is accounted for
    expect((await real.get(deliveryId({ ...key, recipient: 'system' })))?.state).toBe('empty');
  });

  it('a notice held back by rate limits keeps its hour open until a later tick sends it', async () => {
    const w = makeWorld(START);
    const { say } = await setup(w);
    await say('boss', 'log C20261101001 Discussed the pilot scope with their CTO');
    w.platform.fault = (call) => (call <= 3 ? new DeliveryError('ratelimited', 'rate-limited', 1000) : undefined);
    w.clock.set(new Date('2026-11-26T10:03:00Z'));
    const s = w.scheduler({ policy: { maxRateLimitWaits: 1 } });
    await s.tick();
    expect(w.platform.delivered).toHaveLength(0);
    const marker = deliveryId({ tenantId: T, job: 'notice', recipient: 'system', period: '2026-11-26T09' });
    expect((await w.store.deliveries.get(marker))?.state).toBe('pending');
    w.clock.advance(MINUTE);
    await s.tick();
    w.clock.advance(MINUTE);
    await s.tick();
    expect(w.platform.delivered.map((d) => d.to)).toEqual(['@amy']);
    expect((await w.store.deliveries.get(marker))?.state).toBe('empty');
  });

  it('an hour with nothing sends nothing, and is not read again', async () => {
    const w = makeWorld(START);
    await setup(w);
    await afterTheHour(w);
    expect(w.platform.delivered).toHaveLength(0);
    const marker = await w.store.deliveries.get(deliveryId({ tenantId: T, job: 'notice', recipient: 'system', period: '2026-11-26T09' }));
    expect(marker?.state).toBe('empty');
    expect((await w.store.deliveries.counts({ tenantId: T, job: 'notice' })).sent).toBe(0);
    // the next ticks find every hour of the day done and do not read the audit log
    let reads = 0;
    const list = w.store.audit.list.bind(w.store.audit);
    w.store.audit.list = (...args) => { reads += 1; return list(...args); };
    w.clock.advance(MINUTE);
    await w.scheduler().tick();
    expect(reads).toBe(0);
  });

  it('catches up a missed hour after downtime, but nothing older than a day', async () => {
    const w = makeWorld('2026-11-25T08:10:00Z');
    const { say } = await setup(w);
    await say('boss', 'log C20261101001 Discussed the pilot scope with their CTO'); // hour 25T08: too old by then
    w.clock.set(new Date('2026-11-25T20:30:00Z'));
    await say('boss', 'log C20261101002 Called about the renewal terms for next year'); // hour 25T20, 04:00 in Shanghai
    // the service comes back the next morning
    w.clock.set(new Date('2026-11-26T09:30:00Z'));
    await w.scheduler().tick();
    expect(w.platform.delivered).toHaveLength(1);
    // it fell due in Amy's quiet hours: it belongs to the batch sent when they ended (08:00 Shanghai)
    expect(w.platform.delivered[0]!.key).toBe(deliveryId({ tenantId: T, job: 'notice', recipient: 'amy', period: 'quiet-until-2026-11-26T00:00Z' }));
    expect(texts(w, '@amy')[0]).toContain('C20261101002 Zenith');
  });

  it('runs by hand: npm run job -- notices; a dry run prints and claims nothing', async () => {
    expect(parseCli(['notices', '--tenant', T])).toMatchObject({ job: 'notices', tenantId: T, dryRun: false });
    const w = makeWorld(START);
    const { say } = await setup(w);
    await say('boss', 'log C20261101001 Discussed the pilot scope with their CTO');
    w.clock.set(new Date('2026-11-26T10:03:00Z'));
    const rt = createRuntime({ store: w.store, notifiers: [w.platform.notifier()], clock: w.clock, logger: quietLogger, config: { scheduler: false, defaultLang: 'en' } }, async () => undefined);
    const printed: string[] = [];
    await runJob(rt, 'notices', { now: w.clock.now(), dryRun: true, print: (header, reply) => printed.push(`${header}\n${renderText(reply)}`) });
    expect(printed).toHaveLength(1);
    expect(printed[0]).toContain('notice 2026-11-26T09 → @amy (T1)');
    expect(w.platform.delivered).toHaveLength(0);
    expect(await w.store.deliveries.counts()).toEqual({ pending: 0, sent: 0, failed: 0, empty: 0 });
  });

  it('covers the completed hours of the last day, after a grace for late writes', () => {
    expect(hourKey(completedHours(new Date('2026-11-26T10:01:00Z')).at(-1)!)).toBe('2026-11-26T08');
    const hours = completedHours(new Date('2026-11-26T10:02:00Z'));
    expect(hours).toHaveLength(24);
    expect(hourKey(hours.at(-1)!)).toBe('2026-11-26T09');
    expect(hourKey(hours[0]!)).toBe('2026-11-25T10');
  });
});
