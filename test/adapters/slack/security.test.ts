// Signatures, replays, re-delivered events, Web API failures, the notifier's
// handling of 429/5xx, and start-up problems, against the real Bolt.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DeliveryError, type Notifier } from '../../../src/notify.js';
import type { Reply } from '../../../src/views/model.js';
import { startTestApp } from '../../helpers/app.js';
import { postSigned, slashCommandBody, startFakeSlack } from '../../helpers/fake-slack.js';
import { SECRET, shown, startHarness, type Harness } from './harness.js';

let h: Harness;
let notifier: Notifier;

beforeAll(async () => {
  h = await startHarness();
  notifier = h.app.app.notifiers.find((n) => n.platform === 'slack')!;
});
afterAll(async () => {
  await h?.stop();
});

const digest: Reply = { lang: 'en', audience: 'private', summary: 'You have 1 follow-up due', blocks: [{ type: 'text', text: 'Due today: Acme' }] };

describe('request authenticity', () => {
  const body = () => slashCommandBody({ text: 'new "Should Not Exist Ltd"', responseUrl: h.fake.responseUrl('never') });

  it('refuses a bad or missing signature with 401 and does nothing', async () => {
    expect((await postSigned(h.url, 'wrong-secret', body())).status).toBe(401);
    expect((await postSigned(h.url, SECRET, body(), { signature: null })).status).toBe(401);
    expect((await postSigned(h.url, SECRET, body(), { signature: 'v0=' + '0'.repeat(64) })).status).toBe(401);
  });

  it('refuses a correctly signed request older than 5 minutes (replay)', async () => {
    const stale = Math.floor(Date.now() / 1000) - 6 * 60;
    expect((await postSigned(h.url, SECRET, body(), { timestamp: stale })).status).toBe(401);
  });

  it('refuses a correctly signed request dated more than 5 minutes ahead (a pre-signed replay)', async () => {
    const ahead = Math.floor(Date.now() / 1000) + 6 * 60;
    expect((await postSigned(h.url, SECRET, body(), { timestamp: ahead })).status).toBe(401);
    const slightlyAhead = Math.floor(Date.now() / 1000) + 60;
    expect((await postSigned(h.url, SECRET, slashCommandBody({ text: 'help', responseUrl: h.fake.responseUrl('skew') }), { timestamp: slightlyAhead })).status).toBe(200);
  });

  it('nothing of the refused requests reached the store or Slack', async () => {
    expect(await h.app.app.store.customers.search('T0001', { text: 'Should Not Exist', limit: 5 })).toHaveLength(0);
    expect(h.fake.callsOf('response_url').filter((c) => c.args.id === 'never')).toHaveLength(0);
  });

  it('other paths under /slack are 404, not an error', async () => {
    const res = await fetch(`${h.app.baseUrl}/slack/nothing-here`, { signal: AbortSignal.timeout(5000) });
    expect(res.status).toBe(404);
  });
});

describe('re-delivered events', () => {
  it('an event Slack re-sends (X-Slack-Retry-Num) acts once', async () => {
    const event = { type: 'app_home_opened', user: 'U0002', channel: 'D0002', tab: 'home', event_ts: '2.2' };
    expect(await h.event(event, { eventId: 'EvSAME' })).toBe(200);
    await h.fake.waitFor('views.publish', (c) => c.args.user_id === 'U0002');
    expect(await h.event(event, { eventId: 'EvSAME', retryNum: 1 })).toBe(200);
    expect(await h.event(event, { eventId: 'EvSAME', retryNum: 2 })).toBe(200);
    // a later, different event still acts: when it is published, the retries would have been too
    expect(await h.event(event, { eventId: 'EvOTHER' })).toBe(200);
    await h.fake.waitFor('views.publish', () => h.fake.callsOf('views.publish').filter((c) => c.args.user_id === 'U0002').length >= 2);
    expect(h.fake.callsOf('views.publish').filter((c) => c.args.user_id === 'U0002')).toHaveLength(2);
  });
});

describe('Web API failures', () => {
  it('a modal Slack refuses is logged and answered with a short message', async () => {
    h.fake.failNext('views.open', 1, { error: 'expired_trigger_id' });
    const sent = await h.command('new');
    const answer = await h.responseOf(sent.responseId);
    expect(shown(answer)).toContain('expired_trigger_id');
  });
});

describe('the notifier', () => {
  it('sends a DM with its idempotency key as metadata and returns the message id', async () => {
    const sent = await notifier.sendDirect('T0001', 'U0001', digest, { idempotencyKey: 'T0001:digest:U0001:2026-11-22' });
    const call = h.fake.callsOf('chat.postMessage').at(-1)!;
    expect(call.args.channel).toBe('U0001');
    expect(call.args.metadata).toEqual({ event_type: 'chat_crm_delivery', event_payload: { key: 'T0001:digest:U0001:2026-11-22' } });
    expect(call.args.text).toBe('You have 1 follow-up due');
    expect(sent.messageId).toMatch(/^DU0001:\d+\.\d+$/);
    expect(await notifier.findSent!('T0001', { personId: 'U0001' }, 'T0001:digest:U0001:2026-11-22')).toEqual(sent);
    expect(await notifier.findSent!('T0001', { personId: 'U0001' }, 'another-key')).toBeNull();
    expect(notifier.serves('T0001')).toBe(true);
    expect(notifier.serves('T-unknown')).toBe(false);
  });

  it('honours a 429 Retry-After and delivers once', async () => {
    const before = h.fake.messages.length;
    h.fake.failNext('chat.postMessage', 1, { status: 429, retryAfter: 1 });
    const sent = await notifier.sendDirect('T0001', 'U0002', digest, { idempotencyKey: 'k-429' });
    const attempts = h.fake.callsOf('chat.postMessage').filter((c) => (c.args.metadata as { event_payload: { key: string } }).event_payload.key === 'k-429');
    expect(attempts).toHaveLength(2);
    expect(h.fake.messages.length - before).toBe(1);
    expect(sent.messageId).toContain('DU0002');
  });

  it('retries a 5xx after checking it was not delivered, and gives up on a permanent error at once', async () => {
    h.fake.failNext('chat.postMessage', 1, { status: 500 });
    await notifier.sendDirect('T0001', 'U0001', digest, { idempotencyKey: 'k-500' });
    expect(h.fake.messages.filter((m) => JSON.stringify(m.metadata).includes('k-500'))).toHaveLength(1);
    expect(h.fake.callsOf('conversations.history').length).toBeGreaterThan(0);

    h.fake.failNext('chat.postMessage', 1, { error: 'user_not_found' });
    const failed = await notifier.sendDirect('T0001', 'UGONE', digest, { idempotencyKey: 'k-gone' }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(DeliveryError);
    expect(failed).toMatchObject({ kind: 'permanent' });
  });

  it('a long Retry-After goes back to the caller as rate-limited', async () => {
    h.fake.failNext('chat.postMessage', 1, { status: 429, retryAfter: 120 });
    const failed = await notifier.sendChannel('T0001', 'C0001', digest, { idempotencyKey: 'k-slow' }).catch((e: unknown) => e);
    expect(failed).toMatchObject({ kind: 'rate-limited', retryAfterMs: 120_000 });
  });
});

describe('start-up', () => {
  it('a bad bot token stops the start with a clear message', async () => {
    const fake = await startFakeSlack({ authError: 'invalid_auth' });
    try {
      await expect(startTestApp({ SLACK_BOT_TOKEN: 'xoxb-bad', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: fake.apiUrl }))
        .rejects.toThrow(/SLACK_BOT_TOKEN.*invalid_auth/);
    } finally {
      await fake.close();
    }
  });

  it('Socket Mode asks Slack for a connection with the app token and mounts nothing on HTTP', async () => {
    const fake = await startFakeSlack();
    fake.failNext('apps.connections.open', 1, { error: 'invalid_auth' });
    try {
      await expect(startTestApp({ SLACK_BOT_TOKEN: 'xoxb-ok', SLACK_SIGNING_SECRET: SECRET, SLACK_APP_TOKEN: 'xapp-1-test', SLACK_API_URL: fake.apiUrl }))
        .rejects.toThrow(/Socket Mode.*invalid_auth/);
      expect(fake.callsOf('apps.connections.open')[0]?.token).toBe('xapp-1-test');
    } finally {
      await fake.close();
    }
  });
});
