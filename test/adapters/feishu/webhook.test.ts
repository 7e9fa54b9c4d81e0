// POST /feishu/events on the real app: url_verification, the token, the
// signature of encrypted bodies, stale requests, repeated event ids.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { feishuRequest, messageEvent, postWebhook, urlVerification } from '../../helpers/fake-feishu.js';
import { KEY, startFeishuWorld, T1, TOKEN, type FeishuWorld } from './harness.js';

describe('Feishu webhook, plain bodies', () => {
  let w: FeishuWorld;
  beforeAll(async () => { w = await startFeishuWorld(); });
  afterAll(async () => { await w?.stop(); });

  it('answers url_verification with the challenge', async () => {
    const res = await postWebhook(w.url, feishuRequest(urlVerification(TOKEN, 'challenge-1')));
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ challenge: 'challenge-1' });
  });

  it('refuses a url_verification or an event with a wrong token, and does nothing', async () => {
    const before = w.fake.messages.length;
    expect((await postWebhook(w.url, feishuRequest(urlVerification('wrong', 'c')))).status).toBe(401);
    const event = messageEvent({ tenantKey: T1, token: 'wrong', openId: 'ou_alice', text: 'customer new Forged Co' });
    expect((await postWebhook(w.url, feishuRequest(event))).status).toBe(401);
    // a later good message is answered, the forged one never was
    await w.answerTo(await w.say('help'));
    expect(w.fake.messages.length).toBe(before + 1);
    expect((await w.test.app.store.customers.list(T1, {}, { offset: 0, limit: 10 })).total).toBe(0);
  });

  it('processes a re-delivered event_id once', async () => {
    await w.ask('customer new "Once Only Ltd"');
    const [customer] = await w.test.app.store.customers.search(T1, { text: 'Once Only', limit: 10 });
    const text = `customer log ${customer!.code} Discussed the renewal price with their buyer`;
    const first = await w.say(text, { eventId: 'ev-repeat-1' });
    await w.answerTo(first);
    // Feishu re-delivers the same event (same event_id) when it thinks we failed
    const again = messageEvent({ tenantKey: T1, token: TOKEN, openId: 'ou_alice', text, messageId: first, eventId: 'ev-repeat-1' });
    expect((await postWebhook(w.url, feishuRequest(again))).status).toBe(200);
    await w.answerTo(await w.say('help'));
    expect(w.fake.callsTo(`/messages/${first}/reply`)).toHaveLength(1);
    expect(await w.test.app.store.interactions.recent(T1, customer!.id, 10)).toHaveLength(1);
  });

  it('answers other paths and methods with an error, not silence', async () => {
    const get = await fetch(w.url, { signal: AbortSignal.timeout(5000) });
    expect(get.status).toBe(405);
    const other = await fetch(`${w.test.baseUrl}/feishu/other`, { method: 'POST', body: '{}', signal: AbortSignal.timeout(5000) });
    expect(other.status).toBe(404);
    const junk = await fetch(w.url, { method: 'POST', body: 'not json', signal: AbortSignal.timeout(5000) });
    expect(junk.status).toBe(400);
  });

  it('refuses a body over 1 MB with 413 without reading it all, and goes on serving', async () => {
    const huge = JSON.stringify({ schema: '2.0', pad: 'x'.repeat(3 * 1024 * 1024) });
    const res = await fetch(w.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: huge, signal: AbortSignal.timeout(5000) });
    expect(res.status).toBe(413);
    // the same, streamed without a length (chunked): cut off at the limit
    const chunks = new ReadableStream<Uint8Array>({
      start(c) { for (let i = 0; i < 48; i++) c.enqueue(new TextEncoder().encode('x'.repeat(64 * 1024))); c.close(); },
    });
    const streamed = await fetch(w.url, { method: 'POST', body: chunks, duplex: 'half', signal: AbortSignal.timeout(5000) } as RequestInit)
      .then((r) => r.status, () => 'reset');
    expect([413, 'reset']).toContain(streamed);
    await w.answerTo(await w.say('help'));
  });
});

describe('Feishu webhook, encrypted and signed bodies', () => {
  let w: FeishuWorld;
  beforeAll(async () => { w = await startFeishuWorld({ encrypt: true }); });
  afterAll(async () => { await w?.stop(); });

  it('answers an encrypted url_verification', async () => {
    const res = await postWebhook(w.url, feishuRequest(urlVerification(TOKEN, 'enc-challenge'), { encryptKey: KEY }));
    expect(res.json).toEqual({ challenge: 'enc-challenge' });
  });

  it('acts on a signed encrypted event', async () => {
    const card = await w.ask('customer new "Signed Co"');
    expect(JSON.stringify(card)).toContain('Signed Co');
    expect(await w.test.app.store.customers.search(T1, { text: 'Signed Co', limit: 5 })).toHaveLength(1);
  });

  it('refuses a bad signature, a stale timestamp and an unencrypted body', async () => {
    const event = () => messageEvent({ tenantKey: T1, token: TOKEN, openId: 'ou_alice', text: 'customer new "Forged Ltd"' });
    const forged = await postWebhook(w.url, feishuRequest(event(), { encryptKey: KEY, signWith: 'not-the-key' }));
    expect(forged.status).toBe(401);
    const stale = await postWebhook(w.url, feishuRequest(event(), { encryptKey: KEY, timestampSec: Math.floor(Date.now() / 1000) - 6 * 60 }));
    expect(stale.status).toBe(401);
    const plain = await postWebhook(w.url, feishuRequest(event()));
    expect(plain.status).toBe(400);
    await w.answerTo(await w.say('help'));
    expect(await w.test.app.store.customers.search(T1, { text: 'Forged', limit: 5 })).toHaveLength(0);
  });
});
