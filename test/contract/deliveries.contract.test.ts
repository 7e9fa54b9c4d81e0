// The contract of the delivery records (issue 6), one set of tests run on every
// store engine. Exactly-once rests on these few promises: one winner per claim,
// leases that expire, and finishing only by the lease holder.
import { beforeEach, expect, it } from 'vitest';
import { deliveryId, type DeliveryKey } from '../../src/store/deliveries.js';
import { describeEachEngine, enginesUnderTest } from '../helpers/engines.js';
import { tenant } from './fixtures.js';

const engines = await enginesUnderTest();

const T0 = new Date('2026-11-23T01:00:00Z');
const at = (ms: number) => new Date(T0.getTime() + ms);
const LEASE = 60_000;

describeEachEngine('delivery records', engines, (store, engine) => {
  // every test has its own tenant: the engine's store is shared by the file
  let T1 = '';
  let T2 = '';
  const repo = () => store().deliveries;
  function key(over: Partial<DeliveryKey> = {}): DeliveryKey {
    return { tenantId: T1, job: 'digest', recipient: 'U1', period: '2026-11-23', ...over };
  }
  beforeEach(async () => {
    T1 = tenant('d');
    T2 = tenant('d');
    await repo().init(); // idempotent
  });

  it(`runs on ${engine}`, () => {
    expect(store().engine).toBe(engine);
  });

  it('creates the record on the first claim, pending, leased, attempt 1', async () => {
    const r = await repo().claim(key(), 'A', LEASE, T0);
    expect(r.claimed).toBe(true);
    expect(r.delivery).toMatchObject({
      id: deliveryId(key()), tenantId: T1, job: 'digest', recipient: 'U1', period: '2026-11-23',
      state: 'pending', leaseOwner: 'A', attempts: 1,
    });
    expect(r.delivery.leaseUntil?.getTime()).toBe(T0.getTime() + LEASE);
    expect((await repo().get(deliveryId(key())))?.state).toBe('pending');
  });

  it('refuses a live lease to everyone, its holder included', async () => {
    await repo().claim(key(), 'A', LEASE, T0);
    expect((await repo().claim(key(), 'B', LEASE, at(1000))).claimed).toBe(false);
    expect((await repo().claim(key(), 'A', LEASE, at(2000))).claimed).toBe(false);
    const d = await repo().get(deliveryId(key()));
    expect(d?.attempts).toBe(1);
    expect(d?.leaseOwner).toBe('A');
  });

  it('lets another replica take over an expired lease, counting the attempt', async () => {
    await repo().claim(key(), 'A', LEASE, T0);
    const r = await repo().claim(key(), 'B', LEASE, at(LEASE));
    expect(r.claimed).toBe(true);
    expect(r.delivery.attempts).toBe(2);
    expect(r.delivery.leaseOwner).toBe('B');
    // the old holder can no longer finish or renew it
    expect(await repo().markSent(r.delivery.id, 'A', 'm-old', at(LEASE + 1))).toBe(false);
    expect(await repo().renew(r.delivery.id, 'A', LEASE, at(LEASE + 1))).toBe(false);
    expect((await repo().get(r.delivery.id))?.state).toBe('pending');
  });

  it('marks sent only by the holder, with the message id; a sent record is never claimed again', async () => {
    const { delivery } = await repo().claim(key(), 'A', LEASE, T0);
    expect(await repo().markSent(delivery.id, 'B', 'm-b', at(10))).toBe(false);
    expect(await repo().markSent(delivery.id, 'A', 'm-1', at(20))).toBe(true);
    const d = await repo().get(delivery.id);
    expect(d).toMatchObject({ state: 'sent', messageId: 'm-1', attempts: 1 });
    expect(d?.leaseOwner).toBeUndefined();
    expect(d?.sentAt?.getTime()).toBe(at(20).getTime());
    expect(await repo().markSent(delivery.id, 'A', 'm-2', at(30))).toBe(false);
    const again = await repo().claim(key(), 'B', LEASE, at(10 * LEASE));
    expect(again.claimed).toBe(false);
    expect(again.delivery).toMatchObject({ state: 'sent', messageId: 'm-1' });
  });

  it('records failures and empty periods for good', async () => {
    const failed = await repo().claim(key({ recipient: 'U2' }), 'A', LEASE, T0);
    expect(await repo().markFailed(failed.delivery.id, 'A', 'user_not_found', at(1))).toBe(true);
    const empty = await repo().claim(key({ recipient: 'U3' }), 'A', LEASE, T0);
    expect(await repo().markEmpty(empty.delivery.id, 'A', at(1))).toBe(true);
    expect(await repo().get(failed.delivery.id)).toMatchObject({ state: 'failed', error: 'user_not_found' });
    expect((await repo().get(empty.delivery.id))?.state).toBe('empty');
    expect((await repo().claim(key({ recipient: 'U2' }), 'B', LEASE, at(5 * LEASE))).claimed).toBe(false);
    expect((await repo().claim(key({ recipient: 'U3' }), 'B', LEASE, at(5 * LEASE))).claimed).toBe(false);
  });

  it('release gives the record back at once, still pending, with the reason', async () => {
    const { delivery } = await repo().claim(key(), 'A', LEASE, T0);
    expect(await repo().release(delivery.id, 'B', 'x', at(1))).toBe(false);
    expect(await repo().release(delivery.id, 'A', 'rate limited', at(1))).toBe(true);
    expect(await repo().get(delivery.id)).toMatchObject({ state: 'pending', error: 'rate limited' });
    const r = await repo().claim(key(), 'B', LEASE, at(2));
    expect(r.claimed).toBe(true);
    expect(r.delivery.attempts).toBe(2);
  });

  it('renew keeps the lease past its first expiry', async () => {
    const { delivery } = await repo().claim(key(), 'A', LEASE, T0);
    expect(await repo().renew(delivery.id, 'A', LEASE, at(LEASE - 1))).toBe(true);
    expect((await repo().claim(key(), 'B', LEASE, at(LEASE + 1))).claimed).toBe(false);
    expect((await repo().claim(key(), 'B', LEASE, at(2 * LEASE))).claimed).toBe(true);
  });

  it('gives exactly one winner when many replicas claim at once', async () => {
    const owners = Array.from({ length: 12 }, (_, i) => `R${i}`);
    const results = await Promise.all(owners.map((o) => repo().claim(key(), o, LEASE, T0)));
    expect(results.filter((r) => r.claimed)).toHaveLength(1);
    expect((await repo().get(deliveryId(key())))?.attempts).toBe(1);
  });

  it('keeps keys apart even when ids contain the separator', async () => {
    const a = key({ tenantId: `${T1}|x`, recipient: 'U' });
    const b = key({ tenantId: T1, recipient: 'x|U' });
    expect(deliveryId(a)).not.toBe(deliveryId(b));
    expect((await repo().claim(a, 'A', LEASE, T0)).claimed).toBe(true);
    expect((await repo().claim(b, 'A', LEASE, T0)).claimed).toBe(true);
  });

  it('reads many, counts and lists by tenant, job and state', async () => {
    const sent = await repo().claim(key({ recipient: 'U1' }), 'A', LEASE, T0);
    await repo().markSent(sent.delivery.id, 'A', 'm1', at(1));
    const failed = await repo().claim(key({ recipient: 'U2' }), 'A', LEASE, T0);
    await repo().markFailed(failed.delivery.id, 'A', 'gone', at(2));
    await repo().claim(key({ recipient: 'U3' }), 'A', LEASE, T0);
    await repo().claim(key({ job: 'weekly-report', recipient: 'channel:C1', period: '2026-W48' }), 'A', LEASE, T0);
    await repo().claim(key({ tenantId: T2 }), 'A', LEASE, T0);

    const many = await repo().getMany([sent.delivery.id, failed.delivery.id, 'nope']);
    expect(many.map((d) => d.recipient).sort()).toEqual(['U1', 'U2']);
    expect(await repo().getMany([])).toEqual([]);

    expect(await repo().counts({ tenantId: T1 })).toEqual({ pending: 2, sent: 1, failed: 1, empty: 0 });
    expect(await repo().counts({ tenantId: T1, job: 'digest' })).toEqual({ pending: 1, sent: 1, failed: 1, empty: 0 });
    expect(await repo().counts({ tenantId: T2 })).toEqual({ pending: 1, sent: 0, failed: 0, empty: 0 });
    const all = await repo().counts();
    expect(all.sent).toBeGreaterThanOrEqual(1);
    expect(all.pending).toBeGreaterThanOrEqual(3);

    const failures = await repo().list({ tenantId: T1, state: 'failed' }, 10);
    expect(failures.map((d) => d.recipient)).toEqual(['U2']);
    const recent = await repo().list({ tenantId: T1, job: 'digest' }, 2);
    expect(recent).toHaveLength(2);
    expect(recent[0]!.updatedAt.getTime()).toBeGreaterThanOrEqual(recent[1]!.updatedAt.getTime());
  });
});
