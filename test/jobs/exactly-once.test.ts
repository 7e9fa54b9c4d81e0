// Exactly once (issue 6 §6): several replicas, crashes at every step, platform
// errors. Judged by what the fake platform really delivered.
import { describe, expect, it } from 'vitest';
import { DeliveryError } from '../../src/notify.js';
import { createMemoryDeliveryRepo } from '../../src/store/memory/deliveries.js';
import { deliveryId, type DeliveryRepo } from '../../src/store/deliveries.js';
import { DAY, makeWorld, type World } from './world.js';

const T = 'T1';
// a Tuesday: no weekly report in the way
const NINE_SHANGHAI = '2026-11-24T01:00:00Z';

async function owners(w: World, n: number): Promise<string[]> {
  const ids: string[] = [];
  const now = w.clock.now().getTime();
  for (let i = 0; i < n; i += 1) {
    const id = `U${String(i).padStart(3, '0')}`;
    ids.push(id);
    await w.person(T, id, { timeZone: 'Asia/Shanghai' });
    await w.customer(T, { name: `Customer of ${id}`, ownerId: id, lastInteractionAt: new Date(now - 20 * DAY), nextFollowUpAt: new Date(now - DAY) });
  }
  return ids;
}

function expectEachOnce(w: World, expected: number): void {
  const perKey = w.platform.perKey();
  expect(perKey.size).toBe(expected);
  expect([...perKey.values()].every((n) => n === 1)).toBe(true);
}

type CrashPoint = 'before-send' | 'between-send-and-mark' | 'after-mark';

/** a store that dies once at the given point, as a process would */
function crashing(repo: DeliveryRepo, point: CrashPoint): DeliveryRepo {
  let crashed = false;
  const crash = () => {
    crashed = true;
    throw new Error(`injected crash ${point}`);
  };
  return {
    ...repo,
    async renew(...args) {
      // renew is the last store call before the platform send
      if (point === 'before-send' && !crashed) crash();
      return repo.renew(...args);
    },
    async markSent(...args) {
      if (point === 'between-send-and-mark' && !crashed) crash();
      const ok = await repo.markSent(...args);
      if (point === 'after-mark' && !crashed) crash();
      return ok;
    },
  };
}

describe('exactly once', () => {
  it('two scheduler instances sharing one store send each digest once', async () => {
    const w = makeWorld(NINE_SHANGHAI);
    await owners(w, 40);
    const a = w.scheduler({ replica: 'A' });
    const b = w.scheduler({ replica: 'B' });
    await Promise.all([a.tick(), b.tick(), a.tick()]);
    w.clock.advance(60_000);
    await Promise.all([b.tick(), a.tick()]);
    expectEachOnce(w, 40);
    const counts = await w.store.deliveries.counts({ tenantId: T, job: 'digest' });
    expect(counts).toEqual({ pending: 0, sent: 40, failed: 0, empty: 0 });
  });

  for (const point of ['before-send', 'between-send-and-mark', 'after-mark'] as const) {
    for (const mode of ['slack', 'feishu'] as const) {
      it(`a crash ${point} then a restart delivers once (${mode})`, async () => {
        const real = createMemoryDeliveryRepo();
        const w = makeWorld(NINE_SHANGHAI, { mode, deliveries: real });
        await owners(w, 1);
        const key = deliveryId({ tenantId: T, job: 'digest', recipient: 'U000', period: '2026-11-24' });

        const doomed = w.scheduler({ replica: 'doomed', width: 1 });
        // the crashing replica sees a store that dies at the chosen point
        const store = { ...w.store, deliveries: crashing(real, point) };
        const crashed = w.scheduler({ replica: 'crashed', store });
        await crashed.tick();
        await doomed.stop();
        const afterCrash = w.platform.count();
        expect(afterCrash).toBe(point === 'before-send' ? 0 : 1);

        // the restart: while the dead replica's lease is live, nothing is sent twice
        const restarted = w.scheduler({ replica: 'restarted' });
        w.clock.advance(60_000);
        await restarted.tick();
        if (point !== 'after-mark') expect(w.platform.count()).toBe(afterCrash);
        // after the lease (5 minutes), the record is recovered or sent
        w.clock.advance(6 * 60_000);
        await restarted.tick();
        w.clock.advance(60_000);
        await restarted.tick();

        expect(w.platform.count()).toBe(1);
        const record = await real.get(key);
        expect(record?.state).toBe('sent');
        expect(record?.messageId).toBe('m1');
      });
    }
  }

  it('waits out a 429 storm: everything delivered, nothing doubled', async () => {
    const w = makeWorld(NINE_SHANGHAI);
    await owners(w, 30);
    w.platform.perSecond = 3;
    await w.scheduler().tick();
    expectEachOnce(w, 30);
    expect(w.platform.rejected).toBeGreaterThan(0);
    // at 3 per second, 30 messages take about 10 seconds of (test) time
    const last = new Date(w.platform.delivered.at(-1)!.at).getTime();
    expect(last - new Date(NINE_SHANGHAI).getTime()).toBeGreaterThanOrEqual(9_000);
    expect((await w.store.deliveries.counts()).sent).toBe(30);
  });

  it('retries 5xx bursts and timeouts with backoff: everything delivered once', async () => {
    const w = makeWorld(NINE_SHANGHAI);
    await owners(w, 12);
    // three of every five calls fail: server errors and timeouts
    w.platform.fault = (call) => {
      const phase = call % 5;
      if (phase === 1 || phase === 2) return new DeliveryError('HTTP 503', 'transient');
      if (phase === 3) return new Error('socket hang up'); // not a DeliveryError: treated as transient
      return undefined;
    };
    const started = w.clock.now().getTime();
    await w.scheduler().tick();
    expectEachOnce(w, 12);
    expect(w.platform.rejected).toBeGreaterThan(12);
    // backoff waited (moved the clock) instead of hammering
    expect(w.clock.now().getTime() - started).toBeGreaterThan(500);
  });

  it('a permanent failure is recorded, not retried, and reported to each admin once', async () => {
    const w = makeWorld(NINE_SHANGHAI);
    await owners(w, 2);
    await w.person(T, 'ADMIN', { role: 'admin', timeZone: 'Asia/Shanghai' });
    w.platform.fault = (_call, to) => (to === '@U001' ? new DeliveryError('user_not_found', 'permanent') : undefined);
    const s = w.scheduler();
    await s.tick();
    w.clock.advance(60_000);
    await s.tick();
    w.clock.advance(DAY / 2);
    await s.tick();

    const failed = await w.store.deliveries.get(deliveryId({ tenantId: T, job: 'digest', recipient: 'U001', period: '2026-11-24' }));
    expect(failed).toMatchObject({ state: 'failed', error: 'user_not_found', attempts: 1 });
    expect(w.platform.calls).toBe(3); // U000, U001 once, the admin's notice
    const notices = w.platform.delivered.filter((d) => d.to === '@ADMIN');
    expect(notices).toHaveLength(1);
    expect(notices[0]!.reply.summary).toContain('U001');
    expect(notices[0]!.reply.summary).toContain('user_not_found');
    expect(s.status().lastRuns.digest).toBeDefined();
    expect(s.status().deliveries.failed).toBe(1);
  });

  it('gives up on endless server errors after bounded attempts, and reports it', async () => {
    const w = makeWorld(NINE_SHANGHAI);
    await owners(w, 1);
    await w.person(T, 'ADMIN', { role: 'admin', timeZone: 'Asia/Shanghai' });
    w.platform.fault = (_call, to) => (to === '@U000' ? new DeliveryError('HTTP 500', 'transient') : undefined);
    const s = w.scheduler({ policy: { maxAttempts: 4 } });
    await s.tick();
    expect(w.platform.calls).toBe(5); // four tries, then the admin's notice
    const record = await w.store.deliveries.get(deliveryId({ tenantId: T, job: 'digest', recipient: 'U000', period: '2026-11-24' }));
    expect(record?.state).toBe('failed');
    expect(record?.error).toContain('4 attempts');
    expect(w.platform.count((d) => d.to === '@ADMIN')).toBe(1);
  });
});

describe('scheduler switch', () => {
  it('SCHEDULER=off starts no cron task but reports its state', async () => {
    const w = makeWorld(NINE_SHANGHAI);
    const s = w.scheduler({ config: { scheduler: false, defaultLang: 'en' }, cron: undefined });
    expect(s.status().enabled).toBe(false);
    expect(s.status().running).toBe(false);
    await s.stop();
  });

  it('SCHEDULER=on ticks by itself and stops cleanly', async () => {
    const w = makeWorld(NINE_SHANGHAI);
    const s = w.scheduler({ config: { scheduler: true, defaultLang: 'en' }, cron: undefined });
    expect(s.status().enabled).toBe(true);
    await s.stop();
  });
});
