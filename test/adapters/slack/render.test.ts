import { describe, expect, it } from 'vitest';
import {
  ACTION_PREFIX, ITEM_BLOCK, REPLACE_BLOCK, decodeAction, decodeMeta, escapeMrkdwn, readFormValues, renderBlocks, renderFieldErrors,
  renderHome, renderMessage, renderModal,
} from '../../../adapters/slack/render.js';
import { prefill } from '../../../adapters/slack/listeners/shortcuts.js';
import type { Form, Reply } from '../../../src/views/model.js';

const card: Reply = {
  lang: 'en',
  audience: 'private',
  summary: 'Acme · C20261122001',
  blocks: [
    { type: 'heading', text: 'Acme <Ltd> · C20261122001' },
    { type: 'fields', fields: Array.from({ length: 12 }, (_, i) => ({ label: `F${i}`, value: i === 0 ? '' : `v${i}` })) },
    { type: 'text', text: 'Saved & done', tone: 'success' },
    { type: 'list', title: 'Recent', items: [
      { text: 'one', detail: 'first', actions: [{ label: 'Open', action: { id: 'open', args: { code: 'C1' } } }] },
      { text: 'two', actions: [
        { label: 'Log', action: { id: 'log', args: { code: 'C2' } } },
        { label: 'Snooze', action: { id: 'snooze', args: { code: 'C2', days: '3' } } },
      ] },
    ], footer: 'page 1/1' },
    { type: 'divider' },
    { type: 'chart', chart: 'bar', title: 'By tier', data: [{ label: '核心客户', value: 2 }, { label: 'regular', value: 4 }, { label: 'key', value: 0 }] },
    { type: 'actions', buttons: [
      { label: 'Log follow-up', action: { id: 'log', args: { code: 'C20261122001' } }, style: 'primary' },
      { label: 'Mark lost', action: { id: 'lost', args: { code: 'C20261122001' } }, style: 'danger' },
    ] },
  ],
};

describe('Block Kit renderer', () => {
  it('renders every block type of the neutral view within Slack limits', () => {
    const { text, blocks } = renderMessage(card);
    expect(text).toBe('Acme · C20261122001');
    const types = blocks.map((b) => b.type);
    expect(types[0]).toBe('header');
    // 12 fields → two sections (Slack allows 10 fields a section)
    const fieldSections = blocks.filter((b) => b.type === 'section' && 'fields' in b && b.fields);
    expect(fieldSections.map((b) => (b as { fields: unknown[] }).fields.length)).toEqual([10, 2]);
    expect(JSON.stringify(blocks)).toContain('—'); // an empty value still shows something
    expect(JSON.stringify(blocks)).toContain(':white_check_mark: Saved &amp; done');
    expect(types).toContain('divider');
    expect(types).toContain('context'); // list footer
    const chart = JSON.stringify(blocks.find((b) => b.type === 'section' && JSON.stringify(b).includes('By tier')));
    expect(chart).toContain('regular');
    expect(chart).toMatch(/█+ 4/);
    expect(chart).toContain('key');
  });

  it('escapes user text so it cannot become a mention or a link', () => {
    const { blocks } = renderMessage({ lang: 'en', audience: 'private', summary: 's', blocks: [{ type: 'text', text: '<!channel> <https://evil|x> & co' }] });
    const text = (blocks[0] as { text: { text: string } }).text.text;
    expect(text).toBe('&lt;!channel&gt; &lt;https://evil|x&gt; &amp; co');
  });

  it('neutralises formatting markers that touch a word boundary, in blocks and in the notification text', () => {
    const J = '\u2060';
    expect(escapeMrkdwn('*ACME* _x_ ~x~ `x`')).toBe(`${J}*${J}ACME${J}*${J} ${J}_${J}x${J}_${J} ${J}~${J}x${J}~${J} ${J}\`${J}x${J}\`${J}`);
    // inside a word a marker formats nothing in Slack: an e-mail address stays copyable
    expect(escapeMrkdwn('zhang_san@example.com 3*4')).toBe('zhang_san@example.com 3*4');
    // but a backtick opens code even inside a word (found by the property test: A`code`a)
    expect(escapeMrkdwn('A`code`a')).toBe(`A${J}\`${J}code${J}\`${J}a`);
    const { text } = renderMessage({ lang: 'en', audience: 'channel', summary: '<!here> *ACME*', blocks: [] });
    expect(text).toBe(`&lt;!here&gt; ${J}*${J}ACME${J}*${J}`);
  });

  it('buttons carry the ActionRef as their value; card buttons replace, list buttons answer beside', () => {
    const blocks = renderBlocks(card);
    const actions = blocks.filter((b) => b.type === 'actions') as { block_id: string; elements: { action_id: string; value: string; style?: string }[] }[];
    const cardActions = actions.find((a) => a.block_id.startsWith(REPLACE_BLOCK));
    expect(cardActions?.elements.map((e) => decodeAction(e.value))).toEqual([
      { id: 'log', args: { code: 'C20261122001' } }, { id: 'lost', args: { code: 'C20261122001' } },
    ]);
    expect(cardActions?.elements.map((e) => e.style)).toEqual(['primary', 'danger']);
    const itemActions = actions.find((a) => a.block_id.startsWith(ITEM_BLOCK));
    expect(itemActions?.elements).toHaveLength(2);
    // a single button sits beside its item as an accessory
    const withAccessory = blocks.find((b) => b.type === 'section' && 'accessory' in b && b.accessory) as { accessory: { value: string; action_id: string } } | undefined;
    expect(decodeAction(withAccessory?.accessory.value)).toEqual({ id: 'open', args: { code: 'C1' } });
    const ids = JSON.stringify(blocks).match(new RegExp(`"${ACTION_PREFIX}[^"]+"`, 'g')) ?? [];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('keeps a long list under 50 blocks and says how much was left out', () => {
    const items = Array.from({ length: 80 }, (_, i) => ({ text: `item ${i}`, actions: [
      { label: 'Log', action: { id: 'log' as const, args: { code: `C${i}` } } },
      { label: 'Open', action: { id: 'open' as const, args: { code: `C${i}` } } },
    ] }));
    const blocks = renderBlocks({ lang: 'zh', audience: 'private', summary: 'x', blocks: [{ type: 'list', items }] });
    expect(blocks).toHaveLength(50);
    expect(JSON.stringify(blocks.at(-1))).toContain('还有');
  });

  it('never lets a malformed button value through', () => {
    expect(decodeAction('not json')).toBeNull();
    expect(decodeAction('{"id":1}')).toBeNull();
    expect(decodeAction('{"id":"open","args":{"code":"C1","x":{"$gt":""}}}')).toEqual({ id: 'open', args: { code: 'C1' } });
  });
});

const form: Form = {
  id: 'log', title: 'Log a follow-up for a customer with a long name', submitLabel: 'Save', args: { customer: 'C1' },
  fields: [
    { name: 'customer', label: 'Customer', kind: 'text', required: true },
    { name: 'content', label: 'What was discussed', kind: 'textarea', required: true, maxLength: 2000 },
    { name: 'via', label: 'Via', kind: 'select', options: [{ value: 'call', label: 'Call' }, { value: 'message', label: 'Message' }], initial: 'call' },
    { name: 'needs', label: 'Needs', kind: 'multiselect', options: [{ value: 'a', label: 'A' }, { value: 'b', label: 'B' }], initial: ['b'] },
    { name: 'next', label: 'Next', kind: 'date', initial: '2026-12-01' },
    { name: 'deal', label: 'Deal', kind: 'number' },
    { name: 'empty', label: 'No options', kind: 'select', options: [] },
  ],
};

describe('forms as modals', () => {
  it('renders each field kind as an input whose block_id is the field name', () => {
    const view = renderModal(form, { r: 'https://hooks.slack.com/x', c: 'C9', k: 'C1' }, 'en', undefined);
    expect(view.title.text.length).toBeLessThanOrEqual(24);
    expect(view.submit?.text).toBe('Save');
    const inputs = view.blocks as { type: string; block_id: string; optional: boolean; element: Record<string, unknown> }[];
    expect(inputs.map((b) => [b.block_id, b.element.type, b.optional])).toEqual([
      ['customer', 'plain_text_input', false],
      ['content', 'plain_text_input', false],
      ['via', 'static_select', true],
      ['needs', 'multi_static_select', true],
      ['next', 'datepicker', true],
      ['deal', 'plain_text_input', true],
      ['empty', 'plain_text_input', true],
    ]);
    expect(inputs[1]!.element.multiline).toBe(true);
    expect((inputs[2]!.element.initial_option as { value: string }).value).toBe('call');
    expect(inputs[4]!.element.initial_date).toBe('2026-12-01');
    expect(decodeMeta(view.private_metadata)).toMatchObject({ f: 'log', a: { customer: 'C1' }, r: 'https://hooks.slack.com/x', c: 'C9', k: 'C1' });
  });

  it('reads submitted values back and maps field errors onto the inputs', () => {
    const values = readFormValues({
      content: { content: { type: 'plain_text_input', value: 'Talked price' } },
      via: { via: { type: 'static_select', selected_option: { value: 'message' } } },
      needs: { needs: { type: 'multi_static_select', selected_options: [{ value: 'a' }, { value: 'b' }] } },
      next: { next: { type: 'datepicker', selected_date: null } },
      deal: { deal: { type: 'plain_text_input', value: null } },
    });
    expect(values).toEqual({ content: 'Talked price', via: 'message', needs: ['a', 'b'], next: undefined, deal: undefined });
    expect(renderFieldErrors({ lang: 'en', fieldErrors: { content: 'Say what was discussed', ghost: 'x' } }, form))
      .toEqual({ content: 'Say what was discussed', customer: 'x' });
  });

  it('the shortcut puts the message into the content field and picks "message"', () => {
    const filled = prefill(form, 'Client asked for a quote by Friday');
    expect(filled.fields.find((f) => f.name === 'content')?.initial).toBe('Client asked for a quote by Friday');
    expect(filled.fields.find((f) => f.name === 'via')?.initial).toBe('message');
  });

  it('the Home tab shows a notice above the due list', () => {
    const home = renderHome(card, { lang: 'en', audience: 'private', summary: 'ok', blocks: [{ type: 'text', text: 'Snoozed' }] });
    expect(home.type).toBe('home');
    expect(JSON.stringify(home.blocks[0])).toContain('Snoozed');
    expect(home.blocks[1]!.type).toBe('divider');
  });
});
