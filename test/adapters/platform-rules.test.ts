// The validators themselves: each published rule refuses a payload that
// breaks it (a validator that cannot fail proves nothing), accepts one that
// keeps it, and the fakes answer a broken payload as the platforms do.
import { describe, expect, it } from 'vitest';
import { startFakeFeishu } from '../helpers/fake-feishu.js';
import { startFakeSlack } from '../helpers/fake-slack.js';
import { validateFeishuCard } from '../helpers/feishu-rules.js';
import { validateSlackHome, validateSlackMessage, validateSlackModal } from '../helpers/slack-rules.js';

const plain = (text: string) => ({ type: 'plain_text', text });
const mrkdwn = (text: string) => ({ type: 'mrkdwn', text });
const section = (text = 'hi') => ({ type: 'section', text: mrkdwn(text) });
const button = (over: object = {}) => ({ type: 'button', action_id: 'a', text: plain('Go'), value: 'v', ...over });
const input = (element: object, over: object = {}) => ({ type: 'input', block_id: 'b', label: plain('Label'), element: { action_id: 'x', ...element }, ...over });
const modal = (over: object = {}) => ({ type: 'modal', title: plain('Title'), submit: plain('Save'), blocks: [section()], ...over });

describe('Slack rules', () => {
  const bad: [string, () => string[], RegExp][] = [
    ['no text and no blocks', () => validateSlackMessage({ text: '' }), /no_text/],
    ['51 blocks in a message', () => validateSlackMessage({ text: 'x', blocks: Array.from({ length: 51 }, () => section()) }), /51 blocks, max 50/],
    ['section text over 3000', () => validateSlackMessage({ text: 'x', blocks: [section('x'.repeat(3001))] }), /max 3000/],
    ['empty text object', () => validateSlackMessage({ text: 'x', blocks: [section('')] }), /at least 1/],
    ['11 fields', () => validateSlackMessage({ text: 'x', blocks: [{ type: 'section', fields: Array.from({ length: 11 }, () => mrkdwn('f')) }] }), /1–10/],
    ['a field over 2000', () => validateSlackMessage({ text: 'x', blocks: [{ type: 'section', fields: [mrkdwn('f'.repeat(2001))] }] }), /max 2000/],
    ['mrkdwn in a header', () => validateSlackMessage({ text: 'x', blocks: [{ type: 'header', text: mrkdwn('h') }] }), /plain_text/],
    ['a header over 150', () => validateSlackMessage({ text: 'x', blocks: [{ type: 'header', text: plain('h'.repeat(151)) }] }), /max 150/],
    ['26 elements in actions', () => validateSlackMessage({ text: 'x', blocks: [{ type: 'actions', elements: Array.from({ length: 26 }, (_, i) => button({ action_id: `a${i}` })) }] }), /1–25/],
    ['a repeated action_id in a block', () => validateSlackMessage({ text: 'x', blocks: [{ type: 'actions', elements: [button(), button()] }] }), /not unique in its block/],
    ['a repeated block_id', () => validateSlackMessage({ text: 'x', blocks: [{ ...section(), block_id: 'q' }, { ...section(), block_id: 'q' }] }), /"q" is not unique/],
    ['a button label over 75', () => validateSlackMessage({ text: 'x', blocks: [{ type: 'actions', elements: [button({ text: plain('b'.repeat(76)) })] }] }), /max 75/],
    ['a button value over 2000', () => validateSlackMessage({ text: 'x', blocks: [{ type: 'actions', elements: [button({ value: 'v'.repeat(2001) })] }] }), /2000/],
    ['an input element in actions', () => validateSlackMessage({ text: 'x', blocks: [{ type: 'actions', elements: [{ type: 'plain_text_input', action_id: 'p' }] }] }), /not allowed here/],
    ['a file block in a modal', () => validateSlackModal(modal({ blocks: [{ type: 'file', external_id: 'f', source: 'remote' }] })), /not available in a modal/],
    ['a modal title over 24', () => validateSlackModal(modal({ title: plain('t'.repeat(25)) })), /max 24/],
    ['a modal submit over 24', () => validateSlackModal(modal({ submit: plain('s'.repeat(25)) })), /max 24/],
    ['inputs without submit', () => validateSlackModal(modal({ submit: undefined, blocks: [input({ type: 'plain_text_input' })] })), /submit.*required/],
    ['private_metadata over 3000', () => validateSlackModal(modal({ private_metadata: 'm'.repeat(3001) })), /3000/],
    ['101 blocks in a home tab', () => validateSlackHome({ type: 'home', blocks: Array.from({ length: 101 }, () => section()) }), /max 100/],
    ['initial_value longer than max_length', () => validateSlackModal(modal({ blocks: [input({ type: 'plain_text_input', max_length: 5, initial_value: '123456' })] })), /longer than max_length/],
    ['max_length over 3000', () => validateSlackModal(modal({ blocks: [input({ type: 'plain_text_input', max_length: 3001 })] })), /1–3000/],
    ['an initial_option not among the options', () => validateSlackModal(modal({ blocks: [input({ type: 'static_select', options: [{ text: plain('A'), value: 'a' }], initial_option: { text: plain('B'), value: 'b' } })] })), /exactly match/],
    ['101 options', () => validateSlackModal(modal({ blocks: [input({ type: 'static_select', options: Array.from({ length: 101 }, (_, i) => ({ text: plain(`o${i}`), value: `o${i}` })) })] })), /max 100/],
    ['an option value over 75', () => validateSlackModal(modal({ blocks: [input({ type: 'static_select', options: [{ text: plain('A'), value: 'a'.repeat(76) }] })] })), /75/],
    ['a datepicker date not YYYY-MM-DD', () => validateSlackModal(modal({ blocks: [input({ type: 'datepicker', initial_date: '2026/12/01' })] })), /YYYY-MM-DD/],
    ['a placeholder over 150', () => validateSlackModal(modal({ blocks: [input({ type: 'plain_text_input', placeholder: plain('p'.repeat(151)) })] })), /max 150/],
  ];
  for (const [name, run, rule] of bad) {
    it(`refuses ${name}`, () => {
      const found = run();
      expect(found.some((v) => rule.test(v)), found.join('\n')).toBe(true);
    });
  }

  it('accepts a payload that keeps every rule', () => {
    expect(validateSlackMessage({ text: 'x', blocks: [section(), { type: 'actions', block_id: 'r', elements: [button()] }, { type: 'context', elements: [mrkdwn('c')] }, { type: 'divider' }] })).toEqual([]);
    expect(validateSlackModal(modal({ blocks: [input({ type: 'plain_text_input', max_length: 2000, initial_value: 'ok', multiline: true })] }))).toEqual([]);
  });

  it('the fake answers invalid_blocks, as Slack does, and fails the test that sent it', async () => {
    const fake = await startFakeSlack();
    const body = new URLSearchParams({ channel: 'C1', text: 'x', blocks: JSON.stringify(Array.from({ length: 51 }, () => section())) });
    const res = await fetch(`${fake.apiUrl}chat.postMessage`, { method: 'POST', body, headers: { authorization: 'Bearer xoxb-1' } });
    expect(await res.json()).toMatchObject({ ok: false, error: 'invalid_blocks' });
    expect(fake.messages).toHaveLength(0);
    await expect(fake.close()).rejects.toThrow(/Slack would refuse/);
  });
});

const card = (elements: unknown[], over: object = {}) => ({ schema: '2.0', config: { update_multi: true }, body: { elements }, ...over });
const submit = { tag: 'button', name: 'submit', text: { tag: 'plain_text', content: 'Save' }, form_action_type: 'submit', behaviors: [{ type: 'callback', value: {} }] };
const form = (elements: unknown[]) => ({ tag: 'form', name: 'f', elements: [...elements, submit] });
const inputEl = (over: object = {}) => ({ tag: 'input', name: 'i', ...over });

describe('Feishu card 2.0 rules', () => {
  const bad: [string, unknown, RegExp][] = [
    ['a 1.0 card', { elements: [] }, /schema/],
    ['update_multi false', card([], { config: { update_multi: false } }), /update_multi/],
    ['an unsupported property', card([{ tag: 'markdown', content: 'x', wide: true }]), /not supported/],
    ['an input max_length of 2000', card([form([inputEl({ max_length: 2000 })])]), /1–1000/],
    ['a default longer than max_length', card([form([inputEl({ max_length: 10, default_value: 'x'.repeat(11) })])]), /longer than max_length/],
    ['a date picker with neither placeholder nor initial date', card([form([{ tag: 'date_picker', name: 'd' }])]), /placeholder or an initial_date/],
    ['a date not yyyy-MM-dd', card([form([{ tag: 'date_picker', name: 'd', initial_date: '12/01/2026' }])]), /yyyy-MM-dd/],
    ['a form without a submit button', card([{ tag: 'form', name: 'f', elements: [inputEl()] }]), /submit button/],
    ['a field without a name in a form', card([form([{ tag: 'input' }])]), /name is required/],
    ['two fields with one name', card([form([inputEl(), inputEl()])]), /not unique/],
    ['a form inside a column', card([{ tag: 'column_set', columns: [{ tag: 'column', elements: [form([])] }] }]), /root|not allowed/],
    ['required outside a form', card([inputEl({ required: true })]), /only allowed inside a form/],
    ['a submit button outside a form', card([submit]), /only allowed inside a form/],
    ['a select initial_option not among the options', card([form([{ tag: 'select_static', name: 's', options: [{ text: { tag: 'plain_text', content: 'A' }, value: 'a' }], initial_option: 'b' }])]), /one of the options/],
    ['a callback value that is not an object', card([{ tag: 'button', text: { tag: 'plain_text', content: 'b' }, behaviors: [{ type: 'callback', value: 'x' }] }]), /must be an object/],
    ['an unknown button type', card([{ tag: 'button', text: { tag: 'plain_text', content: 'b' }, type: 'big' }]), /unknown button type/],
    ['a chart without a spec', card([{ tag: 'chart' }]), /VChart spec/],
    ['six charts', card(Array.from({ length: 6 }, () => ({ tag: 'chart', chart_spec: { type: 'bar' } }))), /at most 5/],
    ['a placeholder over 100', card([form([inputEl({ placeholder: { tag: 'plain_text', content: 'p'.repeat(101) } })])]), /max 100/],
    ['201 components', card(Array.from({ length: 201 }, () => ({ tag: 'hr' }))), /at most 200/],
    ['a card over 30 KB', card([{ tag: 'markdown', content: 'x'.repeat(31_000) }]), /bytes/],
    ['containers six deep', card([[1, 2, 3].reduce<unknown>((inner) => ({ tag: 'column_set', columns: [{ tag: 'column', elements: [inner] }] }), { tag: 'hr' })]), /nest/],
  ];
  for (const [name, value, rule] of bad) {
    it(`refuses ${name}`, () => {
      const found = validateFeishuCard(value);
      expect(found.some((v) => rule.test(v)), found.join('\n')).toBe(true);
    });
  }

  it('accepts a card that keeps every rule', () => {
    expect(validateFeishuCard(card([
      { tag: 'markdown', content: '**a**' },
      form([inputEl({ max_length: 1000, default_value: 'ok', input_type: 'multiline_text', rows: 3, required: true }), { tag: 'date_picker', name: 'd', placeholder: { tag: 'plain_text', content: 'Pick' } }]),
      { tag: 'chart', aspect_ratio: '16:9', chart_spec: { type: 'pie' } },
    ], { header: { title: { tag: 'plain_text', content: 'T' }, template: 'blue' } }))).toEqual([]);
  });

  it('the fake answers a refused card with Feishu\'s card error and fails the test that sent it', async () => {
    const fake = await startFakeFeishu();
    const token = (await (await fetch(`${fake.url}/open-apis/auth/v3/tenant_access_token/internal`, { method: 'POST' })).json() as { tenant_access_token: string }).tenant_access_token;
    const res = await fetch(`${fake.url}/open-apis/im/v1/messages?receive_id_type=open_id`, {
      method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ receive_id: 'ou_1', msg_type: 'interactive', content: JSON.stringify(card([form([inputEl({ max_length: 2000 })])])) }),
    });
    expect(await res.json()).toMatchObject({ code: 230099 });
    expect(fake.messages).toHaveLength(0);
    await expect(fake.close()).rejects.toThrow(/Feishu would refuse/);
  });
});
