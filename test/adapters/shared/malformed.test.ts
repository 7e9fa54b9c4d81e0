// Malformed signed bodies (issue 12 item 8): a correctly signed request whose
// body is `null`, an array, a payload that is `null` or not JSON, or an
// object missing what the platform always sends, is answered 400 at once, on
// Slack's HTTP endpoint and on Feishu's webhook, and no promise is left
// rejected behind it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postSigned } from '../../helpers/fake-slack.js';
import { feishuRequest, postWebhook } from '../../helpers/fake-feishu.js';
import { SECRET, startHarness, type Harness } from '../slack/harness.js';
import { KEY, startFeishuWorld, TOKEN, type FeishuWorld } from '../feishu/harness.js';

const unhandled: unknown[] = [];
const listener = (reason: unknown) => { unhandled.push(reason); };
beforeAll(() => { process.on('unhandledRejection', listener); });
afterAll(() => { process.off('unhandledRejection', listener); });

/** let any stray rejection of the request just made surface */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe('Slack: malformed signed bodies', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h?.stop(); });

  const form = 'application/x-www-form-urlencoded';
  const json = 'application/json';
  const cases: [string, string, string][] = [
    ['JSON null', json, 'null'],
    ['a JSON array', json, '[{"type":"event_callback"}]'],
    ['a JSON string', json, '"hello"'],
    ['an empty object', json, '{}'],
    ['an event_callback without its event', json, '{"type":"event_callback","event_id":"Ev1","team_id":"T0001"}'],
    ['payload=null', form, 'payload=null'],
    ['payload that is not JSON', form, 'payload=%7Bnot-json'],
    ['payload that is an array', form, `payload=${encodeURIComponent('[1,2]')}`],
    ['an interaction without a user', form, `payload=${encodeURIComponent(JSON.stringify({ type: 'block_actions', team: { id: 'T0001' }, actions: [] }))}`],
    ['a command without a user', form, 'command=%2Fcustomer&text=help&team_id=T0001'],
    ['an empty form', form, ''],
  ];
  it.each(cases)('%s: a prompt 400, nothing sent, no unhandled rejection', async (_name, contentType, body) => {
    const from = h.fake.calls.length;
    const started = performance.now();
    const res = await postSigned(h.url, SECRET, body, { contentType, timeoutMs: 2500 });
    expect(res.status).toBe(400);
    await res.arrayBuffer();
    // Bolt would have left it unanswered until its own 3 s timer
    expect(performance.now() - started).toBeLessThan(2500);
    await settle();
    expect(unhandled).toEqual([]);
    expect(h.fake.calls.slice(from)).toEqual([]);
  });

  it('an unsigned malformed body is still 401, and the service goes on answering', async () => {
    expect((await postSigned(h.url, SECRET, 'null', { contentType: json, signature: null })).status).toBe(401);
    const ok = await h.command('help');
    expect(ok.status).toBe(200);
  });
});

describe('Feishu: malformed signed bodies', () => {
  for (const encrypt of [false, true]) {
    describe(encrypt ? 'encrypted' : 'plain', () => {
      let w: FeishuWorld;
      beforeAll(async () => { w = await startFeishuWorld({ encrypt }); });
      afterAll(async () => { await w?.stop(); });

      // each carries the right token where it has a place for one, so only its shape is wrong
      const cases: [string, unknown][] = [
        ['null', null],
        ['an array', [{ schema: '2.0' }]],
        ['a token but no header or event', { token: TOKEN, type: 'event_callback' }],
        ['a header without event_type', { schema: '2.0', header: { token: TOKEN, event_id: 'e1' }, event: {} }],
        ['an event type but no event', { schema: '2.0', header: { token: TOKEN, event_id: 'e2', event_type: 'card.action.trigger', tenant_key: 't' } }],
        ['a url_verification without a challenge', { type: 'url_verification', token: TOKEN }],
      ];
      it.each(cases)('%s: 400 at once, nothing sent, no unhandled rejection', async (_name, payload) => {
        const from = w.fake.calls.length;
        const req = feishuRequest(payload as object, encrypt ? { encryptKey: KEY } : {});
        const res = await postWebhook(w.url, req);
        // a plain null or array has no token to check: still a 400, never a 500
        expect(res.status).toBe(400);
        await settle();
        expect(unhandled).toEqual([]);
        expect(w.fake.calls.slice(from)).toEqual([]);
      });
    });
  }
});
