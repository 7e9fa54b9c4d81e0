// Modals, buttons, the card updating after an action, the message shortcut
// and the App Home tab, through the real Bolt against the fake Slack.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeCall } from '../../helpers/fake-slack.js';
import { clickPayload, findButton, shown, startHarness, submitPayload, type Harness } from './harness.js';

let h: Harness;
let code = '';

beforeAll(async () => {
  h = await startHarness();
  const sent = await h.command('new "Ningbo Harbour Logistics" --industry services');
  code = /C\d{11}/.exec(shown(await h.answerOf(sent)))?.[0] ?? '';
});
afterAll(async () => {
  await h?.stop();
});

const viewOf = (call: FakeCall) => call.args.view as Record<string, unknown> & { blocks: { block_id: string }[]; private_metadata: string };

describe('modals', () => {
  it('new with no arguments opens a modal; a field error shows in place, then a good submit creates', async () => {
    const sent = await h.command('new');
    const opened = await h.fake.waitFor('views.open', (c) => c.args.trigger_id === sent.triggerId);
    const view = viewOf(opened);
    expect(view.type).toBe('modal');
    expect(view.blocks.map((b) => b.block_id)).toContain('name');

    const bad = await h.interact(submitPayload(view, { name: '   ' }));
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ response_action: 'errors', errors: { name: expect.any(String) } });

    const good = await h.interact(submitPayload(view, { name: 'Suzhou Garden Hotels', type: 'enterprise', tier: 'key' }));
    expect(good.body).toMatchObject({ response_action: 'clear' });
    const answer = await h.responseOf(sent.responseId);
    expect(shown(answer)).toContain('Suzhou Garden Hotels');
    const found = await h.app.app.store.customers.search('T0001', { text: 'Suzhou Garden', limit: 5 });
    expect(found.map((c) => [c.name, c.tier, c.type])).toEqual([['Suzhou Garden Hotels', 'key', 'enterprise']]);
  });

  it('log with no text opens a modal; an empty phrase is refused in place and nothing is stored', async () => {
    const sent = await h.command('log');
    const view = viewOf(await h.fake.waitFor('views.open', (c) => c.args.trigger_id === sent.triggerId));
    const refused = await h.interact(submitPayload(view, { customer: code, content: '已跟进', via: 'call' }));
    expect(refused.body).toMatchObject({ response_action: 'errors', errors: { content: expect.any(String) } });
    const customer = await h.app.app.store.customers.getByCode('T0001', code);
    expect(await h.app.app.store.interactions.recent('T0001', customer!.id, 5)).toHaveLength(0);

    const ok = await h.interact(submitPayload(view, { customer: code, content: 'Visited the warehouse, they want a quote for Q3', via: 'visit' }));
    expect(ok.body).toMatchObject({ response_action: 'clear' });
    const entries = await h.app.app.store.interactions.recent('T0001', customer!.id, 5);
    expect(entries.map((e) => [e.channel, e.content])).toEqual([['visit', 'Visited the warehouse, they want a quote for Q3']]);
  });
});

describe('the customer card', () => {
  it('Change tier opens a modal from the card, and the card updates after the submit', async () => {
    const sent = await h.command(`show ${code}`);
    const card = await h.answerOf(sent);
    const clickUrl = h.fake.responseUrl(`click-${code}`);
    const click = await h.interact(clickPayload(findButton(card.args.blocks, 'tier', code), { responseUrl: clickUrl }));
    expect(click.status).toBe(200);
    const opened = await h.fake.waitFor('views.open', (c) => (JSON.parse(viewOf(c).private_metadata) as { k?: string }).k === code);
    const view = viewOf(opened);
    expect(view.blocks.map((b) => b.block_id)).toEqual(['tier', 'reason']);

    const done = await h.interact(submitPayload(view, { tier: 'core', reason: 'signed a yearly contract' }));
    expect(done.body).toMatchObject({ response_action: 'clear' });
    const updated = await h.responseOf(`click-${code}`);
    expect(updated.args.replace_original).toBe(true);
    expect(shown(updated)).toContain('Core');
    expect(shown(updated)).toContain('cca-replace'); // still the card, with its buttons
    expect((await h.app.app.store.customers.getByCode('T0001', code))?.tier).toBe('core');
  });

  it('a pick-list answer for an ambiguous name, and picking shows the card', async () => {
    await h.command('new "Ningbo Harbour Logistics Two"');
    const sent = await h.command('show Ningbo');
    const list = await h.answerOf(sent);
    const pick = findButton(list.args.blocks, 'run');
    await h.interact(clickPayload(pick, { responseUrl: h.fake.responseUrl('pick') }));
    const answer = await h.responseOf('pick');
    expect(shown(answer)).toMatch(/C\d{11}/);
    expect(shown(answer)).toContain('cca-replace');
  });
});

describe('message shortcut "Log as follow-up"', () => {
  it('opens the log form with the message as content; submitting logs it as a message', async () => {
    const text = 'Customer says the March shipment arrived damaged and wants a discount';
    const res = await h.interact({
      type: 'message_action', callback_id: 'log_as_followup', token: 'x', trigger_id: 'trigger-shortcut', action_ts: '1.1',
      response_url: h.fake.responseUrl('shortcut'), team: { id: 'T0001', domain: 'fake' }, channel: { id: 'C0042', name: 'ops' },
      user: { id: 'U0001', name: 'alice', team_id: 'T0001' }, message_ts: '1700.1',
      message: { type: 'message', user: 'U0777', ts: '1700.1', text },
    });
    expect(res.status).toBe(200);
    const view = viewOf(await h.fake.waitFor('views.open', (c) => c.args.trigger_id === 'trigger-shortcut'));
    expect(JSON.stringify(view.blocks)).toContain(text);
    const ok = await h.interact(submitPayload(view, { customer: code, content: text, via: 'message' }));
    expect(ok.body).toMatchObject({ response_action: 'clear' });
    const customer = await h.app.app.store.customers.getByCode('T0001', code);
    const entries = await h.app.app.store.interactions.recent('T0001', customer!.id, 5);
    expect(entries[0]).toMatchObject({ content: text, channel: 'message', authorId: 'U0001' });
    expect(shown(await h.responseOf('shortcut'))).toContain(code);
  });
});

describe('digest buttons in a direct message', () => {
  it('Snooze on a digest item sent by the notifier acts and answers beside the digest', async () => {
    const notifier = h.app.app.notifiers.find((n) => n.platform === 'slack')!;
    await notifier.sendDirect('T0001', 'U0001', {
      lang: 'en', audience: 'private', summary: 'Follow-ups due', blocks: [{ type: 'list', title: 'Due', items: [{
        text: `${code} Ningbo Harbour Logistics`,
        actions: [
          { label: 'Log', action: { id: 'log', args: { code } } },
          { label: 'Snooze 3 days', action: { id: 'snooze', args: { code, days: '3' } } },
        ],
      }] }],
    }, { idempotencyKey: 'digest-test' });
    const dm = h.fake.messages.find((m) => JSON.stringify(m.metadata).includes('digest-test'))!;
    const customer = (await h.app.app.store.customers.getByCode('T0001', code))!;
    const snoozes = () => h.app.app.store.audit.list('T0001', { customerId: customer.id, action: 'customer.snooze' }, 50);
    const before = (await snoozes()).length;
    await h.interact(clickPayload(findButton(dm.blocks, 'snooze', code), { responseUrl: h.fake.responseUrl('digest-click'), channelId: dm.channel }));
    const answer = await h.responseOf('digest-click');
    expect(answer.args.replace_original).toBe(false); // the rest of the digest stays
    expect(shown(answer)).toContain(`${code} snoozed for 3 days`);
    expect(await snoozes()).toHaveLength(before + 1);
  });
});

describe('App Home', () => {
  it('shows my due follow-ups when opened, and Snooze refreshes it', async () => {
    // make the customer due: its next follow-up yesterday
    const c = await h.app.app.store.customers.getByCode('T0001', code);
    await h.app.app.store.customers.update('T0001', c!.id, { nextFollowUpAt: new Date(h.app.app.clock.now().getTime() - 2 * 86_400_000) });
    const status = await h.event({ type: 'app_home_opened', user: 'U0001', channel: 'D0001', tab: 'home', event_ts: '1.1' });
    expect(status).toBe(200);
    const published = await h.fake.waitFor('views.publish', (call) => call.args.user_id === 'U0001');
    const home = viewOf(published);
    expect(home.type).toBe('home');
    expect(JSON.stringify(home.blocks)).toContain(code);

    const before = h.fake.callsOf('views.publish').length;
    const snooze = findButton(home.blocks, 'snooze', code);
    await h.interact(clickPayload(snooze, { view: { id: 'VHOME', type: 'home', hash: 'h', blocks: home.blocks, private_metadata: '' } }));
    await h.fake.waitFor('views.publish', () => h.fake.callsOf('views.publish').length > before);
    expect(h.fake.callsOf('views.open').filter((c) => (c.args.view as { type: string }).type === 'modal' && !(c.args.view as { submit?: unknown }).submit)).toHaveLength(0);
    expect(JSON.stringify(h.fake.callsOf('views.publish').at(-1)!.args.view)).toContain(`${code} snoozed for 3 days`);
    const after = await h.app.app.store.customers.getByCode('T0001', code);
    expect(after!.nextFollowUpAt!.getTime()).toBeGreaterThan(h.app.app.clock.now().getTime());
  });
});
