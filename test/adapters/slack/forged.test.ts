// Permissions before any effect (issue 12 item 6): a member who forges a
// button's value or re-submits an admin's modal gets "not allowed", and the
// service neither calls Slack (beyond answering on the response_url), nor
// reads a file, nor writes. Each action of the engine is forged in turn.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FakeCall } from '../../helpers/fake-slack.js';
import { clickPayload, findButton, shown, startHarness, submitPayload, userOf, type Harness } from './harness.js';

const TENANT = 'T0001';
const MEMBER = userOf('U0002');
let h: Harness;
let code = '';

async function snapshot(): Promise<string> {
  const store = h.app.app.store;
  const customer = await store.customers.getByCode(TENANT, code);
  const entries = await store.interactions.recent(TENANT, customer!.id, 50);
  const audit = await store.audit.list(TENANT, {}, 1000);
  const total = (await store.customers.list(TENANT, { includeArchived: true }, { offset: 0, limit: 1 })).total;
  return JSON.stringify({ customer, entries, audit, total });
}

/** calls since `from`, other than the answers posted to response_urls */
function effectsSince(from: number): FakeCall[] {
  return h.fake.calls.slice(from).filter((c) => c.method !== 'response_url');
}

const viewOf = (call: FakeCall) => call.args.view as Record<string, unknown> & { blocks: { block_id: string }[] };

beforeAll(async () => {
  h = await startHarness();
  code = /C\d{11}/.exec(shown(await h.answerOf(await h.command('new "Ningbo Harbour Logistics" --industry services'))))?.[0] ?? '';
  await h.command('log Ningbo Harbour Logistics "Called about the Q3 quote, they want 5% off" --next 2026-12-20');
  // the member is known (users.info done) before anything is forged
  await h.answerOf(await h.command('help', { userId: 'U0002' }));
});
afterAll(async () => { await h?.stop(); });

describe('a member forging buttons on a customer someone else owns', () => {
  const forged: [string, Record<string, string>][] = [
    ['run-import', { ref: 'F_SECRET', strict: '0' }],
    ['reveal', {}],
    ['snooze', { days: '3' }],
    ['accept-tier', { tier: 'core' }],
    ['log', {}],
    ['edit', {}],
    ['tier', {}],
    ['lost', {}],
    ['assign', {}],
  ];
  it.each(forged)('%s: refused, no Slack call, no file read, nothing written', async (id, args) => {
    h.fake.files.set('F_SECRET', { name: 'salaries-2026.csv', bytes: Buffer.from('name\nx\n') });
    const before = await snapshot();
    const from = h.fake.calls.length;
    const value = JSON.stringify({ id, args: id === 'run-import' ? args : { code, ...args } });
    const responseId = `forged-${id}`;
    const res = await h.interact(clickPayload({ action_id: 'cca:0:0:0', block_id: 'cca-replace:0', value }, {
      user: MEMBER, responseUrl: h.fake.responseUrl(responseId), channelId: 'C0001',
    }));
    expect(res.status).toBe(200);
    const answer = shown(await h.responseOf(responseId));
    expect(answer).toMatch(/没有权限|not allowed/);
    expect(answer).not.toContain('salaries');
    expect(effectsSince(from).map((c) => c.method)).toEqual([]);
    expect(await snapshot()).toBe(before);
  });
});

describe('a member re-submitting an admin\'s modal', () => {
  const forms = ['log', 'edit', 'tier', 'lost', 'assign'] as const;
  it.each(forms)('%s: refused, nothing written, no Slack call', async (id) => {
    // the admin opens the form from the card's button
    const card = await h.answerOf(await h.command(`show ${code}`));
    const button = findButton(card.args.blocks, id, code);
    const opened = h.fake.callsOf('views.open').length;
    await h.interact(clickPayload(button, { responseUrl: h.fake.responseUrl(`open-${id}`) }));
    await h.fake.waitFor('views.open', () => h.fake.callsOf('views.open').length > opened);
    const view = viewOf(h.fake.callsOf('views.open')[opened]!);
    const values: Record<string, string> = {
      content: 'Forged note from a member', via: 'call', name: 'Forged name', tier: 'core', reason: 'forged',
      status: 'lost', owner: 'U0002', lostReason: 'price',
    };
    const before = await snapshot();
    const from = h.fake.calls.length;
    const res = await h.interact(submitPayload(view, values, MEMBER));
    expect(res.status).toBe(200);
    // the refusal shows in the modal (field error) or on the response_url the modal carries
    const body = JSON.stringify(res.body ?? '');
    if (!/没有权限|not allowed/.test(body)) {
      expect(shown(await h.responseOf(`open-${id}`))).toMatch(/没有权限|not allowed/);
    }
    expect(effectsSince(from).map((c) => c.method)).toEqual([]);
    expect(await snapshot()).toBe(before);
  });
});
