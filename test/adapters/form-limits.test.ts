// Forms fit the platform: a field holds as much in a Slack modal and in a
// Feishu form card as the domain allows (src/domain/limits.ts), within each
// platform's own input limits; a 2000-character note typed in Feishu's two
// inputs is stored whole; a re-shown or prefilled form never carries a
// default longer than its input.
import type { types } from '@slack/bolt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FEISHU_INPUT_MAX, readFormValues } from '../../adapters/feishu/card-form.js';
import { renderFormWithErrors, renderReply } from '../../adapters/feishu/card.js';
import { prefill } from '../../adapters/slack/listeners/shortcuts.js';
import { renderModal } from '../../adapters/slack/render.js';
import { TEXT_LIMITS } from '../../src/domain/limits.js';
import type { Form, Reply } from '../../src/views/model.js';
import { makeHarness, type Harness } from '../helpers/engine.js';
import { validateFeishuCard } from '../helpers/feishu-rules.js';
import { validateSlackModal } from '../helpers/slack-rules.js';
import { buttonValue, elementsOf, startFeishuWorld, T1, type FeishuWorld } from './feishu/harness.js';

type Json = Record<string, unknown>;

/** the plain_text_input of a modal's input block */
const inputOf = (view: types.ModalView, name: string): types.PlainTextInput | undefined => {
  const block = view.blocks.find((b) => b.type === 'input' && b.block_id === name) as types.InputBlock | undefined;
  return block?.element.type === 'plain_text_input' ? block.element : undefined;
};

const formOf = (reply: Reply): Form => {
  const b = reply.blocks.find((x) => x.type === 'form');
  if (!b || b.type !== 'form') throw new Error('no form');
  return b.form;
};

/** Feishu inputs of a field: the field itself, then name__2, name__3… */
const partsOf = (card: Json, name: string): Json[] => elementsOf(card).filter((e) => e.tag === 'input' && (e.name === name || String(e.name).startsWith(`${name}__`)));

describe('form fields hold the same on every platform', () => {
  let h: Harness;
  const forms: Form[] = [];
  beforeAll(async () => {
    h = await makeHarness({ admins: ['boss'] });
    await h.say('boss', 'new "Limits Co" --industry retail');
    const { items } = await h.store.customers.list('t1', {}, { offset: 0, limit: 1 });
    const code = items[0]!.code;
    forms.push(formOf((await h.say('boss', 'new')).reply));
    for (const id of ['log', 'edit', 'tier', 'assign', 'lost'] as const) forms.push(formOf(await h.engine.handleAction(h.caller('boss'), { id, args: { code } })));
  });

  it('the domain limits are the forms\' limits: notes 2000, names and short fields 100', () => {
    const byName = new Map(forms.flatMap((f) => f.fields.map((x) => [`${f.id}.${x.name}`, x.maxLength] as const)));
    expect(byName.get('new.note')).toBe(TEXT_LIMITS.note);
    expect(byName.get('log.content')).toBe(TEXT_LIMITS.note);
    expect(byName.get('new.industry')).toBe(TEXT_LIMITS.short);
  });

  it('a Slack modal and a Feishu form card give every text field exactly its domain limit', () => {
    for (const form of forms) {
      const reply: Reply = { lang: 'en', audience: 'private', summary: form.title, blocks: [{ type: 'form', form }] };
      const modal = renderModal(form, {}, 'en', undefined);
      expect(validateSlackModal(modal)).toEqual([]);
      const card = renderReply(reply) as Json;
      expect(validateFeishuCard(card)).toEqual([]);
      for (const field of form.fields.filter((f) => f.maxLength)) {
        expect(inputOf(modal, field.name)?.max_length, field.name).toBe(field.maxLength);
        const parts = partsOf(card, field.name);
        expect(parts.length).toBe(Math.ceil(field.maxLength! / FEISHU_INPUT_MAX));
        expect(parts.every((p) => (p.max_length as number) <= FEISHU_INPUT_MAX)).toBe(true);
        expect(parts.reduce((sum, p) => sum + (p.max_length as number), 0), field.name).toBe(field.maxLength);
      }
    }
  });

  it('a form shown again with a 2000-character note splits it over the inputs, each within its max_length, and reads it back whole', () => {
    const form = forms.find((f) => f.id === 'new')!;
    const note = Array.from({ length: TEXT_LIMITS.note }, (_, i) => '客户续约😀'[i % 5]).join('');
    const card = renderFormWithErrors(form, { name: 'x', note }, { name: 'bad' }, 'zh') as Json;
    expect(validateFeishuCard(card)).toEqual([]);
    const parts = partsOf(card, 'note');
    for (const p of parts) expect(Array.from(String(p.default_value)).length).toBeLessThanOrEqual(p.max_length as number);
    const raw = Object.fromEntries(parts.map((p) => [p.name as string, p.default_value]));
    expect(readFormValues(form.fields, raw).note).toBe(note);
  });

  it('a date picker always has a placeholder or an initial date (the log form\'s next follow-up)', () => {
    const form = forms.find((f) => f.id === 'log')!;
    const card = renderReply({ lang: 'zh', audience: 'private', summary: '', blocks: [{ type: 'form', form }] }) as Json;
    const picker = elementsOf(card).find((e) => e.tag === 'date_picker');
    expect(picker?.placeholder ?? picker?.initial_date).toBeTruthy();
    expect(picker?.placeholder).toMatchObject({ tag: 'plain_text', content: '选择日期' });
  });

  it('a Slack message picked for "Log as follow-up" longer than the note is cut to the input, never past max_length', () => {
    const form = forms.find((f) => f.id === 'log')!;
    const modal = renderModal(prefill(form, 'x'.repeat(5000)), {}, 'en', undefined);
    expect(validateSlackModal(modal)).toEqual([]);
    expect(inputOf(modal, 'content')?.initial_value?.length).toBe(TEXT_LIMITS.note);
  });
});

describe('Feishu: a 2000-character note typed in the form card is stored whole', () => {
  let w: FeishuWorld;
  beforeAll(async () => { w = await startFeishuWorld(); });
  afterAll(async () => { await w?.stop(); });

  it('the two halves come back joined, in order', async () => {
    const card = await w.ask('customer new');
    const first = `${'甲'.repeat(999)}|`;
    const second = `|${'乙'.repeat(999)}`;
    const res = await w.click(buttonValue(card, 'Create'), { formValue: { name: 'Long Note Co', note: first, note__2: second } });
    expect(res.toast).toMatchObject({ type: 'success' });
    const [made] = await w.test.app.store.customers.search(T1, { text: 'Long Note Co', limit: 1 });
    expect(made?.notes).toBe(first + second);
    expect(made?.notes?.length).toBe(TEXT_LIMITS.note);
  });
});
