// Property: whatever a person types (any Unicode, any length, markup of both
// platforms mixed in), every renderer's output still holds to the platform's
// rules and none of the markup acts. The text goes into every slot a view
// has: heading, text, fields, list items and details, chart labels, footers,
// select options, form defaults and values re-shown with errors.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderFormWithErrors, renderReply } from '../../adapters/feishu/card.js';
import { renderFieldErrors, renderHome, renderMessage, renderModal } from '../../adapters/slack/render.js';
import type { Lang } from '../../src/domain/types.js';
import type { Form, Reply } from '../../src/views/model.js';
import { validateFeishuCard } from '../helpers/feishu-rules.js';
import { HOSTILE, actingIn, feishuMarkupTexts, slackMarkupTexts } from '../helpers/hostile.js';
import { validateSlackHome, validateSlackMessage, validateSlackModal } from '../helpers/slack-rules.js';

const fragment = fc.oneof(
  fc.constantFrom(...Object.values(HOSTILE), '&amp;', '<', '>', '**', '__', '[a](http://x)', '<font color=red>', '\n', ' ', '客户', '\u200d', '\u0000'),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
);
/** user text: short names to notes past every limit */
const userText = (max: number) => fc.array(fragment, { maxLength: max }).map((parts) => parts.join(''));

interface Typed { name: string; industry: string; note: string; person: string; lang: Lang }
const typed = fc.record({
  name: userText(8), industry: userText(6), note: userText(120), person: userText(4), lang: fc.constantFrom<Lang>('en', 'zh'),
});

function form(u: Typed): Form {
  return {
    id: 'edit', title: `${u.name}`.slice(0, 60) || 'Edit', submitLabel: 'Save', args: { code: 'C20261201001' },
    fields: [
      { name: 'name', label: 'Name', kind: 'text', required: true, maxLength: 100, initial: u.name, placeholder: u.industry },
      { name: 'industry', label: u.industry || 'Industry', kind: 'text', maxLength: 100, initial: u.industry },
      { name: 'owner', label: 'Owner', kind: 'select', options: [{ value: 'U1', label: u.person || 'x' }, { value: 'U2', label: `${u.person}2` }], initial: 'U2' },
      { name: 'needs', label: 'Needs', kind: 'multiselect', options: [{ value: 'price', label: u.industry || 'p' }], initial: ['price', u.name] },
      { name: 'next', label: 'Next', kind: 'date', initial: u.name },
      { name: 'note', label: 'Note', kind: 'textarea', maxLength: 2000, initial: u.note },
    ],
  };
}

function reply(u: Typed): Reply {
  const open = { label: u.name || 'Open', action: { id: 'open' as const, args: { code: 'C20261201001' } } };
  return {
    lang: u.lang, audience: 'channel', summary: `${u.name} · ${u.industry}`,
    blocks: [
      { type: 'heading', text: u.name },
      { type: 'text', text: u.note, tone: 'warning' },
      { type: 'fields', fields: [{ label: 'Name', value: u.name }, { label: u.industry, value: u.note }, { label: 'Owner', value: u.person }] },
      { type: 'list', title: u.industry, items: [{ text: u.name, detail: u.note, actions: [open] }, { text: u.person, actions: [open, open] }], footer: u.note },
      { type: 'chart', chart: 'bar', title: u.industry, data: [{ label: u.industry, value: 3 }, { label: u.name, value: 1 }] },
      { type: 'actions', buttons: [open] },
      { type: 'divider' },
    ],
  };
}

describe('random user text through the renderers', () => {
  it('every Slack payload and Feishu card holds to the rules, and no markup acts', () => {
    fc.assert(fc.property(typed, (u) => {
      const r = reply(u);
      const f = form(u);
      const values = { name: u.note, industry: u.note, note: u.note + u.note + u.note, next: u.industry };
      const slack: [string, string[], unknown][] = [];
      const message = renderMessage(r);
      slack.push(['message', validateSlackMessage(message), message]);
      const modal = renderModal(f, { c: 'C1' }, u.lang, r);
      slack.push(['modal', validateSlackModal(modal), modal]);
      const home = renderHome(r, r);
      slack.push(['home', validateSlackHome(home), home]);
      const errors = renderFieldErrors({ fieldErrors: { name: u.note, [u.person]: u.name }, lang: u.lang }, f);
      expect(Object.keys(errors).every((k) => f.fields.some((x) => x.name === k))).toBe(true);
      for (const [what, violations, payload] of slack) {
        expect(violations, what).toEqual([]);
        expect(actingIn(slackMarkupTexts(payload)), what).toEqual([]);
      }
      const cards = [renderReply(r), renderReply({ ...r, blocks: [{ type: 'form', form: f }] }), renderFormWithErrors(f, values, { name: u.note, next: u.name }, u.lang)];
      for (const card of cards) {
        expect(validateFeishuCard(card)).toEqual([]);
        expect(actingIn(feishuMarkupTexts(card))).toEqual([]);
      }
    }), { numRuns: 150 });
  });
});
