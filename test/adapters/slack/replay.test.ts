// Replays are harmless (issue 12 item 9): Slack signatures carry no nonce, so
// the very same signed slash command or interaction sent again within the
// 5-minute window is refused, its signature claimed in the store (replicas
// share it). A new request for the same thing still acts.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { interactionBody, postSigned, slashCommandBody } from '../../helpers/fake-slack.js';
import { startTestApp } from '../../helpers/app.js';
import { clickPayload, findButton, SECRET, shown, startHarness, type Harness } from './harness.js';

const TENANT = 'T0001';
let h: Harness;

beforeAll(async () => { h = await startHarness(); });
afterAll(async () => { await h?.stop(); });

async function total(): Promise<number> {
  return (await h.app.app.store.customers.list(TENANT, { includeArchived: true }, { offset: 0, limit: 1 })).total;
}

describe('Slack replays', () => {
  it('the same signed "/customer new" twice creates one customer; a fresh one for another name still acts', async () => {
    const timestamp = Math.floor(Date.now() / 1000);
    const body = slashCommandBody({ text: 'new "Replay Freight Co" --industry logistics', responseUrl: h.fake.responseUrl(`r-${randomUUID()}`) });
    const first = await postSigned(h.url, SECRET, body, { timestamp });
    expect(first.status).toBe(200);
    expect(await first.text()).toContain('Replay Freight Co');
    const again = await postSigned(h.url, SECRET, body, { timestamp });
    expect(again.status).toBe(200);
    expect(await again.text()).toBe('');
    expect(await total()).toBe(1);
    // the same text in a new request (new trigger, new signature) is not a replay
    const other = await h.command('new "Second Freight Co"');
    expect(shown(await h.answerOf(other))).toContain('Second Freight Co');
    expect(await total()).toBe(2);
  });

  it('the same signed button click twice opens one modal', async () => {
    const card = await h.answerOf(await h.command('show Replay Freight Co'));
    const payload = clickPayload(findButton(card.args.blocks, 'edit'), { responseUrl: h.fake.responseUrl(`edit-${randomUUID()}`) });
    const body = interactionBody(payload);
    const timestamp = Math.floor(Date.now() / 1000);
    expect((await postSigned(h.url, SECRET, body, { timestamp })).status).toBe(200);
    await h.fake.waitFor('views.open', (c) => c.args.trigger_id === payload.trigger_id);
    expect((await postSigned(h.url, SECRET, body, { timestamp })).status).toBe(200);
    // a later request is answered; the replay opened nothing
    await h.answerOf(await h.command('help'));
    expect(h.fake.callsOf('views.open').filter((c) => c.args.trigger_id === payload.trigger_id)).toHaveLength(1);
  });

  it('the claim lives in the store: a second replica on the same store refuses the replay too', async () => {
    const store = h.app.app.store;
    // the replica must not close the store the first one still uses
    const shared = new Proxy(store, {
      get(target, prop) {
        if (prop === 'close') return async () => {};
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const replica = await startTestApp({
      SLACK_BOT_TOKEN: 'xoxb-test-token', SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: h.fake.apiUrl, ADMIN_USERS: 'U0001',
    }, { store: shared });
    try {
      const body = slashCommandBody({ text: 'new "Shared Claim Ltd"', responseUrl: h.fake.responseUrl(`r-${randomUUID()}`) });
      const timestamp = Math.floor(Date.now() / 1000);
      expect((await postSigned(h.url, SECRET, body, { timestamp })).status).toBe(200);
      const before = await total();
      const replayed = await postSigned(`${replica.baseUrl}/slack/events`, SECRET, body, { timestamp });
      expect(replayed.status).toBe(200);
      expect(await replayed.text()).toBe('');
      expect(await total()).toBe(before);
    } finally {
      await replica.stop();
    }
  });
});
