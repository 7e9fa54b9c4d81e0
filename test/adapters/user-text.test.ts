// User text never acts: a customer whose industry is "<!channel>" posted in a
// channel by `stats --by industry`, a duplicate warning about "<!here> Acme",
// an owner notice DM naming "<@U123>" — each reaches Slack and Feishu as text
// that shows literally and notifies no one. Mentions and links only ever come
// from the product.
import { webApi } from '@slack/bolt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackNotifier } from '../../adapters/slack/notifier.js';
import { noticeReply } from '../../jobs/notices-view.js';
import { startFakeSlack, type FakeCall } from '../helpers/fake-slack.js';
import { HOSTILE, actingIn, feishuMarkupTexts, slackMarkupTexts } from '../helpers/hostile.js';
import { startFeishuWorld, type FeishuWorld } from './feishu/harness.js';
import { startHarness, type Harness } from './slack/harness.js';

/** what Slack would parse for mentions: the notification text and every mrkdwn text */
const slackActing = (call: FakeCall) => actingIn(slackMarkupTexts({ text: call.args.text, blocks: call.args.blocks }));

describe('Slack: user text never notifies or links', () => {
  let h: Harness;
  beforeAll(async () => { h = await startHarness(); });
  afterAll(async () => { await h?.stop(); });

  async function ask(text: string) {
    const sent = await h.command(text);
    expect(sent.status).toBe(200);
    return h.answerOf(sent);
  }

  it('stats --by industry posted in the channel shows "<!channel>" as text, and @channel is never sent', async () => {
    await ask(`new "Channel Industry Co" --industry ${HOSTILE.channel}`);
    await ask(`new "Here Industry Co" --industry ${HOSTILE.here}`);
    const stored = await h.app.app.store.customers.list('T0001', {}, { offset: 0, limit: 10 });
    expect(stored.items.map((c) => c.industry)).toEqual(expect.arrayContaining([HOSTILE.channel, HOSTILE.here]));
    const res = await ask('stats --by industry');
    expect(res.args.response_type).toBe('in_channel');
    expect(slackActing(res)).toEqual([]);
    expect(String(res.args.text)).not.toMatch(/<!/);
    // shown, escaped: Slack displays &lt;!channel&gt; as <!channel>
    expect(JSON.stringify(res.args.blocks)).toContain('&lt;!channel&gt;');
  });

  it('a duplicate warning repeats the hostile name without acting on it', async () => {
    await ask(`new "${HOSTILE.user} ${HOSTILE.bold} Acme Trading"`);
    const res = await ask(`new "${HOSTILE.user} ${HOSTILE.bold} Acme Tradin"`);
    expect(JSON.stringify(res.args)).toContain('Acme Trading');
    expect(slackActing(res)).toEqual([]);
    expect(String(res.args.text ?? '')).not.toContain('<@U123>');
  });

  it('an owner notice DM naming hostile people and customers reaches Slack as text', async () => {
    const fake = await startFakeSlack();
    try {
      const client = new webApi.WebClient('xoxb-test', { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
      const notifier = createSlackNotifier({ client, logger: pino({ level: 'silent' }), serves: () => true, options: { attempts: 1 } });
      const reply = noticeReply({
        lang: 'en', timeZone: 'Asia/Shanghai', hourStart: new Date('2026-12-01T02:00:00Z'),
        lines: [{ code: 'C20261201001', name: `${HOSTILE.channel} ${HOSTILE.link}`, events: [{ kind: 'assigned-to', actorId: 'U7' }] }],
        nameOf: () => `${HOSTILE.user} ${HOSTILE.italic}`,
      })!;
      await notifier.sendDirect('T0001', 'U0001', reply, { idempotencyKey: 'notice:1' });
      const [post] = fake.callsOf('chat.postMessage');
      // one line: the notification preview is the line itself, names and all, and notifies no one
      expect(String(post!.args.text)).toContain('&lt;!channel&gt;');
      expect(slackActing(post!)).toEqual([]);
    } finally {
      await fake.close();
    }
  });
});

describe('Feishu: user text never mentions or links', () => {
  let w: FeishuWorld;
  beforeAll(async () => { w = await startFeishuWorld(); });
  afterAll(async () => { await w?.stop(); });

  it('stats --by industry with "<at id=all></at>" as an industry shows it literally, with no <at> in any markdown', async () => {
    await w.ask(`customer new "At All Co" --industry "${HOSTILE.at}"`);
    await w.ask(`customer new "Link Co" --industry "${HOSTILE.link}"`);
    const card = await w.ask('customer stats --by industry');
    const markdown = feishuMarkupTexts(card);
    expect(markdown.join('\n')).toContain('&lt;at id=all&gt;');
    expect(actingIn(markdown)).toEqual([]);
  });
});
