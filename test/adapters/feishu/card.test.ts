// The card 2.0 renderer on every block type of the neutral view model.
import { describe, expect, it } from 'vitest';
import { renderFormWithErrors, renderReply } from '../../../adapters/feishu/card.js';
import { isFormSubmitValue, readFormValues } from '../../../adapters/feishu/card-form.js';
import { escapeMarkdown, isButtonValue } from '../../../adapters/feishu/card-parts.js';
import type { Form, Reply } from '../../../src/views/model.js';

type Json = Record<string, unknown>;

/** every element of a card, depth first, through columns and forms */
function walk(node: unknown, out: Json[] = []): Json[] {
  if (Array.isArray(node)) {
    node.forEach((n) => walk(n, out));
  } else if (typeof node === 'object' && node !== null) {
    const o = node as Json;
    if (typeof o.tag === 'string') out.push(o);
    for (const key of ['elements', 'columns', 'body']) if (key in o) walk(o[key], out);
  }
  return out;
}

const form: Form = {
  id: 'log',
  title: 'Log a follow-up',
  submitLabel: 'Save',
  args: { code: 'C20261122001' },
  fields: [
    { name: 'content', label: 'What was discussed', kind: 'textarea', required: true, maxLength: 2000 },
    { name: 'via', label: 'Channel', kind: 'select', initial: 'call', options: [{ value: 'call', label: 'Call' }, { value: 'visit', label: 'Visit' }] },
    { name: 'needs', label: 'Needs', kind: 'multiselect', options: [{ value: 'price', label: 'Price-sensitive' }, { value: 'fast', label: 'Fast response' }] },
    { name: 'next', label: 'Next follow-up', kind: 'date', initial: '2026-12-01' },
    { name: 'deal', label: 'Deal amount', kind: 'number', placeholder: '12000' },
  ],
};

describe('Feishu card renderer', () => {
  it('renders a customer card: header from the heading, escaped fields, buttons carrying their action', () => {
    const reply: Reply = {
      lang: 'en',
      audience: 'private',
      summary: 'ACME *Ltd*',
      blocks: [
        { type: 'heading', text: 'ACME *Ltd* (C20261122001)' },
        { type: 'fields', fields: [{ label: 'Tier', value: 'core' }, { label: 'Phone', value: '138****5678' }] },
        { type: 'divider' },
        { type: 'actions', buttons: [
          { label: 'Log follow-up', action: { id: 'log', args: { code: 'C20261122001' } }, style: 'primary' },
          { label: 'Mark lost', action: { id: 'lost', args: { code: 'C20261122001' } }, style: 'danger' },
        ] },
      ],
    };
    const card = renderReply(reply);
    expect(card.schema).toBe('2.0');
    expect(card.header).toMatchObject({ title: { tag: 'plain_text', content: 'ACME *Ltd* (C20261122001)' } });
    const elements = walk(card.body);
    const md = elements.find((e) => e.tag === 'markdown');
    expect(md?.content).toBe('**Tier**: core\n**Phone**: 138&#42;&#42;&#42;&#42;5678');
    expect(elements.some((e) => e.tag === 'hr')).toBe(true);
    const buttons = elements.filter((e) => e.tag === 'button');
    expect(buttons.map((b) => (b.text as Json).content)).toEqual(['Log follow-up', 'Mark lost']);
    expect(buttons.map((b) => b.type)).toEqual(['primary', 'danger']);
    const value = (buttons[0]!.behaviors as Json[])[0]!.value;
    expect(value).toEqual({ action: 'log', args: { code: 'C20261122001' }, lang: 'en' });
    expect(isButtonValue(value)).toBe(true);
  });

  it('renders text with its tone and lists with pick buttons, details and footer', () => {
    const card = renderReply({
      lang: 'zh', audience: 'private', summary: '找到 2 个客户',
      blocks: [
        { type: 'text', text: '有 2 个客户同名，请选择', tone: 'warning' },
        { type: 'list', title: '客户', footer: '第 1 页', items: [
          { text: 'ACME 科技', detail: 'C20261122001 · 张三', actions: [{ label: '查看', action: { id: 'open', args: { code: 'C20261122001' } } }] },
          { text: 'ACME 贸易' },
        ] },
      ],
    });
    expect(card.header).toBeUndefined();
    const elements = walk(card.body);
    const texts = elements.filter((e) => e.tag === 'div').map((e) => e.text as Json);
    expect(texts[0]).toMatchObject({ content: '有 2 个客户同名，请选择', text_color: 'orange' });
    expect(texts.map((t) => t.content)).toEqual(['有 2 个客户同名，请选择', '客户', 'ACME 科技', 'C20261122001 · 张三', 'ACME 贸易', '第 1 页']);
    const pick = elements.find((e) => e.tag === 'button');
    expect((pick?.behaviors as Json[])[0]!.value).toEqual({ action: 'open', args: { code: 'C20261122001' }, lang: 'zh' });
  });

  it('renders a chart component with a VChart spec and the numbers as text', () => {
    const data = [{ label: 'core', value: 3 }, { label: 'key', value: 5 }, { label: 'potential', value: 0 }];
    for (const kind of ['bar', 'pie'] as const) {
      const card = renderReply({ lang: 'en', audience: 'channel', summary: 'Customers by tier', blocks: [{ type: 'chart', chart: kind, title: 'Customers by tier', data }] });
      const elements = walk(card.body);
      const chart = elements.find((e) => e.tag === 'chart');
      const spec = chart?.chart_spec as Json;
      expect(spec.type).toBe(kind);
      expect((spec.data as Json).values).toEqual(data);
      if (kind === 'bar') expect(spec).toMatchObject({ xField: 'label', yField: 'value' });
      else expect(spec).toMatchObject({ categoryField: 'label', valueField: 'value' });
      expect(elements.find((e) => e.tag === 'markdown')?.content).toBe('core: **3**\nkey: **5**\npotential: **0**');
    }
  });

  it('renders a form with inputs, selects, a date picker and a submit that carries the form back', () => {
    const card = renderReply({ lang: 'en', audience: 'private', summary: 'Log a follow-up', blocks: [{ type: 'form', form }] });
    expect(card.header).toMatchObject({ title: { content: 'Log a follow-up' } });
    const elements = walk(card.body);
    const container = elements.find((e) => e.tag === 'form');
    expect(container?.name).toBe('form_log');
    const byName = Object.fromEntries(elements.filter((e) => typeof e.name === 'string').map((e) => [e.name, e]));
    // a 2000-character note is two inputs of Feishu's 1000 (card 2.0 input: max_length 1–1000)
    expect(byName.content).toMatchObject({ tag: 'input', input_type: 'multiline_text', required: true, max_length: 1000, label: { content: 'What was discussed * (1/2)' } });
    expect(byName.content__2).toMatchObject({ tag: 'input', input_type: 'multiline_text', required: false, max_length: 1000 });
    expect(byName.via).toMatchObject({ tag: 'select_static', initial_option: 'call' });
    expect((byName.via!.options as Json[]).map((o) => o.value)).toEqual(['call', 'visit']);
    expect(byName.needs).toMatchObject({ tag: 'multi_select_static' });
    expect(byName.next).toMatchObject({ tag: 'date_picker', initial_date: '2026-12-01' });
    expect(byName.deal).toMatchObject({ tag: 'input', placeholder: { content: '12000' } });
    const submit = byName.submit!;
    expect(submit).toMatchObject({ tag: 'button', form_action_type: 'submit', type: 'primary' });
    const value = (submit.behaviors as Json[])[0]!.value;
    expect(isFormSubmitValue(value)).toBe(true);
    expect(value).toMatchObject({ form: 'log', args: { code: 'C20261122001' }, lang: 'en' });
  });

  it('shows a form again with the typed values and a message under each bad field', () => {
    const values = { content: 'talked', via: 'visit', next: '2020-01-01' };
    const card = renderFormWithErrors(form, values, { next: 'Next follow-up: 2020-01-01 is in the past', other: 'Something else' }, 'en');
    expect(card.header).toMatchObject({ template: 'red' });
    const elements = walk(card.body);
    const texts = elements.filter((e) => e.tag === 'div').map((e) => (e.text as Json).content);
    expect(texts).toEqual(['Please correct the marked fields and submit again.', 'Something else', 'Next follow-up: 2020-01-01 is in the past']);
    const byName = Object.fromEntries(elements.filter((e) => typeof e.name === 'string').map((e) => [e.name, e]));
    expect(byName.content?.default_value).toBe('talked');
    expect(byName.via?.initial_option).toBe('visit');
    expect(byName.next?.initial_date).toBe('2020-01-01');
    // the error sits right after its field
    const nextAt = elements.indexOf(byName.next!);
    expect((elements[nextAt + 1]!.text as Json).content).toBe('Next follow-up: 2020-01-01 is in the past');
  });

  it('reads form values as the engine wants them', () => {
    expect(readFormValues(form.fields, {
      content: ' met at the fair ', via: 'visit', needs: ['price', 'fast'], next: '2026-12-01 +0800', deal: '',
    })).toEqual({ content: ' met at the fair ', via: 'visit', needs: ['price', 'fast'], next: '2026-12-01', deal: undefined });
    expect(readFormValues(form.fields, undefined)).toEqual({});
  });

  it('escapes markdown in user text', () => {
    expect(escapeMarkdown('[a](http://x) **b** <at id=all></at>')).toBe('&#91;a&#93;&#40;http://x&#41; &#42;&#42;b&#42;&#42; &lt;at id=all&gt;&lt;/at&gt;');
  });
});
