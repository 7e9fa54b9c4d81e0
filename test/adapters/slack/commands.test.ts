// /customer <verb> through the real Bolt: signed requests in, answers on the
// response_url of the fake Slack, data in the store.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { shown, startHarness, type Harness } from './harness.js';

let h: Harness;
let code = '';

beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.stop();
});

async function ask(text: string, who?: Parameters<Harness['command']>[1]) {
  const sent = await h.command(text, who);
  expect(sent.status).toBe(200);
  return h.answerOf(sent);
}

describe('/customer verbs', () => {
  it('new creates a customer and answers privately with its card', async () => {
    const res = await ask('new "Hangzhou Cloudstack Technology" --industry internet --phone 13812345678');
    expect(res.args.response_type).toBe('ephemeral');
    const text = shown(res);
    code = /C\d{11}/.exec(text)?.[0] ?? '';
    expect(code).not.toBe('');
    const stored = await h.app.app.store.customers.getByCode('T0001', code);
    expect(stored?.name).toBe('Hangzhou Cloudstack Technology');
    expect(stored?.ownerId).toBe('U0001');
    // the person was recorded with the time zone Slack gave
    const person = await h.app.app.store.people.get('T0001', 'U0001');
    expect(person?.timeZone).toBe('Asia/Shanghai');
    expect(person?.role).toBe('admin');
    expect(h.fake.callsOf('users.info').some((c) => c.args.include_locale === 'true' || c.args.include_locale === true)).toBe(true);
  });

  it('show, find and list answer with the customer', async () => {
    for (const text of [`show ${code}`, 'find Cloudstack', 'list all']) {
      const res = await ask(text);
      expect(shown(res), text).toContain(code);
    }
  });

  it('log records a follow-up, and an empty phrase is refused', async () => {
    const ok = await ask(`log ${code} Discussed renewal pricing, wants a call next week --via call`);
    expect(shown(ok)).toContain(code);
    const customer = await h.app.app.store.customers.getByCode('T0001', code);
    const entries = await h.app.app.store.interactions.recent('T0001', customer!.id, 5);
    expect(entries.map((e) => e.content)).toContain('Discussed renewal pricing, wants a call next week');
    const refused = await ask(`log ${code} followed up`);
    expect(shown(refused)).toMatch(/:x:|:warning:/);
    expect(await h.app.app.store.interactions.recent('T0001', customer!.id, 5)).toHaveLength(1);
  });

  it('edit, tier, status, deal, assign change the customer', async () => {
    await ask(`edit ${code} --region Hangzhou`);
    await ask(`tier ${code} key --reason bigger orders`);
    await ask(`deal ${code} 12000`);
    await ask('help'); // bob must have used the bot once to be assignable by name
    const assigned = await ask(`assign ${code} <@U0002|bob>`);
    expect(shown(assigned)).not.toContain(':x:');
    const c = await h.app.app.store.customers.getByCode('T0001', code);
    expect(c).toMatchObject({ region: 'Hangzhou', tier: 'key', ownerId: 'U0002', dealCount: 1 });
    const lost = await ask(`status ${code} lost --reason went to a competitor`);
    expect(shown(lost)).not.toContain(':x:');
    expect((await h.app.app.store.customers.getByCode('T0001', code))?.status).toBe('lost');
  });

  it('due and help answer privately; help follows the person\'s language', async () => {
    expect((await ask('due')).args.response_type).toBe('ephemeral');
    const zh = await ask('help', { userId: 'U0002' });
    expect(shown(zh)).toMatch(/\p{Script=Han}/u);
  });

  it('stats is posted visibly in the channel, with a text chart', async () => {
    const res = await ask('stats');
    expect(res.args.response_type).toBe('in_channel');
    expect(shown(res)).toContain('█');
  });

  it('a second workspace cannot see the first one\'s customers', async () => {
    const other = { teamId: 'T0002', userId: 'U9001' };
    expect(shown(await ask('find Cloudstack', other))).not.toContain(code);
    expect(shown(await ask(`show ${code}`, other))).not.toContain('Hangzhou Cloudstack');
    const created = await ask('new "Second Workspace Co"', other);
    const otherCode = /C\d{11}/.exec(shown(created))?.[0];
    expect(await h.app.app.store.customers.getByCode('T0002', otherCode!)).not.toBeNull();
    expect(shown(await ask('find Second Workspace'))).not.toContain('Second Workspace Co');
  });

  it('answers in the ack when quick, and through the response_url when the work outlasts the ack budget', async () => {
    const quick = await h.command('help');
    expect(quick.ack?.blocks).toBeDefined();
    h.fake.users.set('U0003', { id: 'U0003', name: 'dave', tz: 'Asia/Tokyo', locale: 'en-US' });
    h.fake.delayNext('users.info', 1500); // a slow Slack delays who-is-asking past the budget
    const slow = await h.command('help', { userId: 'U0003' });
    expect(slow.status).toBe(200);
    expect(slow.ack?.blocks).toBeUndefined();
    const later = await h.responseOf(slow.responseId);
    expect(shown(later)).toContain('find');
  });

  it('an unknown verb gets a specific message and writes nothing', async () => {
    const before = await h.app.app.store.customers.list('T0001', { includeArchived: true }, { offset: 0, limit: 100 });
    const res = await ask('frobnicate everything');
    expect(shown(res)).toContain('frobnicate');
    const after = await h.app.app.store.customers.list('T0001', { includeArchived: true }, { offset: 0, limit: 100 });
    expect(after.total).toBe(before.total);
  });
});
