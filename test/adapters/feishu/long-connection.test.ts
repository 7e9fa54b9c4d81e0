// FEISHU_MODE=ws (the default): the real WSClient connects to a fake gateway,
// and events and card callbacks arriving as event frames reach our handlers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.js';
import { cardActionEvent, eventually, messageEvent, startFakeFeishu, type FakeFeishu } from '../../helpers/fake-feishu.js';
import { startFakeGateway, type FakeGateway } from './fake-long-connection.js';
import { APP_ID, T1, TOKEN } from './harness.js';

describe('Feishu long connection', () => {
  let fake: FakeFeishu;
  let gateway: FakeGateway;
  let test: TestApp;
  beforeAll(async () => {
    fake = await startFakeFeishu();
    fake.users.set('ou_alice', { name: 'Alice', time_zone: 'Asia/Shanghai' });
    gateway = await startFakeGateway();
    fake.longConnectionUrl = gateway.url;
    test = await startTestApp({
      FEISHU_APP_ID: APP_ID, FEISHU_APP_SECRET: 'secret', FEISHU_DOMAIN: fake.url, FEISHU_VERIFICATION_TOKEN: TOKEN,
    });
  });
  afterAll(async () => {
    await test?.stop();
    await gateway?.close();
    await fake?.close();
  });

  it('connects at start, with no webhook mounted', async () => {
    await gateway.connected;
    expect(fake.callsTo('/callback/ws/endpoint')).toHaveLength(1);
    const res = await fetch(`${test.baseUrl}/feishu/events`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(5000) });
    expect(res.status).toBe(404);
  });

  it('answers a message event frame through the open API and acknowledges the frame', async () => {
    const frame = gateway.sendEvent(messageEvent({ tenantKey: T1, token: TOKEN, openId: 'ou_alice', text: 'customer new "Socket Made Co"', messageId: 'om_ws_1' }));
    const reply = await eventually(() => fake.messages.find((m) => m.replyTo === 'om_ws_1'));
    expect(JSON.stringify(reply.content)).toContain('Socket Made Co');
    expect((await eventually(() => gateway.answers.get(frame))).code).toBe(200);
    expect(await test.app.store.customers.search(T1, { text: 'Socket Made', limit: 5 })).toHaveLength(1);
  });

  it('answers a card callback frame, and patches the card too since the socket may drop the answer', async () => {
    const [customer] = await test.app.store.customers.search(T1, { text: 'Socket Made', limit: 5 });
    const frame = gateway.sendEvent(cardActionEvent({
      tenantKey: T1, token: TOKEN, openId: 'ou_alice', messageId: 'om_card_ws',
      value: { action: 'open', args: { code: customer!.code }, lang: 'en' },
    }));
    const answer = await eventually(() => gateway.answers.get(frame));
    expect(answer.data).toMatchObject({ toast: { type: 'success' }, card: { type: 'raw' } });
    const patch = await eventually(() => fake.patches.find((p) => p.messageId === 'om_card_ws'));
    expect(JSON.stringify(patch.content)).toContain('Socket Made Co');
  });
});
