// The notifier the jobs send through: real SDK client, fake open API that
// answers rate limits and server errors on demand.
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from '../../../adapters/feishu/api.js';
import { FeishuNotifier } from '../../../adapters/feishu/notifier.js';
import { DeliveryError, type Notifier } from '../../../src/notify.js';
import type { Reply } from '../../../src/views/model.js';
import { startFakeFeishu, type FakeFeishu } from '../../helpers/fake-feishu.js';
import { APP_ID, startFeishuWorld, T1, type FeishuWorld } from './harness.js';

const digest: Reply = {
  lang: 'en', audience: 'private', summary: '2 follow-ups due today',
  blocks: [{ type: 'heading', text: 'Due today' }, { type: 'list', items: [{ text: 'ACME', detail: 'C20261122001' }] }],
};

describe('Feishu notifier in the app', () => {
  let w: FeishuWorld;
  let notifier: Notifier;
  beforeAll(async () => {
    w = await startFeishuWorld();
    notifier = w.test.app.notifiers.find((n) => n.platform === 'feishu')!;
  });
  afterAll(async () => { await w?.stop(); });

  it('serves the tenants it has met', async () => {
    expect(notifier.serves(T1)).toBe(false);
    await w.answerTo(await w.say('help'));
    expect(notifier.serves(T1)).toBe(true);
  });

  it('waits out a rate limit (429, code 99991400) and delivers once', async () => {
    w.fake.failNext(1, { status: 429, reset: 1 });
    const sent = await notifier.sendDirect(T1, 'ou_alice', digest, { idempotencyKey: 'digest:t1:ou_alice:2026-11-26' });
    const delivered = w.fake.messages.filter((m) => m.uuid === 'digest:t1:ou_alice:2026-11-26');
    expect(delivered).toHaveLength(1);
    expect(delivered[0]).toMatchObject({ messageId: sent.messageId, receiveIdType: 'open_id', receiveId: 'ou_alice', msgType: 'interactive' });
    expect(JSON.stringify(delivered[0]!.content)).toContain('Due today');
    const attempts = w.fake.calls.filter((c) => c.path === '/open-apis/im/v1/messages' && c.body?.uuid === 'digest:t1:ou_alice:2026-11-26');
    expect(attempts.map((c) => c.status)).toEqual([429, 200]);
  });

  it('sends to a group by chat id', async () => {
    const sent = await notifier.sendChannel(T1, 'oc_reports', digest, { idempotencyKey: 'weekly:t1:2026-W48' });
    expect(w.fake.messages.find((m) => m.messageId === sent.messageId)).toMatchObject({ receiveIdType: 'chat_id', receiveId: 'oc_reports' });
  });
});

describe('Feishu notifier retry policy', () => {
  let fake: FakeFeishu;
  const waits: number[] = [];
  let notifier: FeishuNotifier;
  beforeAll(async () => {
    fake = await startFakeFeishu();
    const logger = pino({ level: 'silent' });
    const client = createClient({ appId: APP_ID, appSecret: 's', domain: fake.url, logger, timeoutMs: 3000 });
    notifier = new FeishuNotifier(client, new Set(['t']), logger, { attempts: 4, baseDelayMs: 100, maxWaitMs: 30_000 },
      async (ms) => { waits.push(ms); });
  });
  afterAll(async () => { await fake?.close(); });

  it('retries 5xx with growing backoff and keeps the same uuid', async () => {
    waits.length = 0;
    fake.failNext(2, { status: 500 });
    const sent = await notifier.sendDirect('t', 'ou_x', digest, { idempotencyKey: 'k-5xx' });
    expect(waits).toHaveLength(2);
    expect(waits[1]!).toBeGreaterThan(waits[0]! * 1.0);
    const attempts = fake.calls.filter((c) => c.body?.uuid === 'k-5xx');
    expect(attempts.map((c) => c.status)).toEqual([500, 500, 200]);
    expect(fake.messages.filter((m) => m.uuid === 'k-5xx').map((m) => m.messageId)).toEqual([sent.messageId]);
  });

  it('a send repeated with the same key is delivered once and gives the same message id', async () => {
    const a = await notifier.sendDirect('t', 'ou_x', digest, { idempotencyKey: 'k-same' });
    const b = await notifier.sendDirect('t', 'ou_x', digest, { idempotencyKey: 'k-same' });
    expect(b.messageId).toBe(a.messageId);
    expect(fake.messages.filter((m) => m.uuid === 'k-same')).toHaveLength(1);
  });

  it('gives up with a transient DeliveryError when 5xx goes on', async () => {
    fake.failNext(4, { status: 503 });
    const err = await notifier.sendDirect('t', 'ou_x', digest, { idempotencyKey: 'k-down' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DeliveryError);
    expect(err).toMatchObject({ kind: 'transient' });
    expect(fake.calls.filter((c) => c.body?.uuid === 'k-down')).toHaveLength(4);
  });

  it('waits what x-ogw-ratelimit-reset says, and hands back a wait longer than it will sleep', async () => {
    waits.length = 0;
    fake.failNext(1, { status: 429, reset: 3 });
    await notifier.sendDirect('t', 'ou_x', digest, { idempotencyKey: 'k-rate' });
    expect(waits).toEqual([3000]);
    fake.failNext(1, { status: 429, reset: 120 });
    const err = await notifier.sendDirect('t', 'ou_x', digest, { idempotencyKey: 'k-rate-long' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'rate-limited', retryAfterMs: 120_000 });
  });

  it('does not retry what cannot succeed (user unreachable, code in a 200)', async () => {
    fake.unreachable.add('ou_gone');
    const err = await notifier.sendDirect('t', 'ou_gone', digest, { idempotencyKey: 'k-gone' }).catch((e: unknown) => e);
    expect(err).toMatchObject({ kind: 'permanent' });
    expect(fake.calls.filter((c) => c.body?.uuid === 'k-gone')).toHaveLength(1);
    fake.failNext(1, { code: 230002, msg: 'Bot/User can NOT be out of the chat.' });
    await expect(notifier.sendChannel('t', 'oc_left', digest, { idempotencyKey: 'k-left' })).rejects.toMatchObject({ kind: 'permanent' });
  });
});
